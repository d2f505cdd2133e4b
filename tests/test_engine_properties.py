"""Property tests: any text, any moment, gives a well-formed answer without an exception."""

from __future__ import annotations

import datetime as dt
from typing import get_args
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.types import Kind

KINDS = set(get_args(Kind))
moments = st.datetimes(
    min_value=dt.datetime(2020, 1, 1),
    max_value=dt.datetime(2035, 12, 31),
    timezones=st.sampled_from([ZoneInfo("Europe/London"), dt.UTC, ZoneInfo("America/New_York")]),
)
naive_moments = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 12, 31))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=4096), now=st.one_of(moments, naive_moments))
def test_any_text_any_moment(engine, text, now):
    """Any text up to 4,096 characters at any moment answers with a known kind and text."""
    ans = engine.answer(text, now)
    assert ans.kind in KINDS
    assert ans.text.strip()
    assert 0.0 <= ans.confidence <= 1.0


words = st.sampled_from(
    "who do I call child adult marac risk board next sponsor what is the knife now "
    "danger hours email mash 999 ! ? & < > é".split()
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(words, max_size=30), now=moments)
def test_word_salad_from_the_domain(engine, parts, now):
    """Random mixes of the domain's own words still answer, and danger always leads with 999."""
    text = " ".join(parts)
    ans = engine.answer(text, now)
    assert ans.kind in KINDS
    if "danger" in ans.flags:
        assert "999" in ans.text.splitlines()[0]
