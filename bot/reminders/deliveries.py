"""The deliveries table's operations: the outbox and delivery log, with row leases.

``DeliveryLog`` is mixed into ``Store`` (which owns the engine and the tables). One row per
(reminder_key, occurrence, chat_id) - UNIQUE, so a message can only ever have one row.
Status moves ``claimed -> sending -> sent`` (or ``blocked``, ``failed``, ``dropped``). A
``sending`` row has an ``owner`` (the dispatcher sending it) and a ``lease_until`` the live
owner keeps renewing; only rows whose lease expired (their owner died) are recovered, and
only the owner can settle a row it is sending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Table, func, inspect, select, text, update
from sqlalchemy.exc import OperationalError

UTC = dt.UTC


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True)
class Claim:
    """A message to deliver once: what, to whom, and when it was due."""

    reminder_key: str
    occurrence: str
    chat_id: int
    text: str
    fire_at: dt.datetime


@dataclass(frozen=True)
class Delivery:
    id: int
    reminder_key: str
    occurrence: str
    chat_id: int
    text: str
    fire_at: dt.datetime
    status: str
    attempts: int
    uncertain: bool


class DeliveryLog:
    """Methods over ``self.deliveries`` (see the module doc); ``Store`` provides the rest."""

    engine: Engine
    dialect: str
    deliveries: Table

    _insert: Any  # Store._insert: the dialect's INSERT (with ON CONFLICT)

    def _add_lease_columns(self) -> None:
        """Databases made before leases existed get the two nullable columns."""
        have = {c["name"] for c in inspect(self.engine).get_columns(self.deliveries.name)}
        for name, kind in (("owner", "VARCHAR(100)"), ("lease_until", "TIMESTAMP")):
            if name in have:
                continue
            if self.dialect == "postgresql":
                kind = f"IF NOT EXISTS {name} " + kind.replace("TIMESTAMP", "TIMESTAMPTZ")
            else:
                kind = f"{name} {kind}"
            try:
                with self.engine.begin() as c:
                    c.execute(text(f'ALTER TABLE "{self.deliveries.name}" ADD COLUMN {kind}'))
            except OperationalError:  # another process added it first (SQLite)
                pass

    def claim(self, claims: Sequence[Claim], now: dt.datetime, batch: int = 500) -> None:
        """Insert ``claimed`` rows; a (key, occurrence, chat) already present is left alone."""
        now = _utc(now)
        stmt = self._insert(self.deliveries).on_conflict_do_nothing(
            index_elements=["reminder_key", "occurrence", "chat_id"]
        )
        for i in range(0, len(claims), batch):
            rows = [
                {
                    "reminder_key": cl.reminder_key,
                    "occurrence": cl.occurrence,
                    "chat_id": cl.chat_id,
                    "text": cl.text,
                    "fire_at": _utc(cl.fire_at),
                    "status": "claimed",
                    "claimed_at": now,
                    "attempts": 0,
                    "delayed": False,
                    "uncertain": False,
                    "error": "",
                }
                for cl in claims[i : i + batch]
            ]
            with self.engine.begin() as c:
                c.execute(stmt, rows)

    def known_keys(self, pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str, int]]:
        """(key, occurrence, chat) already in the log for the given (key, occurrence) pairs."""
        out: set[tuple[str, str, int]] = set()
        d = self.deliveries.c
        wanted = sorted(set(pairs))
        with self.engine.connect() as c:
            for key, occ in wanted:
                rows = c.execute(
                    select(d.chat_id).where(d.reminder_key == key, d.occurrence == occ)
                )
                out.update((key, occ, int(r[0])) for r in rows)
        return out

    def pending(self, limit: int = 200) -> list[Delivery]:
        """Claimed rows not yet attempted, oldest due first."""
        d = self.deliveries.c
        stmt = (
            select(self.deliveries)
            .where(d.status == "claimed")
            .order_by(d.fire_at, d.id)
            .limit(limit)
        )
        with self.engine.connect() as c:
            return [
                Delivery(
                    r.id,
                    r.reminder_key,
                    r.occurrence,
                    int(r.chat_id),
                    r.text,
                    _utc(r.fire_at),
                    r.status,
                    r.attempts,
                    bool(r.uncertain),
                )
                for r in c.execute(stmt)
            ]

    def _move(self, row_id: int, frm: str, holder: str | None = None, **values: Any) -> bool:
        d = self.deliveries.c
        stmt = update(self.deliveries).where(d.id == row_id, d.status == frm)
        if holder is not None:  # only the process that holds the row may settle it
            stmt = stmt.where(d.owner == holder)
        with self.engine.begin() as c:
            return c.execute(stmt.values(**values)).rowcount == 1

    def mark_sending(
        self, row_id: int, owner: str | None = None, lease_until: dt.datetime | None = None
    ) -> bool:
        """claimed -> sending, committed before the request leaves; False if not ours."""
        return self._move(
            row_id,
            "claimed",
            status="sending",
            attempts=self.deliveries.c.attempts + 1,
            owner=owner,
            lease_until=_utc(lease_until),
        )

    def mark_sent(
        self, row_id: int, now: dt.datetime, delayed: bool, owner: str | None = None
    ) -> bool:
        return self._move(
            row_id, "sending", owner, status="sent", sent_at=_utc(now), delayed=delayed
        )

    def mark_retry(self, row_id: int, error: str, owner: str | None = None) -> bool:
        """sending -> claimed: the request failed for sure (e.g. 429, network before send)."""
        return self._move(row_id, "sending", owner, status="claimed", error=error[:500])

    def mark_failed(self, row_id: int, error: str, owner: str | None = None) -> bool:
        return self._move(row_id, "sending", owner, status="failed", error=error[:500])

    def renew(self, owner: str, lease_until: dt.datetime) -> int:
        """Extend the lease of every row ``owner`` is sending (its heartbeat); count them."""
        d = self.deliveries.c
        with self.engine.begin() as c:
            res = c.execute(
                update(self.deliveries)
                .where(d.status == "sending", d.owner == owner)
                .values(lease_until=_utc(lease_until))
            )
            return res.rowcount

    def mark_dropped(self, row_id: int, reason: str) -> bool:
        return self._move(row_id, "claimed", status="dropped", error=reason[:500])

    def block_chat(self, chat_id: int, reason: str) -> int:
        """A chat blocked the bot: its unsent rows become ``blocked``; count affected."""
        d = self.deliveries.c
        with self.engine.begin() as c:
            res = c.execute(
                update(self.deliveries)
                .where(d.chat_id == chat_id, d.status.in_(("claimed", "sending")))
                .values(status="blocked", error=reason[:500])
            )
            return res.rowcount

    def recover(self, resend_uncertain: bool = True, now: dt.datetime | None = None) -> int:
        """Rows left ``sending`` by a dead process may or may not have reached Telegram.

        Only rows whose lease expired before ``now`` (default: the wall clock) are touched:
        a live sender renews its leases. With ``resend_uncertain`` (at-least-once, the
        default) they go back to ``claimed`` flagged ``uncertain``; otherwise (at-most-once)
        they become ``failed``. Returns how many rows were in doubt.
        """
        d = self.deliveries.c
        now = _utc(now or dt.datetime.now(UTC))
        values: dict[str, Any] = (
            {"status": "claimed", "uncertain": True}
            if resend_uncertain
            else {"status": "failed", "error": "uncertain after restart: not resent"}
        )
        expired = d.lease_until.is_(None) | (d.lease_until <= now)
        with self.engine.begin() as c:
            res = c.execute(
                update(self.deliveries)
                .where(d.status == "sending", expired)
                .values(owner=None, lease_until=None, **values)
            )
            return res.rowcount

    def delivery_counts(self) -> dict[str, int]:
        d = self.deliveries.c
        with self.engine.connect() as c:
            rows = c.execute(select(d.status, func.count()).group_by(d.status))
            return {r[0]: int(r[1]) for r in rows}

    def deliveries_for(self, chat_id: int | None = None) -> list[tuple[str, str, int, str]]:
        d = self.deliveries.c
        stmt = select(d.reminder_key, d.occurrence, d.chat_id, d.status).order_by(d.id)
        if chat_id is not None:
            stmt = stmt.where(d.chat_id == chat_id)
        with self.engine.connect() as c:
            return [(r[0], r[1], int(r[2]), r[3]) for r in c.execute(stmt)]
