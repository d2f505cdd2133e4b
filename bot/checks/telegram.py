"""Telegram plugin: ``/verify`` and ``/checks`` (admins only), the monthly reminder, and the
engine's snapshot of the last recorded checks.

    /verify                  every contact with its last check (due ones marked)
    /verify CONTACT [note]   record that CONTACT's number was checked today (an audit row)
    /checks                  the contacts due a check
    /checks on | off         this chat gets (or stops) the monthly reminder listing them

The command logic is in :class:`ChecksDesk` (plain methods returning text, tested without
Telegram); the handlers only parse the update and reply. The engine never waits on the
database: it answers with ``engine.checks``, a snapshot this plugin refreshes every few
minutes and at once after ``/verify``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.checks.due import checkables, due, reminder_text, resolve, when
from bot.checks.store import Check, CheckStore
from bot.engine.masking import mask
from bot.engine.vocabulary import vocabulary_for
from bot.errors import DatabaseUnavailable
from bot.inputs import clean_args, clean_text

log = logging.getLogger("sgbot.checks")
UNAVAILABLE = DatabaseUnavailable.MESSAGE[0].upper() + DatabaseUnavailable.MESSAGE[1:] + "."
REFRESH_SECONDS = 300
REMIND_SECONDS = 3600
REMIND_HOUR = 9  # local time, on the first day of the month (or the first wake-up after)
COMMANDS: list[tuple[str, str]] = [
    ("verify", "Admins: /verify CONTACT records that its number was checked"),
    ("checks", "Admins: numbers due a check; /checks on|off for a monthly reminder"),
]


@dataclass
class ChecksDesk:
    """The checks' commands over a store, the bot's context (settings, kb holder, clock)."""

    store: CheckStore
    context: Any  # BotContext: .settings, .kb (holder: .kb, .engine), .clock(), .is_admin()
    _failed: bool = field(default=False, repr=False)

    @property
    def kb(self):
        return self.context.kb.kb

    def refresh(self) -> None:
        """Give the engine the last recorded checks (kept as they were while the database is
        away; one log line per outage)."""
        try:
            latest = self.store.latest()
        except Exception as exc:
            if not self._failed:
                log.warning(
                    "recorded checks unavailable (%s): answers show the last known dates",
                    type(exc).__name__,
                )
            self._failed = True
            return
        self._failed = False
        self.context.kb.engine.checks = latest

    def today(self, now: dt.datetime) -> dt.date:
        return now.date()

    def verify(self, args: list[str], user_id: int | None, name: str, now: dt.datetime) -> str:
        if not args:
            return self.status(now)
        target = resolve(self.kb, args[0])
        if target is None:
            ids = ", ".join(c.id for c in checkables(self.kb, {}))
            return f"I don't know a contact called {args[0]!r}. Contacts: {ids}."
        note = mask(" ".join(args[1:]), vocabulary_for(self.kb)) if args[1:] else ""
        on = self.today(now)
        self.store.record(
            Check(target.id, on, now.astimezone(dt.UTC), user_id, name, "telegram", note)
        )
        self.refresh()
        who = f" by {name}" if name else ""
        return (
            f"Recorded: {target.label} ({target.number}) checked on {on.day} {on:%b %Y}{who}. "
            "Answers now show this date."
        )

    def status(self, now: dt.datetime) -> str:
        today = self.today(now)
        age = self.context.settings.check_max_age_days
        latest = self.store.latest()
        stale = {c.id for c in due(self.kb, latest, today, age)}
        lines = [f"Contacts and their last check (due after {age} days):"]
        for c in checkables(self.kb, latest):
            mark = "DUE " if c.id in stale else ""
            lines.append(f"- {mark}{c.id}: {c.label} ({c.number}): {when(c, today)}")
        lines.append("Record a check: /verify ID [note]")
        return "\n".join(lines)

    def checks(self, chat_id: int, args: list[str], now: dt.datetime) -> str:
        word = args[0].lower() if args else ""
        if word in ("on", "subscribe"):
            new = self.store.subscribe(chat_id, now.astimezone(dt.UTC))
            return (
                "This chat will get a reminder on the 1st of each month listing the numbers "
                "due a check."
                if new
                else "This chat already gets the monthly reminder."
            )
        if word in ("off", "unsubscribe"):
            gone = self.store.unsubscribe(chat_id)
            return "Monthly reminder stopped." if gone else "This chat did not get it."
        if word:
            return "Usage: /checks, /checks on or /checks off"
        today = self.today(now)
        age = self.context.settings.check_max_age_days
        items = due(self.kb, self.store.latest(), today, age)
        if not items:
            return f"Every contact was checked in the last {age} days."
        return reminder_text(items, today, age)

    async def remind(self, now: dt.datetime, send: Callable[[int, str], Awaitable[Any]]) -> int:
        """This month's reminder to each subscribed chat, once (claimed first); how many sent."""
        if now.day == 1 and now.hour < REMIND_HOUR:
            return 0
        today = self.today(now)
        age = self.context.settings.check_max_age_days
        items = due(self.kb, self.store.latest(), today, age)
        if not items:
            return 0
        text = reminder_text(items, today, age)
        month = f"{today:%Y-%m}"
        sent = 0
        for chat_id in self.store.subscribed():
            if not self.context.is_allowed(chat_id, chat_id):
                log.info("checks reminder not sent to chat %s: outside the allow-list", chat_id)
                continue
            if not self.store.claim(chat_id, month, now.astimezone(dt.UTC)):
                continue
            try:
                await send(chat_id, text)
                sent += 1
            except Exception as exc:  # the next wake-up tries again
                self.store.release(chat_id, month)
                log.warning("checks reminder to chat %s failed: %s", chat_id, type(exc).__name__)
        return sent


def register(application: Any, context: Any) -> list[tuple[str, str]]:
    """Add /verify, /checks and the refresh and reminder jobs to a PTB ``Application``.

    Returns the menu entries: their descriptions start "Admins:", so the menu puts them in
    the admins' menu only (:mod:`bot.adapters.telegram_menu`)."""
    from telegram import Update
    from telegram.ext import CommandHandler, ContextTypes

    desk = ChecksDesk(CheckStore(context.settings.database_url), context)
    application.bot_data["checks"] = desk

    async def reply(update: Update, text: str) -> None:
        if update.effective_message is not None:
            await update.effective_message.reply_text(text)

    def admins_only(name: str, run: Callable[[Update, list[str]], str]):
        async def handle(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
            user = update.effective_user
            if not context.is_admin(user.id if user else None):
                await reply(update, f"Sorry, only partnership admins can use /{name}.")
                return
            try:
                text = await asyncio.to_thread(run, update, clean_args(ctx.args))
            except DatabaseUnavailable:
                text = UNAVAILABLE
            await reply(update, text)

        return handle

    def on_verify(update: Update, args: list[str]) -> str:
        user = update.effective_user
        name = clean_text(user.full_name) if user else ""
        return desk.verify(args, user.id if user else None, name, context.clock())

    def on_checks(update: Update, args: list[str]) -> str:
        chat = update.effective_chat
        return desk.checks(chat.id if chat else 0, args, context.clock())

    application.add_handler(CommandHandler("verify", admins_only("verify", on_verify)))
    application.add_handler(CommandHandler("checks", admins_only("checks", on_checks)))

    async def refresh(_ctx: ContextTypes.DEFAULT_TYPE) -> None:
        await asyncio.to_thread(desk.refresh)

    async def remind(_ctx: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await desk.remind(
                context.clock(), lambda chat, text: application.bot.send_message(chat, text)
            )
        except DatabaseUnavailable:
            pass  # the next wake-up tries again
        except Exception:
            log.exception("checks reminder failed")

    jobs = application.job_queue
    if jobs is not None:
        jobs.run_repeating(refresh, interval=REFRESH_SECONDS, first=0, name="checks-refresh")
        jobs.run_repeating(remind, interval=REMIND_SECONDS, first=30, name="checks-remind")
    return list(COMMANDS)
