"""``sgbot calendar`` and ``sgbot reminders list|send-due`` (cron-friendly).

sgbot calendar [--board X] [--at ISO]    iCalendar of the meetings on standard output
sgbot reminders list [--at ISO] [--days N]
sgbot reminders send-due [--at ISO] [--wait S]
                                         sends through Telegram with TELEGRAM_BOT_TOKEN
                                         (SGBOT_TELEGRAM_API_URL as base_url if set);
                                         without a token prints them (a dry run: the
                                         delivery log is not touched). While another
                                         process sends for this database it waits up to
                                         S seconds (default 300), then leaves it to that one
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import signal
import sys
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.inputs import parse_at
from bot.kb.loader import load_knowledge
from bot.kb.models import KnowledgeBase
from bot.reminders.calendar import calendar_ics, resolve_body
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.messages import firing_label
from bot.reminders.schedules import Schedules
from bot.reminders.senders import TelegramSender
from bot.reminders.service import (
    TELEGRAM_CONCURRENCY,
    build_dispatcher,
    load_for,
    open_store,
)

DEFAULT_WAIT = 300.0  # seconds send-due waits while another process sends


def _load(settings: Settings) -> tuple[KnowledgeBase, Schedules, ZoneInfo]:
    kb = load_knowledge(settings.knowledge_dir)
    return kb, load_for(settings, kb), ZoneInfo(kb.partnership.timezone)


def cmd_calendar(settings: Settings, args: argparse.Namespace) -> int:
    kb, schedules, tz = _load(settings)
    try:
        now = parse_at(getattr(args, "at", None), tz)
    except ValueError as exc:
        print(f"sgbot calendar: --at {exc}", file=sys.stderr)
        return 2
    bodies = None
    if args.board:
        body = resolve_body(kb, schedules, args.board)
        if body is None:
            known = ", ".join(s.body for s in schedules.series)
            print(
                f"sgbot calendar: no meetings for {args.board!r} (known: {known})", file=sys.stderr
            )
            return 2
        bodies = [body]
    sys.stdout.flush()
    sys.stdout.buffer.write(calendar_ics(schedules, kb, now, bodies).encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


def cmd_reminders(settings: Settings, args: argparse.Namespace) -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    kb, schedules, tz = _load(settings)
    try:
        now = parse_at(args.at, tz)
    except ValueError as exc:
        print(f"sgbot reminders: --at {exc}", file=sys.stderr)
        return 2
    if args.reminders_command == "list":
        return _list(settings, kb, schedules, now, args.days)
    wait = getattr(args, "wait", None)
    return asyncio.run(
        _send_due(settings, kb, schedules, now, DEFAULT_WAIT if wait is None else wait)
    )


def _list(settings: Settings, kb, schedules, now: dt.datetime, days: int) -> int:
    store = open_store(settings)
    try:
        d = build_dispatcher(settings, store, schedules, kb, _NoSender(), scope="any")
        due = d.new_claims(now)
        pending = store.pending(limit=10_000)
        print(f"Due now ({now:%Y-%m-%d %H:%M %Z}, grace {settings.grace_hours:g} h):")
        if not due and not pending:
            print("  nothing")
        for c in due:
            print(f"  {c.reminder_key} {c.occurrence} -> chat {c.chat_id}{_console(c.chat_id)}")
        for r in pending:
            print(f"  {r.reminder_key} {r.occurrence} -> chat {r.chat_id} (claimed, not sent yet)")
        print(f"Next {days} days:")
        upcoming = d.upcoming(now, days=days)
        if not upcoming:
            print("  nothing")
        for f, n in upcoming:
            when = f.fire_at.astimezone(now.tzinfo)
            print(f"  {when:%a %d %b %Y %H:%M}  {firing_label(kb, f)}  -> {n} chat(s)")
    finally:
        store.close()
    return 0


def _console(chat_id: int) -> str:
    return " (the console chat, while `sgbot chat --reminders` runs)" if chat_id == 0 else ""


class _NoSender:
    async def send(self, chat_id: int, text: str, **extra: object) -> None:  # pragma: no cover
        raise RuntimeError("listing never sends")


async def _send_due(settings: Settings, kb, schedules, now: dt.datetime, wait: float) -> int:
    store = open_store(settings)
    try:
        if not settings.telegram_token:
            d = build_dispatcher(settings, store, schedules, kb, _NoSender(), scope="telegram")
            claims = [c for c in d.new_claims(now) if d.allowed(c.chat_id)]
            print(
                f"No TELEGRAM_BOT_TOKEN: {len(claims)} reminder(s) due, printed, not sent.",
                file=sys.stderr,
            )
            for c in claims:
                print(f"--- to chat {c.chat_id} ({c.reminder_key} {c.occurrence})\n{c.text}")
            return 0
        from telegram import Bot
        from telegram.request import HTTPXRequest

        kw = {"base_url": settings.telegram_api_url} if settings.telegram_api_url else {}
        request = HTTPXRequest(connection_pool_size=2 * TELEGRAM_CONCURRENCY)
        bot = Bot(settings.telegram_token, request=request, **kw)
        async with bot:
            sender = TelegramSender(bot)
            d: Dispatcher = build_dispatcher(settings, store, schedules, kb, sender)
            sender.pause = d.pacer.pause
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, d.stop)  # finish in-flight sends, then exit
            report = await d.run(now, wait=wait)
        if report.skipped:
            print(
                f"Another process kept sending reminders for this database for {wait:g} s: "
                "nothing sent here (it sends what is due).",
                file=sys.stderr,
            )
            return 0
        print(
            f"sent {report.sent} (delayed {report.delayed}), blocked chats "
            f"{len(report.blocked_chats)}, retry later {report.retried}, failed {report.failed}, "
            f"dropped {report.dropped + report.missed_firings}"
        )
        return 0 if not report.failed else 1
    finally:
        store.close()
