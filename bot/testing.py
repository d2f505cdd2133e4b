"""Fakes shipped with the package, for tests and for people embedding the bot.

``FixedClock`` is a controllable clock; ``RecordingSender`` records what would be sent.
No ``unittest.mock``: these are real objects with the same interface as the real ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.errors import ChatBlocked

LONDON = ZoneInfo("Europe/London")


def local_time(iso: str, tz: dt.tzinfo = LONDON) -> dt.datetime:
    """An aware moment from a local ISO date-time ("2026-12-04T16:45" in London)."""
    when = dt.datetime.fromisoformat(iso)
    return when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)


class FixedClock:
    """A clock that only moves when told to. ``clock()`` returns an aware datetime."""

    def __init__(self, start: dt.datetime | str, tz: dt.tzinfo = LONDON):
        if isinstance(start, str):
            start = dt.datetime.fromisoformat(start)
        if start.tzinfo is None:
            start = start.replace(tzinfo=tz)
        self._now = start

    def __call__(self) -> dt.datetime:
        return self._now

    def now(self) -> dt.datetime:
        return self._now

    def set(self, when: dt.datetime | str) -> None:
        if isinstance(when, str):
            when = dt.datetime.fromisoformat(when)
        if when.tzinfo is None:
            when = when.replace(tzinfo=self._now.tzinfo)
        self._now = when

    def advance(self, delta: dt.timedelta | None = None, **kwargs: float) -> dt.datetime:
        self._now = self._now + (delta or dt.timedelta(**kwargs))
        return self._now


@dataclass
class SentMessage:
    chat_id: int
    text: str
    extra: dict = field(default_factory=dict)


class RecordingSender:
    """Records messages instead of sending them; can be told that a chat blocked the bot."""

    def __init__(self) -> None:
        self.sent: list[SentMessage] = []
        self.blocked: set[int] = set()

    async def send(self, chat_id: int, text: str, **extra: object) -> None:
        if chat_id in self.blocked:
            raise ChatBlocked(chat_id)
        self.sent.append(SentMessage(chat_id, text, dict(extra)))

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [m.text for m in self.sent if chat_id is None or m.chat_id == chat_id]
