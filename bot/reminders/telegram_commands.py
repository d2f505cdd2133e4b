"""Telegram plugin: /subscribe, /unsubscribe, /reminders, /calendar, /actions, /done,
/reopen, /history, and the minute wake-up of the dispatcher.

``register(application, context)`` is called by ``bot.adapters.telegram.build_application``
with a ``BotContext`` (``.settings``, ``.kb`` holder, ``.clock``, ``.is_admin``). The command
logic lives in ``Commands`` (plain methods returning text, tested without Telegram); the
handlers only parse the update and reply.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.engine.masking import mask
from bot.engine.vocabulary import vocabulary_for
from bot.errors import DatabaseUnavailable
from bot.inputs import clean_args, clean_text
from bot.kb.models import Action, KnowledgeBase
from bot.metrics import METRICS
from bot.reminders.action_pages import ActionList
from bot.reminders.audience import actions_in_scope
from bot.reminders.calendar import calendar_ics, resolve_body
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.leader import Leadership
from bot.reminders.messages import clip, firing_label
from bot.reminders.schedules import Schedules
from bot.reminders.senders import TelegramSender
from bot.reminders.service import DatabaseKeeper, build_dispatcher, load_for, open_store
from bot.reminders.store import TOPICS, Store
from bot.reminders.telegram_actions import ACTION_BUTTON, UNAVAILABLE, ActionPages, send_html

log = logging.getLogger("sgbot.reminders")
JOB_ID = "reminders-dispatch"
RETRY_ID = "reminders-reconnect"
TICK_SECONDS = 60

COMMANDS: list[tuple[str, str]] = [
    ("subscribe", "Reminders here: /subscribe [board|agency|all] [meetings|actions]"),
    ("unsubscribe", "Stop reminders: /unsubscribe [board|agency|all] [meetings|actions]"),
    ("reminders", "This chat's subscriptions and next reminders"),
    ("calendar", "Meetings as a calendar file: /calendar [board]"),
    ("actions", "Next actions with status and due dates: /actions [board|agency]"),
    ("done", "Admins: /done ACTION [note] marks an action done"),
    ("reopen", "Admins: /reopen ACTION [note] reopens an action"),
    ("history", "Who changed an action's status, when and why: /history ACTION"),
]


def current_kb(holder: Any) -> KnowledgeBase:
    """The knowledge base from the adapter's holder (or a knowledge base itself)."""
    if isinstance(holder, KnowledgeBase):
        return holder
    for attr in ("kb", "knowledge"):
        value = getattr(holder, attr, None)
        if isinstance(value, KnowledgeBase):
            return value
        if callable(value):
            value = value()
            if isinstance(value, KnowledgeBase):
                return value
    engine = getattr(holder, "engine", None)
    if engine is not None and isinstance(getattr(engine, "kb", None), KnowledgeBase):
        return engine.kb
    raise TypeError(f"cannot find the knowledge base in {holder!r}")


@dataclass
class Commands:
    """The reminders' chat commands over a store, schedules and a dispatcher."""

    store: Store
    schedules: Schedules
    dispatcher: Dispatcher
    kb_of: Callable[[], KnowledgeBase]

    @property
    def kb(self) -> KnowledgeBase:
        return self.kb_of()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.schedules.timezone)

    # -- parsing -----------------------------------------------------------------------

    def resolve_target(self, words: str) -> str | None:
        """'all', a board or an agency (id, name or alias, case-insensitive)."""
        q = words.strip().lower()
        if q in ("", "all", "everything"):
            return "all"
        body = resolve_body(self.kb, self.schedules, q)
        if body is not None:
            return body
        for item in [*self.kb.boards, *self.kb.agencies]:
            if q in (item.id, item.name.lower(), *(a.lower() for a in item.aliases)):
                return item.id
        return None

    def _parse(self, args: Sequence[str]) -> tuple[str | None, list[str], str]:
        topics = [a.lower() for a in args if a.lower() in TOPICS]
        rest = " ".join(a for a in args if a.lower() not in TOPICS)
        return self.resolve_target(rest), topics or list(TOPICS), rest

    def masked(self, note: str) -> str:
        """A note as it may be stored and shown: words the bot does not know masked."""
        return mask(note, vocabulary_for(self.kb))[:500]

    def _target_examples(self) -> str:
        """ "a board (e.g. X), an agency (e.g. Y)": the shortest names this knowledge has."""
        out = []
        for kind, items in (("a board", self.kb.boards), ("an agency", self.kb.agencies)):
            if items:
                names = [n for n in (items[0].id, *items[0].aliases) if " " not in n]
                out.append(f"{kind} (e.g. {min(names, key=len).lower()})")
        return ", ".join(out)

    def _scope_name(self, target: str) -> str:
        return "all boards and agencies" if target == "all" else self.kb.owner_name(target)

    # -- commands ----------------------------------------------------------------------

    def subscribe(self, chat_id: int, args: Sequence[str], now: dt.datetime) -> str:
        target, topics, raw = self._parse(args)
        if target is None:
            return f"I don't know {raw!r}. Try {self._target_examples()} or all."
        added = [t for t in topics if self.store.subscribe(chat_id, target, t, now)]
        what = " and ".join(topics)
        if not added:
            return f"This chat already follows {what} of {self._scope_name(target)}."
        return (
            f"This chat now follows {what} of {self._scope_name(target)}. "
            "/reminders shows what comes next; /unsubscribe stops it."
        )

    def unsubscribe(self, chat_id: int, args: Sequence[str]) -> str:
        if not args:
            n = self.store.unsubscribe(chat_id)
            return f"Removed all {n} subscription(s) of this chat." if n else "No subscriptions."
        target, topics, raw = self._parse(args)
        if target is None:
            return f"I don't know {raw!r}. /reminders lists this chat's subscriptions."
        n = sum(self.store.unsubscribe(chat_id, target, t) for t in topics)
        if not n:
            return f"This chat did not follow {' or '.join(topics)} of {self._scope_name(target)}."
        return f"Stopped {' and '.join(topics)} of {self._scope_name(target)} here."

    def reminders(self, chat_id: int, now: dt.datetime, limit: int = 8) -> str:
        subs = self.store.subscriptions(chat_id)
        if not subs:
            return "This chat has no reminders. /subscribe all (or a board) to start."
        lines = ["This chat follows:"]
        for s in subs:
            lines.append(f"- {s.topic} of {self._scope_name(s.target)}")
        upcoming = self.dispatcher.upcoming(now, days=62, chat=chat_id)[:limit]
        lines.append("Next reminders:" if upcoming else "No reminders in the next 62 days.")
        for f, _n in upcoming:
            when = f.fire_at.astimezone(self.tz)
            lines.append(f"- {when:%a %d %b %H:%M}: {firing_label(self.kb, f)}")
        return "\n".join(lines)

    def calendar(self, args: Sequence[str], now: dt.datetime) -> tuple[bytes, str] | str:
        """(ics bytes, file name), or an error text."""
        bodies = None
        name = f"{self.kb.partnership.id}-meetings.ics"
        if args:
            body = resolve_body(self.kb, self.schedules, " ".join(args))
            if body is None:
                known = ", ".join(s.body for s in self.schedules.series)
                return f"No meetings for {' '.join(args)!r}. Known: {known}."
            bodies, name = [body], f"{body}-meetings.ics"
        return calendar_ics(self.schedules, self.kb, now, bodies).encode("utf-8"), name

    def action_list(
        self, args: Sequence[str], now: dt.datetime, live: bool = True, chat_id: int | None = None
    ) -> ActionList | str:
        """The actions of ``args`` ("sub": those chat ``chat_id`` follows) with the statuses
        admins set (the report's when not ``live``: the database is away), or an error text."""
        statuses = self.store.action_statuses() if live else {}
        kb = self.kb
        acts: list[Action] = list(kb.actions)
        title, show_owner = "Next actions", True
        words = " ".join(args)
        if words == "sub" and chat_id is not None:
            targets = [s.target for s in self.store.subscriptions(chat_id) if s.topic == "actions"]
            if targets and "all" not in targets:
                acts = actions_in_scope(kb, targets, statuses)
                title = "Open actions this chat follows"
        elif words and words != "sub":
            target = self.resolve_target(words)
            if target is None:
                return f"I don't know {words!r}. Try a board (e.g. risk), an agency or all."
            if target != "all":
                acts = [a for a in acts if a.owner == target]
                title, show_owner = f"Next actions of {kb.owner_name(target)}", False
        today = now.astimezone(self.tz).date()
        return ActionList(kb, acts, statuses, today, title, show_owner)

    def actions(
        self, args: Sequence[str], now: dt.datetime, live: bool = True, admin: bool = False
    ) -> str:
        """The first message of /actions: the summary (the pages come behind its button)."""
        lst = self.action_list(args, now, live)
        if isinstance(lst, str):
            return lst
        text = lst.summary(admin=admin)
        return text if live else f"{text}\nStatuses as in the report: {UNAVAILABLE}"

    def set_status(
        self,
        status: str,
        args: Sequence[str],
        now: dt.datetime,
        user_id: int | None,
        user_name: str,
        is_admin: bool,
    ) -> str:
        verb = "done" if status == "done" else "reopen"
        if not is_admin:
            return "Only partnership admins can change an action's status."
        if not args:
            return f"Usage: /{verb} ACTION [note], e.g. /{verb} assurance-03 signed off at board"
        action_id, note = args[0].lower(), self.masked(" ".join(args[1:]).strip())
        action = next((a for a in self.kb.actions if a.id == action_id), None)
        if action is None:
            return f"No action {action_id!r}. /actions lists them."
        self.store.set_action_status(action_id, status, now, user_id, user_name, note)
        when = now.astimezone(self.tz)
        why = f" Note: {note}" if note else ""
        return f"Action {action_id} is now {status} (by {user_name or user_id}, {when:%d %b %Y %H:%M}).{why}"

    def history(self, args: Sequence[str]) -> str:
        if not args:
            return "Usage: /history ACTION"
        action_id = args[0].lower()
        trail = self.store.audit(action_id)
        if not trail:
            return f"No status changes recorded for {action_id}."
        lines = [f"Status changes of {action_id}:"]
        for e in trail:
            when = e.at.astimezone(self.tz)
            note = f": {self.masked(e.note)}" if e.note else ""  # rows from before masking
            lines.append(f"- {when:%d %b %Y %H:%M} {e.status} by {e.user_name or e.user_id}{note}")
        return clip(lines, "")


def register(application: Any, context: Any) -> list[tuple[str, str]]:
    """Add the reminders' handlers and the minute wake-up to a PTB ``Application``."""
    from telegram import Update
    from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

    settings = context.settings
    kb_of = lambda: current_kb(context.kb)  # noqa: E731 - the holder may swap the kb
    clock: Callable[[], dt.datetime] = context.clock
    schedules = load_for(settings, kb_of())
    store = open_store(settings, create=False)  # the bot starts without the database
    sender = TelegramSender(application.bot)
    dispatcher = build_dispatcher(settings, store, schedules, kb_of, sender, clock=clock)
    sender.pause = dispatcher.pacer.pause
    # tables and recovery of rows a killed process left in flight: at first contact
    keeper = DatabaseKeeper(store, dispatcher)
    leadership = Leadership.for_store(store)  # one instance of many runs the dispatcher
    application.bot_data["reminders_leadership"] = leadership
    cmds = Commands(store, schedules, dispatcher, kb_of)
    application.bot_data["reminders"] = cmds
    application.bot_data["reminders_keeper"] = keeper

    async def reply(update: Update, text: str) -> None:
        await send_html(application.bot, update, text)

    pages = ActionPages(cmds, keeper, clock, context.is_admin, lambda: retry_soon())

    def needs_database(handler):
        """Reply "unavailable for now" instead of silence while the database is away."""

        async def handle(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
            if await asyncio.to_thread(keeper.ready):
                try:
                    await handler(update, ctx)
                    return
                except DatabaseUnavailable as exc:
                    keeper.lost(exc)
            retry_soon()
            await reply(update, UNAVAILABLE)

        return handle

    def chat_of(update: Update) -> int:
        assert update.effective_chat is not None
        return update.effective_chat.id

    def user_of(update: Update) -> tuple[int | None, str]:
        u = update.effective_user
        return (u.id, u.full_name) if u is not None else (None, "")

    async def on_subscribe(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        await reply(update, cmds.subscribe(chat_of(update), clean_args(ctx.args), clock()))

    async def on_unsubscribe(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        await reply(update, cmds.unsubscribe(chat_of(update), clean_args(ctx.args)))

    async def on_reminders(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        await reply(update, cmds.reminders(chat_of(update), clock()))

    async def on_calendar(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        out = cmds.calendar(clean_args(ctx.args), clock())
        if isinstance(out, str):
            await reply(update, out)
            return
        data, name = out
        await ctx.bot.send_document(
            chat_id=chat_of(update),
            document=data,
            filename=name,
            caption="Meetings for the next 12 months (UK time). Open it to add them.",
        )

    def status_handler(status: str):
        async def handle(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
            user_id, name = user_of(update)
            admin = user_id is not None and bool(context.is_admin(user_id))
            args = clean_args(ctx.args)
            text = cmds.set_status(status, args, clock(), user_id, clean_text(name), admin)
            await reply(update, text)

        return handle

    async def on_history(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        await reply(update, cmds.history(clean_args(ctx.args)))

    for name, callback in [
        ("subscribe", needs_database(on_subscribe)),
        ("unsubscribe", needs_database(on_unsubscribe)),
        ("reminders", needs_database(on_reminders)),
        ("calendar", on_calendar),
        ("actions", pages.on_actions),
        ("done", needs_database(status_handler("done"))),
        ("reopen", needs_database(status_handler("open"))),
        ("history", needs_database(on_history)),
    ]:
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(pages.on_page, pattern=ACTION_BUTTON.pattern))

    async def tick(_ctx: ContextTypes.DEFAULT_TYPE) -> None:
        METRICS.dispatcher_ran()
        try:
            await keeper.tick(clock(), leadership.check)
        except Exception:  # the next minute tries again; rows stay claimed
            log.exception("reminder dispatch failed")
        retry_soon()

    def retry_soon() -> None:
        """While the database is away, try again after the back-off, not the next minute:
        reminders resume within seconds of its return."""
        jobs = application.job_queue
        if keeper.available or jobs is None or jobs.get_jobs_by_name(RETRY_ID):
            return
        jobs.run_once(tick, max(keeper.wait(), 0.01), name=RETRY_ID)

    if application.job_queue is None:  # pragma: no cover - the job-queue extra is installed
        log.warning("no job queue: reminders are not sent (install the job-queue extra)")
    else:
        application.job_queue.run_repeating(
            tick,
            interval=settings.dispatch_interval,
            first=1,
            name=JOB_ID,
            job_kwargs={
                "id": JOB_ID,
                "replace_existing": True,
                "max_instances": 2,  # a long fan-out holds the dispatcher's lock; no warning
                "coalesce": True,
                "misfire_grace_time": int(max(1, settings.dispatch_interval)),
            },
        )
    return list(COMMANDS)
