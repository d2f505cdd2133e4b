"""Row leases and the send lock, in one process: a live sender's messages are never taken."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections import Counter

import pytest
from sqlalchemy import inspect, text
from test_reminders_helpers import (  # noqa: F401
    PG_URL,
    db_url_fixture,
    kb_fixture,
    schedules_fixture,
    store_fixture,
)

from bot.reminders.dispatcher import Dispatcher
from bot.reminders.store import Claim, Store
from bot.testing import FixedClock, RecordingSender

SEVEN_DAY = "2026-10-26T09:00"  # the Risk Board's 7-day reminder
UTC = dt.UTC


def _subscribe(store: Store, chats) -> None:
    now = dt.datetime(2026, 10, 1, tzinfo=UTC)
    store.subscribe_many(((c, "risk", "meetings") for c in chats), now)


def _one_sending_row(store: Store, owner: str, lease: dt.timedelta) -> int:
    now = dt.datetime.now(UTC)
    store.claim([Claim("k", "o", 1, "hello", now)], now)
    row = store.pending()[0]
    assert store.mark_sending(row.id, owner, now + lease)
    return row.id


async def _until(condition, seconds: float = 30) -> None:
    for _ in range(int(seconds * 100)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise TimeoutError("condition not reached")


def test_recover_takes_only_expired_leases(store):
    """A row a live process is sending stays its own; once its lease expires it is recovered."""
    row = _one_sending_row(store, "host:1:a", dt.timedelta(seconds=30))
    assert store.recover() == 0
    assert store.delivery_counts() == {"sending": 1}
    later = dt.datetime.now(UTC) + dt.timedelta(seconds=31)
    assert store.recover(now=later) == 1
    assert [(d.id, d.status, d.uncertain) for d in store.pending()] == [(row, "claimed", True)]


def test_only_the_owner_settles_or_renews_its_row(store):
    """Another process can neither mark a row sent nor renew its lease."""
    row = _one_sending_row(store, "host:1:a", dt.timedelta(seconds=30))
    far = dt.datetime.now(UTC) + dt.timedelta(hours=1)
    assert store.renew("host:2:b", far) == 0
    assert not store.mark_sent(row, dt.datetime.now(UTC), False, owner="host:2:b")
    assert store.renew("host:1:a", far) == 1
    assert store.recover(now=far - dt.timedelta(minutes=1)) == 0
    assert store.mark_sent(row, dt.datetime.now(UTC), False, owner="host:1:a")
    assert store.delivery_counts() == {"sent": 1}


async def test_a_wakeup_skips_while_another_process_holds_the_send_lock(store, schedules, kb):
    """While another dispatcher holds the lock a wake-up sends nothing; afterwards it sends."""
    _subscribe(store, [1, 2, 3])
    holder = Dispatcher(store, schedules, kb, RecordingSender())
    sender = RecordingSender()
    other_store = Store(store.url, store.prefix)  # as another process would
    try:
        other = Dispatcher(other_store, schedules, kb, sender)
        assert holder.send_lock.try_acquire()
        try:
            report = await other.run(FixedClock(SEVEN_DAY)())
            assert report.skipped and sender.sent == []
            assert store.delivery_counts() == {}
        finally:
            holder.send_lock.release()
        report = await other.run(FixedClock(SEVEN_DAY)())
    finally:
        other_store.close()
    assert not report.skipped and sorted(m.chat_id for m in sender.sent) == [1, 2, 3]


async def test_heartbeat_keeps_a_slow_send_from_being_recovered(store, schedules, kb):
    """A send slower than the lease stays owned: the heartbeat renews it, nobody re-sends it."""

    class SlowSender(RecordingSender):
        async def send(self, chat_id: int, text: str, **extra: object) -> None:
            await asyncio.sleep(0.6)
            await super().send(chat_id, text, **extra)

    _subscribe(store, [1])
    d = Dispatcher(store, schedules, kb, SlowSender(), lease=dt.timedelta(seconds=0.2))
    run = asyncio.create_task(d.run(FixedClock(SEVEN_DAY)()))
    await _until(lambda: store.delivery_counts() == {"sending": 1})
    await asyncio.sleep(0.4)  # twice the lease: only the heartbeat keeps it
    assert store.recover() == 0
    report = await run
    assert report.sent == 1 and store.delivery_counts() == {"sent": 1}


class Slow(RecordingSender):
    async def send(self, chat_id: int, text: str, **extra: object) -> None:
        await asyncio.sleep(0.05)
        await super().send(chat_id, text, **extra)


@pytest.mark.postgres
async def test_a_sender_whose_lock_session_dies_stops_and_nothing_goes_twice(schedules, kb):
    """The server ends the lock's session mid fan-out: another takes over, each chat gets one."""
    url, prefix = PG_URL, f"t{uuid.uuid4().hex[:10]}_"
    chats = list(range(1, 41))
    first_store, second_store = Store(url, prefix), Store(url, prefix)
    try:
        _subscribe(first_store, chats)
        lease = dt.timedelta(seconds=0.4)
        a, b = Slow(), Slow()
        first = Dispatcher(first_store, schedules, kb, a, concurrency=2, lease=lease)
        second = Dispatcher(second_store, schedules, kb, b, concurrency=2, lease=lease)
        run = asyncio.create_task(first.run(FixedClock(SEVEN_DAY)()))
        await _until(lambda: len(a.sent) >= 5)
        pid = first.send_lock._conn.execute(text("SELECT pg_backend_pid()")).scalar()
        with second_store.engine.begin() as c:
            c.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        report = await second.run(FixedClock(SEVEN_DAY)(), wait=5)
        await run
    finally:
        first_store.drop_all()
        first_store.close()
        second_store.close()
    assert not report.skipped and report.recovered == 0
    assert a.sent and b.sent  # the first stopped early, the second sent the rest
    got = Counter(m.chat_id for m in a.sent + b.sent)
    assert sorted(got) == chats and max(got.values()) == 1


def test_a_deliveries_table_from_before_leases_gets_the_columns(db_url):
    """A database created by the previous version is upgraded in place when opened."""
    url, prefix = db_url
    old = Store(url, prefix)
    with old.engine.begin() as c:
        for column in ("owner", "lease_until"):
            c.execute(text(f'ALTER TABLE "{prefix}deliveries" DROP COLUMN {column}'))
        if not prefix:  # the previous version made no migrations table either
            c.execute(text("DROP TABLE alembic_version"))
    old.close()
    store = Store(url, prefix)
    try:
        have = {c["name"] for c in inspect(store.engine).get_columns(f"{prefix}deliveries")}
        assert {"owner", "lease_until"} <= have
        row = _one_sending_row(store, "host:1:a", dt.timedelta(seconds=30))
        assert store.recover() == 0 and row
    finally:
        store.close()
