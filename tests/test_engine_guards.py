"""Safety first: danger puts 999 on the first line; personal details trigger a warning."""

from __future__ import annotations

import pytest

from bot.engine.danger import signals_danger
from bot.engine.personal import has_personal_data, redact
from bot.testing import local_time

NOW = local_time("2026-12-01T11:00")


@pytest.mark.parametrize(
    "message",
    [
        "a child is in immediate danger",
        "someone is being attacked right now",
        "my neighbour is being hurt",
        "a man has a knife and is threatening his partner",
        "an elderly woman has collapsed",
        "the baby is not breathing",
        "he says he is going to kill her",
        "girl being beaten outside the school",
    ],
)
def test_danger_puts_999_first(engine, message):
    """When a message signals danger now, the first line is the 999 line."""
    ans = engine.answer(message, NOW)
    assert "999" in ans.text.splitlines()[0]
    assert "danger" in ans.flags


def test_danger_then_the_right_local_line(engine):
    """After 999 comes the local line open now for the audience named."""
    ans = engine.answer("a child is in immediate danger", local_time("2026-12-05T02:00"))
    lines = ans.text.splitlines()
    assert "999" in lines[0]
    assert "265545" in "".join(lines[1:]).replace(" ", "")


@pytest.mark.parametrize(
    "message",
    [
        "who do I call about a child",
        "the child is not in immediate danger, who do I tell",
        "what is the emergency social work team number",
        "bucks fire and rescue next actions",
        "what is MARAC",
        "which board deals with knife crime",
    ],
)
def test_no_false_alarm(message):
    """Ordinary questions, negations and names containing "emergency" are not danger."""
    assert not signals_danger(message)


@pytest.mark.parametrize(
    "message",
    [
        "NHS number 943 476 5919, who do I call",
        "child DOB 12/03/2015 worried about bruising",
        "John Smith lives at 12 Oak Road MK9 3EJ and I am worried",
        "Jane Doe born 3 March 2012 is missing school",
    ],
)
def test_personal_data_opens_with_a_warning(engine, message):
    """A message with identifying details opens with "not a referral route, don't share"."""
    assert has_personal_data(message)
    ans = engine.answer(message, NOW)
    first = ans.text.splitlines()[0]
    assert "not a referral route" in first
    assert "personal-data" in ans.flags


@pytest.mark.parametrize(
    "message",
    [
        "who do I call about a child",
        "call 01908 253772",
        "what does the Risk Board do",
        "MASH number",
    ],
)
def test_ordinary_text_is_not_personal_data(message):
    """Phone numbers of the service and board names are not personal data."""
    assert not has_personal_data(message)


def test_redact_removes_identifiers():
    """Redaction removes names, dates, postcodes, street addresses and long numbers."""
    text = redact("John Smith, 12 Oak Road, MK9 3EJ, DOB 12/03/2015, NHS 943 476 5919")
    for secret in ("John", "Smith", "Oak Road", "MK9", "12/03/2015", "943", "5919"):
        assert secret not in text


def test_danger_and_personal_data_keep_999_first(engine):
    """With danger and personal details both, 999 stays first and the warning follows."""
    ans = engine.answer("John Smith DOB 12/03/2015 is being attacked right now", NOW)
    lines = ans.text.splitlines()
    assert "999" in lines[0] and "not a referral route" in lines[1]
