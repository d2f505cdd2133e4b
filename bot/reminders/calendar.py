"""Meetings as an RFC 5545 iCalendar: VTIMEZONE for Europe/London, TZID times, CRLF, folding.

Each meeting is written as its own VEVENT (exceptions and bank-holiday moves already
applied), with a UID stable across moves so a calendar updates the event in place;
cancelled dates are written with ``STATUS:CANCELLED``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from bot.kb.models import KnowledgeBase
from bot.reminders.occurrences import meeting_occurrences
from bot.reminders.schedules import Schedules

PRODID = "-//MK Together//safeguarding-bot reminders//EN"
UID_DOMAIN = "sgbot.mktogether.co.uk"

# Europe/London since 1996: BST from the last Sunday of March 01:00 UTC to the last
# Sunday of October 01:00 UTC (02:00 BST).
LONDON_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "X-LIC-LOCATION:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


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
    if schedules.timezone != "Europe/London":  # pragma: no cover - the partnership is in MK
        raise ValueError("only Europe/London has a VTIMEZONE here")
    wanted = set(bodies) if bodies is not None else None
    first = now.astimezone(tz).date()
    last = first + dt.timedelta(days=days)
    name = kb.partnership.name
    if wanted is not None and len(wanted) == 1:
        name = f"{kb.owner_name(next(iter(wanted)))} meetings"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Europe/London",
        *LONDON_VTIMEZONE,
    ]
    stamp = _utc(now)
    for s in schedules.series:
        if wanted is not None and s.body not in wanted:
            continue
        board = kb.owner_name(s.body)
        for m in meeting_occurrences(s, first, last, tz, include_cancelled=True):
            desc = [f"Meeting of the {board}."]
            if m.note:
                desc.append(m.note)
            if s.note:
                desc.append(s.note)
            if s.placeholder:
                desc.append("Date from a default cycle: the partnership has not confirmed it.")
            event = [
                "BEGIN:VEVENT",
                f"UID:{s.body}-{m.original:%Y%m%d}@{UID_DOMAIN}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;TZID=Europe/London:{_local(m.start, tz)}",
                f"DTEND;TZID=Europe/London:{_local(m.end, tz)}",
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
    for b in kb.boards:  # "risk board" -> risk
        if b.id in ids and (q.removesuffix(" board") == b.id or q in b.name.lower()):
            return b.id
    return None
