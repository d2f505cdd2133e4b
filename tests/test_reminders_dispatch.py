"""Dispatcher and store: exactly once, grace window, blocked chats, retries, on both databases."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections import Counter

import pytest
from test_reminders_helpers import (  # noqa: F401
    db_url_fixture,
    kb_fixture,
    schedules_fixture,
    store_fixture,
)

from bot.errors import ChatBlocked
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.store import Store
from bot.testing import FixedClock, RecordingSender

# risk meets on the first Monday: Monday 2 Nov 2026 10:00 -> 7-day reminder Mon 26 Oct 09:00
# (GMT), 1-day reminder Sun 1 Nov 09:00. Management Board: Tue 10 Nov 2026.
SEVEN_DAY = "2026-10-26T09:00"
DEAD = dt.timedelta(0)  # the lease of a sender that "dies": expired at once, so no waiting


def _dispatcher(store, schedules, kb, sender, clock=None, **kw) -> Dispatcher:
    return Dispatcher(store, schedules, kb, sender, clock=clock, **kw)


def _subscribe(store, chats, target="risk", topic="meetings"):
    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    for c in chats:
        store.subscribe(c, target, topic, now)


class Crash(BaseException):
    """Stands for kill -9: nothing after it runs (not an Exception, so nothing catches it)."""


class CrashingSender(RecordingSender):
    """Delivers ``ok`` messages, then dies while sending the next one (before it is sent)."""

    def __init__(self, ok: int):
        super().__init__()
        self.ok = ok

    async def send(self, chat_id: int, text: str, **extra: object) -> None:
        if len(self.sent) >= self.ok:
            raise Crash()
        await super().send(chat_id, text, **extra)


class FlakySender(RecordingSender):
    """Fails the first ``n`` attempts with a transient error (like a 429 after retries)."""

    def __init__(self, n: int):
        super().__init__()
        self.n = n

    async def send(self, chat_id: int, text: str, **extra: object) -> None:
        if self.n > 0:
            self.n -= 1
            raise TimeoutError("Timed out")
        await super().send(chat_id, text, **extra)


async def test_meeting_reminder_is_sent_at_nine_once(store, schedules, kb):
    """At 09:00 the 7-day reminder reaches each subscriber once; later wake-ups send nothing."""
    _subscribe(store, [101, 102])
    sender = RecordingSender()
    clock = FixedClock("2026-10-26T08:59")
    d = _dispatcher(store, schedules, kb, sender, clock)
    assert (await d.run(clock())).sent == 0
    clock.set(SEVEN_DAY)
    report = await d.run(clock())
    assert report.sent == 2 and report.delayed == 0
    assert sorted(m.chat_id for m in sender.sent) == [101, 102]
    assert sender.texts(101)[0].startswith(
        "Reminder: the Risk Board meets in 7 days: Monday 2 November 2026, 10:00-12:00"
    )
    for minutes in (1, 2, 30, 300):
        clock.set(dt.datetime.fromisoformat(SEVEN_DAY) + dt.timedelta(minutes=minutes))
        assert (await d.run(clock())).sent == 0
    assert len(sender.sent) == 2


async def test_unique_key_refuses_a_second_row(store, schedules, kb):
    """Two dispatchers on one database (two processes) still send each message once."""
    _subscribe(store, range(1, 21))
    s1, s2 = RecordingSender(), RecordingSender()
    other = Store(store.url, store.prefix)
    try:
        d1 = _dispatcher(store, schedules, kb, s1)
        d2 = _dispatcher(other, schedules, kb, s2)
        at = FixedClock(SEVEN_DAY)()
        d1.plan(at)
        d2.plan(at)
        await asyncio.gather(d1.drain(at), d2.drain(at))
    finally:
        other.close()
    chats = [m.chat_id for m in s1.sent + s2.sent]
    assert sorted(chats) == list(range(1, 21))
    assert store.delivery_counts() == {"sent": 20}


async def test_missed_reminder_within_grace_is_sent_once_marked_delayed(store, schedules, kb):
    """Down at 09:00, back at 14:00: the reminder goes out once, saying it is delayed."""
    _subscribe(store, [7])
    sender = RecordingSender()
    d = _dispatcher(store, schedules, kb, sender)
    await d.run(FixedClock("2026-10-26T08:00")())
    report = await d.run(FixedClock("2026-10-26T14:00")())
    assert report.sent == 1 and report.delayed == 1
    assert sender.texts(7)[0].startswith(
        "Delayed reminder (due 26 Oct 09:00):\nReminder: the Risk Board"
    )
    assert (await d.run(FixedClock("2026-10-26T14:01")())).sent == 0


async def test_missed_reminder_beyond_grace_is_dropped_with_a_log_line(
    store, schedules, kb, caplog
):
    """Back at 15:01 (6 h 1 min late): nothing is sent and one log line says what was dropped."""
    _subscribe(store, [7])
    sender = RecordingSender()
    d = _dispatcher(store, schedules, kb, sender)
    await d.run(FixedClock("2026-10-26T08:00")())
    with caplog.at_level(logging.WARNING, logger="sgbot.reminders"):
        report = await d.run(FixedClock("2026-10-26T15:01")())
    assert report.sent == 0 and report.missed_firings == 1
    assert sender.sent == []
    dropped = [r.getMessage() for r in caplog.records if r.getMessage().startswith("dropped")]
    assert dropped == [
        "dropped meeting:risk:7d 2026-11-02T10:00 for 1 chat(s): due 2026-10-26T09:00+00:00, more than 6:00:00 ago (the bot was not running)"
    ]


async def test_claimed_rows_past_grace_are_dropped_not_sent(store, schedules, kb, caplog):
    """A row claimed at 09:00 but never sent is dropped (logged) if the sender returns at 15:30."""
    _subscribe(store, [7])
    d = _dispatcher(store, schedules, kb, RecordingSender())
    d.plan(FixedClock(SEVEN_DAY)())
    later = RecordingSender()
    d2 = _dispatcher(store, schedules, kb, later)
    with caplog.at_level(logging.WARNING, logger="sgbot.reminders"):
        report = await d2.drain(FixedClock("2026-10-26T15:30")())
    assert report.dropped == 1 and later.sent == []
    assert store.delivery_counts() == {"dropped": 1}
    assert any("outside the 6:00:00 grace window" in r.getMessage() for r in caplog.records)


async def test_kill_mid_fanout_then_restart_loses_and_duplicates_nothing(store, schedules, kb):
    """Killed after 5 of 12 sends, restarted: every chat has exactly one message."""
    chats = list(range(1, 13))
    _subscribe(store, chats)
    crashing = CrashingSender(ok=5)
    d = _dispatcher(store, schedules, kb, crashing, concurrency=1, lease=DEAD)
    with contextlib.suppress(Crash):
        await d.run(FixedClock(SEVEN_DAY)())
    assert len(crashing.sent) == 5
    assert store.delivery_counts() == {"sent": 5, "sending": 1, "claimed": 6}
    restarted = Store(store.url, store.prefix)
    try:
        sender = RecordingSender()
        d2 = _dispatcher(restarted, schedules, kb, sender)
        assert d2.recover() == 1
        report = await d2.run(FixedClock("2026-10-26T09:02")())
    finally:
        restarted.close()
    delivered = sorted(m.chat_id for m in crashing.sent + sender.sent)
    assert delivered == chats
    assert report.sent == 7
    resent = [m for m in sender.sent if m.text.startswith("(Re-sent after a restart")]
    assert len(resent) == 1


async def test_at_most_once_policy_does_not_resend_uncertain_rows(store, schedules, kb):
    """With resend_uncertain=False the in-flight row is marked failed, never sent twice."""
    _subscribe(store, [1, 2, 3])
    d = _dispatcher(store, schedules, kb, CrashingSender(ok=1), concurrency=1, lease=DEAD)
    with contextlib.suppress(Crash):
        await d.run(FixedClock(SEVEN_DAY)())
    sender = RecordingSender()
    d2 = _dispatcher(store, schedules, kb, sender, resend_uncertain=False)
    assert d2.recover() == 1
    await d2.run(FixedClock("2026-10-26T09:01")())
    assert len(sender.sent) == 1
    assert store.delivery_counts() == {"sent": 2, "failed": 1}


async def test_blocked_chat_is_unsubscribed_and_others_still_get_it(store, schedules, kb):
    """A chat answering 403 loses its subscriptions; the rest of the fan-out goes on."""
    _subscribe(store, [1, 2, 3])
    _subscribe(store, [2], target="all", topic="actions")
    sender = RecordingSender()
    sender.blocked.add(2)
    d = _dispatcher(store, schedules, kb, sender)
    report = await d.run(FixedClock(SEVEN_DAY)())
    assert report.blocked_chats == [2]
    assert sorted(m.chat_id for m in sender.sent) == [1, 3]
    assert store.subscriptions(2) == []
    assert len(store.subscriptions()) == 2


async def test_transient_failure_is_retried_on_the_next_wakeup(store, schedules, kb):
    """A send that times out stays claimed and goes out on the next wake-up: nothing lost."""
    _subscribe(store, [1, 2])
    sender = FlakySender(n=1)
    d = _dispatcher(store, schedules, kb, sender)
    first = await d.run(FixedClock(SEVEN_DAY)())
    assert first.sent == 1 and first.retried == 1
    second = await d.run(FixedClock("2026-10-26T09:01")())
    assert second.sent == 1
    assert sorted(m.chat_id for m in sender.sent) == [1, 2]


async def test_chat_blocked_error_type_is_the_shared_one(store, schedules, kb):
    """The recording sender raises bot.errors.ChatBlocked, which the dispatcher handles."""
    sender = RecordingSender()
    sender.blocked.add(5)
    try:
        await sender.send(5, "x")
    except ChatBlocked as exc:
        assert exc.chat_id == 5
    else:
        raise AssertionError("expected ChatBlocked")


async def test_done_action_stops_reminders_and_keeps_an_audit_trail(store, schedules, kb):
    """/done sets the status with who/when/why; due reminders for it stop; /reopen resumes."""
    store.subscribe(9, "risk", "actions", dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    when = dt.datetime(2026, 3, 16, 12, tzinfo=dt.UTC)
    store.set_action_status("risk-01", "done", when, 42, "Ada", "published in March")
    assert store.action_statuses() == {"risk-01": "done"}
    sender = RecordingSender()
    d = _dispatcher(store, schedules, kb, sender)
    await d.run(FixedClock("2026-03-17T09:00")())  # 14-day reminder time
    assert sender.sent == []
    store.set_action_status("risk-01", "open", when + dt.timedelta(hours=1), 43, "Bo", "not yet")
    await d.run(FixedClock("2026-03-30T09:00")())  # 1-day reminder (and Monday's digest)
    due = [t for t in sender.texts(9) if t.startswith("Action risk-01")]
    assert len(due) == 1 and "is due tomorrow" in due[0]
    trail = [(a.status, a.user_id, a.user_name, a.note) for a in store.audit("risk-01")]
    assert trail == [("done", 42, "Ada", "published in March"), ("open", 43, "Bo", "not yet")]
    assert store.audit("risk-01")[0].at == when


async def test_overdue_escalates_to_the_sponsors_subscribers(store, schedules, kb):
    """An open action past due reaches the owner's and the sponsor agency's subscribers."""
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    store.subscribe(1, "risk", "actions", now)
    store.subscribe(2, "tvp", "actions", now)  # TVP sponsors the Risk Board
    store.subscribe(3, "mkccg", "actions", now)  # sponsors another board
    sender = RecordingSender()
    d = _dispatcher(store, schedules, kb, sender)
    await d.run(FixedClock("2026-04-01T09:00")())
    assert sorted(m.chat_id for m in sender.sent) == [1, 2]
    assert "Escalated to the board's sponsor, Thames Valley Police." in sender.texts(2)[0]


async def test_weekly_digest_lists_open_actions_in_scope(store, schedules, kb):
    """Monday 09:00: each chat following actions gets its open actions; none for empty scope."""
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    store.subscribe(1, "all", "actions", now)
    store.subscribe(2, "assurance", "actions", now)
    store.subscribe(3, "mkc", "actions", now)  # no actions in scope
    sender = RecordingSender()
    d = _dispatcher(store, schedules, kb, sender)
    await d.run(FixedClock("2026-03-02T09:00")())  # a Monday
    assert sorted(m.chat_id for m in sender.sent) == [1, 2]
    assert sender.texts(1)[0].startswith("Weekly digest: 2 open actions.")
    assert "- Assurance Board: 1 open\n" in sender.texts(2)[0]
    assert "Risk Board" not in sender.texts(2)[0]
    assert sender.sent[0].extra["buttons"] == [[("Show the actions", "acts:sub")]]


async def test_digest_keeps_monday_nine_across_the_october_change(store, schedules, kb):
    """The digest after the clock change goes at 09:00 GMT, the one before at 09:00 BST."""
    store.subscribe(1, "all", "actions", dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    d = _dispatcher(store, schedules, kb, RecordingSender())
    before = d.upcoming(FixedClock("2026-10-18T12:00")(), days=14, chat=1)
    digests = [f.fire_at for f, _ in before if f.kind == "digest"]
    assert [x.isoformat() for x in digests] == [
        "2026-10-19T08:00:00+00:00",
        "2026-10-26T09:00:00+00:00",
    ]


class StoppingSender(RecordingSender):
    """Asks the dispatcher to stop (as SIGTERM does) after ``n`` messages."""

    def __init__(self, n: int):
        super().__init__()
        self.n = n
        self.dispatcher: Dispatcher | None = None

    async def send(self, chat_id: int, text: str, **extra: object) -> None:
        await super().send(chat_id, text, **extra)
        if len(self.sent) == self.n and self.dispatcher is not None:
            self.dispatcher.stop()


async def test_graceful_stop_leaves_nothing_uncertain(store, schedules, kb):
    """stop() mid fan-out finishes the send in flight; a restart sends the rest, no re-sends."""
    _subscribe(store, range(1, 11))
    first = StoppingSender(4)
    d = _dispatcher(store, schedules, kb, first, concurrency=1)
    first.dispatcher = d
    await d.run(FixedClock(SEVEN_DAY)())
    assert len(first.sent) == 4
    assert store.delivery_counts() == {"sent": 4, "claimed": 6}
    rest = RecordingSender()
    d2 = _dispatcher(store, schedules, kb, rest)
    assert d2.recover() == 0
    await d2.run(FixedClock("2026-10-26T09:01")())
    assert sorted(m.chat_id for m in first.sent + rest.sent) == list(range(1, 11))
    assert not any(t.startswith("(Re-sent") for t in rest.texts())


class CrashAfterSendSender(RecordingSender):
    """Delivers message ``n`` and dies before the dispatcher can record it (the window)."""

    def __init__(self, n: int):
        super().__init__()
        self.n = n

    async def send(self, chat_id: int, text: str, **extra: object) -> None:
        await super().send(chat_id, text, **extra)
        if len(self.sent) == self.n:
            raise Crash()


@pytest.mark.parametrize("resend", [True, False], ids=["at-least-once", "at-most-once"])
@pytest.mark.parametrize("where", ["before-send", "after-send"])
@pytest.mark.parametrize("n", [1, 4, 8])
async def test_the_uncertain_window_is_exactly_one_message(store, schedules, kb, resend, where, n):
    """A crash can only make the one in-flight message lost or doubled, as the policy says."""
    chats = list(range(1, 9))
    _subscribe(store, chats)
    first = CrashingSender(ok=n - 1) if where == "before-send" else CrashAfterSendSender(n)
    with contextlib.suppress(Crash):
        await _dispatcher(store, schedules, kb, first, concurrency=1, lease=DEAD).run(
            FixedClock(SEVEN_DAY)()
        )
    second = RecordingSender()
    d2 = _dispatcher(store, schedules, kb, second, resend_uncertain=resend)
    assert d2.recover() == 1
    await d2.run(FixedClock("2026-10-26T09:05")())
    got = Counter(m.chat_id for m in first.sent + second.sent)
    lost = [c for c in chats if got[c] == 0]
    doubled = [c for c in chats if got[c] > 1]
    in_flight = chats[n - 1]
    expect_lost = [in_flight] if (where == "before-send" and not resend) else []
    expect_doubled = [in_flight] if (where == "after-send" and resend) else []
    assert (lost, doubled) == (expect_lost, expect_doubled)
