"""Schedules: the YAML files load, validate with path:line, and expand in London time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from test_reminders_helpers import (  # noqa: F401
    MEETINGS,
    REMINDERS,
    kb_fixture,
    schedules_fixture,
    write_schedules,
)

from bot.config import ROOT
from bot.errors import ScheduleError
from bot.reminders.occurrences import bank_holidays, firings, meeting_occurrences
from bot.reminders.schedules import load_schedules

LONDON = ZoneInfo("Europe/London")


def _count(sch, body: str, year: int) -> int:
    series = sch.for_body(body)
    return len(meeting_occurrences(series, dt.date(year, 1, 1), dt.date(year, 12, 31), LONDON))


def test_shipped_schedules_follow_the_report_frequencies():
    """The shipped meetings.yaml gives 10 Management Board, 4 HWB and 4 CSP meetings a year."""
    sch = load_schedules(ROOT / "schedules")
    assert _count(sch, "management-board", 2027) == 10
    assert _count(sch, "health-and-wellbeing-board", 2027) == 4
    assert _count(sch, "community-safety-partnership", 2027) == 4
    affiliated = ["assurance", "risk", "tasking", "review", "child-death", "voice", "workforce"]
    assert all(sch.for_body(b).placeholder for b in affiliated)
    assert sch.digest.day == "mon" and sch.digest.at == "09:00"
    assert sch.due.lead_days == [14, 1]


def test_shipped_schedules_name_boards_of_the_knowledge_base():
    """Every body in the shipped schedules is a board of the shipped knowledge base."""
    from bot.errors import KnowledgeError
    from bot.kb.loader import load_knowledge

    try:
        real = load_knowledge(ROOT / "knowledge")
    except KnowledgeError as exc:
        pytest.skip(f"knowledge base not complete yet: {exc.problems[0]}")
    sch = load_schedules(ROOT / "schedules", real)
    assert {s.body for s in sch.series} <= {b.id for b in real.boards}


def test_unknown_board_is_reported_with_path_and_line(tmp_path, kb):
    """A meeting series for a body not in the knowledge base fails with file:line."""
    bad = MEETINGS.replace("body: risk", "body: riks")
    d = write_schedules(tmp_path / "s", bad)
    with pytest.raises(ScheduleError) as exc:
        load_schedules(d, kb)
    lines = [str(p) for p in exc.value.problems]
    assert lines == [f"{d / 'meetings.yaml'}:12: meetings for 'riks': unknown board 'riks'"]


def test_every_problem_is_reported_at_once(tmp_path, kb):
    """A bad RRULE, a bad time and a contradictory exception are all reported with lines."""
    bad = MEETINGS.replace("BYDAY=1MO", "BYDAY=1XX").replace('time: "10:00"', 'time: "25:00"')
    bad += "    exceptions:\n      - {date: 2026-02-02, cancelled: true, moved_to: 2026-02-03}\n"
    d = write_schedules(tmp_path / "s", bad)
    with pytest.raises(ScheduleError) as exc:
        load_schedules(d, kb)
    msgs = [(p.line, p.message.split(":")[0]) for p in exc.value.problems]
    assert (2, "defaults") in msgs  # bad time
    assert any(p.line == 14 and "bad RRULE" in p.message for p in exc.value.problems)
    assert any(
        "either cancelled or moved" in p.message and p.line == 17 for p in exc.value.problems
    )


def test_type_errors_come_from_the_shared_reader(tmp_path, kb):
    """Wrong types and unknown fields are reported by the typed YAML reader with lines."""
    bad = MEETINGS.replace("placeholder: true", "placeholder: maybe\n    colour: red")
    d = write_schedules(tmp_path / "s", bad, REMINDERS.replace("day: mon", "day: funday"))
    with pytest.raises(ScheduleError) as exc:
        load_schedules(d, kb)
    text = "\n".join(str(p) for p in exc.value.problems)
    assert "meetings.yaml:15: meetings[1].placeholder: expected true or false" in text
    assert "meetings.yaml:16: meetings[1].colour: unknown field" in text
    assert "reminders.yaml:1: digest.day: 'funday' is not one of" in text


def test_rrule_expands_second_tuesdays_without_august_and_december(schedules):
    """The Management Board meets on the second Tuesday of the ten listed months."""
    got = meeting_occurrences(
        schedules.for_body("management-board"), dt.date(2026, 7, 1), dt.date(2026, 12, 31), LONDON
    )
    assert [o.start.date() for o in got] == [
        dt.date(2026, 7, 14),
        dt.date(2026, 9, 8),
        dt.date(2026, 10, 13),
        dt.date(2026, 11, 10),
    ]
    assert all(o.start.hour == 10 and o.start.tzinfo is LONDON for o in got)


def test_exceptions_cancel_and_move_single_dates(tmp_path, kb):
    """A cancelled date disappears; a moved one takes its new date and time."""
    text = MEETINGS + (
        "    exceptions:\n"
        "      - {date: 2026-06-01, cancelled: true}\n"
        '      - {date: 2026-07-06, moved_to: 2026-07-08, time: "14:30", note: Room}\n'
    )
    sch = load_schedules(write_schedules(tmp_path / "s", text), kb)
    got = meeting_occurrences(
        sch.for_body("risk"), dt.date(2026, 6, 1), dt.date(2026, 7, 31), LONDON
    )
    assert [(o.start.date(), o.start.time()) for o in got] == [
        (dt.date(2026, 7, 8), dt.time(14, 30))
    ]
    assert got[0].moved and got[0].original == dt.date(2026, 7, 6)
    both = meeting_occurrences(
        sch.for_body("risk"),
        dt.date(2026, 6, 1),
        dt.date(2026, 7, 31),
        LONDON,
        include_cancelled=True,
    )
    assert [o.cancelled for o in both] == [True, False]


def test_bank_holiday_moves_to_the_next_working_day_or_is_skipped(tmp_path, kb):
    """Easter Monday 2026 (6 April) moves to Tuesday 7 April, or is skipped by policy."""
    assert dt.date(2026, 4, 6) in bank_holidays()
    sch = load_schedules(write_schedules(tmp_path / "a"), kb)
    got = meeting_occurrences(
        sch.for_body("risk"), dt.date(2026, 4, 1), dt.date(2026, 4, 30), LONDON
    )
    assert [o.start.date() for o in got] == [dt.date(2026, 4, 7)]
    skip = MEETINGS.replace("placeholder: true", "placeholder: true\n    bank_holidays: skip")
    sch = load_schedules(write_schedules(tmp_path / "b", skip), kb)
    got = meeting_occurrences(
        sch.for_body("risk"), dt.date(2026, 4, 1), dt.date(2026, 4, 30), LONDON
    )
    assert got == []


def test_substitute_bank_holiday_counts(tmp_path, kb):
    """Monday 28 December 2026 (Boxing Day observed) is a bank holiday: the meeting moves."""
    assert dt.date(2026, 12, 28) in bank_holidays()
    text = MEETINGS.replace("rrule: FREQ=MONTHLY;BYDAY=1MO", "dates: [2026-12-28]")
    sch = load_schedules(write_schedules(tmp_path / "s", text), kb)
    got = meeting_occurrences(
        sch.for_body("risk"), dt.date(2026, 12, 1), dt.date(2027, 1, 31), LONDON
    )
    assert [o.start.date() for o in got] == [dt.date(2026, 12, 29)]


@pytest.mark.parametrize(
    ("meeting", "utc_hour"),
    [("2026-03-30", 8), ("2026-03-23", 9), ("2026-10-26", 9), ("2026-10-19", 8)],
)
def test_nine_oclock_stays_nine_oclock_across_clock_changes(tmp_path, kb, meeting, utc_hour):
    """A 09:00 reminder the day before is 09:00 London in BST and GMT (08:00/09:00 UTC)."""
    text = MEETINGS.replace("rrule: FREQ=MONTHLY;BYDAY=1MO", f"dates: [{meeting}]")
    sch = load_schedules(write_schedules(tmp_path / "s", text), kb)
    day = dt.date.fromisoformat(meeting)
    lo = dt.datetime.combine(day - dt.timedelta(days=2), dt.time(0), tzinfo=dt.UTC)
    got = [
        f for f in firings(sch, kb, {}, lo, lo + dt.timedelta(days=3)) if f.key == "meeting:risk:1d"
    ]
    assert len(got) == 1
    assert got[0].fire_at.astimezone(LONDON).time() == dt.time(9, 0)
    assert got[0].fire_at.hour == utc_hour
    assert got[0].meeting.start.astimezone(LONDON).hour == 10


def test_action_due_and_overdue_firings(kb, schedules):
    """An open action with a due date fires 14 and 1 days before and then as overdue."""
    lo = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    got = [f for f in firings(schedules, kb, {}, lo, lo + dt.timedelta(days=60)) if f.action]
    assert [(f.key, f.occurrence) for f in got] == [
        ("action-due:risk-01:14d", "2026-03-31"),
        ("action-due:risk-01:1d", "2026-03-31"),
        ("action-overdue:risk-01", "2026-04-01"),
        ("action-overdue:risk-01", "2026-04-08"),
    ]
    assert not [
        f
        for f in firings(schedules, kb, {"risk-01": "done"}, lo, lo + dt.timedelta(days=60))
        if f.action
    ]
