"""The Telegram sender against a local Bot API server: 429 honoured, 403 unsubscribes."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import Counter
from pathlib import Path

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

BENCH = Path(__file__).resolve().parent.parent / "bench" / "reminder_fanout.py"


def _mini_api():
    spec = importlib.util.spec_from_file_location("reminder_fanout", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MiniBotAPI


async def test_fanout_over_http_honours_429_and_unsubscribes_403(store, schedules, kb, monkeypatch):
    """Unpaced sends hit the server's 10/s limit: 429s are waited out, nothing is lost."""
    # PTB 22 warns when RetryAfter is built unless it may use timedelta (the future default)
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    chats = list(range(1, 16))
    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    for c in chats:
        store.subscribe(c, "risk", "meetings", now)
    with _mini_api()(limit_per_second=10) as api:
        api.blocked.add(7)
        bot = Bot(
            "123456:TEST", base_url=api.base_url, request=HTTPXRequest(connection_pool_size=8)
        )
        async with bot:
            sender = TelegramSender(bot)
            d = Dispatcher(store, schedules, kb, sender, rate=None, concurrency=4)
            sender.pause = d.pacer.pause
            report = await d.run(FixedClock("2026-10-26T09:00")())
        received = Counter(chat for _, chat in api.sent)
    assert sender.retry_afters >= 1 and api.rejected_429 >= 1
    assert sorted(received) == [c for c in chats if c != 7]
    assert set(received.values()) == {1}
    assert report.blocked_chats == [7] and store.subscriptions(7) == []
    assert store.delivery_counts() == {"sent": 14, "blocked": 1}
