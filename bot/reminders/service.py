"""Wiring: settings -> store, schedules and dispatcher; the console's reminder thread.

The scheduler never holds reminders: every minute it only wakes the dispatcher, which
reads the schedules and the database. So a restart rebuilds everything from the database
(each wake-up settles what a dead process left in flight once its lease has expired).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.database import Reconnect
from bot.errors import DatabaseUnavailable, DataError
from bot.kb.models import KnowledgeBase
from bot.reminders.dispatcher import CONSOLE_CHAT, Dispatcher, Report, Scope, Sender
from bot.reminders.schedules import Schedules, load_schedules
from bot.reminders.senders import EmitSender
from bot.reminders.store import Store

log = logging.getLogger("sgbot.reminders")
TICK_SECONDS = 60.0
TELEGRAM_RATE = 29.0  # messages per second, under Telegram's 30/s
TELEGRAM_CONCURRENCY = 8


def open_store(settings: Settings, create: bool = True) -> Store:
    """The store at ``settings.database_url``; ``create=False`` does not connect yet."""
    return Store(settings.database_url, create=create)


def load_for(settings: Settings, kb: KnowledgeBase) -> Schedules:
    return load_schedules(settings.schedules_dir, kb)


def build_dispatcher(
    settings: Settings,
    store: Store,
    schedules: Schedules,
    kb: KnowledgeBase | Callable[[], KnowledgeBase],
    sender: Sender,
    *,
    scope: Scope = "telegram",
    clock: Callable[[], dt.datetime] | None = None,
    **kw,
) -> Dispatcher:
    if scope == "telegram":
        kw.setdefault("rate", TELEGRAM_RATE)
        kw.setdefault("concurrency", TELEGRAM_CONCURRENCY)
        if settings.allowed_chats:  # admins' private chats have the admin's id
            kw.setdefault("allowed_chats", settings.allowed_chats | settings.admins)
    kw.setdefault("lease", dt.timedelta(seconds=settings.send_lease_seconds))
    return Dispatcher(
        store,
        schedules,
        kb,
        sender,
        grace=dt.timedelta(hours=settings.grace_hours),
        scope=scope,
        clock=clock,
        **kw,
    )


class DatabaseKeeper:
    """The reminders' hold on the database in a long-running process.

    Nothing touches the database at start: the first ``tick`` (or a chat command through
    ``ready``) creates the tables, recovers rows a dead process left in flight and runs
    ``on_connect``. While the database is away each attempt logs one line and the next
    waits longer (1 s, 2 s ... 60 s); when it is back the reminders resume from the
    database, as after a restart.
    """

    def __init__(
        self,
        store: Store,
        dispatcher: Dispatcher,
        on_connect: Callable[[], object] | None = None,
        **backoff: float,
    ):
        self.store = store
        self.dispatcher = dispatcher
        self.on_connect = on_connect
        self.recovered = False
        self.reconnect = Reconnect(self._connect, "reminders are paused", **backoff)

    def _connect(self) -> None:
        self.store.create_tables()
        if not self.recovered:
            self.dispatcher.recover()
            self.recovered = True
        if self.on_connect is not None:
            self.on_connect()

    @property
    def available(self) -> bool:
        return self.reconnect.available

    def wait(self) -> float:
        """Seconds until the next attempt is due (0 when connected or due)."""
        return max(0.0, self.reconnect.next_at - self.reconnect.clock())

    def ready(self) -> bool:
        """Connected, or connected now by one attempt (for a command someone is waiting on)."""
        return self.reconnect.available or self.reconnect.attempt()

    def lost(self, error: BaseException) -> None:
        self.reconnect.lost(error)

    async def tick(
        self, now: dt.datetime, leads: Callable[[], bool] | None = None
    ) -> Report | None:
        """Send what is due; None while the database is away (nothing is lost: it is all
        in the database and the schedules, and the grace window covers a short outage).
        With ``leads`` (``Leadership.check``), only while this process leads."""
        if not self.reconnect.available:
            if not self.reconnect.due() or not await asyncio.to_thread(self.reconnect.attempt):
                return None
        if leads is not None and not await asyncio.to_thread(leads):
            return Report(skipped=True)
        try:
            return await self.dispatcher.run(now)
        except DatabaseUnavailable as exc:
            self.reconnect.lost(exc)
            return None


def start_console_reminders(
    settings: Settings,
    kb: KnowledgeBase,
    emit: Callable[[str], None],
    clock: Callable[[], dt.datetime] | None = None,
    interval: float = TICK_SECONDS,
    **backoff: float,
) -> Callable[[], None]:
    """Print due reminders in the console (chat 0, subscribed to everything while it runs:
    the stopper unsubscribes it) every minute.

    Returns a function that stops the daemon thread. Invalid schedules are reported
    through ``emit`` and no thread is started; a database that is away only pauses the
    reminders (the thread retries with back-off, the chat answers meanwhile).
    """
    tz = ZoneInfo(kb.partnership.timezone)
    clock = clock or (lambda: dt.datetime.now(tz))
    try:
        schedules = load_for(settings, kb)
    except DataError as exc:
        emit("Reminders are off: the schedules are invalid:\n" + str(exc))
        return lambda: None
    store = Store(settings.database_url, create=False)

    def follow_everything() -> None:
        now = clock()
        store.subscribe(CONSOLE_CHAT, "all", "meetings", now)
        store.subscribe(CONSOLE_CHAT, "all", "actions", now)

    dispatcher = build_dispatcher(
        settings, store, schedules, kb, EmitSender(emit), scope="console", clock=clock
    )
    keeper = DatabaseKeeper(store, dispatcher, follow_everything, **backoff)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                asyncio.run(keeper.tick(clock()))
            except Exception:  # keep the console alive; the next minute tries again
                log.exception("console reminders failed")
            stop.wait(interval if keeper.available else max(0.01, keeper.wait()))
        try:  # the console follows everything only while it runs (`reminders list`)
            store.unsubscribe(CONSOLE_CHAT)
        except Exception as exc:  # the database went away: the next start re-subscribes
            log.warning("console reminders: subscriptions kept (%s)", type(exc).__name__)
        store.close()

    thread = threading.Thread(target=loop, name="sgbot-reminders", daemon=True)
    thread.start()

    def stopper() -> None:
        stop.set()
        thread.join(timeout=5)

    return stopper


def action_statuses(settings: Settings) -> dict[str, str]:
    """Action id -> "open"/"done" as set by admins (for ``engine.answer(action_status=...)``)."""
    store = open_store(settings)
    try:
        return store.action_statuses()
    finally:
        store.close()
