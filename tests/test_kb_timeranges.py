"""Opening hours as people write them -> hours as data (bot.kb.timeranges)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kb.extract import due_date
from bot.kb.extract.contacts import _phones
from bot.kb.models import DAYS
from bot.kb.timeranges import (
    TimeTextError,
    describe_hours,
    parse_days,
    parse_opening,
    parse_time_range,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9-5pm", ("09:00", "17:00")),
        ("8:30am-5:00pm", ("08:30", "17:00")),
        ("9-4.30pm", ("09:00", "16:30")),
        ("1-5pm", ("13:00", "17:00")),
        ("11-1pm", ("11:00", "13:00")),
        ("9am to 12pm", ("09:00", "12:00")),
        ("10pm-12am", ("22:00", "24:00")),
        ("9-5", ("09:00", "17:00")),
        ("08:00-20:00", ("08:00", "20:00")),
        ("5:00pm-9:00am", ("17:00", "09:00")),
    ],
)
def test_time_ranges(text, expected):
    """A start without am/pm takes the end's unless that would put it after the end."""
    assert parse_time_range(text) == expected


@pytest.mark.parametrize("text", ["closed", "25-26", "9-13pm", "9:75-10"])
def test_not_a_time_range(text):
    """Text without a valid range is an error, not a guess."""
    with pytest.raises(TimeTextError):
        parse_time_range(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Monday to Thurs", ["mon", "tue", "wed", "thu"]),
        ("Monday-Friday", ["mon", "tue", "wed", "thu", "fri"]),
        ("Fri", ["fri"]),
        ("Weekends", ["sat", "sun"]),
        ("Friday to Monday", ["mon", "fri", "sat", "sun"]),
        ("monthly review on Sunday", ["sun"]),
    ],
)
def test_days(text, days):
    """Day names, abbreviations, ranges (also across the weekend) and 'weekends'."""
    assert parse_days(text) == days


def test_opening_pairs_each_day_list_with_its_times():
    """Two day lists with their own times ("Monday to Thurs 9-5pm and Fri 9-4.30pm") are two spans, closed on bank holidays."""
    opening = parse_opening("MASH - Monday to Thurs 9-5pm and Fri 9-4.30pm")
    assert opening.hours == [
        {"days": ["mon", "tue", "wed", "thu"], "open": "09:00", "close": "17:00"},
        {"days": ["fri"], "open": "09:00", "close": "16:30"},
    ]
    assert opening.bank_holidays == "closed"


def test_opening_past_midnight_and_all_day_weekends():
    """An out-of-hours line wraps midnight and is open all day at weekends and bank holidays."""
    opening = parse_opening(
        "Out of hours 5:00pm-9:00am Monday-Friday Weekends & Bank holidays 24 hrs"
    )
    weekdays = ["mon", "tue", "wed", "thu", "fri"]
    assert opening.hours == [
        {"days": weekdays, "open": "00:00", "close": "09:00"},
        {"days": weekdays, "open": "17:00", "close": "24:00"},
        {"days": ["sat", "sun"], "open": "00:00", "close": "24:00"},
    ]
    assert opening.bank_holidays == "open"
    assert not opening.out_of_hours


def test_out_of_office_hours_without_times():
    """Out of office hours without times gives no hours: the line is open whenever another is closed."""
    opening = parse_opening("out of office hours")
    assert opening.hours == [] and opening.out_of_hours


def test_phone_suffixes():
    """A slashed suffix (01908 253169/70) is a second number sharing the prefix."""
    assert _phones("01908 253169/70") == ["01908 253169", "01908 253170"]
    assert _phones("01908 265545") == ["01908 265545"]


def test_due_dates():
    """A due month is its last day; a "from" date is that day."""
    assert due_date("report in January 2021.") == (dt.date(2021, 1, 31), "in January 2021")
    assert due_date("in February 2024") == (dt.date(2024, 2, 29), "in February 2024")
    assert due_date("With effect from 1 April 2021, the CCG") == (
        dt.date(2021, 4, 1),
        "from 1 April 2021",
    )
    assert due_date("in the coming year") == (None, "")


@pytest.mark.parametrize(
    "text",
    [
        "Monday to Friday from 8:30am-5:00pm",
        "Out of hours 5:00pm-9:00am Monday-Friday Weekends & Bank holidays 24 hrs",
        "MASH - Monday to Thurs 9-5pm and Fri 9-4.30pm",
    ],
)
def test_described_hours_parse_back_to_the_same_hours(text):
    """The normalised wording written into hours_text means exactly the parsed hours."""
    opening = parse_opening(text)
    described = describe_hours(opening.hours, opening.bank_holidays)
    again = parse_opening(described)
    assert again.hours == opening.hours
    assert again.bank_holidays == opening.bank_holidays


def test_described_hours_wording():
    """Overnight spans are one phrase; weekends and day ranges read naturally."""
    opening = parse_opening(
        "Out of hours 5:00pm-9:00am Monday-Friday Weekends & Bank holidays 24 hrs"
    )
    assert describe_hours(opening.hours, opening.bank_holidays) == (
        "Monday to Friday 5pm to 9am, weekends 24 hours; open on bank holidays"
    )
    hours = [{"days": ["mon", "wed"], "open": "12:00", "close": "24:00"}]
    assert describe_hours(hours) == "Monday and Wednesday noon to midnight"


_QUARTERS = st.integers(min_value=0, max_value=24 * 4).map(
    lambda q: f"{q // 4:02d}:{q % 4 * 15:02d}"
)


@st.composite
def _week(draw):
    """Up to three spans on disjoint day sets, each opening before it closes."""
    days = list(DAYS)
    spans = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if not days:
            break
        chosen = draw(st.lists(st.sampled_from(days), min_size=1, max_size=4, unique=True))
        days = [d for d in days if d not in chosen]
        open_, close = sorted(draw(st.lists(_QUARTERS, min_size=2, max_size=2, unique=True)))
        spans.append({"days": [d for d in DAYS if d in chosen], "open": open_, "close": close})
    return spans


@given(_week(), st.sampled_from(["open", "closed", None]))
def test_any_described_week_parses_back(hours, bank_holidays):
    """Whatever hours the builder describes, parsing the words gives the same hours back."""
    opening = parse_opening(describe_hours(hours, bank_holidays))
    assert sorted(map(str, opening.hours)) == sorted(map(str, hours))
    assert opening.bank_holidays == (bank_holidays or "closed")
