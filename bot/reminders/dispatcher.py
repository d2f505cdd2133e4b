"""Send what is due, exactly once: plan (claim in the database), then drain (send).

The scheduler only wakes this up (every minute); everything it needs is in the schedules,
the knowledge base and the database, so a restart rebuilds it all.

**Plan.** Firings due in ``(now - grace, now]`` are expanded to one message per subscribed
chat, and each (reminder_key, occurrence, chat) is *claimed* by inserting a ``claimed`` row
(UNIQUE, so a message can only ever have one row) - in batches, committed before anything
is sent. Firings the bot missed by more than the grace window (it was down) are dropped
with one log line each.

**Drain.** For each ``claimed`` row: pace to the rate limit, move it ``claimed -> sending``
with a conditional UPDATE committed *before* the request (only the process that wins it
sends), send, then commit ``sent``. A message that arrives late (more than a few minutes
after it was due) says so; a 403 marks the chat's rows ``blocked`` and unsubscribes it; a
429 is retried after ``retry_after``; other failures go back to ``claimed`` for the next
wake-up (``failed`` after ``max_attempts``). Rows whose due time left the grace window
while waiting are ``dropped`` with a log line.

**Several processes.** A wake-up plans and drains only while it holds the database's send
lock (:mod:`bot.reminders.sendlock`), so one process at a time sends and paces the rate
limit for the whole bot. Each ``sending`` row names its owner (this dispatcher) and has a
lease (``lease``, default 60 s) that a heartbeat renews every quarter lease while the
owner lives; settling a row (sent, retry, failed) only works for its owner.

**The window.** A kill -9 can leave rows ``sending``: the request may or may not have
reached Telegram (there is no idempotency key in the Bot API, so nobody can tell). That
window is one HTTP round trip plus one commit, and at most ``concurrency`` rows are in it.
Once their lease has expired (their owner stopped renewing it: it died), ``recover()`` at
the next wake-up decides: ``resend_uncertain=True`` (default, at-least-once: a reminder is
never lost, a duplicate is possible only for those in-flight rows, and it is marked
"re-sent after a restart") or ``False`` (at-most-once: those rows are marked ``failed``
and logged). Rows a live process is sending are never taken from it. Every other row is
exactly-once: ``claimed`` rows were never attempted, ``sent`` rows are never sent again.
A sender stalled for longer than its lease (not just slow: stopped) counts as dead.

**Allow-list.** With ``allowed_chats`` set (``SGBOT_ALLOWED_CHATS`` plus the admins'
private chats), a reminder for another chat is not sent: its row is ``dropped`` with a
log line naming the chat; the subscription is kept.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from bot.errors import ChatBlocked
from bot.kb.models import KnowledgeBase
from bot.metrics import METRICS
from bot.reminders import messages
from bot.reminders.audience import actions_in_scope, audience, sponsor_of, subscribers
from bot.reminders.occurrences import Firing, firings
from bot.reminders.schedules import Schedules
from bot.reminders.sendlock import Pacer, SendLock, send_lock_for
from bot.reminders.store import Claim, Delivery, Store

log = logging.getLogger("sgbot.reminders")
UTC = dt.UTC
CONSOLE_CHAT = 0
LAST_TICK = "dispatcher.last_tick"
Scope = Literal["telegram", "console", "any"]


class Sender(Protocol):
    async def send(self, chat_id: int, text: str, **extra: object) -> None: ...


class SendRejected(Exception):
    """The API refused the message for good (e.g. 400 Bad Request): do not retry it."""


@dataclass
class Report:
    """What one run did."""

    claimed: int = 0
    sent: int = 0
    delayed: int = 0
    blocked_chats: list[int] = field(default_factory=list)
    retried: int = 0
    failed: int = 0
    dropped: int = 0
    missed_firings: int = 0
    recovered: int = 0
    skipped: bool = False  # another process held the send lock: nothing done here


class Dispatcher:
    """Plans and sends due reminders. One per process and database (see ``recover``)."""

    def __init__(
        self,
        store: Store,
        schedules: Schedules,
        kb: KnowledgeBase | Callable[[], KnowledgeBase],
        sender: Sender,
        *,
        grace: dt.timedelta = dt.timedelta(hours=6),
        late_after: dt.timedelta = dt.timedelta(minutes=5),
        rate: float | None = None,
        concurrency: int = 4,
        batch: int = 200,
        max_attempts: int = 5,
        resend_uncertain: bool = True,
        scope: Scope = "telegram",
        clock: Callable[[], dt.datetime] | None = None,
        lease: dt.timedelta = dt.timedelta(seconds=60),
        allowed_chats: Iterable[int] = (),
        send_lock: SendLock | None = None,
    ):
        self.store = store
        self.schedules = schedules
        self._kb = kb
        self.sender = sender
        self.grace = grace
        self.late_after = late_after
        self.pacer = Pacer(rate)
        self.concurrency = max(1, concurrency)
        self.batch = batch
        self.max_attempts = max_attempts
        self.resend_uncertain = resend_uncertain
        self.scope = scope
        self.clock = clock
        self.tz = ZoneInfo(schedules.timezone)
        self.lease = lease
        self.allowed_chats = frozenset(allowed_chats)
        self.send_lock = send_lock or send_lock_for(store, scope)
        self.owner = f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._lock = asyncio.Lock()
        self._stopping = False
        self._halted = False  # lost the send lock or cannot renew leases: no new sends

    def stop(self) -> None:
        """Finish the sends in flight, take no new ones (SIGTERM): nothing is left uncertain."""
        self._stopping = True

    @property
    def kb(self) -> KnowledgeBase:
        return self._kb() if callable(self._kb) else self._kb

    def _in_scope(self, chat_id: int) -> bool:
        if self.scope == "console":
            return chat_id == CONSOLE_CHAT
        if self.scope == "telegram":
            return chat_id != CONSOLE_CHAT
        return True

    def allowed(self, chat_id: int) -> bool:
        """May this chat be sent to? (the allow-list; the console is always allowed)"""
        return not self.allowed_chats or chat_id == CONSOLE_CHAT or chat_id in self.allowed_chats

    def recover(self) -> int:
        """Settle rows a dead process left ``sending``, once their lease has expired."""
        n = self.store.recover(self.resend_uncertain)
        if n:
            how = "will be re-sent (at-least-once)" if self.resend_uncertain else "not re-sent"
            log.warning("%d reminder(s) were in flight when their sender died: %s", n, how)
        return n

    def _lease_end(self) -> dt.datetime:
        return dt.datetime.now(UTC) + self.lease

    async def _heartbeat(self) -> None:
        """Renew this process's leases and check the send lock, every quarter lease."""
        every = self.lease.total_seconds() / 4
        if every <= 0:
            return
        while True:
            await asyncio.sleep(every)
            try:
                self.store.renew(self.owner, self._lease_end())
            except Exception:
                log.exception("cannot renew the reminders' leases: no new sends this run")
                self._halted = True
            if not self.send_lock.holds():
                log.warning("lost the reminders' send lock: no new sends this run")
                self._halted = True

    # -- plan ----------------------------------------------------------------------------

    def plan(self, now: dt.datetime, report: Report | None = None) -> Report:
        """Claim every message due in ``(now - grace, now]`` not claimed before."""
        report = report or Report()
        now = now.astimezone(UTC)
        kb = self.kb
        statuses = self.store.action_statuses()
        start = now - self.grace
        last_raw = self.store.get_meta(f"{LAST_TICK}.{self.scope}")
        last = dt.datetime.fromisoformat(last_raw) if last_raw else None
        subs = subscribers(self.store)
        if last is not None and last < start:
            for f in firings(self.schedules, kb, statuses, last, start):
                chats = [c for c in audience(f, subs, kb, self.schedules) if self._in_scope(c)]
                if not chats:
                    continue
                report.missed_firings += 1
                log.warning(
                    "dropped %s %s for %d chat(s): due %s, more than %s ago (the bot was not running)",
                    f.key,
                    f.occurrence,
                    len(chats),
                    f.fire_at.astimezone(self.tz).isoformat(timespec="minutes"),
                    self.grace,
                )
        claims = self.new_claims(now, subs, statuses)
        if claims:
            self.store.claim(claims, now)
            report.claimed += len(claims)
        if last is None or now > last:
            self.store.set_meta(f"{LAST_TICK}.{self.scope}", now.isoformat())
        return report

    def new_claims(
        self,
        now: dt.datetime,
        subs: Mapping[tuple[str, str], set[int]] | None = None,
        statuses: Mapping[str, str] | None = None,
    ) -> list[Claim]:
        """Messages due in ``(now - grace, now]`` with no row in the delivery log yet."""
        kb = self.kb
        subs = subscribers(self.store) if subs is None else subs
        statuses = self.store.action_statuses() if statuses is None else statuses
        now = now.astimezone(UTC)
        due = firings(self.schedules, kb, statuses, now - self.grace, now)
        if not due:
            return []
        known = self.store.known_keys((f.key, f.occurrence) for f in due)
        claims: list[Claim] = []
        for f in due:
            for chat in sorted(audience(f, subs, kb, self.schedules)):
                if not self._in_scope(chat) or (f.key, f.occurrence, chat) in known:
                    continue
                text = self.render(f, chat, subs, statuses)
                if text is not None:
                    claims.append(Claim(f.key, f.occurrence, chat, text, f.fire_at))
        return claims

    def render(
        self,
        f: Firing,
        chat: int,
        subs: Mapping[tuple[str, str], set[int]],
        statuses: Mapping[str, str],
    ) -> str | None:
        kb = self.kb
        if f.kind == "meeting" and f.meeting is not None:
            return messages.meeting_text(kb, self.schedules, f.meeting, f.lead_days)
        if f.kind == "due" and f.action is not None:
            return messages.due_text(kb, f.action, f.lead_days)
        if f.kind == "overdue" and f.action is not None:
            sponsor = sponsor_of(kb, f.action.owner)
            if self.schedules.overdue.escalate_to != "sponsor":
                sponsor = None
            return messages.overdue_text(kb, f.action, sponsor)
        targets = [t for (t, topic), chats in subs.items() if topic == "actions" and chat in chats]
        acts = actions_in_scope(kb, targets, statuses)
        if not acts:
            return None
        today = f.fire_at.astimezone(self.tz).date()
        return messages.digest_text(kb, acts, statuses, today)

    # -- drain ---------------------------------------------------------------------------

    def _now(self, fallback: dt.datetime) -> dt.datetime:
        return (self.clock() if self.clock else fallback).astimezone(UTC)

    async def drain(self, now: dt.datetime, report: Report | None = None) -> Report:
        """Send every ``claimed`` row in scope, paced; see the module doc for the states."""
        report = report or Report()
        heartbeat = asyncio.create_task(self._heartbeat())
        try:
            return await self._drain(now, report)
        finally:
            heartbeat.cancel()

    async def _drain(self, now: dt.datetime, report: Report) -> Report:
        tried: set[int] = set()
        while not (self._stopping or self._halted):
            rows = [
                r
                for r in self.store.pending(self.batch + len(tried))
                if r.id not in tried and self._in_scope(r.chat_id)
            ][: self.batch]
            if not rows:
                return report
            tried.update(r.id for r in rows)
            queue: asyncio.Queue[Delivery] = asyncio.Queue()
            for r in rows:
                queue.put_nowait(r)
            workers = [
                asyncio.create_task(self._worker(queue, now, report))
                for _ in range(min(self.concurrency, len(rows)))
            ]
            await asyncio.gather(*workers)
        return report

    async def _worker(self, queue: asyncio.Queue[Delivery], now: dt.datetime, report: Report):
        while not queue.empty() and not (self._stopping or self._halted):
            row = queue.get_nowait()
            await self._deliver(row, now, report)

    async def _deliver(self, row: Delivery, now: dt.datetime, report: Report) -> None:
        at = self._now(now)
        if row.fire_at < at - self.grace:
            if self.store.mark_dropped(row.id, "grace window passed before it could be sent"):
                report.dropped += 1
                METRICS.delivery("dropped")
                log.warning(
                    "dropped %s %s for chat %s: due %s, outside the %s grace window",
                    row.reminder_key,
                    row.occurrence,
                    row.chat_id,
                    row.fire_at.isoformat(timespec="minutes"),
                    self.grace,
                )
            return
        if not self.allowed(row.chat_id):
            if self.store.mark_dropped(row.id, "chat not on the allow-list"):
                report.dropped += 1
                METRICS.delivery("dropped")
                log.warning(
                    "chat %s is not on the allow-list (SGBOT_ALLOWED_CHATS): %s %s not sent, "
                    "subscription kept",
                    row.chat_id,
                    row.reminder_key,
                    row.occurrence,
                )
            return
        await self.pacer.wait()
        if self._stopping or self._halted:
            return
        if not self.store.mark_sending(row.id, self.owner, self._lease_end()):
            return  # someone else has it, or the chat was blocked meanwhile
        at = self._now(now)
        delayed = at - row.fire_at > self.late_after
        text = row.text
        if row.uncertain:
            text = "(Re-sent after a restart: you may have had this already.)\n" + text
        if delayed:
            due = row.fire_at.astimezone(self.tz)
            text = f"Delayed reminder (due {due:%d %b %H:%M}):\n" + text
        try:
            extra = messages.send_extras(row.reminder_key)
            await self.sender.send(row.chat_id, text[: messages.MAX_TEXT], **extra)
        except ChatBlocked:
            self.store.block_chat(row.chat_id, "chat blocked the bot")
            self.store.unsubscribe(row.chat_id)
            report.blocked_chats.append(row.chat_id)
            METRICS.delivery("blocked")
            log.info("chat %s blocked the bot: unsubscribed", row.chat_id)
            return
        except SendRejected as exc:
            self.store.mark_failed(row.id, f"rejected: {exc}", self.owner)
            report.failed += 1
            METRICS.delivery("failed")
            log.warning("reminder %s to chat %s rejected: %s", row.reminder_key, row.chat_id, exc)
            return
        except Exception as exc:  # network, 5xx, retries exhausted: try again next wake-up
            if row.attempts + 1 >= self.max_attempts:
                self.store.mark_failed(row.id, f"gave up: {exc}", self.owner)
                report.failed += 1
                METRICS.delivery("failed")
            else:
                self.store.mark_retry(row.id, str(exc), self.owner)
                report.retried += 1
                METRICS.delivery("retried")
            log.warning("sending %s to chat %s failed: %s", row.reminder_key, row.chat_id, exc)
            return
        self.store.mark_sent(row.id, at, delayed, self.owner)
        report.sent += 1
        report.delayed += int(delayed)
        METRICS.delivery("delayed" if delayed else "sent")

    # -- both ----------------------------------------------------------------------------

    async def run(self, now: dt.datetime | None = None, wait: float = 0.0) -> Report:
        """One wake-up under the send lock (waiting up to ``wait`` s for it): recover, plan,
        drain. Overlapping wake-ups in this process return at once; ``skipped`` if another
        process held the lock."""
        if self._lock.locked():
            return Report()
        async with self._lock:
            if not await self.send_lock.acquire(wait):
                log.debug("another process is sending reminders: skipped this wake-up")
                return Report(skipped=True)
            self._halted = False
            try:
                recovered = self.recover()
                when = now if now is not None else self._now(dt.datetime.now(UTC))
                report = self.plan(when)
                report.recovered = recovered
                await self.drain(when, report)
            finally:
                self.send_lock.release()
            if report.claimed or report.sent or report.dropped or report.failed:
                log.info("reminders: %s", report)
            return report

    def upcoming(
        self, now: dt.datetime, days: int = 14, chat: int | None = None
    ) -> list[tuple[Firing, int]]:
        """Firings in ``(now, now + days]`` with how many chats (or whether ``chat``) get them."""
        kb = self.kb
        statuses = self.store.action_statuses()
        subs = subscribers(self.store)
        out: list[tuple[Firing, int]] = []
        for f in firings(self.schedules, kb, statuses, now, now + dt.timedelta(days=days)):
            chats = {c for c in audience(f, subs, kb, self.schedules) if self._in_scope(c)}
            if chat is not None:
                if chat not in chats:
                    continue
                if f.kind == "digest" and self.render(f, chat, subs, statuses) is None:
                    continue
            out.append((f, len(chats)))
        return out
