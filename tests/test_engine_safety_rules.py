"""Property tests of the safety rules every answer keeps (bot/engine/safety.py), on
generated messages: stories with a danger sentence anywhere, times that date events,
indirect words for the person, another town named, and moments asked about."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.hours import is_open

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

DANGER = [
    "he's got a knife and is outside her door right now",
    "she's just texted me saying her dad is hitting her",
    "the baby isn't breathing",
    "there's smoke pouring out of the flat and the kids are inside",
    "he's standing on the edge of the bridge saying goodbye",
    "two men are dragging a girl into a van",
    "her ex is kicking the door in as we speak",
    "the old man has collapsed and won't wake up",
]
CONTEXT = [
    "i'm a teacher at a secondary school",
    "been worried about this family for a while",
    "we had a meeting about her last month",
    "mum has been struggling since the new baby",
    "the social worker is on leave this week",
    "i did a home visit earlier in the year",
    "he moved here from another area in the summer",
]
ENDINGS = ["who do i call", "what do i do", "pls help", ""]
CHILD = ["one of my year 7s", "a 14 year old in my tutor group", "the toddler next door"]
ADULT = ["a resident in our care home", "my 82 year old patient", "the lady we support"]
EVENTS = ["last night", "on sunday night", "this morning", "at the weekend", "yesterday"]
MOMENTS = st.datetimes(min_value=dt.datetime(2026, 12, 1), max_value=dt.datetime(2027, 5, 30)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


def _local(engine, naive: dt.datetime) -> dt.datetime:
    return naive.replace(tzinfo=engine.cal.tz)


def _first_line(engine, text: str, audience: str):
    """The first of that audience's phone lines the text shows."""
    shown = [(text.find(c.phone), c) for c in engine.book.phones[audience] if c.phone in text]
    return min(shown, key=lambda x: x[0])[1] if shown else None


@SETTINGS
@given(
    danger=st.sampled_from(DANGER),
    before=st.lists(st.sampled_from(CONTEXT), max_size=4),
    after=st.lists(st.sampled_from(CONTEXT), max_size=3),
    ending=st.sampled_from(ENDINGS),
    when=MOMENTS,
)
def test_a_danger_sentence_anywhere_puts_999_first(engine, danger, before, after, ending, when):
    """A sentence signalling danger now, wherever it sits in a story, puts 999 first."""
    message = ". ".join([*before, danger, *after, ending]).strip(". ")
    ans = engine.answer(message, _local(engine, when))
    assert "999" in ans.text.splitlines()[0], message


@SETTINGS
@given(
    who=st.sampled_from([(p, "children") for p in CHILD] + [(p, "adults") for p in ADULT]),
    event=st.sampled_from(EVENTS),
    when=MOMENTS,
)
def test_a_time_that_dates_the_event_is_not_the_moment_to_call(engine, who, event, when):
    """'It happened last night, who do I call': the line open at the moment of asking
    leads, for that person's audience (read from indirect words)."""
    person, audience = who
    now = _local(engine, when)
    message = f"{person} told me something happened {event}. who do i call about it"
    ans = engine.answer(message, now)
    first = _first_line(engine, ans.text, audience)
    assert first is not None, ans.text
    assert is_open(first, now, engine.cal, engine.book.by_id), (message, now, ans.text[:300])


@SETTINGS
@given(
    ask=st.sampled_from(
        [
            "who do i call about a child",
            "worried about an adult at risk, number?",
            "children's safeguarding",
            "adult safeguarding concern",
            "safeguarding number",
        ]
    ),
    when=MOMENTS,
)
def test_a_contact_answer_never_leads_with_a_closed_line(engine, ask, when):
    """The first line shown is open at the moment, whenever another line for that person
    is open then."""
    now = _local(engine, when)
    ans = engine.answer(ask, now)
    shown = [
        (ans.text.find(c.phone), c)
        for lines in engine.book.phones.values()
        for c in lines
        if c.phone in ans.text
    ]
    _, first = min(shown, key=lambda x: x[0])
    others_open = any(
        is_open(c, now, engine.cal, engine.book.by_id) for c in engine.book.phones[first.audience]
    )
    assert is_open(first, now, engine.cal, engine.book.by_id) or not others_open, ans.text


@SETTINGS
@given(
    who=st.sampled_from(CHILD + ADULT),
    town=st.sampled_from(["bedford", "luton", "northampton", "oxford", "scotland"]),
    when=MOMENTS,
)
def test_a_worry_about_a_person_gets_the_lines_even_naming_another_town(engine, who, town, when):
    """A worry about a person always gets local lines, though it names another town."""
    message = f"{who} says she is being hurt by her uncle when she stays in {town}. who do i tell"
    ans = engine.answer(message, _local(engine, when))
    assert any(c.phone in ans.text for lines in engine.book.phones.values() for c in lines), (
        ans.text
    )


@SETTINGS
@given(day=st.sampled_from(["saturday", "sunday", "christmas day", "boxing day"]))
def test_an_answer_for_another_moment_says_which(engine, day):
    """'who do I call about a child on Saturday': the answer names that moment."""
    now = _local(engine, dt.datetime(2026, 12, 1, 11, 0))
    ans = engine.answer(f"who do i call about a child on {day}", now)
    head = "\n".join(ans.text.splitlines()[:2]).lower()
    assert day.split()[0] in head or "saturday" in head or "sunday" in head, ans.text
