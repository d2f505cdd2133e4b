"""Which line is open at a given moment: opening hours, weekends and bank holidays.

All decisions are made in the partnership's local time (``Europe/London``, DST aware);
bank holidays come from the ``holidays`` package (England by default, substitute days
included).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.kb.models import DAYS, Contact, Hours

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=8)
def bank_holidays(country: str = "GB", subdiv: str | None = "ENG") -> Mapping[dt.date, str]:
    """A region's bank holidays, substitute days included (years load on demand).

    The one place both the engine and the reminders get them from; ``holidays`` is
    imported on first use because it is slow to import.
    """
    import holidays

    return holidays.country_holidays(country, subdiv=subdiv)


@dataclass(frozen=True)
class Calendar:
    """Local time zone plus bank holidays."""

    tz: ZoneInfo
    country: str = "GB"
    subdiv: str | None = "ENG"

    def local(self, now: dt.datetime) -> dt.datetime:
        """Naive datetimes are local already; aware ones are converted."""
        if now.tzinfo is None:
            return now.replace(tzinfo=self.tz)
        return now.astimezone(self.tz)

    def bank_holiday(self, day: dt.date) -> str | None:
        """The bank holiday's name, or None (never one when ``country`` is empty)."""
        if not self.country:
            return None
        return bank_holidays(self.country, self.subdiv).get(day)


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _in(hours: list[Hours], day: str, minute: int) -> Hours | None:
    for h in hours:
        if day in h.days and _minutes(h.open) <= minute < _minutes(h.close):
            return h
    return None


def is_open(contact: Contact, now: dt.datetime, cal: Calendar, by_id: dict[str, Contact]) -> bool:
    """Is this contact's line open at ``now``? Contacts without hours are never "open now"."""
    local = cal.local(now)
    if contact.always:
        return True
    if contact.outside is not None:
        return not is_open(by_id[contact.outside], local, cal, by_id)
    if not contact.hours:
        return False
    if cal.bank_holiday(local.date()) is not None:
        if contact.bank_holidays == "closed":
            return False
        if contact.bank_holidays == "open":
            return True
    day = DAYS[local.weekday()]
    return _in(contact.hours, day, local.hour * 60 + local.minute) is not None


def is_time_bound(contact: Contact) -> bool:
    return contact.always or bool(contact.hours) or contact.outside is not None


def stamp(now: dt.datetime, cal: Calendar, dated: bool = False) -> str:
    """ "Friday 16:45", or ``dated`` "Friday 25 December 2026, 12:00" (plus the bank
    holiday's name when it is one)."""
    local = cal.local(now)
    day = DAY_NAMES[local.weekday()]
    text = f"{day} {local.day} {local:%B %Y}, {local:%H:%M}" if dated else f"{day} {local:%H:%M}"
    holiday = cal.bank_holiday(local.date())
    if holiday:
        text += f" ({holiday}, a bank holiday)"
    return text


def why_closed(contact: Contact, now: dt.datetime, cal: Calendar) -> str:
    """A short reason a contact with weekly hours is closed at ``now``."""
    local = cal.local(now)
    holiday = cal.bank_holiday(local.date())
    if holiday and contact.bank_holidays == "closed":
        return "is closed on bank holidays"
    day = DAYS[local.weekday()]
    todays = sorted((h for h in contact.hours if day in h.days), key=lambda h: h.open)
    if not todays:
        return (
            "is closed at weekends"
            if day in ("sat", "sun")
            else f"is closed on {DAY_NAMES[local.weekday()]}s"
        )
    minute = local.hour * 60 + local.minute
    if minute < _minutes(todays[0].open):
        return f"opens at {todays[0].open}"
    return f"closed at {todays[-1].close}"
