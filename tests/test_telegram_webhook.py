"""Webhook mode: the secret token is required and checked, /healthz answers, updates flow."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from fake_bot_api import get, post_json
from test_telegram_helpers import (  # noqa: F401 - fixtures
    NOW,
    USER,
    api_fixture,
    bot_settings,
    knowledge_dir_fixture,
    timedelta_retry_after_fixture,
)

from bot.adapters.telegram import build_application, serve_webhook
from bot.adapters.telegram_webhook import check_webhook_settings
from bot.config import Settings
from bot.errors import ConfigError
from bot.testing import FixedClock

SECRET = "s3cret_Token-1"
HOOK = "https://bot.example.org/sgbot/telegram"


def test_webhook_needs_a_secret_token():
    """Without SGBOT_WEBHOOK_SECRET (or with characters Telegram refuses) it will not start."""
    base = Settings(telegram_token="1:x", webhook_url=HOOK)
    with pytest.raises(ConfigError, match="SGBOT_WEBHOOK_SECRET is required"):
        check_webhook_settings(base)
    with pytest.raises(ConfigError, match="may only hold"):
        check_webhook_settings(dataclasses.replace(base, webhook_secret="has space"))
    with pytest.raises(ConfigError, match="not an http"):
        check_webhook_settings(dataclasses.replace(base, webhook_url="ftp:/x", webhook_secret="a"))
    ok = dataclasses.replace(base, webhook_secret=SECRET)
    assert check_webhook_settings(ok) == "/sgbot/telegram"


def test_run_refuses_webhook_mode_without_secret(tmp_path):
    """`run` raises ConfigError before touching the network when the secret is missing."""
    from bot.adapters.telegram import run

    settings = Settings(
        telegram_token="1:x", webhook_url=HOOK, knowledge_dir=tmp_path, cache_dir=None
    )
    with pytest.raises(ConfigError):
        run(settings)


@pytest.mark.e2e
async def test_webhook_checks_the_secret_and_answers(api, knowledge_dir, tmp_path):
    """Wrong or missing secret -> 403; the right one -> the update is answered; /healthz 200."""
    settings = bot_settings(
        knowledge_dir,
        api,
        tmp_path,
        webhook_url=HOOK,
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=0,
    )
    app = build_application(settings, clock=FixedClock(NOW))
    stop = asyncio.Event()
    ready: asyncio.Future = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(serve_webhook(app, settings, stop, ready.set_result))
    server = await asyncio.wait_for(ready, 5)
    base = f"http://127.0.0.1:{server.port}"
    url = base + "/sgbot/telegram"
    try:
        [hook] = api.calls_to("setWebhook")
        assert hook["params"]["url"] == HOOK and hook["params"]["secret_token"] == SECRET
        assert api.calls_to("setMyCommands")
        health = await asyncio.to_thread(get, base + "/healthz")
        assert health[0] == 200 and b'"ok": true' in health[1]

        update = api.make_message(USER, "/define MARAC")
        update["update_id"] = 1
        wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
        assert (await asyncio.to_thread(post_json, url, update, wrong))[0] == 403
        assert (await asyncio.to_thread(post_json, url, update))[0] == 403
        right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        assert (await asyncio.to_thread(post_json, url, update, right))[0] == 200
        [sent] = await api.await_for("sendMessage")
        assert "Multi-Agency Risk Assessment Conference" in sent["params"]["text"]
        broken = await asyncio.to_thread(post_json, url, {"update_id": "x", "message": 5}, right)
        assert broken[0] == 400
        update = api.make_message(USER, "what is marac")
        update["update_id"] = 2
        assert (await asyncio.to_thread(post_json, url, update, right))[0] == 200
        await api.await_for("sendMessage", 2)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert len(api.calls_to("sendMessage")) == 2
    assert not api.calls_to("getUpdates")
