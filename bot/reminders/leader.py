"""Which ``sgbot run`` instance runs the reminder dispatcher: the one holding the lead lock.

Any number of instances may answer (behind a load balancer, on one PostgreSQL database);
exactly one of them wakes the dispatcher. The lead is a lock held for the process's life,
not for one wake-up: a PostgreSQL session-level advisory lock on a connection of its own
(the same kind as the send lock, :mod:`bot.reminders.sendlock`, under another key), or an
``flock`` beside a SQLite file.

At every wake-up (``SGBOT_DISPATCH_SECONDS``, default 60) each instance calls ``check()``:
the leader confirms its session is alive (``SELECT 1``; a dropped session lost the lock
with it), the others try to take the lock. A killed leader's session ends at once, so
another instance leads from its next wake-up: within one interval. A vanished host's
session ends when the server's TCP keepalives give up (about a minute).

The lead is not what makes a reminder go once: the delivery rows and their leases do, so a
moment with two leaders (a lost session noticed late) sends nothing twice.
"""

from __future__ import annotations

import logging
import threading

from bot.metrics import METRICS, Metrics
from bot.reminders.sendlock import SendLock, send_lock_for

log = logging.getLogger("sgbot.reminders")


class Leadership:
    """``check()`` -> whether this process leads now (takes the lock when it is free)."""

    def __init__(self, lock: SendLock, metrics: Metrics = METRICS):
        self.lock = lock
        self.metrics = metrics
        self.leading = False
        self.closed = False
        self._guard = threading.Lock()  # check() runs in threads; close() must wait for it

    @classmethod
    def for_store(cls, store, metrics: Metrics = METRICS) -> Leadership:  # type: ignore[no-untyped-def]
        return cls(send_lock_for(store, "leader"), metrics)

    def check(self) -> bool:
        """Called at each wake-up, in a thread (it may wait on the database)."""
        with self._guard:
            return False if self.closed else self._check()

    def _check(self) -> bool:
        if self.leading:
            if self.lock.holds():
                return True
            log.warning("lost the reminder dispatcher's lead (database session gone)")
            self.lock.release()
            self._set(False)
        try:
            got = self.lock.try_acquire()
        except Exception as exc:  # the database is away: the keeper logs and retries
            log.debug("cannot try the dispatcher's lead: %s", type(exc).__name__)
            got = False
        if got:
            log.info("this process now runs the reminder dispatcher")
            self._set(True)
        return got

    def release(self) -> None:
        """Give the lead up: another instance takes it at its next wake-up."""
        with self._guard:
            self._release()

    def _release(self) -> None:
        if self.leading:
            self.lock.release()
            self._set(False)

    def close(self) -> None:
        """Release the lead and the lock's own connection pool (application shutdown)."""
        with self._guard:  # a wake-up's check in flight finishes first
            self.closed = True
            self._release()
            close = getattr(self.lock, "close", None)
            if close is not None:
                close()

    def _set(self, leading: bool) -> None:
        self.leading = leading
        self.metrics.leader.set(1 if leading else 0)
