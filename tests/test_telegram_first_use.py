"""What a practitioner meets first in Telegram, through the fake Bot API over real HTTP:
menus, /help, /whoami, board aliases, buttons, sources, contact lines and the allow-list."""

from __future__ import annotations

import logging

import pytest
from test_telegram_e2e import say
from test_telegram_helpers import (  # noqa: F401 - fixtures
    USER,
    api_fixture,
    bot_settings,
    knowledge_dir_fixture,
    running_bot,
    settle,
    timedelta_retry_after_fixture,
)

from bot.reminders.telegram_commands import register

pytestmark = pytest.mark.e2e
ADMIN = 7


def buttons(params: dict) -> list[dict]:
    markup = params.get("reply_markup") or {"inline_keyboard": []}
    return [b for row in markup["inline_keyboard"] for b in row]


async def test_menus_scope_admin_commands_to_admins(api, knowledge_dir, tmp_path):
    """Everyone's menu leaves out /done, /reopen and /reload; each admin's chat has them."""
    settings = bot_settings(knowledge_dir, api, tmp_path, admins=frozenset({ADMIN}))
    async with running_bot(settings, plugins=[register]):
        calls = await api.await_for("setMyCommands", 2)
    everyone = [c["command"] for c in calls[0]["params"]["commands"]]
    assert "scope" not in calls[0]["params"]
    for name in ("subscribe", "unsubscribe", "reminders", "calendar", "history", "whoami"):
        assert name in everyone
    assert not {"done", "reopen", "reload"} & set(everyone)
    assert calls[1]["params"]["scope"] == {"type": "chat", "chat_id": ADMIN}
    admin = [c["command"] for c in calls[1]["params"]["commands"]]
    assert {"done", "reopen", "reload"} <= set(admin) and set(everyone) <= set(admin)
    assert len(admin) == len(set(admin))


async def test_help_lists_every_command(api, knowledge_dir, tmp_path):
    """/help names every command; admins' own are described to admins, named to others."""
    settings = bot_settings(knowledge_dir, api, tmp_path, admins=frozenset({ADMIN}))
    async with running_bot(settings, plugins=[register]):
        text = (await say(api, "/help"))[0]["params"]["text"]
        admin_text = (await say(api, "/help", chat=ADMIN))[0]["params"]["text"]
    for name in ("subscribe", "unsubscribe", "reminders", "calendar", "history", "whoami"):
        assert f"/{name} - " in text
    assert "For partnership admins: /done, /reopen, /reload." in text
    assert "/done - Admins:" not in text
    assert "/done - Admins:" in admin_text and "/reload - Admins:" in admin_text


async def test_board_aliases_find_the_board_without_buttons(api, knowledge_dir, tmp_path):
    """/board risk, tasking, review and voice answer with that board, no "did you mean"."""
    settings = bot_settings(knowledge_dir, api, tmp_path)
    async with running_bot(settings):
        for word in ("risk", "tasking", "review", "voice"):
            reply = (await say(api, f"/board {word}"))[0]["params"]
            assert reply["text"].startswith(f"<b>{word.capitalize()} Board (affiliated board)")
            assert buttons(reply) == []


async def test_sources_about_and_contact_lines_say_things_once(api, knowledge_dir, tmp_path):
    """/boards names each source section once; /about the year once; a contact line does
    not repeat its label in its hours."""
    settings = bot_settings(knowledge_dir, api, tmp_path)
    async with running_bot(settings):
        boards = (await say(api, "/boards"))[0]["params"]["text"]
        about = (await say(api, "/about"))[0]["params"]["text"]
        contact = (await say(api, "/contact child"))[0]["params"]["text"]
    sources = boards.split("<i>Sources: ")[1].removesuffix("</i>").split("; ")
    assert len(sources) == len(set(sources)) and "Our partnership arrangements (p. 4)" in sources
    assert "2019-20 (2019-20)" not in about and "Annual Report 2019-20, " in about
    assert "(out of office hours): 01908 265545 (whenever the MASH is closed" in contact
    assert "(out of office hours (" not in contact


async def test_weak_did_you_mean_is_not_offered(api, knowledge_dir, tmp_path):
    """Questions with only far-fetched matches get no buttons; a close typo still does."""
    settings = bot_settings(knowledge_dir, api, tmp_path)
    async with running_bot(settings):
        for question in (
            "allegation against a teacher who do I contact",
            "what is the police non emergency number",
        ):
            reply = (await say(api, question))[0]["params"]
            assert buttons(reply) == [], question
            assert "Did you mean" not in reply["text"]
        typo = (await say(api, "what does the quality board"))[0]["params"]
    labels = [b["text"] for b in buttons(typo)]
    assert labels and len(labels) == len(set(labels))


async def test_a_pressed_suggestion_loses_its_buttons(api, knowledge_dir, tmp_path):
    """Pressing "did you mean" answers the question and removes the buttons it came with."""
    settings = bot_settings(knowledge_dir, api, tmp_path)
    async with running_bot(settings):
        unsure = (await say(api, "what does the quality board"))[0]
        data = buttons(unsure["params"])[0]["callback_data"]
        before = len(api.sent_texts(USER))
        api.push_update(api.make_callback(USER, data, message_id=unsure["result"]["message_id"]))
        await api.await_for("sendMessage", before + 1)
        edits = await api.await_for("editMessageReplyMarkup")
    assert edits[0]["params"]["message_id"] == unsure["result"]["message_id"]
    assert "reply_markup" not in edits[0]["params"]
    assert api.unknown_methods == []


async def test_whoami_gives_the_ids_even_outside_the_allow_list(
    api, knowledge_dir, tmp_path, caplog
):
    """/whoami gives the chat and user ids; outside the allow-list it is refused with them,
    and the log line names the chat."""
    settings = bot_settings(knowledge_dir, api, tmp_path, allowed_chats=frozenset({USER}))
    caplog.set_level(logging.INFO, logger="sgbot.telegram")
    async with running_bot(settings):
        mine = (await say(api, "/whoami"))[0]["params"]["text"]
        group = (await say(api, "/whoami", chat=-100123, chat_type="group", user_id=USER))[0]
        outside = (await say(api, "/whoami", chat=555))[0]["params"]["text"]
        await settle(api, api.make_message(556, "what is marac"))
    assert f"This chat's id: {USER}" in mine and f"Your user id: {USER}" in mine
    assert "This chat's id: -100123" in group["params"]["text"]
    assert outside.startswith("Sorry, this assistant is only open")
    assert "This chat's id: 555" in outside
    logged = [r.getMessage() for r in caplog.records]
    assert any("from chat 556, outside the allow-list" in m for m in logged)
    assert not any("marac" in m for m in logged)


def test_buttons_are_never_doubled():
    """Suggestions that differ only in case give one button, in their first order."""
    from bot.adapters.telegram_handlers import _unique

    assert _unique(["Tasking Board", "what is MASH", "tasking board", "Tasking Board"]) == [
        "Tasking Board",
        "what is MASH",
    ]
