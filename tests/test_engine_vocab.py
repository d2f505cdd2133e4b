"""The reading vocabularies are data a safeguarding lead edits: checked at load, located
by path:line, and replayed against their own examples."""

from __future__ import annotations

import shutil

import pytest

from bot.engine.read.danger import example_problems, read_danger
from bot.engine.read.vocab import VOCAB_DIR, load_danger_vocab
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
