"""Definitions: "what is safeguarding" in the report's own words, built from the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine.core import Engine
from bot.kb.extract.definitions import definitions
from bot.kb.loader import load_knowledge
from bot.kb.report import Report
from bot.testing import local_time

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "tests" / "data" / "mk-together-safeguarding-annual-report-2019-20.md"
NOW = local_time("2026-12-01T11:00")


def test_builder_takes_the_word_and_its_senses_from_the_what_is_section():
    """The "What is Safeguarding?" pages give the word and the two senses with their lists."""
    found = {d["term"]: d for d in definitions(Report.parse(REPORT))}
    assert list(found) == ["Safeguarding", "Safeguarding children", "Safeguarding adults"]
    base = found["Safeguarding"]["text"]
    assert base.startswith("Safeguarding means protecting people's right to live in safety")
    assert "Safeguarding both adults and children is about preventing" in base  # legal framework
    adults = found["Safeguarding adults"]["text"]
    assert "an adult who: Has care and support needs" in adults
    assert "Empowerment – people being supported" in adults and ";;" not in adults
    assert (
        "Protecting children from maltreatment; Preventing"
        in found["Safeguarding children"]["text"]
    )
    assert {d["source"] for d in found.values()} == {"What is Safeguarding? (p. 5)"}
    assert not any("Assurance Board" in d["text"] for d in found.values())  # stops at the boards


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("what is safeguarding", "Safeguarding"),
        ("whats safeguarding?", "Safeguarding"),
        ("define safeguarding", "Safeguarding"),
        ("what does child safeguarding mean", "Safeguarding children"),
        ("what is meant by safeguarding children", "Safeguarding children"),
        ("definition of safeguarding adults", "Safeguarding adults"),
        ("what is adult safeguarding", "Safeguarding adults"),
    ],
)
def test_meaning_questions_get_the_definition(engine, question, term):
    """Any word order or plural, with a meaning cue: the report's definition, sourced."""
    ans = engine.answer(question, NOW)
    assert ans.kind == "glossary" and ans.text.startswith(f"{term}: ")
    assert ans.sources == ["What is Safeguarding? (p. 5)"]


@pytest.mark.parametrize(
    "question", ["adult safeguarding", "what is the adult safeguarding number", "safeguarding"]
)
def test_contact_asks_are_not_taken_for_definitions(engine, question):
    """Without a meaning cue, or with a contact word, it is still a contact ask."""
    assert engine.answer(question, NOW).kind == "contact"


def test_another_partnerships_definitions_are_answered_and_the_file_is_optional(kb, tmp_path):
    """definitions.yaml is data: a new entry answers; without the file the engine says so."""
    directory = tmp_path / "kb"
    shutil.copytree(kb.directory, directory)
    (directory / "definitions.yaml").write_text(
        "definitions:\n"
        "  - id: early-help\n"
        "    term: Early help\n"
        "    aliases: [early intervention]\n"
        "    text: Support for a family as soon as a problem emerges.\n"
        "    source: Our local words (p. 2)\n",
        encoding="utf-8",
    )
    engine = Engine(load_knowledge(directory))
    for question in ("what is early help", "what does early intervention mean"):
        ans = engine.answer(question, NOW)
        assert ans.text == "Early help: Support for a family as soon as a problem emerges."
        assert ans.sources == ["Our local words (p. 2)"]
    assert "Safeguarding means" not in engine.answer("what is safeguarding", NOW).text
    (directory / "definitions.yaml").unlink()
    bare = load_knowledge(directory)
    assert bare.definitions == [] and "definitions" not in bare.counts()
    assert "Support for a family" not in Engine(bare).answer("what is early help", NOW).text
