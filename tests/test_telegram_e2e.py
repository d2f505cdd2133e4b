"""The real PTB Application, long polling the fake Bot API server over HTTP."""

from __future__ import annotations

import pytest
from fake_bot_api import FakeBotAPI
from test_telegram_helpers import (  # noqa: F401 - fixtures
    USER,
    api_fixture,
    bot_settings,
    knowledge_dir_fixture,
    running_bot,
    timedelta_retry_after_fixture,
)

pytestmark = pytest.mark.e2e


async def say(api: FakeBotAPI, text: str, expect: int = 1, chat: int = USER, **kw) -> list[dict]:
    """Send ``text`` as chat ``chat`` and wait for ``expect`` more sendMessage calls."""
    before = len(api.calls_to("sendMessage", ok_only=True))
    api.push_update(api.make_message(chat, text, **kw))
    calls = await api.await_for("sendMessage", before + expect)
    return calls[before:]


async def test_conversation_covers_every_command(api, knowledge_dir, tmp_path):
    """Each command, free text, a suggestion button and an inline query get their answers."""
    settings = bot_settings(knowledge_dir, api, tmp_path)
    async with running_bot(settings):
        menu = (await api.await_for("setMyCommands"))[0]["params"]["commands"]
        assert [c["command"] for c in menu] == [
            "start",
            "help",
            "contact",
            "define",
            "board",
            "boards",
            "actions",
            "about",
            "whoami",
        ]
        start = (await say(api, "/start"))[0]["params"]
        assert start["parse_mode"] == "HTML"
        assert "not a referral route" in start["text"] and "999" in start["text"]
        assert "/define" in (await say(api, "/help"))[0]["params"]["text"]
        assert "01908 253169" in (await say(api, "/contact child"))[0]["params"]["text"]
        assert "01908 253772" in (await say(api, "/contact adult"))[0]["params"]["text"]
        assert "Usage: /contact" in (await say(api, "/contact martians"))[0]["params"]["text"]
        usage = (await say(api, "/define"))[0]["params"]["text"]  # its example: a term it has
        assert usage.startswith("Usage: /define TERM, e.g. /define ") and "MARAC" not in usage
        marac = (await say(api, "/define MARAC"))[0]["params"]["text"]
        assert marac.startswith("<b>MARAC: Multi-Agency Risk Assessment Conference</b>")
        assert "<i>Source: Glossary" in marac
        assert "Risk Board" in (await say(api, "/board risk"))[0]["params"]["text"]
        assert "boards and bodies" in (await say(api, "/boards"))[0]["params"]["text"]
        assert "Risk Board" in (await say(api, "/actions risk"))[0]["params"]["text"]
        assert "Knowledge base version" in (await say(api, "/about"))[0]["params"]["text"]
        free = (await say(api, "what is marac"))[0]["params"]["text"]
        assert "Multi-Agency Risk Assessment Conference" in free

        unsure = (await say(api, "what does the quality board"))[0]["params"]
        buttons = [b for row in unsure["reply_markup"]["inline_keyboard"] for b in row]
        assert buttons and all(len(b["callback_data"].encode()) <= 64 for b in buttons)
        api.push_update(api.make_callback(USER, buttons[0]["callback_data"]))
        await api.await_for("answerCallbackQuery")
        pressed = (await api.await_for("sendMessage", 13))[-1]["params"]
        assert buttons[0]["text"] in pressed["text"]

        api.push_update(api.make_inline_query("marac"))
        inline = (await api.await_for("answerInlineQuery"))[0]["params"]["results"]
        assert 1 <= len(inline) <= 50
        assert "MARAC" in inline[0]["title"]
        assert inline[0]["input_message_content"]["parse_mode"] == "HTML"
    assert len(api.calls_to("sendMessage")) == 14  # nothing doubled
