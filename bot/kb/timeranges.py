"""Opening hours written for people -> hours as data.

    parse_time_range("9-5pm")          -> ("09:00", "17:00")
    parse_time_range("8:30am-5:00pm")  -> ("08:30", "17:00")
    parse_time_range("9-4.30pm")       -> ("09:00", "16:30")
    parse_days("Monday to Thurs")      -> ["mon", "tue", "wed", "thu"]
    parse_opening("Monday to Friday from 8:30am-5:00pm")
        -> Opening(hours=[{"days": [mon..fri], "open": "08:30", "close": "17:00"}])

A range that runs past midnight (``5:00pm-9:00am Monday-Friday``) is read the way an
out-of-hours line means it: those days before 9:00 and after 17:00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.kb.models import DAYS

_TIME = r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
_RANGE_RE = re.compile(rf"\b{_TIME}\s*(?:-|–|to|until)\s*{_TIME}", re.I)
_DAY_NAMES = {
    "mon": "mon",
    "tue": "tue",
    "wed": "wed",
    "thu": "thu",
    "fri": "fri",
    "sat": "sat",
    "sun": "sun",
}
_DAY = (
    r"(?:monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri"
    r"|saturday|sat|sunday|sun)\b\.?"
)
_DAYS_RE = re.compile(rf"\b({_DAY})(?:\s*(?:-|–|to)\s*({_DAY}))?|\b(weekends?|weekdays?)\b", re.I)
_ALL_DAY_RE = re.compile(r"\b24\s*(?:hrs|hours|h)\b|\ball day\b", re.I)
_BANK_RE = re.compile(r"\bbank\s+holidays?\b", re.I)
_BANK_SAID_RE = re.compile(
    r"\b(?:open|closed)\s+on\s+bank\s+holidays?\b|\bbank\s+holidays?\W{0,3}(?:open|closed)\b", re.I
)
_OUT_OF_HOURS_RE = re.compile(r"\bout of (?:office )?hours\b", re.I)


class TimeTextError(ValueError):
    """The text does not say a time range this parser understands."""


def _words_to_clock(text: str) -> str:
    """``noon`` and ``midnight`` as clock times (same length is not needed: positions are local)."""
    text = re.sub(r"\bnoon\b|\bmidday\b", "12pm", text, flags=re.I)
    return re.sub(r"\bmidnight\b", "12am", text, flags=re.I)


def _meridiem(tag: str | None) -> str | None:
    return tag.lower().replace(".", "") if tag else None


def _to_24(hour: int, minute: int, tag: str | None) -> int:
    """Minutes after midnight."""
    if tag == "pm" and hour != 12:
        hour += 12
    elif tag == "am" and hour == 12:
        hour = 0
    return hour * 60 + minute


def _fmt(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_time_range(text: str) -> tuple[str, str]:
    """The first ``from-to`` time range in ``text`` as ``("HH:MM", "HH:MM")``.

    A start without am/pm takes the end's, unless that would put it after the end
    ("9-5pm" is 09:00-17:00, "1-5pm" is 13:00-17:00).
    """
    m = _RANGE_RE.search(_words_to_clock(text))
    if not m:
        raise TimeTextError(f"no time range in {text!r}")
    h1, m1, t1, h2, m2, t2 = m.groups()
    hour1, min1, hour2, min2 = int(h1), int(m1 or 0), int(h2), int(m2 or 0)
    tag1, tag2 = _meridiem(t1), _meridiem(t2)
    if hour1 > 23 or hour2 > 24 or min1 > 59 or min2 > 59:
        raise TimeTextError(f"not a time in {text!r}")
    if tag1 and hour1 > 12 or tag2 and hour2 > 12:
        raise TimeTextError(f"not a time in {text!r}")
    if tag2 is None and tag1 is None:
        start, end = hour1 * 60 + min1, hour2 * 60 + min2
        if end <= start and hour2 < 12:  # "9-5" means 9am to 5pm
            end += 12 * 60
    else:
        if tag1 is None:
            same = _to_24(hour1, min1, tag2)
            other = _to_24(hour1, min1, "am" if tag2 == "pm" else "pm")
            tag1 = tag2 if same < _to_24(hour2, min2, tag2) else None
            start = same if tag1 else other
        else:
            start = _to_24(hour1, min1, tag1)
        if tag2 is None:
            tag2 = tag1
        end = _to_24(hour2, min2, tag2)
        if end == 0 and start > 0:
            end = 24 * 60  # "...-12am": until midnight
    return _fmt(start), _fmt(end)


def parse_days(text: str) -> list[str]:
    """Every weekday named in ``text`` (ranges expanded), in week order."""
    out: set[str] = set()
    for m in _DAYS_RE.finditer(text):
        out.update(_days_of(m))
    return [d for d in DAYS if d in out]


def _days_of(m: re.Match[str]) -> list[str]:
    first, last, word = m.groups()
    if word:
        return ["sat", "sun"] if word.lower().startswith("weekend") else list(DAYS[:5])
    a = DAYS.index(_DAY_NAMES[first[:3].lower()])
    b = DAYS.index(_DAY_NAMES[last[:3].lower()]) if last else a
    return list(DAYS[a : b + 1]) if a <= b else list(DAYS[a:] + DAYS[: b + 1])


@dataclass
class Opening:
    """What a line of opening hours says, as the fields of a contact."""

    hours: list[dict] = field(default_factory=list)
    bank_holidays: str | None = None  # "open" | "closed" | None when the text does not say
    out_of_hours: bool = False  # "out of hours" with no times: open when another line is not


def parse_opening(text: str) -> Opening:
    """Pair every day expression with the time range (or "24 hrs") next to it.

    Tokens are read left to right; a day list waits for a time and a time waits for a
    day list, whichever comes first. "Bank holidays" before "24 hrs" opens on bank holidays.
    """
    text = _words_to_clock(text)
    tokens: list[tuple[int, str, object]] = []
    for m in _RANGE_RE.finditer(text):
        tokens.append((m.start(), "time", parse_time_range(m.group(0))))
    for m in _DAYS_RE.finditer(text):
        tokens.append((m.start(), "days", _days_of(m)))
    for m in _ALL_DAY_RE.finditer(text):
        tokens.append((m.start(), "time", ("00:00", "24:00")))
    for m in _BANK_RE.finditer(text):
        tokens.append((m.start(), "bank", None))
    tokens.sort(key=lambda t: t[0])
    opening = Opening()
    days: list[str] | None = None
    times: tuple[str, str] | None = None
    bank = False
    for _, kind, value in tokens:
        if kind == "bank":
            bank = True
            continue
        if kind == "days":  # "Monday and Tuesday ...": lists before a time add up
            days = [d for d in DAYS if d in (days or []) or d in value]  # type: ignore[operator]
        else:
            times = value  # type: ignore[assignment]
        if days is not None and times is not None:
            opening.hours.extend(_spans(days, *times))
            if bank:
                opening.bank_holidays = "open"
            days, times, bank = None, None, False
    said = _BANK_SAID_RE.search(text)
    if said:  # "closed on bank holidays", "bank holidays: open"
        opening.bank_holidays = "closed" if "closed" in said.group(0).lower() else "open"
    if opening.hours and opening.bank_holidays is None:
        opening.bank_holidays = "closed"  # office hours: closed on bank holidays
    opening.out_of_hours = not opening.hours and bool(_OUT_OF_HOURS_RE.search(text))
    return opening


def _spans(days: list[str], open_: str, close: str) -> list[dict]:
    if open_ < close:
        return [{"days": list(days), "open": open_, "close": close}]
    # past midnight: the small hours and the evening of the same days
    return [
        {"days": list(days), "open": "00:00", "close": close},
        {"days": list(days), "open": open_, "close": "24:00"},
    ]


_DAY_WORDS = dict(
    zip(
        DAYS,
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        strict=True,
    )
)


def describe_hours(hours: list[dict], bank_holidays: str | None = None) -> str:
    """Hours as people read them: ``Monday to Thursday 9am to 5pm, Friday 9am to 4:30pm``.

    The two halves of an overnight span (``00:00-09:00`` and ``17:00-24:00`` on the
    same days) are written as one: ``Monday to Friday 5pm to 9am``.
    """
    parts: list[str] = []
    spans = list(hours)
    while spans:
        h = spans.pop(0)
        days, open_, close = h["days"], h["open"], h["close"]
        if open_ == "00:00" and close == "24:00":
            parts.append(f"{_describe_days(days)} 24 hours")
            continue
        partner = next(
            (
                o
                for o in spans
                if o["days"] == days
                and {open_, o["close"]} == {"00:00", "24:00"}
                and (open_ == "00:00") != (o["open"] == "00:00")
            ),
            None,
        )
        if partner is not None:
            spans.remove(partner)
            evening, morning = (partner, h) if open_ == "00:00" else (h, partner)
            open_, close = evening["open"], morning["close"]
        parts.append(f"{_describe_days(days)} {_clock(open_)} to {_clock(close)}")
    text = ", ".join(parts)
    if bank_holidays in ("open", "closed") and text:
        text += f"; {bank_holidays} on bank holidays"
    return text


def _describe_days(days: list[str]) -> str:
    if days == ["sat", "sun"]:
        return "weekends"
    idx = [DAYS.index(d) for d in days]
    if len(idx) >= 3 and idx == list(range(idx[0], idx[-1] + 1)):
        return f"{_DAY_WORDS[days[0]]} to {_DAY_WORDS[days[-1]]}"
    words = [_DAY_WORDS[d] for d in days]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _clock(hhmm: str) -> str:
    """``17:00`` -> ``5pm``, ``08:30`` -> ``8:30am``, ``24:00``/``00:00`` -> ``midnight``."""
    hour, minute = int(hhmm[:2]), int(hhmm[3:])
    if hour in (0, 24) and minute == 0:
        return "midnight"
    if hour == 12 and minute == 0:
        return "noon"
    tag = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}{tag}" if minute == 0 else f"{hour}:{minute:02d}{tag}"
