"""The curated layer (knowledge/local.yaml): everyday asks the report does not hold are
answered from quoted, dated facts; the loader checks them with path:line; they never
displace 999 on danger or the local lines for a worry about a person."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from bot.config import ROOT
from bot.engine.core import Engine
from bot.errors import KnowledgeError
from bot.kb.loader import load_knowledge
from bot.testing import local_time

NOW = local_time("2026-12-01T11:00")  # Tuesday morning: the MASH is open
KNOWLEDGE = ROOT / "knowledge"


def copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(KNOWLEDGE, tmp_path / "knowledge"))


def problems(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(directory)
    return [str(p) for p in err.value.problems]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, t in enumerate(path.read_text().splitlines(), 1) if needle in t)


@pytest.mark.parametrize(
    "question, fact",
    [
        ("LADO", "lado"),
        ("what is a LADO", "lado"),
        ("who is the LADO", "lado"),
        ("lado number", "lado"),
        ("who is my DSL", "dsl"),
        ("allegation against a member of staff", "lado"),
        ("allegation against a teacher who do I contact", "lado"),
        ("police non-emergency number", "police-non-emergency"),
        ("what is the police non emergency number", "police-non-emergency"),
        ("samaritans", "samaritans"),
        ("childline", "childline"),
        ("who do i report a teacher to", "lado"),
        ("allegation against a foster carer", "lado"),
        ("is there a number for the police that isn't 999", "police-non-emergency"),
    ],
)
def test_everyday_asks_are_answered_from_the_curated_layer(engine, question, fact):
    """Each ask gets its curated fact, with its source and checked date, not "I don't know"."""
    ans = engine.answer(question, NOW)
    assert ans.kind != "unknown" and f"curated:{fact}" in ans.flags, ans.text
    assert "Sorry, I don't know" not in ans.text
    source = next(
        x.source for x in (*engine.kb.curated.lines, *engine.kb.curated.terms) if x.id == fact
    )
    assert f"Not from the annual report: {source}, checked 1 Dec 2026." in ans.text
    assert "999 now." in ans.text.split("\n")[-1]


def test_a_contact_question_naming_a_national_line_gets_both(engine):
    """The report's lines first, then the named national line with its source, then 999."""
    ans = engine.answer("national domestic abuse helpline number", NOW)
    lines = ans.text.split("\n")
    assert "01908 253169" in lines[0]
    at = lines.index(
        "Also: National Domestic Abuse Helpline (run by Refuge, 24 hours): 0808 2000 247."
    )
    assert lines[at + 1].startswith("Not from the annual report: https://www.refuge.org.uk/")
    assert lines[at - 1].startswith("Numbers from the ")  # the report numbers' own line
    assert "999" in lines[-1]


def test_the_police_line_is_101_quoted_from_its_source(engine):
    """The police non-emergency answer leads with 101 and quotes the page it comes from."""
    ans = engine.answer("police non-emergency number", NOW)
    assert ans.text.split("\n")[0] == "Police non-emergency number: 101."
    assert 'The source says: "101 is used for non-emergencies' in ans.text
    assert ans.suggestions == []  # no unrelated "Risk Board" button any more


def test_an_unknown_local_post_says_what_it_is_and_where_to_find_it(engine):
    """No LADO number in the report: what a LADO is, that the report has none, who to ask,
    and the partnership's website from the report."""
    p = engine.kb.partnership
    text = engine.answer("lado number", NOW).text
    assert text.startswith("LADO: Local Authority Designated Officer.")
    assert f"The {p.report_title} gives no LADO contact for {p.area}." in text
    assert "designated safeguarding lead" in text
    assert f"The partnership's website (from the report): {p.website}" in text


def test_define_command_knows_curated_terms(engine):
    """/define LADO answers from the curated layer too."""
    ans = engine.define("LADO")
    assert ans.kind == "glossary" and "Local Authority Designated Officer" in ans.text


def test_inline_mode_offers_curated_facts(engine):
    """An inline query for "lado" offers the curated answer; a danger query still leads with 999."""
    [first, *_] = engine.inline("lado", NOW)
    assert first.text.startswith("LADO: Local Authority Designated Officer.")
    danger = engine.inline("he is stabbing her right now police 101", NOW)
    assert all("999" in a.text.split("\n")[0] for a in danger)  # every result, on danger
    assert any("Police non-emergency number: 101." in a.text for a in danger)


def test_another_areas_lado_keeps_its_own_note(engine):
    """ "the oxfordshire lado": the other-area answer, not this area's curated fact."""
    ans = engine.answer("the oxfordshire lado", NOW)
    assert "Oxfordshire" in ans.text and "curated" not in ans.flags


@pytest.mark.parametrize(
    "question",
    [
        "he has a knife, police non-emergency number?",
        "she is being hit right now, what is the police non emergency number",
        "he is strangling her now, who is the LADO",
    ],
)
def test_danger_keeps_999_first(engine, question):
    """A curated fact never displaces the 999 line on danger."""
    assert "999" in engine.answer(question, NOW).text.split("\n")[0]


@pytest.mark.parametrize(
    "question",
    [
        "I'm worried about a child, who is the LADO",
        "my pupil told me her dad hits her, what is the police non emergency number",
        "worried about a child in my class, samaritans number?",
        "a child told me something worrying, who is my DSL",
    ],
)
def test_a_worry_about_a_person_gets_the_local_lines_first(engine, question):
    """A worry about a child leads with the local children's line open now."""
    first = engine.answer(question, NOW).text.split("\n")[0]
    assert "01908 253169" in first, first


def test_loader_accepts_101_in_the_report_contacts(tmp_path):
    """A contact with phone "101" loads (it was refused as a bad phone number)."""
    d = copy(tmp_path)
    path = d / "contacts.yaml"
    text = path.read_text().replace('phone: "01908 265545"', 'phone: "101"', 1)
    path.write_text(text)
    kb = load_knowledge(d)
    assert any(c.phone == "101" for c in kb.contacts)


@pytest.mark.parametrize(
    "old, new, needle, offset, message",
    [
        ('phone: "116 123"', 'phone: "12"', 'phone: "12"', 0, "bad phone number '12'"),
        (
            'phone: "0808 2000 247"',
            'phone: "0808 2000 248"',
            "Freephone 24-Hour",
            0,
            "not in its quote",
        ),
        (
            "id: samaritans",
            "id: children-mash",
            "id: children-mash",
            0,
            "duplicate id 'children-mash'",
        ),
        ("id: dsl", "id: lado", "term: DSL", -1, "duplicate id 'lado'"),
        (
            "verified_on: 2026-12-01\n\nterms:",
            "verified_on: 1 Dec\n\nterms:",
            "1 Dec",
            0,
            "expected a date",
        ),
        (
            "  - id: samaritans",
            "  - id: samaritans\n    colour: blue",
            "colour: blue",
            0,
            "unknown field",
        ),
    ],
)
def test_curated_problems_are_reported_at_their_line(tmp_path, old, new, needle, offset, message):
    """A broken local.yaml stops loading with local.yaml:LINE: what is wrong."""
    d = copy(tmp_path)
    path = d / "local.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    line = line_of(path, needle) + offset
    found = problems(d)
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in found), found


def test_a_knowledge_directory_without_local_yaml_still_loads(tmp_path):
    """local.yaml is optional: without it there are no curated facts and no curated answers."""
    d = copy(tmp_path)
    (d / "local.yaml").unlink()
    kb = load_knowledge(d)
    assert kb.curated is not None and not kb.curated.lines
    ans = Engine(kb).answer("who is my DSL", NOW)
    assert ans.kind == "unknown"


def test_every_curated_fact_is_quoted_and_dated():
    """Each shipped fact has a web source, a quote and a check date no later than today's data."""
    kb = load_knowledge(KNOWLEDGE)
    facts = [*kb.curated.lines, *kb.curated.terms]
    assert len(facts) >= 5
    for f in facts:
        assert re.match(r"^https?://", f.source) and f.quote.strip()
        assert f.verified_on <= dt.date(2026, 12, 1)


def test_curated_code_is_partnership_neutral():
    """The curated layer's and the checks' code names no place: facts live in knowledge data."""
    files = [
        ROOT / "bot" / "engine" / "answers" / "local.py",
        ROOT / "bot" / "engine" / "provenance.py",
        ROOT / "bot" / "kb" / "curated.py",
        *(ROOT / "bot" / "checks").glob("*.py"),
    ]
    for path in files:
        text = path.read_text().lower()
        for word in ("milton", "keynes", "mk together", "mktogether", "wiltshire", "rotherham"):
            assert word not in text, f"{path.name} names {word!r}"
