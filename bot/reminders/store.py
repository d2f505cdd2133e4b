"""The reminders' database (SQLAlchemy 2 Core): SQLite by default, PostgreSQL by URL.

Tables (names take an optional prefix, so tests can share one PostgreSQL database):

* ``subscriptions``  (chat_id, target, topic): target is a board or agency id or ``all``;
  topic is ``meetings`` or ``actions``.
* ``action_status`` / ``action_audit``: an action's status set by an admin, and who set
  it, when and why (every change is appended to the audit).
* ``deliveries``: the outbox and delivery log. One row per (reminder_key, occurrence,
  chat_id), enforced by a UNIQUE constraint: a second row for the same message cannot
  exist. Status moves ``claimed -> sending -> sent`` (or ``blocked``, ``failed``,
  ``dropped``); a ``sending`` row has an ``owner`` (the process sending it) and a
  ``lease_until`` that the live owner keeps renewing; only a row whose lease expired (its
  owner died) is recovered. See :mod:`bot.reminders.dispatcher` for the exactly-once argument.
* ``meta``: small key/value state (the dispatcher's last tick).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError

UTC = dt.UTC
TOPICS = ("meetings", "actions")


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True)
class Subscription:
    chat_id: int
    target: str
    topic: str


@dataclass(frozen=True)
class AuditEntry:
    action_id: str
    status: str
    user_id: int | None
    user_name: str
    note: str
    at: dt.datetime


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


class Store:
    """Repository over the reminders' tables. ``Store(url, prefix="")``; call ``close()``."""

    def __init__(self, url: str, prefix: str = "", create: bool = True):
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.prefix = prefix
        md = self.metadata = MetaData()
        self.subs = Table(
            f"{prefix}subscriptions",
            md,
            Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
            Column("target", String(64), primary_key=True),
            Column("topic", String(16), primary_key=True),
            Column("created_at", DateTime(timezone=True), nullable=False),
        )
        self.status = Table(
            f"{prefix}action_status",
            md,
            Column("action_id", String(64), primary_key=True),
            Column("status", String(16), nullable=False),
            Column("updated_at", DateTime(timezone=True), nullable=False),
            Column("updated_by", BigInteger),
        )
        self.audit_t = Table(
            f"{prefix}action_audit",
            md,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("action_id", String(64), nullable=False, index=True),
            Column("status", String(16), nullable=False),
            Column("user_id", BigInteger),
            Column("user_name", String(200), nullable=False, default=""),
            Column("note", Text, nullable=False, default=""),
            Column("at", DateTime(timezone=True), nullable=False),
        )
        self.deliveries = Table(
            f"{prefix}deliveries",
            md,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("reminder_key", String(200), nullable=False),
            Column("occurrence", String(40), nullable=False),
            Column("chat_id", BigInteger, nullable=False),
            Column("text", Text, nullable=False),
            Column("fire_at", DateTime(timezone=True), nullable=False),
            Column("status", String(16), nullable=False, index=True),
            Column("claimed_at", DateTime(timezone=True), nullable=False),
            Column("sent_at", DateTime(timezone=True)),
            Column("attempts", Integer, nullable=False, default=0),
            Column("delayed", Boolean, nullable=False, default=False),
            Column("uncertain", Boolean, nullable=False, default=False),
            Column("error", Text, nullable=False, default=""),
            Column("owner", String(100)),
            Column("lease_until", DateTime(timezone=True)),
            UniqueConstraint(
                "reminder_key", "occurrence", "chat_id", name=f"{prefix}uq_delivery_once"
            ),
        )
        self.meta = Table(
            f"{prefix}meta",
            md,
            Column("key", String(64), primary_key=True),
            Column("value", Text, nullable=False),
        )
        if create:
            md.create_all(self.engine)
            self._add_lease_columns()

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

    def close(self) -> None:
        self.engine.dispose()

    def drop_all(self) -> None:
        self.metadata.drop_all(self.engine)

    def _insert(self, table: Table):
        return (pg_insert if self.dialect == "postgresql" else sqlite_insert)(table)

    # -- subscriptions -----------------------------------------------------------------

    def subscribe(self, chat_id: int, target: str, topic: str, now: dt.datetime) -> bool:
        """Add a subscription; False if the chat already had it."""
        if topic not in TOPICS:
            raise ValueError(f"unknown topic {topic!r}")
        stmt = (
            self._insert(self.subs)
            .values(chat_id=chat_id, target=target, topic=topic, created_at=_utc(now))
            .on_conflict_do_nothing(index_elements=["chat_id", "target", "topic"])
            .returning(self.subs.c.chat_id)
        )
        with self.engine.begin() as c:
            return c.execute(stmt).first() is not None

    def subscribe_many(self, rows: Iterable[tuple[int, str, str]], now: dt.datetime) -> None:
        stmt = self._insert(self.subs).on_conflict_do_nothing(
            index_elements=["chat_id", "target", "topic"]
        )
        data = [
            {"chat_id": c, "target": t, "topic": p, "created_at": _utc(now)} for c, t, p in rows
        ]
        if data:
            with self.engine.begin() as c:
                c.execute(stmt, data)

    def unsubscribe(self, chat_id: int, target: str | None = None, topic: str | None = None) -> int:
        """Remove this chat's subscriptions matching target/topic (None: any); count removed."""
        stmt = delete(self.subs).where(self.subs.c.chat_id == chat_id)
        if target is not None:
            stmt = stmt.where(self.subs.c.target == target)
        if topic is not None:
            stmt = stmt.where(self.subs.c.topic == topic)
        with self.engine.begin() as c:
            return c.execute(stmt).rowcount

    def subscriptions(self, chat_id: int | None = None) -> list[Subscription]:
        stmt = select(self.subs.c.chat_id, self.subs.c.target, self.subs.c.topic)
        if chat_id is not None:
            stmt = stmt.where(self.subs.c.chat_id == chat_id)
        stmt = stmt.order_by(self.subs.c.chat_id, self.subs.c.target, self.subs.c.topic)
        with self.engine.connect() as c:
            return [Subscription(int(r[0]), r[1], r[2]) for r in c.execute(stmt)]

    # -- action status and audit -------------------------------------------------------

    def set_action_status(
        self,
        action_id: str,
        status: str,
        now: dt.datetime,
        user_id: int | None = None,
        user_name: str = "",
        note: str = "",
    ) -> None:
        """Record an action's new status and append who/when/why to its audit trail."""
        now = _utc(now)
        if status not in ("open", "done"):
            raise ValueError(f"unknown status {status!r}")
        ins = self._insert(self.status)
        stmt = ins.on_conflict_do_update(
            index_elements=["action_id"],
            set_={"status": status, "updated_at": now, "updated_by": user_id},
        )
        with self.engine.begin() as c:
            c.execute(
                stmt,
                {
                    "action_id": action_id,
                    "status": status,
                    "updated_at": now,
                    "updated_by": user_id,
                },
            )
            c.execute(
                self.audit_t.insert().values(
                    action_id=action_id,
                    status=status,
                    user_id=user_id,
                    user_name=user_name[:200],
                    note=note,
                    at=now,
                )
            )

    def action_statuses(self) -> dict[str, str]:
        """Action id -> "open"/"done" for every action whose status was set here."""
        with self.engine.connect() as c:
            rows = c.execute(select(self.status.c.action_id, self.status.c.status))
            return {r[0]: r[1] for r in rows}

    def audit(self, action_id: str | None = None) -> list[AuditEntry]:
        stmt = select(self.audit_t).order_by(self.audit_t.c.id)
        if action_id is not None:
            stmt = stmt.where(self.audit_t.c.action_id == action_id)
        with self.engine.connect() as c:
            return [
                AuditEntry(r.action_id, r.status, r.user_id, r.user_name, r.note, _utc(r.at))
                for r in c.execute(stmt)
            ]

    # -- deliveries (outbox + log) -----------------------------------------------------

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

    # -- meta --------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as c:
            return c.execute(select(self.meta.c.value).where(self.meta.c.key == key)).scalar()

    def set_meta(self, key: str, value: str) -> None:
        stmt = self._insert(self.meta).on_conflict_do_update(
            index_elements=["key"], set_={"value": value}
        )
        with self.engine.begin() as c:
            c.execute(stmt, {"key": key, "value": value})


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()
