"""The real ``sgbot run`` process against the fake Bot API server (polling and webhook)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fake_bot_api import FakeBotAPI, get, post_json
from test_telegram_helpers import TOKEN, USER, knowledge_copy

from bot.config import ROOT

pytestmark = pytest.mark.e2e
SGBOT = Path(sys.executable).parent / "sgbot"
QUESTION = "what is marac, asks Jane Doe of 1 Acacia Avenue"


def _env(api: FakeBotAPI, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SGBOT_", "TELEGRAM_"))}
    env.pop("PTB_TIMEDELTA", None)
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        SGBOT_TELEGRAM_API_URL=api.base_url,
        SGBOT_KNOWLEDGE_DIR=str(knowledge_copy(tmp_path / "knowledge")),
        SGBOT_DATABASE_URL=f"sqlite:///{tmp_path / 'sgbot.sqlite3'}",
        SGBOT_NO_CACHE="1",
        SGBOT_LOG_LEVEL="DEBUG",
        **extra,
    )
    return env


def _start(env: dict[str, str], tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    log = tmp_path / "sgbot.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [str(SGBOT), "run"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err
        )
    return proc, log


def _stop(proc: subprocess.Popen) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise


def _assert_clean(log: Path) -> str:
    text = log.read_text(encoding="utf-8", errors="replace")
    assert TOKEN not in text and TOKEN.split(":", 1)[1] not in text
    assert "Jane Doe" not in text and "Acacia" not in text
    return text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sgbot_run_polls_answers_and_never_logs_the_token(tmp_path):
    """`sgbot run` (DEBUG logging) answers over long polling; its stderr has no token or text."""
    with FakeBotAPI(token=TOKEN) as api:
        proc, log = _start(_env(api, tmp_path), tmp_path)
        try:
            api.wait_for("getUpdates", timeout=30)
            menu = [c["command"] for c in api.calls_to("setMyCommands")[0]["params"]["commands"]]
            assert {"start", "define", "subscribe", "reminders", "actions"} <= set(menu)
            assert len(menu) == len(set(menu))
            api.push_update(api.make_message(USER, "/start"))
            api.push_update(api.make_message(USER, QUESTION))
            api.push_update(api.make_message(USER, "/subscribe risk meetings"))
            api.wait_for("sendMessage", 3, timeout=15)
        finally:
            code = _stop(proc)
        texts = api.sent_texts(USER)
    assert code == 0
    assert "not a referral route" in texts[0]
    assert "Multi-Agency Risk Assessment Conference" in texts[1]
    assert texts[2].startswith("This chat now follows meetings of Risk Board")
    assert "bot running (long polling)" in _assert_clean(log)


def test_sgbot_run_rejected_token_exits_without_printing_it(tmp_path):
    """A token the server refuses (401) ends `sgbot run` with status 1 and no token in stderr."""
    with FakeBotAPI(token="999:OTHER") as api:
        env = _env(api, tmp_path)
        env["TELEGRAM_BOT_TOKEN"] = TOKEN
        proc, log = _start(env, tmp_path)
        code = proc.wait(timeout=30)
    assert code == 1
    assert "rejected the bot token" in _assert_clean(log)


def test_sgbot_run_webhook_mode(tmp_path):
    """With SGBOT_WEBHOOK_URL: setWebhook with the secret, 403 on a wrong secret, /healthz."""
    port = _free_port()
    secret = "hook-SECRET_0123"
    with FakeBotAPI(token=TOKEN) as api:
        env = _env(
            api,
            tmp_path,
            SGBOT_WEBHOOK_URL="https://bot.example.org/tg",
            SGBOT_WEBHOOK_SECRET=secret,
            SGBOT_WEBHOOK_PORT=str(port),
        )
        proc, log = _start(env, tmp_path)
        try:
            api.wait_for("setWebhook", timeout=30)
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 10
            while get(base + "/healthz")[0] != 200:
                assert time.monotonic() < deadline
                time.sleep(0.05)
            update = {"update_id": 5, **api.make_message(USER, "/define MARAC")}
            assert (
                post_json(base + "/tg", update, {"X-Telegram-Bot-Api-Secret-Token": "no"})[0] == 403
            )
            ok = post_json(base + "/tg", update, {"X-Telegram-Bot-Api-Secret-Token": secret})
            assert ok[0] == 200
            api.wait_for("sendMessage", timeout=10)
        finally:
            code = _stop(proc)
        assert api.calls_to("setWebhook")[0]["params"]["secret_token"] == secret
    assert code == 0
    text = _assert_clean(log)
    assert secret not in text
