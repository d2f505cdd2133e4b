"""One reminder sender per database at a time (the send lock), and its pace (``Pacer``).

Any number of processes (``sgbot run``, cron ``sgbot reminders send-due``, on one host or
several) may share a database. A dispatcher plans and sends only while it holds this lock,
so one process paces Telegram's 30 messages/second for the whole bot, and the others wait
(``send-due``) or skip that minute (``sgbot run``). The lock is held for one wake-up, not for
a process's life, so whichever process comes next takes over when a sender stops or dies.

* PostgreSQL: a session-level advisory lock on a connection of its own (no pool, autocommit,
  TCP keepalives so the server notices a vanished host within about a minute). A killed
  process's session ends and the lock is free at once. The holder checks its session at
  every heartbeat and stops taking new messages if it is gone. Not through PgBouncer in
  transaction mode (it does not keep sessions).
* SQLite: an exclusive ``flock`` on ``<database file>.<scope>.sendlock`` beside the file;
  the kernel frees it when the process dies. (In-memory SQLite: one process, no lock.)

The lock is not what makes a message go out once: the row leases in the store do that,
even if two holders overlap for a moment (a lost session noticed late).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

POLL_SECONDS = 0.25
KEEPALIVE_OPTIONS = (
    "-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3"
)


class SendLock:
    """The interface, and the no-op lock (an in-memory database has one process)."""

    def try_acquire(self) -> bool:
        return True

    def holds(self) -> bool:
        """Still ours? (heartbeat)"""
        return True

    def release(self) -> None:
        return None

    async def acquire(self, wait: float = 0.0) -> bool:
        """Take the lock, polling for up to ``wait`` seconds; False if another holds it."""
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            if self.try_acquire():  # an unreachable database raises, as every other query
                return True
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(POLL_SECONDS)


class FileSendLock(SendLock):
    """``flock`` on a file beside the SQLite database."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        import fcntl

        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor drops the flock
            self._fd = None


class AdvisorySendLock(SendLock):
    """``pg_try_advisory_lock`` on a dedicated session; ``name`` picks the key."""

    def __init__(self, url: Any, name: str):
        self.name = name
        given = url.query.get("options")  # e.g. -csearch_path=...: keep it
        options = f"{given} {KEEPALIVE_OPTIONS}" if isinstance(given, str) else KEEPALIVE_OPTIONS
        self.engine = create_engine(
            url, poolclass=NullPool, isolation_level="AUTOCOMMIT", connect_args={"options": options}
        )
        self._conn: Any = None

    def _key(self, schema: str) -> int:
        digest = hashlib.blake2b(f"sgbot:{schema}.{self.name}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big", signed=True)

    def try_acquire(self) -> bool:
        if self._conn is not None:
            return True
        conn = self.engine.connect()
        try:
            schema = conn.execute(text("SELECT current_schema()")).scalar() or ""
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self._key(schema)})
            if got.scalar():
                self._conn = conn
                return True
        except BaseException:
            conn.close()
            raise
        conn.close()
        return False

    def holds(self) -> bool:
        if self._conn is None:
            return False
        try:
            self._conn.execute(text("SELECT 1"))
            return True
        except Exception:  # the session is gone, and the lock with it
            return False

    def release(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            with contextlib.suppress(Exception):  # a broken session holds nothing either
                conn.close()  # ends the session: the lock goes with it

    def close(self) -> None:
        self.release()
        self.engine.dispose()


def send_lock_for(store: Any, scope: str) -> SendLock:
    """The lock guarding ``store``'s deliveries for one dispatcher scope."""
    url = store.engine.url
    name = f"{store.prefix}deliveries.{scope}"
    if store.dialect == "postgresql":
        return AdvisorySendLock(url, name)
    database = url.database
    if store.dialect == "sqlite" and database and database != ":memory:":
        return FileSendLock(Path(f"{database}.{store.prefix}{scope}.sendlock"))
    return SendLock()


class Pacer:
    """Spaces calls at most ``rate`` per second (a leaky bucket on the monotonic clock)."""

    def __init__(self, rate: float | None):
        self.interval = 1.0 / rate if rate else 0.0
        self.next = 0.0
        self.lock = asyncio.Lock()

    async def wait(self) -> None:
        if not self.interval:
            return
        async with self.lock:
            now = time.monotonic()
            if self.next > now:
                await asyncio.sleep(self.next - now)
                now = time.monotonic()  # no catching up after an oversleep: no bursts
            self.next = now + self.interval

    def pause(self, seconds: float) -> None:
        self.next = max(self.next, time.monotonic() + seconds)
