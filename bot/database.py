"""Opening the database, and what happens while it is away.

``engine_for(url)`` is the one place a SQLAlchemy engine is made (the reminders' store and
the unanswered-questions table both use it):

* a malformed ``SGBOT_DATABASE_URL`` or a missing driver is a ``ConfigError`` (exit 2: a
  human must fix it, systemd does not restart on 2);
* any failure to reach the database (connection refused, server gone, SQLite file that
  cannot be opened) raises ``DatabaseUnavailable`` instead of the driver's error, so the
  callers catch one exception and say "unavailable for now" instead of a traceback;
* connections are checked before use (``pool_pre_ping``), so a database that comes back
  is used again without a restart.

``Reconnect`` is the back-off for a long-running process (``sgbot run``, the console
chat): it tries a connect function, logs one line per failed attempt, and says when to try
again (1 s, 2 s, 4 s ... up to a minute).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy
from sqlalchemy import event, exc

from bot.errors import ConfigError, DatabaseUnavailable

log = logging.getLogger("sgbot.database")
CONNECT_TIMEOUT = 5  # seconds, PostgreSQL: a host that drops packets must not hang a reply
# SQLite reports schema mistakes as OperationalError too: those are bugs, not an outage
_SQLITE_BUGS = (
    "no such table",
    "no such column",
    "syntax error",
    "has no column",
    "already exists",
)


def engine_for(url: str) -> sqlalchemy.Engine:
    """A SQLAlchemy engine for ``url`` whose connection failures raise DatabaseUnavailable."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        # an unmounted volume is not a crash: connecting says the database is unavailable
        with contextlib.suppress(OSError):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    kw: dict = {"pool_pre_ping": True}
    if url.startswith("postgresql"):
        kw["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT}
    try:
        engine = sqlalchemy.create_engine(url, **kw)
    except ImportError as error:  # the driver of a valid URL is not installed
        raise ConfigError(_missing_driver(url, error)) from None
    except (exc.ArgumentError, exc.NoSuchModuleError) as error:
        raise ConfigError(f"SGBOT_DATABASE_URL: {error}") from None
    event.listen(engine, "handle_error", _translate)
    return engine


def _missing_driver(url: str, error: ImportError) -> str:
    if url.startswith("postgresql"):
        return (
            "SGBOT_DATABASE_URL is a PostgreSQL URL but its driver is not installed: "
            "pip install 'safeguarding-bot[postgres]' (psycopg)"
        )
    return f"SGBOT_DATABASE_URL: its driver is not installed ({error})"


def is_outage(error: BaseException) -> bool:
    """Whether a SQLAlchemy error means the database cannot be reached (not a bug)."""
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, exc.InterfaceError | exc.TimeoutError):
        return True
    if isinstance(error, exc.OperationalError):
        return not any(bug in str(error.orig).lower() for bug in _SQLITE_BUGS)
    return False


def _translate(context: sqlalchemy.engine.ExceptionContext) -> None:
    error = context.sqlalchemy_exception
    if context.is_disconnect or (error is not None and is_outage(error)):
        raise DatabaseUnavailable(type(context.original_exception).__name__) from error


class Reconnect:
    """Back-off for reaching the database: ``attempt()`` when ``due()``; thread-safe.

    ``connect`` does whatever "available" needs (e.g. create the tables); it raises
    ``DatabaseUnavailable`` while the database is away. Each failed attempt logs one line
    with the attempt number and the next delay; the first success after a failure logs
    that the database is back.
    """

    def __init__(
        self,
        connect: Callable[[], object],
        what: str,
        *,
        first: float = 1.0,
        cap: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.connect = connect
        self.what = what
        self.first, self.cap, self.clock = first, cap, clock
        self.available = False
        self.failures = 0
        self.next_at = 0.0
        self._lock = threading.Lock()

    @property
    def delay(self) -> float:
        """Seconds from one failed attempt to the next."""
        return min(self.cap, self.first * 2 ** max(0, self.failures - 1))

    def due(self) -> bool:
        return self.clock() >= self.next_at

    def attempt(self) -> bool:
        """Try to connect now; True when the database is available."""
        with self._lock:
            if self.available:
                return True
            try:
                self.connect()
            except DatabaseUnavailable as error:
                self.failures += 1
                self.next_at = self.clock() + self.delay
                log.warning(
                    "the database is unavailable for now (attempt %d: %s); %s; next try in %g s",
                    self.failures,
                    error,
                    self.what,
                    self.delay,
                )
                return False
            if self.failures:
                log.info("the database is back after %d failed attempt(s)", self.failures)
            self.available, self.failures, self.next_at = True, 0, 0.0
            return True

    def lost(self, error: BaseException) -> None:
        """The database went away while in use: try again at once, then back off."""
        with self._lock:
            if self.available:
                log.warning("lost the database (%s); %s", error, self.what)
            self.available = False
            self.next_at = 0.0
