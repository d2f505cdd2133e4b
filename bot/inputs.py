"""What comes in from people, made safe before it goes anywhere.

``clean_text`` removes NUL and other control characters (PostgreSQL refuses NUL in text, a
terminal obeys escape sequences) from every message, command argument and question;
``parse_at`` reads an ``--at`` / ``"at"`` moment and refuses one outside the years the bot
can do date arithmetic in, with a message instead of an ``OverflowError``.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

# C0 and C1 controls and DEL; tab and line breaks become spaces or stay (multi-line texts)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FIRST_YEAR, LAST_YEAR = 1900, 2999


def clean_text(text: str) -> str:
    """``text`` without control characters (tabs become spaces, line breaks stay)."""
    return _CONTROL.sub("", text.replace("\t", " "))


def clean_args(args: list[str] | None) -> list[str]:
    """Command arguments cleaned; arguments left empty are dropped."""
    return [a for a in (clean_text(x) for x in args or []) if a.strip()]


def parse_at(value: str | None, tz: ZoneInfo) -> dt.datetime:
    """Local time in ``tz`` from ISO 8601 (an explicit offset is honoured); default: now.

    Raises ``ValueError`` with a message for text that is no date-time and for a moment
    outside ``FIRST_YEAR``..``LAST_YEAR`` (the year 9999 with an offset overflows).
    """
    if not value:
        return dt.datetime.now(tz)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not an ISO date-time")
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date-time") from None
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise ValueError(f"{value!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}")
    return when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)
