"""Schedules: ``schedules/meetings.yaml`` and ``schedules/reminders.yaml`` as typed objects.

``load_schedules(dir, kb)`` reads both files with the shared typed-YAML ``Reader`` and
cross-checks them (body ids exist in the knowledge base, RRULEs parse, times are HH:MM,
exceptions are consistent). Every problem is reported as ``path:line: message`` in one
``ScheduleError``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from bot.engine.hours import bank_holidays
from bot.errors import Problem, ScheduleError
from bot.kb.models import Day, KnowledgeBase
from bot.validation import Reader

BankHolidayPolicy = Literal["skip", "move", "keep"]
TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


@dataclass(frozen=True)
class MeetingDefaults:
    """Values a meeting series takes unless it sets its own."""

    time: str = "10:00"
    duration_minutes: int = 120
    lead_days: list[int] = field(default_factory=lambda: [7, 1])
    remind_at: str = "09:00"
    bank_holidays: BankHolidayPolicy = "move"
    location: str = ""


@dataclass(frozen=True)
class MeetingChange:
    """One date of a series cancelled, or moved to another day and/or time."""

    date: dt.date
    cancelled: bool = False
    moved_to: dt.date | None = None
    time: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Meeting:
    """The meetings of one body: an RFC 5545 RRULE and/or explicit dates, London time."""

    body: str
    start: dt.date
    rrule: str | None = None
    dates: list[dt.date] = field(default_factory=list)
    until: dt.date | None = None
    time: str | None = None
    duration_minutes: int | None = None
    lead_days: list[int] | None = None
    remind_at: str | None = None
    bank_holidays: BankHolidayPolicy | None = None
    location: str | None = None
    link: str | None = None
    exceptions: list[MeetingChange] = field(default_factory=list)
    placeholder: bool = False
    note: str = ""


@dataclass(frozen=True)
class Digest:
    """The weekly digest of open actions."""

    day: Day = "mon"
    at: str = "09:00"


@dataclass(frozen=True)
class DueReminders:
    """Reminders before an action's due date."""

    lead_days: list[int] = field(default_factory=lambda: [14, 1])
    at: str = "09:00"


@dataclass(frozen=True)
class Overdue:
    """Escalation of an open action past its due date to its board's sponsor."""

    after_days: int = 1
    every_days: int = 7
    times: int = 4
    at: str = "09:00"
    escalate_to: Literal["sponsor", "owner"] = "sponsor"


@dataclass(frozen=True)
class Series:
    """A meeting series with every default resolved."""

    body: str
    start: dt.date
    rrule: str | None
    dates: tuple[dt.date, ...]
    until: dt.date | None
    time: dt.time
    duration: dt.timedelta
    lead_days: tuple[int, ...]
    remind_at: dt.time
    bank_holidays: str
    location: str
    link: str | None
    exceptions: tuple[MeetingChange, ...]
    placeholder: bool
    note: str


@dataclass(frozen=True)
class Schedules:
    """Everything under ``schedules/``, validated."""

    series: tuple[Series, ...]
    digest: Digest
    due: DueReminders
    overdue: Overdue
    timezone: str = "Europe/London"
    holidays_country: str = "GB"
    holidays_subdiv: str | None = "ENG"

    def holidays(self) -> Mapping[dt.date, str]:
        """The partnership's bank holidays (its region in ``partnership.yaml``)."""
        return bank_holidays(self.holidays_country, self.holidays_subdiv)

    def for_body(self, body: str) -> Series | None:
        return next((s for s in self.series if s.body == body), None)


MEETINGS_KEYS: dict[str, Any] = {"defaults": MeetingDefaults, "meetings": list[Meeting]}
REMINDERS_KEYS: dict[str, Any] = {"digest": Digest, "due": DueReminders, "overdue": Overdue}


def _hhmm(text: str) -> dt.time:
    h, m = text.split(":")
    return dt.time(int(h), int(m))


def load_schedules(directory: str | Path, kb: KnowledgeBase | None = None) -> Schedules:
    """Read and check ``meetings.yaml`` and ``reminders.yaml``; raise ``ScheduleError``."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ScheduleError([Problem(str(directory), 1, "not a directory")])
    mreader = Reader(directory / "meetings.yaml", str(directory / "meetings.yaml"))
    mdata = mreader.top(mreader.compose(), MEETINGS_KEYS)
    rreader = Reader(directory / "reminders.yaml", str(directory / "reminders.yaml"))
    rdata = rreader.top(rreader.compose(), REMINDERS_KEYS)
    problems = mreader.problems + rreader.problems
    if problems:
        raise ScheduleError(problems)
    defaults: MeetingDefaults = mdata["defaults"] or MeetingDefaults()
    meetings: list[Meeting] = [m for m in mdata["meetings"] if m is not None]
    digest: Digest = rdata["digest"] or Digest()
    due: DueReminders = rdata["due"] or DueReminders()
    overdue: Overdue = rdata["overdue"] or Overdue()
    problems = _check(mreader, rreader, defaults, meetings, digest, due, overdue, kb)
    if problems:
        raise ScheduleError(problems)
    tz = kb.partnership.timezone if kb is not None else "Europe/London"
    region = kb.partnership.holidays if kb is not None else None
    return Schedules(
        series=tuple(_resolve(m, defaults) for m in meetings),
        digest=digest,
        due=due,
        overdue=overdue,
        timezone=tz,
        holidays_country=region.country if region else "GB",
        holidays_subdiv=region.subdiv if region else "ENG",
    )


def _resolve(m: Meeting, d: MeetingDefaults) -> Series:
    return Series(
        body=m.body,
        start=m.start,
        rrule=m.rrule,
        dates=tuple(sorted(m.dates)),
        until=m.until,
        time=_hhmm(m.time or d.time),
        duration=dt.timedelta(minutes=m.duration_minutes or d.duration_minutes),
        lead_days=tuple(sorted(set(m.lead_days if m.lead_days is not None else d.lead_days))),
        remind_at=_hhmm(m.remind_at or d.remind_at),
        bank_holidays=m.bank_holidays or d.bank_holidays,
        location=m.location if m.location is not None else d.location,
        link=m.link,
        exceptions=tuple(m.exceptions),
        placeholder=m.placeholder,
        note=m.note,
    )


def _check(
    mreader: Reader,
    rreader: Reader,
    defaults: MeetingDefaults,
    meetings: list[Meeting],
    digest: Digest,
    due: DueReminders,
    overdue: Overdue,
    kb: KnowledgeBase | None,
) -> list[Problem]:
    problems: list[Problem] = []

    def at(reader: Reader, obj: object, fld: str | None, message: str) -> None:
        problems.append(Problem(reader.display, reader.located.line(obj, fld), message))

    def check_time(reader: Reader, obj: object, fld: str, value: str | None, where: str) -> None:
        if value is not None and not TIME_RE.match(value):
            at(reader, obj, fld, f"{where}: bad time {value!r} (use HH:MM, 24-hour)")

    def check_days(reader: Reader, obj: object, fld: str, days: list[int] | None, where: str):
        for n in days or []:
            if n < 0 or n > 365:
                at(reader, obj, fld, f"{where}: lead time {n} days is out of range 0..365")

    check_time(mreader, defaults, "time", defaults.time, "defaults")
    check_time(mreader, defaults, "remind_at", defaults.remind_at, "defaults")
    check_days(mreader, defaults, "lead_days", defaults.lead_days, "defaults")
    tz = ZoneInfo(kb.partnership.timezone if kb is not None else "Europe/London")
    boards = {b.id: b for b in kb.boards} if kb is not None else None
    agencies = {a.id for a in kb.agencies} if kb is not None else set()
    seen: dict[str, int] = {}
    for m in meetings:
        where = f"meetings for {m.body!r}"
        line = mreader.located.line(m, "body")
        if m.body in seen:
            at(mreader, m, "body", f"{where}: duplicate body (first at line {seen[m.body]})")
        seen.setdefault(m.body, line)
        if boards is not None and m.body not in boards:
            hint = " (that is an agency: meetings belong to boards)" if m.body in agencies else ""
            at(mreader, m, "body", f"{where}: unknown board {m.body!r}{hint}")
        if not m.rrule and not m.dates:
            at(mreader, m, None, f"{where}: give an rrule, dates, or both")
        if m.rrule:
            try:
                rrulestr(m.rrule, dtstart=dt.datetime.combine(m.start, dt.time(10)))
            except (ValueError, TypeError) as exc:
                at(mreader, m, "rrule", f"{where}: bad RRULE {m.rrule!r}: {exc}")
            if "DTSTART" in m.rrule.upper():
                at(mreader, m, "rrule", f"{where}: put the first date in 'start', not DTSTART")
        if m.until is not None and m.until < m.start:
            at(mreader, m, "until", f"{where}: until {m.until} is before start {m.start}")
        check_time(mreader, m, "time", m.time, where)
        check_time(mreader, m, "remind_at", m.remind_at, where)
        check_days(mreader, m, "lead_days", m.lead_days, where)
        if m.duration_minutes is not None and not 0 < m.duration_minutes <= 24 * 60:
            at(mreader, m, "duration_minutes", f"{where}: duration must be 1..1440 minutes")
        for fld, message in _wall_clock_problems(m, defaults, tz):
            at(mreader, m, fld, f"{where}: {message}")
        changed: set[dt.date] = set()
        for ch in m.exceptions:
            cw = f"{where}: exception {ch.date}"
            if ch.date in changed:
                at(mreader, ch, "date", f"{cw}: listed twice")
            changed.add(ch.date)
            if ch.cancelled and (ch.moved_to or ch.time):
                at(mreader, ch, None, f"{cw}: either cancelled or moved, not both")
            if not ch.cancelled and not ch.moved_to and not ch.time:
                at(mreader, ch, None, f"{cw}: say cancelled: true, or give moved_to and/or time")
            check_time(mreader, ch, "time", ch.time, cw)
            if not ch.cancelled and ch.time and TIME_RE.match(ch.time):
                why = _wall_clock(ch.moved_to or ch.date, _hhmm(ch.time), tz)
                if why:
                    at(mreader, ch, "time", f"{cw}: {why}")
    check_time(rreader, digest, "at", digest.at, "digest")
    check_time(rreader, due, "at", due.at, "due")
    check_time(rreader, overdue, "at", overdue.at, "overdue")
    check_days(rreader, due, "lead_days", due.lead_days, "due")
    if overdue.every_days < 1:
        at(rreader, overdue, "every_days", "overdue: every_days must be at least 1")
    if overdue.after_days < 0:
        at(rreader, overdue, "after_days", "overdue: after_days must not be negative")
    if not 0 <= overdue.times <= 52:
        at(rreader, overdue, "times", "overdue: times must be 0..52")
    return problems


WALL_CLOCK_YEARS = 10  # how far a series is expanded to look for clock-change nights


def _wall_clock(day: dt.date, time: dt.time, tz: ZoneInfo) -> str | None:
    """Why ``time`` on ``day`` is no single moment in ``tz`` (clock change), or None."""
    naive = dt.datetime.combine(day, time)
    first = naive.replace(tzinfo=tz)
    if first.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != naive:
        return f"{day} {time:%H:%M} does not exist in {tz.key} (the clocks go forward that night)"
    if first.utcoffset() != naive.replace(tzinfo=tz, fold=1).utcoffset():
        return f"{day} {time:%H:%M} happens twice in {tz.key} (the clocks go back that night)"
    return None


def _wall_clock_problems(m: Meeting, d: MeetingDefaults, tz: ZoneInfo) -> list[tuple[str, str]]:
    """(field, message) for meeting days whose time, or reminder time, a clock change skips
    or repeats: refused at load rather than silently shifted by an hour."""
    if (m.time or d.time) is None or not TIME_RE.match(m.time or d.time):
        return []
    remind = m.remind_at or d.remind_at
    lead = m.lead_days if m.lead_days is not None else d.lead_days
    last = m.until or m.start + dt.timedelta(days=366 * WALL_CLOCK_YEARS)
    days = {x for x in m.dates if x <= last}
    if m.rrule:
        try:
            first = dt.datetime.combine(m.start, dt.time(12))
            rule = rrulestr(m.rrule, dtstart=first)
            days |= {
                x.date()
                for x in rule.between(first, dt.datetime.combine(last, first.time()), inc=True)
            }
        except (ValueError, TypeError):
            return []  # reported as a bad RRULE
    out: list[tuple[str, str]] = []
    for day in sorted(days):
        origin = "dates" if day in m.dates else "rrule"
        why = _wall_clock(day, _hhmm(m.time or d.time), tz)
        if why:
            out.append(("time" if m.time else origin, why))
        if remind and TIME_RE.match(remind):
            for n in lead or []:
                why = _wall_clock(day - dt.timedelta(days=n), _hhmm(remind), tz)
                if why:
                    out.append(("remind_at" if m.remind_at else origin, f"reminder {why}"))
    return out[:3]  # the first few say enough
