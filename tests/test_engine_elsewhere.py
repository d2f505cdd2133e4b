"""Questions about another area's safeguarding are not answered with this partnership's."""

from __future__ import annotations

import pytest

from bot.engine.elsewhere import other_area
from bot.testing import local_time

NOW = local_time("2026-12-01T11:00")


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("who sponsors the risk board in northamptonshire", "Northamptonshire"),
        ("what's the oxfordshire safeguarding children board number", "Oxfordshire"),
        ("buckinghamshire safeguarding number", "Buckinghamshire"),
        ("luton mash email", "Luton"),
    ],
)
def test_another_area_is_unknown_and_named(engine, question, place):
    """Another area's number or board: unknown, saying which area the bot knows."""
    ans = engine.answer(question, NOW)
    assert ans.kind == "unknown"
    assert place in ans.text and "Milton Keynes" in ans.text.splitlines()[0]
    assert not any(n in ans.text for n in ("253169", "265545", "253772", "725005"))


@pytest.mark.parametrize(
    "question",
    [
        "what will buckinghamshire fire do next",  # a place inside an agency's name
        "a child from luton is staying with family in milton keynes, who do i call",
        "a child from luton is staying with family in mk, who do i call",
        "what is the reading age of the report",  # an everyday word, not the town
        "nps bucks and oxon",
    ],
)
def test_own_area_and_names_are_not_elsewhere(engine, question):
    """A place in a name, or asked about with the partnership's own area, is answered."""
    assert "I only know the" not in engine.answer(question, NOW).text


def test_other_area_is_plain_vocabulary():
    """The check itself: the own area (or its initials) present means no other area."""
    assert other_area("oxfordshire mash", "Milton Keynes", "") == "Oxfordshire"
    assert other_area("oxfordshire child now in mk", "Milton Keynes", "") is None
    assert other_area("kent fire service", "Milton Keynes", "", ["Kent Fire Service"]) is None
