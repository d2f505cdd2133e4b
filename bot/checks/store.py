"""The checks' tables (SQLAlchemy Core): SQLite by default, PostgreSQL by URL.

* ``contact_checks``: one row per check an admin recorded (the audit): which contact, the
  day it was checked, when it was recorded, by whom (Telegram id and name, or the name
  given on the command line), through which door (``cli`` or ``telegram``) and a masked note.
* ``contact_check_subscribers``: chats (of admins) that get the monthly reminder.
* ``contact_check_reminders``: (chat, month) claimed before a reminder is sent, so each
  chat gets each month's reminder once, however many processes run.

Table names take an optional prefix, so tests can share one PostgreSQL database.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError

from bot.config import Settings
from bot.database import engine_for

log = logging.getLogger("sgbot.checks")


@dataclass(frozen=True)
class Check:
    contact_id: str
    checked_on: dt.date
    at: dt.datetime
    user_id: int | None
    user_name: str
    via: str
    note: str


class CheckStore:
    """Repository over the checks' tables. ``CheckStore(url, prefix="")``; ``close()``."""

    def __init__(self, url: str, prefix: str = ""):
        self.engine = engine_for(url)  # an outage raises DatabaseUnavailable on first use
        md = self.metadata = MetaData()
        self.checks = Table(
            f"{prefix}contact_checks",
            md,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("contact_id", String(64), nullable=False, index=True),
            Column("checked_on", Date, nullable=False),
            Column("at", DateTime(timezone=True), nullable=False),
            Column("user_id", BigInteger),
            Column("user_name", String(200), nullable=False, default=""),
            Column("via", String(16), nullable=False),
            Column("note", Text, nullable=False, default=""),
        )
        self.subscribers = Table(
            f"{prefix}contact_check_subscribers",
            md,
            Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
            Column("created_at", DateTime(timezone=True), nullable=False),
        )
        self.reminded = Table(
            f"{prefix}contact_check_reminders",
            md,
            Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
            Column("month", String(7), primary_key=True),
            Column("sent_at", DateTime(timezone=True), nullable=False),
        )
        self._created = False

    def create(self) -> None:
        if not self._created:
            self.metadata.create_all(self.engine)
            self._created = True

    def close(self) -> None:
        self.engine.dispose()

    # -- checks ----------------------------------------------------------------------------

    def record(self, check: Check) -> None:
        self.create()
        with self.engine.begin() as c:
            c.execute(
                self.checks.insert().values(
                    contact_id=check.contact_id,
                    checked_on=check.checked_on,
                    at=check.at,
                    user_id=check.user_id,
                    user_name=check.user_name[:200],
                    via=check.via,
                    note=check.note,
                )
            )

    def latest(self) -> dict[str, dt.date]:
        """contact id -> the day of its last recorded check."""
        self.create()
        t = self.checks
        with self.engine.connect() as c:
            rows = c.execute(
                select(t.c.contact_id, func.max(t.c.checked_on)).group_by(t.c.contact_id)
            )
            return {cid: day for cid, day in rows if day is not None}

    def history(self, contact_id: str) -> list[Check]:
        self.create()
        t = self.checks
        with self.engine.connect() as c:
            rows = c.execute(select(t).where(t.c.contact_id == contact_id).order_by(t.c.id))
            return [
                Check(r.contact_id, r.checked_on, r.at, r.user_id, r.user_name, r.via, r.note)
                for r in rows
            ]

    # -- the monthly reminder --------------------------------------------------------------

    def subscribe(self, chat_id: int, at: dt.datetime) -> bool:
        """True when the chat was not subscribed before."""
        self.create()
        try:
            with self.engine.begin() as c:
                c.execute(self.subscribers.insert().values(chat_id=chat_id, created_at=at))
        except IntegrityError:
            return False
        return True

    def unsubscribe(self, chat_id: int) -> bool:
        self.create()
        with self.engine.begin() as c:
            t = self.subscribers
            return c.execute(delete(t).where(t.c.chat_id == chat_id)).rowcount > 0

    def subscribed(self) -> list[int]:
        self.create()
        with self.engine.connect() as c:
            t = self.subscribers
            return [r[0] for r in c.execute(select(t.c.chat_id).order_by(t.c.chat_id))]

    def claim(self, chat_id: int, month: str, at: dt.datetime) -> bool:
        """Claim this month's reminder for a chat; False when it was claimed before."""
        self.create()
        try:
            with self.engine.begin() as c:
                c.execute(self.reminded.insert().values(chat_id=chat_id, month=month, sent_at=at))
        except IntegrityError:
            return False
        return True

    def release(self, chat_id: int, month: str) -> None:
        """Give a claim back (the send failed): the next wake-up tries again."""
        with self.engine.begin() as c:
            t = self.reminded
            c.execute(delete(t).where(t.c.chat_id == chat_id, t.c.month == month))


def latest_checks(settings: Settings) -> dict[str, dt.date]:
    """The last recorded check of every contact, or {} when there is no database to ask.

    Never creates a SQLite file just to read it, and never raises: answering goes on with
    the knowledge files' dates (one INFO line says why).
    """
    url = settings.database_url
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        if not Path(url.removeprefix("sqlite:///")).exists():
            return {}
    try:
        store = CheckStore(url)
        try:
            return store.latest()
        finally:
            store.close()
    except Exception as exc:  # the answer never waits on the database
        log.info(
            "recorded checks unavailable (%s): showing the knowledge files' dates",
            type(exc).__name__,
        )
        return {}
