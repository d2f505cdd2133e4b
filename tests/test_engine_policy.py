"""The decision table: named rows, first match wins, and every routed answer names its row."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import intents as I
from bot.engine.intents.reading import read
from bot.engine.policy import TABLE, decide

NOW = dt.datetime(2026, 12, 1, 11, 0)


def test_rows_are_named_once_and_the_last_always_matches(engine):
    names = [row.name for row in TABLE]
    assert len(names) == len(set(names))
    q = I.parse("zzzz qqqq", engine.index)
    assert TABLE[-1].when(read(engine.lib, q))


@pytest.mark.parametrize(
    "question, row",
    [
        ("help", "help"),
        ("what is 253772", "quotes-a-line"),
        ("what did the assurance board do in 2022", "year-not-covered"),
        ("who is the chief executive of mkuhft", "names-no-one"),
        ("what did ofsted say about the partnership", "not-held"),
        ("the oxfordshire mash number", "other-area"),
        ("who do I call about a child", "contact"),
        ("acronym for youth offending service", "acronym-for"),
        ("what is MARAC", "meaning"),
        ("how often do the affiliated boards meet", "a-fact-of-every-board"),
        ("what boards are there", "the-boards"),
        ("which board deals with training", "which-board"),
        ("who sponsors the risk board and the review board", "boards-compared"),
        ("what will the voice board do next", "board-or-agency"),
        ("what is the status of assurance-03", "action-by-id"),
    ],
)
def test_a_question_is_decided_by_its_row(engine, question, row):
    q = I.parse(question, engine.index)
    assert decide(read(engine.lib, q)).name == row
    assert f"rule:{row}" in engine.answer(question, NOW).flags


def test_danger_is_decided_before_the_table(engine):
    ans = engine.answer("he is stabbing her right now", NOW)
    assert "danger" in ans.flags and not any(f.startswith("rule:") for f in ans.flags)
