"""Who to call, decided by the moment: hours, weekends, bank holidays, DST."""

from __future__ import annotations

import re

import pytest

from bot.testing import local_time

MASH, ESWT, ADULTS_DAY, ADULTS_OOH = "253169", "265545", "253772", "725005"
LOCAL = (MASH, ESWT, ADULTS_DAY, ADULTS_OOH)


def first_number(text: str) -> str | None:
    flat = re.sub(r"\s+", "", text)
    found = [(flat.find(n), n) for n in LOCAL if n in flat]
    return min(found)[1] if found else None


CHILD_CASES = [
    ("2026-12-01T11:00", MASH),  # Tuesday daytime
    ("2026-12-03T16:59", MASH),  # Thursday, a minute before 17:00
    ("2026-12-03T17:00", ESWT),  # Thursday closing time
    ("2026-12-04T16:29", MASH),  # Friday, a minute before 16:30
    ("2026-12-04T16:30", ESWT),  # Friday closing time
    ("2026-12-04T16:31", ESWT),
    ("2026-12-01T08:59", ESWT),  # before opening
    ("2026-12-01T09:00", MASH),
    ("2026-12-02T00:00", ESWT),  # midnight
    ("2026-12-05T11:00", ESWT),  # Saturday
    ("2026-12-06T15:00", ESWT),  # Sunday
    ("2026-12-25T12:00", ESWT),  # Christmas Day
    ("2026-12-28T10:00", ESWT),  # Boxing Day (observed), a substitute day
    ("2027-03-29T14:00", ESWT),  # Easter Monday
    ("2027-03-30T10:00", MASH),  # the Tuesday after
    ("2027-03-28T10:00", ESWT),  # the Sunday the clocks go forward
    ("2026-10-26T09:30", MASH),  # the Monday after the clocks go back
]


@pytest.mark.parametrize(("when", "expected"), CHILD_CASES)
def test_child_line_follows_the_clock(engine, when, expected):
    """A question about a child leads with the children's line open at that moment."""
    ans = engine.answer("who do I call about a child", local_time(when))
    assert ans.kind == "contact"
    assert first_number(ans.text) == expected


ADULT_CASES = [
    ("2026-12-02T09:30", ADULTS_DAY),
    ("2026-12-02T08:30", ADULTS_DAY),  # opens at 08:30
    ("2026-12-02T08:29", ADULTS_OOH),
    ("2026-12-02T17:00", ADULTS_OOH),
    ("2026-12-04T16:59", ADULTS_DAY),  # Friday: adults close at 17:00, not 16:30
    ("2026-12-02T22:00", ADULTS_OOH),
    ("2026-12-05T10:00", ADULTS_OOH),
    ("2026-12-28T10:00", ADULTS_OOH),
    ("2027-03-29T14:00", ADULTS_OOH),
]


@pytest.mark.parametrize(("when", "expected"), ADULT_CASES)
def test_adult_line_follows_the_clock(engine, when, expected):
    """A question about an adult at risk leads with the adults' line open at that moment."""
    ans = engine.answer("who do I call about an adult at risk", local_time(when))
    assert first_number(ans.text) == expected


@pytest.mark.parametrize(
    "question",
    [
        "who do i ring about a kid its urgent",
        "worried about a teenager",
        "concern about a pupil at my school",
        "need to make a referral for a baby",
        "young person at risk, who do I contact",
        "chld protection refferal who do i contact",
    ],
)
def test_child_words_pick_the_children_line(engine, question):
    """Words for children (kid, teenager, pupil, baby, young person) choose the children's lines."""
    ans = engine.answer(question, local_time("2026-12-01T11:00"))
    assert ans.kind == "contact"
    assert first_number(ans.text) == MASH


@pytest.mark.parametrize(
    "question",
    [
        "worried about an elderly neighbour",
        "older person being neglected in a care home, who do I call",
        "patient with care and support needs, who do I contact",
        "report abuse of a vulnerable adult",
    ],
)
def test_adult_words_pick_the_adult_line(engine, question):
    """Words for adults (elderly, older person, patient, care and support) choose the adults' lines."""
    ans = engine.answer(question, local_time("2026-12-01T11:00"))
    assert ans.kind == "contact"
    assert first_number(ans.text) == ADULTS_DAY


def test_unclear_audience_gives_both_lines(engine):
    """With no audience in the question, both the children's and adults' open lines are given."""
    ans = engine.answer("who do I call", local_time("2026-12-05T11:00"))
    assert ESWT in ans.text.replace(" ", "") and ADULTS_OOH in ans.text.replace(" ", "")
    assert "Children" in ans.text and "Adults" in ans.text


def test_reason_names_the_closing_time(engine):
    """After Friday's close the answer says the MASH closed at 16:30."""
    ans = engine.answer("who do I call about a child", local_time("2026-12-04T16:45"))
    first = ans.text.splitlines()[0]
    assert "Friday 16:45" in first and "16:30" in first and "265545" in first.replace(" ", "")


def test_bank_holiday_is_named(engine):
    """On a bank holiday the reason says so."""
    ans = engine.answer("worried about a child", local_time("2026-12-25T12:00"))
    assert "bank holiday" in ans.text.splitlines()[0].lower()


def test_aware_utc_time_is_converted_to_london(engine):
    """A UTC moment is read in London time: 16:15 UTC in July is 17:15 BST, MASH closed."""
    import datetime as dt

    when = dt.datetime(2026, 7, 3, 16, 15, tzinfo=dt.UTC)  # a Friday
    ans = engine.answer("who do I call about a child", when)
    assert first_number(ans.text) == ESWT


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("children's out of hours number", ESWT),
        ("MASH number", MASH),
        ("mash phone", MASH),
        ("adult safeguarding email", "access.team@milton-keynes.gov.uk"),
        ("email for adult safeguarding", "access.team@milton-keynes.gov.uk"),
        ("children's safeguarding email", "children@milton-keynes.gov.uk"),
        ("MK Together email address", "mktogether@milton-keynes.gov.uk"),
        ("mk together office address", "saxongateeast"),
        ("what are the adult safeguarding office hours", "8:30"),
        ("MASH opening hours", "4:30"),
        ("adults out of hours number", ADULTS_OOH),
    ],
)
def test_explicit_asks_get_exactly_that(engine, question, needle):
    """An explicit ask (a number, an email, an address, hours) gets that detail first."""
    ans = engine.answer(question, local_time("2026-12-01T11:00"))
    assert ans.kind == "contact"
    flat = re.sub(r"\s+", "", ans.text).lower()
    assert needle.lower() in flat
    first = re.sub(r"\s+", "", ans.text.splitlines()[0]).lower()
    assert needle.lower() in first


def test_out_of_hours_ask_leads_with_out_of_hours_line_even_in_the_day(engine):
    """ "Out of hours number" gives the out-of-hours line first, whatever the time."""
    ans = engine.answer("children's out of hours number", local_time("2026-12-01T11:00"))
    assert first_number(ans.text) == ESWT


def test_contact_answers_end_with_999(engine):
    """Every contact answer reminds of 999 for immediate danger."""
    ans = engine.answer("who do I call about a child", local_time("2026-12-01T11:00"))
    assert "999" in ans.text.splitlines()[-1]
    assert ans.sources and all("Contacts" in s for s in ans.sources)
