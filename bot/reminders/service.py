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
from bot.errors import DataError
from bot.kb.models import KnowledgeBase
from bot.reminders.dispatcher import CONSOLE_CHAT, Dispatcher, Scope, Sender
from bot.reminders.schedules import Schedules, load_schedules
from bot.reminders.senders import EmitSender
from bot.reminders.store import Store

log = logging.getLogger("sgbot.reminders")
TICK_SECONDS = 60.0
TELEGRAM_RATE = 29.0  # messages per second, under Telegram's 30/s
TELEGRAM_CONCURRENCY = 8


def open_store(settings: Settings) -> Store:
    return Store(settings.database_url)


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


def start_console_reminders(
    settings: Settings,
    kb: KnowledgeBase,
    emit: Callable[[str], None],
    clock: Callable[[], dt.datetime] | None = None,
    interval: float = TICK_SECONDS,
) -> Callable[[], None]:
    """Print due reminders in the console (chat 0, subscribed to everything) every minute.

    Returns a function that stops the daemon thread. Invalid schedules are reported
    through ``emit`` and no thread is started.
    """
    tz = ZoneInfo(kb.partnership.timezone)
    clock = clock or (lambda: dt.datetime.now(tz))
    try:
        schedules = load_for(settings, kb)
        store = open_store(settings)
    except DataError as exc:
        emit("Reminders are off: the schedules are invalid:\n" + str(exc))
        return lambda: None
    now = clock()
    store.subscribe(CONSOLE_CHAT, "all", "meetings", now)
    store.subscribe(CONSOLE_CHAT, "all", "actions", now)
    dispatcher = build_dispatcher(
        settings, store, schedules, kb, EmitSender(emit), scope="console", clock=clock
    )
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                asyncio.run(dispatcher.run(clock()))
            except Exception:  # keep the console alive; the next minute tries again
                log.exception("console reminders failed")
            stop.wait(interval)
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
