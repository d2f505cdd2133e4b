"""Contact questions about another moment ("on Saturday", "on bank holidays", "at 3am")."""

from __future__ import annotations

import re

import pytest

from bot.engine.hours import Calendar
from bot.engine.when import asked_moment
from bot.testing import local_time

TUESDAY = local_time("2026-12-01T11:00")  # a working Tuesday, MASH and adults' line open
SATURDAY = local_time("2026-12-05T11:00")
CAL = Calendar(TUESDAY.tzinfo)  # Europe/London, England's bank holidays


def first_number(text: str) -> str | None:
    m = re.search(r"253169|265545|253772|725005", text)
    return m.group(0) if m else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who do i call about a child on saturday", "2026-12-05T12:00"),
        ("is adult safeguarding open on bank holidays", "2026-12-25T12:00"),
        ("is the mash open on christmas day", "2026-12-25T12:00"),
        ("who do i call on boxing day", "2026-12-26T12:00"),
        ("and on easter monday?", "2027-03-29T12:00"),
        ("good friday", "2027-03-26T12:00"),
        ("next tuesday", "2026-12-08T12:00"),
        ("friday at 4.45pm", "2026-12-04T16:45"),
        ("children's number at 3am", "2026-12-01T03:00"),
        ("at 17:30", "2026-12-01T17:30"),
        ("who do i call at noon on sunday", "2026-12-06T12:00"),
        ("tomorrow", "2026-12-02T12:00"),
        ("tonight", "2026-12-01T21:00"),
        ("over the weekend", "2026-12-05T12:00"),
    ],
)
def test_the_moment_asked_about(text, expected):
    """Days, holidays and clock times resolve to the next such local moment."""
    assert asked_moment(text, TUESDAY, CAL) == local_time(expected)


@pytest.mark.parametrize(
    "text",
    [
        "who do i call about a child",
        "on tuesday",  # today: now
        "is it open at 9",  # "at 9" could be anything
        "call 01908 253169",
        "the sun is out",
        "she told me on saturday that he hits her",  # a day that dates an event
        "it happened last friday",
    ],
)
def test_now_when_no_other_moment_is_asked(text):
    """No day or time, today, an unclear number or a past event: the answer is for now."""
    assert asked_moment(text, TUESDAY, CAL) is None


def test_the_weekend_on_a_weekend_is_now():
    """'the weekend' asked on a Saturday is now, not next week."""
    assert asked_moment("who do i call at the weekend", SATURDAY, CAL) is None


@pytest.mark.parametrize(
    ("question", "first", "closed_then"),
    [
        ("who do i call about a child on saturday", "265545", "MASH"),
        ("who do i call about an adult on christmas day", "725005", "Safeguarding Adults"),
        ("adult safeguarding number on friday at 5.30pm", "725005", "Safeguarding Adults"),
        ("who do i call about a child on monday", "253169", None),
    ],
)
def test_the_line_for_the_moment_asked_about(engine, question, first, closed_then):
    """Asked on a working Tuesday about another moment, the first number is that moment's."""
    ans = engine.answer(question, TUESDAY)
    assert first_number(ans.text) == first
    head = ans.text.splitlines()[0]
    assert re.match(r"(Monday|Friday|Saturday) \d+ December 2026, \d\d:\d\d", head), head
    assert "now" not in head and "open then" in ans.text
    if closed_then:
        assert closed_then in head and "closed" in head  # why the daytime line is not it


def test_a_named_line_on_a_bank_holiday_says_when(engine):
    """'is the mash open on christmas day': whether to call it then is asked, so the day and
    the line open then lead (the MASH closed), then the MASH's own line, closed then."""
    lines = engine.answer("is the mash open on christmas day", TUESDAY).text.splitlines()
    assert lines[0].startswith("Children: Friday 25 December 2026, 12:00 (Christmas Day")
    assert "MASH is closed" in lines[0] and "265545" in lines[0]
    assert any("closed then" in x and "253169" in x for x in lines[1:4])


def test_danger_is_always_now(engine):
    """'on saturday' never moves an emergency: 999 first, then the line open now."""
    ans = engine.answer("a child is being hit right now, we are away on saturday", TUESDAY)
    assert "999" in ans.text.splitlines()[0] and first_number(ans.text) == "253169"


def test_an_afternoon_hour_without_am_or_pm():
    """'at 4.15 on a friday' is the afternoon; '07:30' with its zero stays morning."""
    assert asked_moment("mash at 4.15 on a friday", TUESDAY, CAL) == local_time("2026-12-04T16:15")
    assert asked_moment("at 07:30 on friday", TUESDAY, CAL) == local_time("2026-12-04T07:30")
    assert asked_moment("at 9.30 on friday", TUESDAY, CAL) == local_time("2026-12-04T09:30")


def test_a_time_without_a_day_on_a_weekend_is_the_next_working_day():
    """'open at 8am?' asked on a Saturday is about the working week, not the weekend."""
    assert asked_moment("is the adult line open at 8am", SATURDAY, CAL) == local_time(
        "2026-12-07T08:00"
    )


def test_a_timetable_question_is_not_moved_to_midday(engine):
    """'how late is the mash open on thursdays' shows the hours, not a Thursday noon."""
    ans = engine.answer("how late is the mash open on thursdays", TUESDAY)
    assert "Monday to Thursday 9am to 5pm" in ans.text and "12:00" not in ans.text
