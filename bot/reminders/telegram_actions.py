"""Telegram side of /actions and the digest's button: a summary, then pages in place.

Buttons (callback data within 64 bytes): ``acts:KEY`` under a summary (the first page, as
a new message; the summary loses its button) and ``actp:KEY:N`` under a page (page N,
edited in place). KEY is a board or agency id, ``all``, or ``sub``: the actions the chat
follows (the digest's button). Admins see the /done footer; others do not.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.adapters.render import render_answer, render_text
from bot.engine.types import Answer
from bot.errors import DatabaseUnavailable
from bot.inputs import clean_args
from bot.reminders.action_pages import ActionList

if TYPE_CHECKING:  # the plugin imports Telegram lazily
    from telegram import Bot, Update
    from telegram.ext import ContextTypes

    from bot.reminders.service import DatabaseKeeper
    from bot.reminders.telegram_commands import Commands

ACTION_BUTTON = re.compile(r"^act([sp]):([a-z0-9-]{1,48})(?::(\d{1,4}))?$")
REPORT_STATUSES = " (statuses as in the report)"
UNAVAILABLE = DatabaseUnavailable.MESSAGE[0].upper() + DatabaseUnavailable.MESSAGE[1:] + "."


async def send_html(
    bot: Bot, update: Update, text: str, markup: Any = None, titled: bool = False
) -> None:
    """Reply in HTML like every reply of the bot (``titled``: the first line in bold)."""
    chat = update.effective_chat
    if chat is None:
        return
    chunks = render_answer(Answer("reminders", text, [], [], 1.0)) if titled else render_text(text)
    for i, chunk in enumerate(chunks):
        await bot.send_message(
            chat.id, chunk, parse_mode="HTML", reply_markup=markup if i == len(chunks) - 1 else None
        )


def markup(rows: list[list[tuple[str, str]]]) -> Any:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup

    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def page_buttons(key: str, number: int, pages: int) -> Any:
    """« Previous / Next » under a page (none for a single page)."""
    row = []
    if number > 0:
        row.append((f"« Previous ({number}/{pages})", f"actp:{key}:{number - 1}"))
    if number < pages - 1:
        row.append((f"Next ({number + 2}/{pages}) »", f"actp:{key}:{number + 1}"))
    return markup([row]) if row else None


@dataclasses.dataclass
class ActionPages:
    """/actions and its buttons over the reminders' commands and database keeper."""

    cmds: Commands
    keeper: DatabaseKeeper
    clock: Callable[[], dt.datetime]
    is_admin: Callable[[int], bool]
    retry_soon: Callable[[], None]

    def admin(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and bool(self.is_admin(user.id))

    async def action_list(self, args: list[str], chat_id: int | None) -> ActionList | str:
        """The list with live statuses, or the report's while the database is away."""
        live = await asyncio.to_thread(self.keeper.ready)
        try:
            lst = self.cmds.action_list(args, self.clock(), live, chat_id)
        except DatabaseUnavailable as exc:
            self.keeper.lost(exc)
            live, lst = False, self.cmds.action_list(args, self.clock(), False, chat_id)
        self.retry_soon()
        if not live and isinstance(lst, ActionList):
            lst = dataclasses.replace(lst, title=lst.title + REPORT_STATUSES)
        return lst

    async def on_actions(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        """/actions [board|agency]: the summary, with a button to the first page."""
        args = clean_args(ctx.args)
        lst = await self.action_list(args, None)
        if isinstance(lst, str):
            await send_html(ctx.bot, update, lst)
            return
        key = (self.cmds.resolve_target(" ".join(args)) or "all") if args else "all"
        text = lst.summary(admin=self.admin(update))
        if lst.title.endswith(REPORT_STATUSES):
            text += f"\n{UNAVAILABLE}"
        buttons = None
        if lst.actions:
            n = len(lst.pages())
            label = f"Show the actions (page 1 of {n})" if n > 1 else "Show the actions"
            buttons = markup([[(label, f"acts:{key}")]])
        await send_html(ctx.bot, update, text, buttons, titled=True)

    async def on_page(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        """A summary's button (first page, as a new message) or Previous/Next (in place)."""
        from telegram.error import BadRequest

        query = update.callback_query
        if query is None or query.data is None:
            return
        await query.answer()
        m = ACTION_BUTTON.match(query.data)
        if m is None:
            return
        kind, key, number = m.group(1), m.group(2), int(m.group(3) or 0)
        chat_id = update.effective_chat.id if update.effective_chat else None
        lst = await self.action_list([] if key == "all" else [key], chat_id)
        if isinstance(lst, str):
            await send_html(ctx.bot, update, lst)
            return
        text, number, pages = lst.page(number, admin=self.admin(update))
        buttons = page_buttons(key, number, pages)
        if kind == "p":
            html_text = render_answer(Answer("actions", text, [], [], 1.0))[0]
            with contextlib.suppress(BadRequest):  # pressed twice: "message is not modified"
                await query.edit_message_text(html_text, parse_mode="HTML", reply_markup=buttons)
            return
        with contextlib.suppress(BadRequest):  # the summary keeps its text, not its button
            await query.edit_message_reply_markup(reply_markup=None)
        await send_html(ctx.bot, update, text, buttons, titled=True)
