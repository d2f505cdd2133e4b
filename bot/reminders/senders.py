"""Senders: where a reminder goes. All have ``async send(chat_id, text)``.

``TelegramSender`` wraps ``bot.send_message`` (``telegram`` is imported lazily): 403 and
"chat not found" become ``ChatBlocked`` (the dispatcher unsubscribes the chat),
``RetryAfter`` is honoured by sleeping and retrying, other 400s become ``SendRejected``.
It sends HTML like every reply of the bot (the first line, the reminder itself, in bold)
and turns a ``buttons`` extra (rows of (label, callback data)) into inline buttons.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
import warnings
from collections.abc import Callable
from typing import Any

from bot.errors import ChatBlocked
from bot.reminders.dispatcher import SendRejected

log = logging.getLogger("sgbot.reminders")


def retry_seconds(exc: BaseException) -> float:
    """Seconds to wait from a ``telegram.error.RetryAfter`` (int or timedelta, no warning)."""
    value: Any = getattr(exc, "_retry_after", None)
    if value is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = getattr(exc, "retry_after", 1)
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class TelegramSender:
    """Sends through a ``telegram.Bot``; ``pause(seconds)`` tells the pacer about a 429."""

    def __init__(
        self,
        bot: Any,
        max_retries: int = 3,
        pause: Callable[[float], None] | None = None,
    ):
        self.bot = bot
        self.max_retries = max_retries
        self.pause = pause
        self.retry_afters = 0

    async def send(self, chat_id: int, text: str, **extra: object) -> None:
        from telegram.error import BadRequest, Forbidden, RetryAfter

        buttons = extra.pop("buttons", None)
        if buttons:
            extra["reply_markup"] = _keyboard(buttons)
        extra.setdefault("parse_mode", "HTML")
        text = as_html(text)
        attempt = 0
        while True:
            try:
                await self.bot.send_message(chat_id=chat_id, text=text, **extra)
                return
            except Forbidden as exc:
                raise ChatBlocked(chat_id) from exc
            except RetryAfter as exc:
                attempt += 1
                self.retry_afters += 1
                wait = retry_seconds(exc) + 0.1
                if self.pause is not None:
                    self.pause(wait)
                if attempt > self.max_retries:
                    raise
                log.info("429 for chat %s: waiting %.1f s", chat_id, wait)
                await asyncio.sleep(wait)
            except BadRequest as exc:
                if "chat not found" in str(exc).lower():
                    raise ChatBlocked(chat_id) from exc
                raise SendRejected(str(exc)) from exc


def as_html(text: str) -> str:
    """A plain reminder as Telegram HTML: escaped, the first line in bold."""
    head, sep, rest = text.partition("\n")
    first = f"<b>{html.escape(head, quote=False)}</b>" if head.strip() else head
    return first + sep + html.escape(rest, quote=False)


def _keyboard(rows: Any) -> Any:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup

    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


class EmitSender:
    """Hands texts to a callable (the console prints them)."""

    def __init__(self, emit: Callable[[str], None]):
        self.emit = emit

    async def send(self, chat_id: int, text: str, **extra: object) -> None:
        self.emit(text)
