"""The bot survives 429, 5xx and 403 answers; nothing is lost or doubled; logs stay clean."""

from __future__ import annotations

import logging
from collections import Counter

import pytest
from test_telegram_helpers import (  # noqa: F401 - fixtures
    TOKEN,
    USER,
    api_fixture,
    bot_settings,
    knowledge_dir_fixture,
    running_bot,
    settle,
    timedelta_retry_after_fixture,
)

from bot.adapters import telegram_logging

pytestmark = pytest.mark.e2e


async def test_429_and_5xx_are_retried_and_every_reply_arrives_once(api, knowledge_dir, tmp_path):
    """A 429 (retry_after=1), two 500s and a 502 on getUpdates: each reply arrives exactly once."""
    async with running_bot(bot_settings(knowledge_dir, api, tmp_path)):
        await settle(api, api.make_message(USER, "/start"))
        api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
        await settle(api, api.make_message(USER, "/contact child"))
        api.fail_next("sendMessage", 500, "Internal Server Error", count=2)
        await settle(api, api.make_message(USER, "/define MARAC"))
        api.fail_next("getUpdates", 502, "Bad Gateway")
        await settle(api, api.make_message(USER, "/boards"))
        chats = list(range(101, 111))
        api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
        for chat in chats:
            api.push_update(api.make_message(chat, "what is marac"))
        await settle(api, api.make_message(USER, "/about"))
    failed = Counter(c["status"] for c in api.calls_to("sendMessage") if c["status"] != 200)
    assert failed == {429: 2, 500: 2}
    assert api.calls_to("getUpdates")[0]["status"] == 200
    assert any(c["status"] == 502 for c in api.calls_to("getUpdates"))
    texts = api.sent_texts(USER)
    assert len(texts) == 5 and "01908 253169" in texts[1] and "MARAC" in texts[2]
    per_chat = Counter(c["params"]["chat_id"] for c in api.calls_to("sendMessage", ok_only=True))
    assert all(per_chat[chat] == 1 for chat in chats)


async def test_blocked_chat_is_logged_without_text_and_the_bot_goes_on(
    api, knowledge_dir, tmp_path, caplog
):
    """A 403 from a blocked chat reaches the error handler; logs hold no message text or token."""
    secret_question = "what is marac for Jane Doe at 1 Acacia Avenue"
    caplog.set_level(logging.DEBUG)
    saved = {n: logging.getLogger(n).level for n in ("httpx", "httpcore", "telegram")}
    telegram_logging.quiet_libraries(logging.DEBUG)
    try:
        async with running_bot(bot_settings(knowledge_dir, api, tmp_path)):
            api.block_chat(666)
            blocked = api.make_message(666, secret_question)
            blocked["update_id"] = api.next_update_id()
            await settle(api, blocked)
            await settle(api, api.make_message(USER, secret_question))
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)
    assert [c["status"] for c in api.calls_to("sendMessage") if c["params"]["chat_id"] == 666] == [
        403
    ]
    assert "Multi-Agency" in api.sent_texts(USER)[0]
    warned = [r.getMessage() for r in caplog.records if r.name == "sgbot.telegram"]
    assert [m for m in warned if "Forbidden" in m] == [
        f"update {blocked['update_id']}: Forbidden: Forbidden: bot was blocked by the user"
    ]
    logged = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    assert "Acacia" not in logged and "Jane Doe" not in logged
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged


def test_redacting_formatter_hides_the_token_in_messages_and_tracebacks():
    """The token (and its secret half alone) never survive formatting, tracebacks included."""
    formatter = telegram_logging.RedactingFormatter([TOKEN, None, "hook-secret"])
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected; hook-secret")
    except RuntimeError as exc:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "url /bot%s/getMe", (TOKEN,), (type(exc), exc, None)
        )
    text = formatter.format(record)
    key = TOKEN.split(":")[1]
    assert key not in text and "hook-secret" not in text
    assert text.count(telegram_logging.REDACTED) == 3
    assert "was rejected" in text


def test_describe_error_leaves_out_the_message():
    """The error handler's description has the type and stack, never the exception text."""
    words = "Jane" + " Doe"
    try:
        raise ValueError(f"a user's words: {words}")
    except ValueError as exc:
        described = telegram_logging.describe_error(exc)
    assert described.startswith("builtins.ValueError")
    assert "test_describe_error_leaves_out_the_message" in described
    assert "Jane Doe" not in described
