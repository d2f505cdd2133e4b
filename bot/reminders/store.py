"""The reminders' database (SQLAlchemy 2 Core): SQLite by default, PostgreSQL by URL.

Tables (names take an optional prefix, so tests can share one PostgreSQL database):

* ``subscriptions``  (chat_id, target, topic): target is a board or agency id or ``all``;
  topic is ``meetings`` or ``actions``.
* ``action_status`` / ``action_audit``: an action's status set by an admin, and who set
  it, when and why (every change is appended to the audit).
* ``deliveries``: the outbox and delivery log, one row per (reminder_key, occurrence,
  chat_id) (UNIQUE); its operations and row leases are in :mod:`bot.reminders.deliveries`,
  the exactly-once argument in :mod:`bot.reminders.dispatcher`.
* ``meta``: small key/value state (the dispatcher's last tick).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

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
    delete,
    event,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.database import engine_for
from bot.reminders.deliveries import Claim, Delivery, DeliveryLog, _utc  # noqa: F401 - re-exported

UTC = dt.UTC
TOPICS = ("meetings", "actions")


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


def tables(prefix: str = "") -> MetaData:
    """The reminders' tables (names with ``prefix``): the models migrations are checked
    against (``bot.schema``) when the prefix is empty."""
    md = MetaData()
    Table(
        f"{prefix}subscriptions",
        md,
        Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
        Column("target", String(64), primary_key=True),
        Column("topic", String(16), primary_key=True),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        f"{prefix}action_status",
        md,
        Column("action_id", String(64), primary_key=True),
        Column("status", String(16), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("updated_by", BigInteger),
    )
    Table(
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
    Table(
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
        UniqueConstraint("reminder_key", "occurrence", "chat_id", name=f"{prefix}uq_delivery_once"),
    )
    Table(
        f"{prefix}meta",
        md,
        Column("key", String(64), primary_key=True),
        Column("value", Text, nullable=False),
    )
    return md


class Store(DeliveryLog):
    """Repository over the reminders' tables. ``Store(url, prefix="")``; call ``close()``."""

    def __init__(self, url: str, prefix: str = "", create: bool = True):
        self.url = url
        self.engine: Engine = engine_for(url)  # an outage raises DatabaseUnavailable
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.prefix = prefix
        md = self.metadata = tables(prefix)
        t = md.tables
        self.subs = t[f"{prefix}subscriptions"]
        self.status = t[f"{prefix}action_status"]
        self.audit_t = t[f"{prefix}action_audit"]
        self.deliveries = t[f"{prefix}deliveries"]
        self.meta = t[f"{prefix}meta"]
        if create:
            self.create_tables()

    def create_tables(self) -> None:
        """Make the schema ready: with no prefix, migrate a new database (or adopt one an
        older version made) and refuse an outdated one (``bot.schema.ensure_schema``);
        with a prefix (tests sharing a database), create the missing tables."""
        if not self.prefix:
            from bot.schema import ensure_schema

            ensure_schema(self.engine)
            return
        self.metadata.create_all(self.engine)
        self._add_lease_columns()

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
