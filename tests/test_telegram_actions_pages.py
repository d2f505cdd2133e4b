"""/actions and the weekly digest on a phone, through the fake Bot API over real HTTP: a
summary first, then pages behind Previous/Next buttons, HTML, each message within 4,096."""

from __future__ import annotations

import pytest
from test_telegram_e2e import say
from test_telegram_helpers import (  # noqa: F401 - fixtures
    USER,
    api_fixture,
    bot_settings,
    knowledge_dir_fixture,
    running_bot,
    timedelta_retry_after_fixture,
)

from bot.adapters.telegram_fit import visible
from bot.reminders.telegram_commands import register
from bot.testing import FixedClock

pytestmark = pytest.mark.e2e
ADMIN = 7
DECEMBER_2026 = "2026-12-01T11:00"  # the 2019-20 report's plans ended in April 2021


def buttons(params: dict) -> list[dict]:
    markup = params.get("reply_markup") or {"inline_keyboard": []}
    return [b for row in markup["inline_keyboard"] for b in row]


def fits(params: dict) -> bool:
    return params["parse_mode"] == "HTML" and len(visible(params["text"], "HTML")) <= 4096


async def press(api, data: str, message_id: int, chat: int = USER, method: str = "sendMessage"):
    """Press a button under message ``message_id``; the call it leads to."""
    before = len(api.calls_to(method, ok_only=True))
    api.push_update(api.make_callback(chat, data, message_id=message_id))
    return (await api.await_for(method, before + 1))[-1]


async def test_actions_summary_then_pages(api, knowledge_dir, tmp_path):
    """/actions: a short summary per board with a button; its pages page with Previous and
    Next in place; nothing is OVERDUE from an ended report, which is said once."""
    settings = bot_settings(knowledge_dir, api, tmp_path, admins=frozenset({ADMIN}))
    async with running_bot(settings, FixedClock(DECEMBER_2026), plugins=[register]):
        summary = (await say(api, "/actions"))[0]
        text = summary["params"]["text"]
        assert fits(summary["params"]) and len(text) < 2000
        assert text.startswith("<b>Next actions: ") and "\n- Risk Board: " in text
        assert text.count("belong to an earlier report") == 1 and "OVERDUE" not in text
        assert "Admins:" not in text
        [show] = buttons(summary["params"])
        assert show["callback_data"] == "acts:all" and "page 1 of" in show["text"]

        first = await press(api, "acts:all", summary["result"]["message_id"])
        pages = int(show["text"].split(" of ")[1].rstrip(")"))
        assert pages > 2 and fits(first["params"])
        assert first["params"]["text"].startswith(f"<b>Next actions (1/{pages})</b>")
        assert [b["callback_data"] for b in buttons(first["params"])] == ["actp:all:1"]
        removed = (await api.await_for("editMessageReplyMarkup"))[-1]["params"]
        assert removed["message_id"] == summary["result"]["message_id"]

        page_id = first["result"]["message_id"]
        second = await press(api, "actp:all:1", page_id, method="editMessageText")
        assert second["params"]["message_id"] == page_id and fits(second["params"])
        assert second["params"]["text"].startswith(f"<b>Next actions (2/{pages})</b>")
        assert [b["callback_data"] for b in buttons(second["params"])] == [
            "actp:all:0",
            "actp:all:2",
        ]
        seen = set()
        for n in range(pages):
            edit = await press(api, f"actp:all:{n}", page_id, method="editMessageText")
            assert fits(edit["params"]) and "OVERDUE" not in edit["params"]["text"]
            seen.update(line for line in edit["params"]["text"].split("\n") if "- [" in line)
        assert len(seen) == 77  # every action once, on some page

        admin = (await say(api, "/actions risk", chat=ADMIN))[0]["params"]
        assert admin["text"].startswith("<b>Next actions of Risk Board: ")
        assert "Admins: /done ACTION [note], /reopen ACTION [note]." in admin["text"]
        assert buttons(admin)[0]["callback_data"] == "acts:risk"
    assert api.unknown_methods == []


async def test_digest_is_a_summary_with_a_button_to_the_pages(api, knowledge_dir, tmp_path):
    """The Monday digest: HTML, one short summary with counts per board and the earlier
    report said once; its button opens the pages of what the chat follows."""
    settings = bot_settings(knowledge_dir, api, tmp_path)
    clock = FixedClock("2026-11-30T08:59")  # a Monday, just before the digest
    async with running_bot(settings, clock, plugins=[register]) as app:
        await say(api, "/subscribe risk actions")
        clock.set("2026-11-30T09:00")
        cmds = app.bot_data["reminders"]
        report = await cmds.dispatcher.run(clock())
        assert report.sent == 1
        digest = api.calls_to("sendMessage", ok_only=True)[-1]
        text = digest["params"]["text"]
        assert fits(digest["params"]) and len(text) < 1500
        assert text.startswith("<b>Weekly digest: ") and "- Risk Board: " in text
        assert text.count("belong to an earlier report") == 1 and "OVERDUE" not in text
        assert [b["callback_data"] for b in buttons(digest["params"])] == ["acts:sub"]
        page = await press(api, "acts:sub", digest["result"]["message_id"])
        assert page["params"]["text"].startswith("<b>Open actions this chat follows (1/")
        assert "Assurance Board" not in page["params"]["text"]
        cmds.store.close()
