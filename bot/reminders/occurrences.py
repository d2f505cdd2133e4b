"""When things happen: meeting occurrences and reminder firings, pure functions of time.

Meetings are expanded with dateutil's rrule in *local* wall-clock time (the partnership's
zone, e.g. Europe/London) and
only then given their offset, so a 10:00 meeting and a 09:00 reminder stay at 10:00 and
09:00 across the March and October clock changes. Exceptions (cancelled or moved dates)
apply first, then the bank-holiday policy (the partnership's region, e.g. England,
substitute days included).

A ``Firing`` is one reminder at one moment: ``(key, occurrence)`` names it for the delivery
log, ``fire_at`` is when it is due (UTC).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from bot.engine.hours import bank_holidays
from bot.kb.models import DAYS, Action, KnowledgeBase
from bot.reminders.action_pages import current_until
from bot.reminders.schedules import Schedules, Series

UTC = dt.UTC
FiringKind = Literal["meeting", "digest", "due", "overdue"]


def is_working_day(day: dt.date, hols: Mapping[dt.date, str]) -> bool:
    return day.weekday() < 5 and day not in hols


def local(day: dt.date, time: dt.time, tz: ZoneInfo) -> dt.datetime:
    """The aware moment of a local wall-clock date and time."""
    return dt.datetime.combine(day, time, tzinfo=tz)


@dataclass(frozen=True)
class Occurrence:
    """One meeting of a body, in local time; cancelled ones are kept for the calendar."""

    body: str
    start: dt.datetime
    end: dt.datetime
    original: dt.date
    cancelled: bool = False
    moved: bool = False
    note: str = ""

    @property
    def key(self) -> str:
        """Stable identity of the occurrence: its local start, minute precision."""
        return self.start.strftime("%Y-%m-%dT%H:%M")


def meeting_occurrences(
    series: Series,
    first: dt.date,
    last: dt.date,
    tz: ZoneInfo,
    hols: Mapping[dt.date, str] | None = None,
    include_cancelled: bool = False,
) -> list[Occurrence]:
    """Meetings of ``series`` whose (final) date is in ``[first, last]``, sorted."""
    hols = bank_holidays() if hols is None else hols
    slack = dt.timedelta(days=62)  # a moved date may come from outside the window
    lo, hi = max(first - slack, series.start), last + slack
    if series.until is not None:
        hi = min(hi, series.until)
    originals: set[dt.date] = {d for d in series.dates if lo <= d <= hi}
    if series.rrule and lo <= hi:
        rule = rrulestr(series.rrule, dtstart=dt.datetime.combine(series.start, series.time))
        between = rule.between(
            dt.datetime.combine(lo, dt.time.min), dt.datetime.combine(hi, dt.time.max), inc=True
        )
        originals.update(x.date() for x in between)
    changes = {c.date: c for c in series.exceptions}
    out: list[Occurrence] = []
    for day in sorted(originals):
        time, note, moved, cancelled = series.time, "", False, False
        change = changes.get(day)
        final = day
        if change is not None:
            note = change.note
            if change.cancelled:
                cancelled = True
            else:
                moved = True
                final = change.moved_to or day
                if change.time:
                    time = dt.time.fromisoformat(change.time)
        elif day in hols and series.bank_holidays != "keep":
            if series.bank_holidays == "skip":
                cancelled, note = True, f"{hols.get(day)} (bank holiday): no meeting"
            else:
                final = day + dt.timedelta(days=1)
                while not is_working_day(final, hols):
                    final += dt.timedelta(days=1)
                moved, note = True, f"moved from {hols.get(day)} (bank holiday)"
        if not first <= final <= last:
            continue
        if cancelled and not include_cancelled:
            continue
        start = local(final, time, tz)
        out.append(
            Occurrence(
                body=series.body,
                start=start,
                end=start + series.duration,
                original=day,
                cancelled=cancelled,
                moved=moved,
                note=note,
            )
        )
    out.sort(key=lambda o: (o.start.astimezone(UTC), o.body))
    return out


@dataclass(frozen=True)
class Firing:
    """One reminder due at ``fire_at`` (aware UTC); (key, occurrence) identifies it."""

    key: str
    occurrence: str
    fire_at: dt.datetime
    kind: FiringKind
    scope: str  # the body (meetings) or the action's owner (actions); "" for the digest
    meeting: Occurrence | None = None
    action: Action | None = None
    lead_days: int = 0


def firings(
    schedules: Schedules,
    kb: KnowledgeBase,
    statuses: Mapping[str, str],
    after: dt.datetime,
    until: dt.datetime,
    hols: Mapping[dt.date, str] | None = None,
) -> list[Firing]:
    """Every firing with ``after < fire_at <= until`` (aware datetimes), sorted by time."""
    tz = ZoneInfo(schedules.timezone)
    hols = schedules.holidays() if hols is None else hols
    after, until = after.astimezone(UTC), until.astimezone(UTC)
    first, last = after.astimezone(tz).date(), until.astimezone(tz).date()
    out: list[Firing] = []

    def keep(f: Firing) -> None:
        if after < f.fire_at <= until:
            out.append(f)

    for s in schedules.series:
        lead_max = max(s.lead_days, default=0)
        meetings = meeting_occurrences(s, first, last + dt.timedelta(days=lead_max + 1), tz, hols)
        for m in meetings:
            for lead in s.lead_days:
                day = m.start.date() - dt.timedelta(days=lead)
                fire = local(day, s.remind_at, tz).astimezone(UTC)
                if lead == 0 and fire > m.start.astimezone(UTC):
                    fire = (m.start - dt.timedelta(hours=1)).astimezone(UTC)
                keep(
                    Firing(
                        f"meeting:{s.body}:{lead}d", m.key, fire, "meeting", s.body, m, None, lead
                    )
                )

    d_time = dt.time.fromisoformat(schedules.digest.at)
    weekday = DAYS.index(schedules.digest.day)
    for day in _days(first, last):
        if day.weekday() == weekday:
            keep(
                Firing(
                    "digest", day.isoformat(), local(day, d_time, tz).astimezone(UTC), "digest", ""
                )
            )

    due_time = dt.time.fromisoformat(schedules.due.at)
    od = schedules.overdue
    od_time = dt.time.fromisoformat(od.at)
    current = current_until(kb)  # no escalation once a newer report superseded this one
    for a in kb.actions:
        if a.due is None or statuses.get(a.id, a.status) != "open":
            continue
        for lead in schedules.due.lead_days:
            day = a.due - dt.timedelta(days=lead)
            fire = local(day, due_time, tz).astimezone(UTC)
            keep(
                Firing(
                    f"action-due:{a.id}:{lead}d",
                    a.due.isoformat(),
                    fire,
                    "due",
                    a.owner,
                    None,
                    a,
                    lead,
                )
            )
        for k in range(od.times):
            day = a.due + dt.timedelta(days=od.after_days + k * od.every_days)
            if current is not None and day > current:
                break
            fire = local(day, od_time, tz).astimezone(UTC)
            keep(
                Firing(f"action-overdue:{a.id}", day.isoformat(), fire, "overdue", a.owner, None, a)
            )
    out.sort(key=lambda f: (f.fire_at, f.key, f.occurrence))
    return out


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)
