"""iCalendar output: valid RFC 5545 (parsed back with icalendar), London TZID, CRLF, folding."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from test_reminders_helpers import (  # noqa: F401
    MEETINGS,
    kb_fixture,
    schedules_fixture,
    write_schedules,
)

from bot.reminders.calendar import calendar_ics, escape_text, fold, resolve_body
from bot.reminders.schedules import load_schedules

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)


def _events(text: str):
    cal = icalendar.Calendar.from_ical(text)
    return cal, [c for c in cal.walk("VEVENT")]


def test_calendar_parses_back_with_london_times(schedules, kb):
    """Every meeting is a VEVENT whose start is 10:00 Europe/London, in GMT and in BST."""
    text = calendar_ics(schedules, kb, NOW, ["management-board"])
    cal, events = _events(text)
    assert str(cal["VERSION"]) == "2.0"
    assert [c["TZID"] for c in cal.walk("VTIMEZONE")] == ["Europe/London"]
    starts = [e.decoded("DTSTART") for e in events]
    assert len(starts) == 10  # 2026: ten meetings from 1 January
    assert all(s.astimezone(LONDON).hour == 10 for s in starts)
    offsets = {s.astimezone(LONDON).utcoffset() for s in starts}
    assert offsets == {dt.timedelta(0), dt.timedelta(hours=1)}
    assert "DTSTART;TZID=Europe/London:20260113T100000" in text
    assert str(events[0]["UID"]) == "management-board-20260113@sgbot.mktogether.co.uk"


def test_lines_end_in_crlf_and_are_folded_at_75_octets(tmp_path, kb):
    """No bare LF, no line over 75 octets, and a long UTF-8 location survives the folding."""
    where = "Council Chamber – Civic Offices, 1 Saxon Gate East; Milton Keynes, MK9 3EJ " * 3
    text = MEETINGS.replace("location: Civic Offices", f"location: {where.strip()!r}")
    sch = load_schedules(write_schedules(tmp_path / "s", text), kb)
    out = calendar_ics(sch, kb, NOW, ["risk"])
    assert out.endswith("END:VCALENDAR\r\n")
    assert "\n" not in out.replace("\r\n", "")
    assert max(len(line.encode()) for line in out.split("\r\n")) <= 75
    _cal, events = _events(out)
    assert str(events[0]["LOCATION"]) == where.strip()


def test_cancelled_and_placeholder_meetings_are_marked(tmp_path, kb):
    """A cancelled date has STATUS:CANCELLED; default-cycle dates are TENTATIVE."""
    text = MEETINGS + "    exceptions:\n      - {date: 2026-02-02, cancelled: true, note: Purdah}\n"
    sch = load_schedules(write_schedules(tmp_path / "s", text), kb)
    _cal, events = _events(calendar_ics(sch, kb, NOW, ["risk"], days=62))
    status = {e.decoded("DTSTART").date(): str(e["STATUS"]) for e in events}
    assert status == {
        dt.date(2026, 1, 5): "TENTATIVE",
        dt.date(2026, 2, 2): "CANCELLED",
        dt.date(2026, 3, 2): "TENTATIVE",
    }


def test_fold_and_escape_helpers():
    """Folding splits on character boundaries; TEXT escaping handles ; , \\ and newlines."""
    line = "DESCRIPTION:" + "é" * 80
    folded = fold(line)
    assert all(len(p.encode()) <= 75 for p in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_board_is_resolved_from_id_name_or_alias(schedules, kb):
    """--board accepts an id, a name or 'risk board'; unknown gives None."""
    assert resolve_body(kb, schedules, "risk") == "risk"
    assert resolve_body(kb, schedules, "Risk Board") == "risk"
    assert resolve_body(kb, schedules, "MK Together Management Board") == "management-board"
    assert resolve_body(kb, schedules, "nonsense") is None


def _observances(text: str):
    """(UTC instant, offset before, offset after) of each VTIMEZONE transition."""
    cal = icalendar.Calendar.from_ical(text)
    (tz,) = cal.walk("VTIMEZONE")
    out = []
    for sub in tz.subcomponents:
        start = sub.decoded("DTSTART")
        before, after = sub.decoded("TZOFFSETFROM"), sub.decoded("TZOFFSETTO")
        out.append((start.replace(tzinfo=dt.UTC) - before, before, after, sub.name))
    return out


def test_london_vtimezone_has_the_clock_changes_of_the_tz_database(schedules, kb):
    """The VTIMEZONE gives each London change at 01:00 UTC, BST as DAYLIGHT, GMT as STANDARD."""
    text = calendar_ics(schedules, kb, NOW, ["management-board"])
    changes = _observances(text)[1:]
    hour = dt.timedelta(hours=1)
    assert (
        dt.datetime(2026, 3, 29, 1, tzinfo=dt.UTC),
        dt.timedelta(0),
        hour,
        "DAYLIGHT",
    ) in changes
    assert (
        dt.datetime(2026, 10, 25, 1, tzinfo=dt.UTC),
        hour,
        dt.timedelta(0),
        "STANDARD",
    ) in changes
    assert "DTSTART:20261025T020000" in text  # local time before the change (BST)


def test_any_partnership_time_zone_gets_a_matching_vtimezone(tmp_path, kb):
    """Another partnership's zone (Sydney, south of the equator) is written from the tz database."""
    import dataclasses

    sydney = ZoneInfo("Australia/Sydney")
    other = dataclasses.replace(
        kb, partnership=dataclasses.replace(kb.partnership, timezone="Australia/Sydney")
    )
    schedules = load_schedules(write_schedules(tmp_path / "s"), other)
    text = calendar_ics(schedules, other, NOW, ["management-board"])
    assert "DTSTART;TZID=Australia/Sydney:20260113T100000" in text
    changes = _observances(text)
    assert len(changes) >= 3
    for instant, before, after, name in changes[1:]:
        assert (instant - dt.timedelta(minutes=1)).astimezone(sydney).utcoffset() == before
        assert instant.astimezone(sydney).utcoffset() == after
        assert (name == "DAYLIGHT") == bool(instant.astimezone(sydney).dst())
    cal, events = _events(text)
    assert all(e.decoded("DTSTART").astimezone(sydney).hour == 10 for e in events)


def test_bank_holidays_follow_the_partnership_region(tmp_path, kb):
    """St Andrew's Day moves a Scottish partnership's meeting; an English one keeps the date."""
    import dataclasses

    from bot.kb.models import HolidayRegion

    meetings = """\
    defaults: {time: "10:00", lead_days: [1], remind_at: "09:00", bank_holidays: move}
    meetings:
      - {body: risk, start: 2026-01-01, dates: [2026-11-30]}
    """
    scottish = dataclasses.replace(
        kb, partnership=dataclasses.replace(kb.partnership, holidays=HolidayRegion("GB", "SCT"))
    )
    for knowledge, day in ((kb, "20261130"), (scottish, "20261201")):
        schedules = load_schedules(write_schedules(tmp_path / day, meetings), knowledge)
        text = calendar_ics(schedules, knowledge, NOW, ["risk"])
        assert f"DTSTART;TZID=Europe/London:{day}T100000" in text
