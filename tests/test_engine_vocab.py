"""The reading vocabularies are data a safeguarding lead edits: checked at load, located
by path:line, and replayed against their own examples."""

from __future__ import annotations

import shutil
from zoneinfo import ZoneInfo

import pytest

from bot.engine.audience import audience_problems
from bot.engine.read.danger import example_problems, read_danger
from bot.engine.read.vocab import (
    VOCAB_DIR,
    load_audience_vocab,
    load_danger_vocab,
    load_time_vocab,
)
from bot.errors import VocabularyError


def _copy(tmp_path):
    shutil.copy(VOCAB_DIR / "danger.yaml", tmp_path / "danger.yaml")
    return tmp_path / "danger.yaml"


def test_the_shipped_examples_read_as_labelled():
    """Every example in the shipped danger vocabulary reads as its label says."""
    assert example_problems() == []


def test_a_wrong_example_is_reported_at_its_line(tmp_path):
    """An example labelled danger that reads as none is named with its path and line."""
    path = _copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  danger:\n", "  danger:\n    - what time does the library open\n", 1),
        encoding="utf-8",
    )
    problems = example_problems(load_danger_vocab(tmp_path))
    assert len(problems) == 1
    line = text.splitlines().index("  danger:") + 2
    assert str(problems[0]).startswith(f"{path}:{line}:")
    assert not read_danger("what time does the library open")


def test_a_bad_phrase_stops_loading_with_its_line(tmp_path):
    """A phrase that is not lower-case words is refused, located by its line."""
    path = _copy(tmp_path)
    text = path.read_text(encoding="utf-8").replace("  - right now\n", "  - Right Now!\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as err:
        load_danger_vocab(tmp_path)
    line = text.splitlines().index("  - Right Now!") + 1
    assert f"danger.yaml:{line}: now: 'Right Now!'" in str(err.value)


def _copy_audience(tmp_path):
    shutil.copy(VOCAB_DIR / "audience.yaml", tmp_path / "audience.yaml")
    return tmp_path / "audience.yaml"


def test_the_shipped_audience_examples_read_as_labelled():
    """Every example in the shipped audience vocabulary reads as the audience it is under."""
    assert audience_problems() == []


def test_a_misread_audience_example_is_reported_at_its_line(tmp_path):
    """An adults' example that reads as a child's is named with its path and line."""
    path = _copy_audience(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  adults:\n    -", "  adults:\n    - a year 9 pupil told me\n    -", 1),
        encoding="utf-8",
    )
    problems = audience_problems(load_audience_vocab(tmp_path))
    line = path.read_text(encoding="utf-8").splitlines().index("    - a year 9 pupil told me") + 1
    assert [str(p).split(": ")[0] for p in problems] == [f"{path}:{line}"]


def test_a_word_for_both_audiences_stops_loading_with_its_line(tmp_path):
    """A word listed for children and for adults is refused, located by path and line."""
    path = _copy_audience(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    aunt, ", "    aunt, toddler, ", 1), encoding="utf-8")
    with pytest.raises(VocabularyError) as err:
        load_audience_vocab(tmp_path)
    assert "'toddler' is listed for both" in str(err.value)
    assert str(err.value).startswith(f"{path}:")


def test_an_upper_case_audience_phrase_is_refused(tmp_path):
    """A phrase that is not lower-case words is refused with its file."""
    path = _copy_audience(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    aunt, ", "    Aunt Sally!, ", 1), encoding="utf-8")
    with pytest.raises(VocabularyError, match="is not lower-case words"):
        load_audience_vocab(tmp_path)


def test_a_part_of_the_day_with_no_time_is_refused_at_its_line(tmp_path):
    """A part of the day whose moment is not HH:MM stops loading, located by path:line."""
    shutil.copy(VOCAB_DIR / "time.yaml", tmp_path / "time.yaml")
    path = tmp_path / "time.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('{word: evening, at: "19:00"}', '{word: evening, at: "7pm"}'))
    with pytest.raises(VocabularyError) as err:
        load_time_vocab(tmp_path)
    line = text.splitlines().index('  - {word: evening, at: "19:00"}') + 1
    assert str(err.value).startswith(f"{path}:{line}: parts_of_day: 'evening'")


def test_the_shipped_time_words_place_a_plan_to_call():
    """The shipped parts of the day turn "i'll ring saturday night" into Saturday 21:00."""
    from bot.engine.hours import Calendar
    from bot.engine.when import asked_moment
    from bot.testing import local_time

    cal = Calendar(ZoneInfo("Europe/London"), "GB", "ENG")
    got = asked_moment("i'll ring it in saturday night", local_time("2027-01-14T15:20"), cal)
    assert got is not None and (got.weekday(), got.hour) == (5, 21)


def test_a_place_that_is_not_words_is_refused_at_its_line(tmp_path):
    """The place list is data, checked like the other vocabularies: a bad entry stops loading
    with path:line, and the shipped list finds another area but not the partnership's."""
    from bot.engine.elsewhere import load_places, other_area

    shutil.copy(VOCAB_DIR / "places.yaml", tmp_path / "places.yaml")
    path = tmp_path / "places.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  bedfordshire,", "  Bedford-shire!,", 1), encoding="utf-8")
    with pytest.raises(VocabularyError) as err:
        load_places(tmp_path)
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x.startswith("  bedfordshire,"))
    assert str(err.value).startswith(f"{path}:{line}: 'Bedford-shire!'")
    assert other_area("the mash number for oxfordshire", "Milton Keynes", "") == "Oxfordshire"
    assert other_area("a child from luton staying in milton keynes", "Milton Keynes", "") is None
