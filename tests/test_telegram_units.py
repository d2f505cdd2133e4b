"""Small pieces of the Telegram adapter, without a server."""

from __future__ import annotations

from telegram import Bot, Update

from bot.adapters.telegram import file_url, menu
from bot.adapters.telegram_context import SuggestionKeys
from bot.adapters.telegram_handlers import COMMANDS, _addressed
from bot.adapters.telegram_logging import secrets_to_hide

BOT_ID = 123456


def test_suggestion_keys_fit_in_64_bytes_and_expire():
    """Short suggestions travel whole; long ones get a short key, the oldest forgotten."""
    keys = SuggestionKeys(size=2)
    assert keys.key("what is MARAC") == "q:what is MARAC"
    long = ["what is the " + "very " * 12 + f"long board {i}" for i in range(3)]
    data = [keys.key(s) for s in long]
    assert all(len(d.encode()) <= 64 for d in data)
    assert keys.question(data[2]) == long[2] and keys.question(data[1]) == long[1]
    assert keys.question(data[0]) is None  # evicted
    assert keys.question("q:what is MARAC") == "what is MARAC"
    accents = "é" * 40  # 80 bytes in UTF-8 although 40 characters
    assert keys.key(accents).startswith("s:")


def test_file_url_follows_the_bot_api_layout():
    """`.../bot` becomes `.../file/bot` for a local Bot API server."""
    assert file_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_url("http://127.0.0.1:8081/bot/") == "http://127.0.0.1:8081/file/bot"
    assert file_url("https://api.example.org/x") == "https://api.example.org/x/file/bot"


def test_menu_keeps_core_order_and_adds_plugin_commands_once():
    """A plugin's description replaces the core one in place; new commands come last."""
    merged = menu({"actions": "Live actions", "subscribe": "Reminders"})
    names = [c for c, _ in merged]
    assert names == [c for c, _ in COMMANDS] + ["subscribe"]
    assert dict(merged)["actions"] == "Live actions"


def _message(text: str, entities: list[dict] | None = None, reply_from: int | None = None):
    data = {
        "message_id": 5,
        "date": 1_790_000_000,
        "chat": {"id": -1, "type": "group", "title": "G"},
        "from": {"id": 9, "is_bot": False, "first_name": "A"},
        "text": text,
        "entities": entities or [],
    }
    if reply_from is not None:
        data["reply_to_message"] = {
            "message_id": 4,
            "date": 1_790_000_000,
            "chat": {"id": -1, "type": "group", "title": "G"},
            "from": {"id": reply_from, "is_bot": True, "first_name": "B"},
            "text": "earlier",
        }
    update = Update.de_json({"update_id": 1, "message": data}, Bot("123456:T"))
    return update.message


def test_group_messages_count_only_when_addressed_to_the_bot():
    """A mention of this bot (any case) or a reply to it is a question; others are not."""
    mention = [{"type": "mention", "offset": 0, "length": 7}]
    assert _addressed(_message("@Sg_Bot what is marac", mention), BOT_ID, "sg_bot") == (
        "what is marac"
    )
    assert _addressed(_message("@other1 what is marac", mention), BOT_ID, "sg_bot") is None
    assert _addressed(_message("what is marac"), BOT_ID, "sg_bot") is None
    assert _addressed(_message("and lado?", reply_from=BOT_ID), BOT_ID, "sg_bot") == "and lado?"
    assert _addressed(_message("and lado?", reply_from=777), BOT_ID, "sg_bot") is None
    assert _addressed(_message("@sg_bot", mention), BOT_ID, "sg_bot") == "help"


def test_token_secret_half_is_hidden_too():
    """Both the whole token and its key part are redacted; short pieces are not."""
    assert secrets_to_hide(["123:abcdefghijk", None, ""]) == ["123:abcdefghijk", "abcdefghijk"]
    assert secrets_to_hide(["1:ab"]) == ["1:ab"]
