"""Spot identifying details (NHS number, date of birth, name with address) and redact them.

The bot is not a referral route: when a message looks like it holds such details the
answer opens with a warning, and the text is never stored or logged in clear.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.engine.text import MONTHS

# The patterns opening with a digit (or a capital) test the character before it with a
# lookbehind one character longer: the same test as ``\b`` or ``(?<!\d)`` before the digit,
# and ``re`` skips to the digits of a long message at C speed.
_NHS = re.compile(r"(\d(?<!\d\d)\d\d[ -]?\d{3}[ -]?\d{4})(?!\d)")
_DATE = re.compile(
    r"(\d(?<!\w\d)(?:\d?[/.-]\d{1,2}[/.-](\d{2}|\d{4})"
    r"|\d?(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4}))\b",
    re.IGNORECASE,
)
_DOB_CUE = re.compile(r"\b(dob|d\.o\.b|date of birth|born|birthday)\b", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.IGNORECASE)
# Whether a postcode is written (the same test, the match starting at its first digit: the
# one or two letters before it are lookbehinds, so ``re`` skips to the digits at C speed)
_HAS_POSTCODE = re.compile(
    r"\d(?:(?<=\b[A-Z]{2}\d)|(?<=\b[A-Z]\d))[A-Z\d]? ?\d[A-Z]{2}\b", re.IGNORECASE
)
_STREET = re.compile(
    r"\d(?<!\w\d)\d{0,3}[a-z]? [A-Za-z][a-z]+( [A-Za-z][a-z]+)? (road|rd|street|st|avenue|ave|close|lane|ln|drive|dr|way|court|crescent|place|gardens|grove|terrace|walk)\b",
    re.IGNORECASE,
)
_STRONG_SUFFIX = re.compile(
    r"\b(road|rd|street|avenue|ave|lane|crescent|drive|gardens|grove|terrace)$", re.IGNORECASE
)
_ADDRESS_CUE = re.compile(r"\b(lives at|living at|address is|resides at)\b", re.IGNORECASE)
# (called, named, name is, name's, mr, mrs, ms, miss, dr: by first letter, so ``re`` skips to
# a "c", "n", "m" or "d"; the word boundary before it a lookbehind one letter longer)
_NAME_CUE = re.compile(
    r"(?:c(?<!\wc)alled|n(?<!\wn)(?:amed|ame is|ame's)|m(?<!\wm)(?:r|rs|s|iss)|d(?<!\wd)r)"
    r"\.? ([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)+)"
)
_FULL_NAME = re.compile(r"([A-Z](?<!\w[A-Z])[a-z'-]{1,}) ([A-Z][a-z'-]{2,})\b")
_EMAIL = re.compile(r"\b[^@\s]+@[^@\s]+\.[a-z]{2,}\b", re.IGNORECASE)
# UK phone numbers start with 0 (landlines, 0800) and 999 is the emergency line: never an
# NHS number, whatever the area code
_PHONE_STARTS = ("0", "999")
# A person's mobile (07... or +44 7...): services publish landlines, people give mobiles.
_MOBILE = re.compile(
    r"(?:\+(?<![\d+]\+)44\s?|0(?<![\d+]0)(?:044\s?|))7\d{3}[ -]?\d{3}[ -]?\d{3}(?!\d)"
)
# A house number next to a postcode ("NE3 5JT number 12", "12, NE3 5JT", "flat 4 LS6 2AB").
_HOUSE_NUMBER = re.compile(
    r"\b(?:number|no\.?|flat|house|apartment|apt)\s*\d{1,4}[a-z]?\b|^\s*\d{1,4}[a-z]?\b|,\s*\d{1,4}[a-z]?\s*,",
    re.IGNORECASE,
)
# An age given with a name makes the name identifying ("Chloe Brown, aged 6").
_AGE = re.compile(
    r"\b(?:aged?\s+\d{1,3}|\d{1,3}\s*(?:yo|y/o|yrs?\s+old|years?\s+old|year-old))\b",
    re.IGNORECASE,
)


def _nhs_numbers(text: str) -> list[str]:
    found = []
    for m in _NHS.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if digits.startswith(_PHONE_STARTS):
            continue  # a phone number, not an NHS number
        found.append(digits)
    return found


def _has_name(text: str) -> bool:
    return bool(_NAME_CUE.search(text) or _FULL_NAME.search(text))


# The characters other than ASCII letters that a case-blind pattern matches as one:
# dotted and dotless i, long s, the Kelvin sign.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _may_say(text: str, *words: str) -> bool:
    """Whether ``text`` can hold one of ``words`` (lower case ASCII) in any case: the test
    before a case-blind pattern of those words."""
    low = text.lower()
    return any(w in low for w in words) or (
        not text.isascii() and any(c in text for c in _FOLDS_TO_ASCII)
    )


def _has_dob(text: str) -> bool:
    """A birth cue with a date anywhere, or a number close to it ("DOB 4/3/15", "born in
    2015", "born 3rd march"); not "since her birthday" in a message that says "turned 18"."""
    return _may_say(text, "dob", "d.o.b", "birth", "born") and any(
        _DATE.search(text) or re.search(r"\d", text[max(0, m.start() - 15) : m.end() + 30])
        for m in _DOB_CUE.finditer(text)
    )


def has_personal_data(text: str) -> bool:
    """NHS number, date of birth, a person's mobile, a street address or a postcode with a
    house number, or a full name together with an address, a date or an age."""
    if _nhs_numbers(text) or _has_dob(text) or _MOBILE.search(text):
        return True
    streets = list(_STREET.finditer(text))
    if _house(streets):
        return True
    postcode = _HAS_POSTCODE.search(text)
    if postcode and _HOUSE_NUMBER.search(_POSTCODE.sub(" ", text)):
        return True
    date = _DATE.search(text)
    address = (
        postcode
        or streets
        or (
            _may_say(text, "lives at", "living at", "address is", "resides at")
            and _ADDRESS_CUE.search(text)
        )
    )
    if address and (_has_name(text) or date):
        return True
    return bool(_NAME_CUE.search(text) and (date or _AGE.search(text)))


def _house(streets: list[re.Match[str]]) -> bool:
    """A house number and street ("4 High St", "12 oak road"), not "2020 family court"."""
    for m in streets:
        number = re.match(r"\d+", m.group(0)).group(0)
        name = m.group(0)[len(number) :].strip()
        if len(number) <= 3 and (name[:1].isupper() or _STRONG_SUFFIX.search(name)):
            return True
    return False


def birth_dates(text: str, today: dt.date) -> list[dt.date]:
    """Dates of birth given in the text (dates next to "DOB", "born"), none in the future.

    Used to tell a child from an adult when a message gives a date of birth only.
    """
    if not _DOB_CUE.search(text):
        return []
    found = []
    for m in _DATE.finditer(text):
        day = _parse_date(m.group(0), today)
        if day is not None and day <= today:
            found.append(day)
    return found


def _parse_date(text: str, today: dt.date) -> dt.date | None:
    parts = re.split(r"[/.\- ]+", text.lower())
    try:
        if parts[1][:3] in MONTHS:
            d, m, y = (
                int(re.sub(r"\D", "", parts[0])),
                MONTHS.index(parts[1][:3]) + 1,
                int(parts[2]),
            )
        else:
            d, m, y = (int(x) for x in parts[:3])
        if y < 100:  # "12/03/15": this century unless that is in the future
            y += 2000 if 2000 + y <= today.year else 1900
        return dt.date(y, m, d)
    except (ValueError, IndexError):
        return None


def redact(text: str) -> str:
    """Replace anything that could identify a person with placeholders."""
    text = _EMAIL.sub("[email]", text)
    text = _MOBILE.sub("[phone]", text)
    text = _POSTCODE.sub("[postcode]", text)
    text = _STREET.sub("[address]", text)
    text = _DATE.sub("[date]", text)
    text = _NAME_CUE.sub(lambda m: m.group(0).replace(m.group(1), "[name]"), text)
    text = _FULL_NAME.sub("[name]", text)
    text = re.sub(r"\d{3,}", lambda m: "#" * len(m.group(0)), text)
    return text
