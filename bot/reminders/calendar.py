"""Meetings as an RFC 5545 iCalendar: a VTIMEZONE from the tz database, TZID times, CRLF, folding.

Each meeting is written as its own VEVENT (exceptions and bank-holiday moves already
applied), with a UID stable across moves so a calendar updates the event in place;
cancelled dates are written with ``STATUS:CANCELLED``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bot.kb.models import KnowledgeBase
from bot.reminders.occurrences import meeting_occurrences
from bot.reminders.schedules import Schedules

PRODUCT = "safeguarding-bot reminders"
TRANSITION_SCAN = dt.timedelta(days=400)  # before the window: the observance in force


def vtimezone(tz: ZoneInfo, first: dt.date, last: dt.date) -> list[str]:
    """A VTIMEZONE for ``tz`` read from the tz database: each offset change in the window.

    Every transition is its own STANDARD or DAYLIGHT observance (``DTSTART`` in the local
    time before the change, as RFC 5545 asks), after one for the offset in force before the
    window, so any zone works, not only Europe/London, and no rule is written by hand.
    """
    name = tz.key
    start = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC) - TRANSITION_SCAN
    stop = dt.datetime.combine(last, dt.time(), tzinfo=dt.UTC) + dt.timedelta(days=2)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}", f"X-LIC-LOCATION:{name}"]
    initial = start.astimezone(tz)
    lines += _observance(initial, initial.utcoffset(), dt.datetime(1970, 1, 1))
    day = start
    while day < stop:
        nxt = day + dt.timedelta(days=1)
        if day.astimezone(tz).utcoffset() != nxt.astimezone(tz).utcoffset():
            lo, hi = day, nxt  # the change is in (lo, hi]: halve down to the minute
            while hi - lo > dt.timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(tz).utcoffset() == lo.astimezone(tz).utcoffset():
                    lo = mid
                else:
                    hi = mid
            hi = hi.replace(second=0, microsecond=0)
            before = lo.astimezone(tz).utcoffset()
            lines += _observance(hi.astimezone(tz), before, (hi + before).replace(tzinfo=None))
        day = nxt
    lines.append("END:VTIMEZONE")
    return lines


def _observance(after: dt.datetime, before: dt.timedelta | None, start: dt.datetime) -> list[str]:
    kind = "DAYLIGHT" if after.dst() else "STANDARD"
    return [
        f"BEGIN:{kind}",
        f"TZOFFSETFROM:{_offset(before)}",
        f"TZOFFSETTO:{_offset(after.utcoffset())}",
        f"TZNAME:{after.tzname()}",
        f"DTSTART:{start:%Y%m%dT%H%M%S}",
        f"END:{kind}",
    ]


def _offset(delta: dt.timedelta | None) -> str:
    minutes = int((delta or dt.timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def uid_domain(kb: KnowledgeBase) -> str:
    """``sgbot.`` and the partnership's web host ("sgbot.example-partnership.org.uk"): stable UIDs."""
    host = urlsplit(
        kb.partnership.website if "//" in kb.partnership.website else "//" + kb.partnership.website
    ).hostname
    host = (host or "").removeprefix("www.")
    return f"sgbot.{host or kb.partnership.id + '.invalid'}"


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (continuations start with a space), CRLF-joined."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    limit = 75
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # the leading space counts
        current += b
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _local(when: dt.datetime, tz: ZoneInfo) -> str:
    return when.astimezone(tz).strftime("%Y%m%dT%H%M%S")


def _utc(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_ics(
    schedules: Schedules,
    kb: KnowledgeBase,
    now: dt.datetime,
    bodies: Iterable[str] | None = None,
    days: int = 366,
) -> str:
    """The meetings of ``bodies`` (default: all) from ``now``'s date for ``days`` days."""
    tz = ZoneInfo(schedules.timezone)
    hols = schedules.holidays()
    domain = uid_domain(kb)
    wanted = set(bodies) if bodies is not None else None
    first = now.astimezone(tz).date()
    last = first + dt.timedelta(days=days)
    name = kb.partnership.name
    if wanted is not None and len(wanted) == 1:
        name = f"{kb.owner_name(next(iter(wanted)))} meetings"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{kb.partnership.name}//{PRODUCT}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{tz.key}",
        *vtimezone(tz, first, last),
    ]
    stamp = _utc(now)
    for s in schedules.series:
        if wanted is not None and s.body not in wanted:
            continue
        board = kb.owner_name(s.body)
        for m in meeting_occurrences(s, first, last, tz, hols, include_cancelled=True):
            desc = [f"Meeting of the {board}."]
            if m.note:
                desc.append(m.note)
            if s.note:
                desc.append(s.note)
            if s.placeholder:
                desc.append("Date from a default cycle: the partnership has not confirmed it.")
            event = [
                "BEGIN:VEVENT",
                f"UID:{s.body}-{m.original:%Y%m%d}@{domain}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;TZID={tz.key}:{_local(m.start, tz)}",
                f"DTEND;TZID={tz.key}:{_local(m.end, tz)}",
                f"SUMMARY:{escape_text(board)}"
                + (" (cancelled)" if m.cancelled else "")
                + (" (to be confirmed)" if s.placeholder and not m.cancelled else ""),
                f"DESCRIPTION:{escape_text(chr(10).join(desc))}",
                f"STATUS:{'CANCELLED' if m.cancelled else 'TENTATIVE' if s.placeholder else 'CONFIRMED'}",
                f"SEQUENCE:{1 if (m.moved or m.cancelled) else 0}",
            ]
            if s.location:
                event.append(f"LOCATION:{escape_text(s.location)}")
            if s.link:
                event.append(f"URL:{s.link}")
            event.append("END:VEVENT")
            lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def resolve_body(kb: KnowledgeBase, schedules: Schedules, query: str) -> str | None:
    """A board id from an id, name or alias (case-insensitive); None if unknown."""
    q = query.strip().lower()
    ids = [s.body for s in schedules.series]
    for b in kb.boards:
        names = [b.id, b.name, *b.aliases]
        if b.id in ids and any(q == n.lower() for n in names):
            return b.id
    for body in ids:
        if q == body or q.replace(" ", "-") == body:
            return body
    for b in kb.boards:  # "<id> board" -> the board <id>
        if b.id in ids and (q.removesuffix(" board") == b.id or q in b.name.lower()):
            return b.id
    return None
