"""The Telegram sender against a local Bot API server: 429 honoured, 403 unsubscribes."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from fake_bot_api import FakeBotAPI
from telegram import Bot
from telegram.request import HTTPXRequest
from test_reminders_helpers import (  # noqa: F401
    db_url_fixture,
    kb_fixture,
    schedules_fixture,
    store_fixture,
)

from bot.reminders.dispatcher import Dispatcher
from bot.reminders.senders import TelegramSender
from bot.testing import FixedClock


def _accepted_chats(api: FakeBotAPI) -> Counter[int]:
    """How many sendMessage calls the server accepted, per chat."""
    return Counter(int(c["params"]["chat_id"]) for c in api.calls_to("sendMessage", ok_only=True))


async def test_fanout_over_http_honours_429_and_unsubscribes_403(store, schedules, kb, monkeypatch):
    """Unpaced sends hit the server's 10/s limit: 429s are waited out, nothing is lost."""
    # PTB 22 warns when RetryAfter is built unless it may use timedelta (the future default)
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    chats = list(range(1, 16))
    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    for c in chats:
        store.subscribe(c, "risk", "meetings", now)
    with FakeBotAPI(limit_per_second=10) as api:
        api.block_chat(7)
        bot = Bot(
            "123456:TEST", base_url=api.base_url, request=HTTPXRequest(connection_pool_size=8)
        )
        async with bot:
            sender = TelegramSender(bot)
            d = Dispatcher(store, schedules, kb, sender, rate=None, concurrency=4)
            sender.pause = d.pacer.pause
            report = await d.run(FixedClock("2026-10-26T09:00")())
        received = _accepted_chats(api)
    assert sender.retry_afters >= 1 and api.rejected_429 >= 1
    assert sorted(received) == [c for c in chats if c != 7]
    assert set(received.values()) == {1}
    assert report.blocked_chats == [7] and store.subscriptions(7) == []
    assert store.delivery_counts() == {"sent": 14, "blocked": 1}


def _update(update_id: int, chat: int, user: int, text: str) -> dict:
    command = text.split()[0]
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_790_000_000,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": user, "is_bot": False, "first_name": f"User{user}"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
        },
    }


async def test_plugin_commands_and_dispatch_end_to_end(tmp_path):
    """Through PTB and HTTP: /subscribe, /done (admin only), /calendar, then the reminder."""
    from telegram import Update
    from telegram.ext import ApplicationBuilder
    from test_reminders_commands import FakeContext
    from test_reminders_helpers import settings_for

    from bot.kb.loader import load_knowledge
    from bot.reminders.telegram_commands import register

    with FakeBotAPI(limit_per_second=1000) as api:
        settings = settings_for(tmp_path)
        kb = load_knowledge(settings.knowledge_dir)
        clock = FixedClock("2026-10-20T12:00")
        app = ApplicationBuilder().token("123456:TEST").base_url(api.base_url).build()
        register(app, FakeContext(settings, kb, clock, admins={42}))
        async with app:
            for i, (user, text) in enumerate(
                [
                    (7, "/subscribe risk meetings"),
                    (7, "/done risk-01 finished"),
                    (42, "/done risk-01 finished"),
                    (7, "/calendar risk"),
                ],
                1,
            ):
                await app.process_update(Update.de_json(_update(i, 100, user, text), app.bot))
            clock.set("2026-10-26T09:00")
            report = await app.bot_data["reminders"].dispatcher.run(clock())
            app.bot_data["reminders"].store.close()
        calls = [(c["method"], c["params"]) for c in api.calls if c["status"] == 200]
    texts = [form.get("text", "") for method, form in calls if method == "sendMessage"]
    assert texts[0].startswith("This chat now follows meetings of Risk Board.")
    assert texts[1] == "Only partnership admins can change an action's status."
    assert texts[2].startswith("Action risk-01 is now done (by User42, 20 Oct 2026 12:00).")
    assert texts[3].startswith("<b>Reminder: the Risk Board meets in 7 days")
    assert calls[-1][1]["parse_mode"] == "HTML"
    documents = [form["document"] for method, form in calls if method == "sendDocument"]
    assert len(documents) == 1 and b"BEGIN:VCALENDAR" in documents[0]["content"]
    assert documents[0]["filename"] == "risk-meetings.ics"
    assert report.sent == 1
