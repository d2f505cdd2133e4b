"""The day a message names for its call: a weekday ("on tuesday", "next monday"), tomorrow,
a named bank holiday or fixed date ("boxing day", "christmas eve"), a calendar date ("on the
28th", "4 january", "28/12"), the weekend. Pure: ``day_named(text, today, cal)`` reads no
clock. Used by :mod:`bot.engine.when`."""

from __future__ import annotations

import datetime as dt
import re

from bot.engine.hours import Calendar

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4}
_SHORT |= {"sat": 5, "sun": 6}
_WEEKDAY = re.compile(
    r"\b(?P<next>next\s+)?(?P<day>" + "|".join(_DAYS) + r")s?\b"
    r"|\bon\s+(?P<short>" + "|".join(_SHORT) + r")\b"
)


# (pattern, a word every match holds, month, day) for fixed dates (a text without the word is
# not searched); the same with the holiday's name for bank holidays found by name
_DATES: list[tuple[re.Pattern[str], str, int, int]] = [
    (re.compile(r"\b(?:christmas|xmas)\s+eve\b"), "eve", 12, 24),
    (re.compile(r"\b(?:christmas|xmas)(?:\s+day)?\b"), "mas", 12, 25),
    (re.compile(r"\bboxing\s+day\b"), "boxing", 12, 26),
    (re.compile(r"\bnew\s+year'?s?\s+eve\b"), "eve", 12, 31),
    (re.compile(r"\bnew\s+year'?s?(?:\s+day)?\b"), "year", 1, 1),
]


_NAMED_HOLIDAYS = [
    (re.compile(r"\bgood\s+friday\b"), "good", "good friday"),
    (re.compile(r"\beaster(?:\s+monday)?\b"), "easter", "easter monday"),
    (re.compile(r"\bmay\s+day\b|\bearly\s+may\b"), "may", "may day"),
    (re.compile(r"\bspring\s+bank\s+holiday\b"), "spring", "spring bank holiday"),
    (
        re.compile(r"\bsummer\s+bank\s+holiday\b|\baugust\s+bank\s+holiday\b"),
        "bank",
        "summer bank holiday",
    ),
]


_ANY_HOLIDAY = re.compile(r"\bbank\s+hol(?:iday)?s?\b|\bpublic\s+holidays?\b")
_TOMORROW = re.compile(r"\b(?:tomorrow|tmrw|tmr|tomoz|2moro|2morrow)\b")
_WEEKEND = re.compile(r"\b(?:week\s?ends?)\b")
_LOOKAHEAD_DAYS = 400


def day_named(text: str, today: dt.date, cal: Calendar) -> dt.date | None:
    m = _WEEKDAY.search(text)
    after = _AFTER.match(text, m.end()) if m else None
    if m and after:
        # "monday morning after christmas": the first such day after the day named
        anchor = day_named(text[after.end() :], today, cal)
        if anchor is not None:
            return anchor + dt.timedelta(days=(_weekday_number(m) - anchor.weekday()) % 7 or 7)
    if _TOMORROW.search(text):
        return today + dt.timedelta(days=1)
    given = _calendar_date(text, today)
    if given is not None:  # "on the 28th", "28 december", "28/12"
        return given
    named = _WEEKDAY.search(text)
    if named:
        holidays = [p.search(text) for p, w, _ in _NAMED_HOLIDAYS if w in text]
        holidays.append(_ANY_HOLIDAY.search(text))
        dated = any(w in text and p.search(text) for p, w, _, _ in _DATES)  # "monday 28 dec"
        if not dated and all(h is None or h.start() > named.start() for h in holidays):
            # the day named first is the day of the call: "i'll call tuesday at 11 (monday's
            # a bank hol)"; a holiday named first is ("bank holiday monday")
            return _weekday(named, today)
    for pattern, word, name in _NAMED_HOLIDAYS:
        if word in text and pattern.search(text):
            found = _next_holiday(today, cal, name)
            if found:
                return found
    for pattern, word, month, day in _DATES:
        if word in text and pattern.search(text):
            date = dt.date(today.year, month, day)
            return date if date >= today else dt.date(today.year + 1, month, day)
    if _ANY_HOLIDAY.search(text):
        return _next_holiday(today, cal, "")
    if _WEEKEND.search(text) and not _WEEKDAY.search(text):
        return today + dt.timedelta(days=max(0, 5 - today.weekday()))  # Saturday, or today
    m = _WEEKDAY.search(text)
    return _weekday(m, today) if m else None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


_MONTH = (
    r"(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember"
    r"|ober|ember)?\b"
)


_DATE_GIVEN = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+"
    + _MONTH
    + r"\b"
    + r"|\b"
    + _MONTH.replace("?P<m>", "?P<m2>")
    + r"\s+(?:the\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?!\s*(?:am|pm|[:.]\d))"
    r"|\b(?:on|by|from|until|till|after) the (?P<d3>\d{1,2})(?:st|nd|rd|th)\b"
    r"|\b(?!24/7\b)(?P<d4>\d{1,2})/(?P<m4>\d{1,2})(?:/\d{2,4})?\b"  # not "24/7"
)


def _calendar_date(text: str, today: dt.date) -> dt.date | None:
    """A day of the calendar named: "the 28th" (this month, or the next if it has gone),
    "28 december", "jan 4th", "28/12" (the next such day)."""
    m = _DATE_GIVEN.search(text)
    if m is None:
        return None
    day = int(m.group("d") or m.group("d2") or m.group("d3") or m.group("d4"))
    name = m.group("m") or m.group("m2")
    month = _MONTHS.index(name) + 1 if name else int(m.group("m4")) if m.group("m4") else None
    candidates = []
    for year in (today.year, today.year + 1):
        for mo in [month] if month else [today.month, today.month % 12 + 1]:
            y = year + (1 if not month and mo < today.month else 0)
            try:
                candidates.append(dt.date(y, mo, day))
            except ValueError:
                continue
    ahead = sorted(d for d in candidates if d >= today)
    return ahead[0] if ahead else None


def _weekday_number(m: re.Match[str]) -> int:
    """Monday 0 ... Sunday 6, of a ``_WEEKDAY`` match ("tuesday", "on thurs")."""
    return _DAYS.index(m.group("day")) if m.group("day") else _SHORT[m.group("short")]


def _weekday(m: re.Match[str], today: dt.date) -> dt.date:
    ahead = (_weekday_number(m) - today.weekday()) % 7
    if m.group("next") and ahead == 0:
        ahead = 7
    return today + dt.timedelta(days=ahead)


_AFTER = re.compile(
    r"\s+(?:(?:morning|afternoon|evening|night|first thing)\s+)?(?:straight\s+)?after\b"
)


def _next_holiday(today: dt.date, cal: Calendar, name: str) -> dt.date | None:
    """The next bank holiday from today (today included) whose name has ``name``."""
    for i in range(_LOOKAHEAD_DAYS):
        day = today + dt.timedelta(days=i)
        holiday = cal.bank_holiday(day)
        if holiday and name in holiday.lower():
            return day
    return None
