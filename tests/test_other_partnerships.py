"""The engine on two other partnerships' knowledge, hand-written for the tests
(tests/data/kb-northvale: an adults board over four boroughs; tests/data/kb-kingsmere: a
children's partnership with sub-groups, a panel and a committee): questions answered from
their own knowledge, and no Milton Keynes fact in any answer."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from bot.engine.core import Engine
from bot.errors import KnowledgeError
from bot.kb.loader import load_knowledge

DATA = Path(__file__).resolve().parent / "data"
TUESDAY = dt.datetime(2026, 12, 1, 11, 0)  # a working day, mid-morning
SATURDAY = dt.datetime(2026, 12, 5, 11, 0)
FRIDAY_LATE = dt.datetime(2026, 12, 4, 16, 45)  # one borough's line shut at 16:30
# Facts of the Milton Keynes knowledge an answer from another partnership must never show.
MK_FACTS = re.compile(
    r"milton|keynes|\bmk\b|mk together|01908|253169|253772|265545|725005|thames valley|"
    r"\btvp\b|risk board|tasking board|voice board|assurance board|workforce board|marac|"
    r"camhs|oakhill|woodhill|healthwatch|cnwl|access team",
    re.I,
)


@pytest.fixture(scope="module")
def northvale() -> Engine:
    return Engine(load_knowledge(DATA / "kb-northvale"))


@pytest.fixture(scope="module")
def kingsmere() -> Engine:
    return Engine(load_knowledge(DATA / "kb-kingsmere"))


def first_number(text: str) -> str | None:
    m = re.search(r"\b0\d{3,4} \d{3} ?\d{3,4}\b", text)
    return m.group(0) if m else None


# (question, moment, kind, first local number or None, must show, must not show)
NORTHVALE = [
    ("an adult in Middlesbrough", TUESDAY, "contact", "01632 960101", [], ["960202", "960404"]),
    (
        "worried about an adult in darlington",
        TUESDAY,
        "contact",
        "01632 960202",
        ["hours not stated"],
        ["960101"],
    ),
    ("adult safeguarding westby", TUESDAY, "contact", "01632 960404", ["open now"], ["960303"]),
    (
        "who do I call about an adult in Eastholm",
        TUESDAY,
        "contact",
        "01632 960303",
        ["weekdays (times not stated)"],
        ["960101"],
    ),
    ("an adult in Middlesbrough", SATURDAY, "contact", "01632 960999", ["closed at weekends"], []),
    ("an adult in middlesbrough", FRIDAY_LATE, "contact", "01632 960999", [], []),
    (
        "who do I call about an adult",
        TUESDAY,
        "contact",
        "01632 960101",
        ["Middlesbrough:", "Darlington:", "Eastholm:", "Westby:", "960202", "960303", "960404"],
        ["not stated; open", "not stated; closed"],
    ),
    (
        "who do I call about an adult",
        SATURDAY,
        "contact",
        "01632 960999",
        ["the Emergency Duty Team is open for every area, so call 01632 960999", "960202"],
        [],
    ),
    (
        "who do I call about a child",
        TUESDAY,
        "contact",
        None,
        ["no children's safeguarding line", "adults only", "999"],
        ["see the numbers below"],
    ),
    (
        "what sub-groups does the board have",
        TUESDAY,
        "board",
        None,
        [
            "3 sub-groups and 1 panel",
            "Learning and Development Sub-Group",
            "Performance and Audit Sub-Group",
            "Engagement Sub-Group",
            "Safeguarding Adult Review Panel",
        ],
        [],
    ),
    (
        "who are the safeguarding partners",
        TUESDAY,
        "partnership",
        None,
        ["six safeguarding partners", "Northvale Police"],
        ["three"],
    ),
    ("what is SAR", TUESDAY, "glossary", None, ["Safeguarding Adult Review"], []),
    (
        "what does DoLS stand for",
        TUESDAY,
        "glossary",
        None,
        ["Deprivation of Liberty Safeguards"],
        [],
    ),
    (
        "list the boards",
        TUESDAY,
        "board",
        None,
        ["Boards (1)", "Sub-groups (3)", "Panels (1)"],
        ["Affiliated", "Sponsor", "sponsor"],
    ),
    (
        "what is the engagement sub-group",
        TUESDAY,
        "board",
        None,
        ["sub-group of the Northvale Safeguarding Adults Board", "Hears the views"],
        ["Sponsor: not named"],
    ),
    ("who chairs the board", TUESDAY, "board", None, ["Independent Chair"], []),
    ("what will the board do next", TUESDAY, "actions", None, ["self-neglect protocol"], []),
    ("edt number", SATURDAY, "contact", "01632 960999", ["open now"], []),
    # the closed line asked for, then the line to try in that borough (no stated hours)
    (
        "eastholm out of hours",
        TUESDAY,
        "contact",
        "01632 960999",
        ["Adults: Tuesday 11:00: call the Eastholm Adult Social Care line on 01632 960303"],
        ["960101", "960404"],
    ),
    # no borough: each borough's line to call right after the closed one asked for
    (
        "out of hours number",
        TUESDAY,
        "contact",
        "01632 960999",
        ["Middlesbrough: the Middlesbrough Adult Social Care line is open", "Westby:"],
        [],
    ),
    (
        "tell me about the partnership",
        TUESDAY,
        "partnership",
        None,
        ["Areas covered (4): Middlesbrough, Darlington, Eastholm, Westby"],
        [],
    ),
]

KINGSMERE = [
    ("who do I call about a child", TUESDAY, "contact", "0113 496 0100", ["open now"], []),
    (
        "who do I call about a child",
        SATURDAY,
        "contact",
        "0113 496 0999",
        ["Early Help Hub: 0113 496 0200 (hours not stated)"],
        [],
    ),
    ("worried about a child", FRIDAY_LATE, "contact", "0113 496 0999", [], []),
    ("early help number", TUESDAY, "contact", "0113 496 0200", [], ["open now", "closed now"]),
    (
        "who do I call about an adult",
        TUESDAY,
        "contact",
        None,
        ["no adult safeguarding line", "children only", "0113 496 0100"],
        ["see the numbers below"],
    ),
    (
        "what sub-groups does the board have",
        TUESDAY,
        "board",
        None,
        [
            "4 sub-groups and 1 committee and 1 panel",
            "Child Exploitation Sub-group",
            "Scrutiny Committee",
            "Rapid Review Panel",
        ],
        [],
    ),
    (
        "what sub-groups are there",
        TUESDAY,
        "board",
        None,
        ["Sub-groups (4)", "Committees (1)", "Panels (1)"],
        ["Affiliated"],
    ),
    (
        "who sponsors the sub-groups",
        TUESDAY,
        "board",
        None,
        ["Kingsmere Constabulary", "Education Safeguarding Sub-group: not named"],
        ["Executive:"],
    ),
    (
        "who sponsors the quality assurance sub-group",
        TUESDAY,
        "board",
        None,
        ["Kingsmere Council"],
        [],
    ),
    (
        "what is the scrutiny committee",
        TUESDAY,
        "board",
        None,
        [
            "committee of the Kingsmere Safeguarding Children Partnership Executive",
            "Sponsor: not named",
        ],
        [],
    ),
    (
        "tell me about the rapid review panel",
        TUESDAY,
        "board",
        None,
        ["15 working days"],
        ["names no panels"],
    ),
    (
        "who are the safeguarding partners",
        TUESDAY,
        "partnership",
        None,
        ["three safeguarding partners", "Kingsmere Constabulary"],
        [],
    ),
    ("what is CSE", TUESDAY, "glossary", None, ["Child Sexual Exploitation"], []),
    ("lado email", TUESDAY, "contact", None, ["lado@kingsmere.example"], []),
    (
        "what will the child exploitation sub-group do next",
        TUESDAY,
        "actions",
        None,
        ["Map the places"],
        [],
    ),
    ("is the front door open", SATURDAY, "contact", None, ["0113 496 0999"], []),
]


def check(engine: Engine, q, at, kind, first, must, must_not) -> None:
    ans = engine.answer(q, at)
    assert ans.kind == kind, (q, ans.kind, ans.text)
    if first:
        assert first_number(ans.text) == first, (q, ans.text)
    for m in must:
        assert m in ans.text, (q, m, ans.text)
    for m in must_not:
        assert m not in ans.text, (q, m, ans.text)
    assert not MK_FACTS.search(ans.text), (q, ans.text)


@pytest.mark.parametrize(("q", "at", "kind", "first", "must", "must_not"), NORTHVALE)
def test_northvale_questions(northvale, q, at, kind, first, must, must_not):
    """The multi-borough adults board answers from its own lines, boroughs and bodies."""
    check(northvale, q, at, kind, first, must, must_not)


@pytest.mark.parametrize(("q", "at", "kind", "first", "must", "must_not"), KINGSMERE)
def test_kingsmere_questions(kingsmere, q, at, kind, first, must, must_not):
    """The children's partnership answers from its own lines, sub-groups and terms."""
    check(kingsmere, q, at, kind, first, must, must_not)


@pytest.mark.parametrize("name", ["northvale", "kingsmere"])
def test_examples_are_the_knowledge_own_and_answered(request, name):
    """Help and fallback examples name the partnership's own terms and bodies, and each
    example question gets a real answer."""
    engine: Engine = request.getfixturevalue(name)
    help_text = engine.help().text
    fallback = engine.answer("blah blah", TUESDAY).text
    examples = engine.examples()
    assert examples.term and examples.term in help_text and examples.term in fallback
    assert any(examples.term == t.term for t in engine.kb.terms)
    for q in examples.questions():
        assert q in help_text
        assert engine.answer(q, TUESDAY).kind != "unknown", q
    for text in (help_text, fallback, engine.actions(None).text, engine.boards().text):
        assert not MK_FACTS.search(text), text


@pytest.mark.parametrize("name", ["northvale", "kingsmere"])
def test_no_mk_fact_in_any_answer(request, name):
    """Danger, contact, definition and fallback answers carry only this partnership's facts."""
    engine: Engine = request.getfixturevalue(name)
    asked = [
        "he is hitting her right now",
        "a child is in danger now",
        "who sponsors the risk board",
        "what is MARAC",
        "mk together office address",
        "what is the MASH number",
        "who do I call",
        "opening hours",
    ]
    for q in asked:
        for at in (TUESDAY, SATURDAY):
            assert not MK_FACTS.search(engine.answer(q, at).text), q
    for aud in ("children", "adults", None):
        assert not MK_FACTS.search(engine.contact(aud, TUESDAY).text)
    assert engine.answer("he is hitting her right now", TUESDAY).text.startswith(
        "If anyone is in immediate danger, call 999"
    )


def test_a_danger_in_a_borough_leads_with_999_then_the_lines(northvale):
    """Danger comes first; the borough's lines and every borough's stay below it."""
    ans = northvale.answer("an adult in darlington is being attacked right now", TUESDAY)
    assert ans.text.split("\n")[0].startswith("If an adult is in immediate danger, call 999")
    assert "01632 960202" in ans.text


def test_an_mk_place_is_another_area_there(northvale):
    """Milton Keynes is just another area to another partnership."""
    ans = northvale.answer("number for adult safeguarding in milton keynes", TUESDAY)
    assert "nothing for Milton Keynes" in ans.text


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "contacts.yaml",
            "boroughs: [Darlington]",
            "boroughs: [Darlingtn]",
            "'Darlingtn' is not one of the partnership's boroughs",
        ),
        (
            "boards.yaml",
            "parent: nsab\n    aliases: [engagement",
            "parent: nope\n    aliases: [engagement",
            "unknown parent board 'nope'",
        ),
    ],
)
def test_bad_borough_or_parent_is_located(tmp_path, file, old, new, message):
    """A line tagged with an unknown borough, or a body under an unknown board, is a
    path:line problem."""
    kb = tmp_path / "kb"
    shutil.copytree(DATA / "kb-northvale", kb)
    text = (kb / file).read_text()
    assert old in text
    (kb / file).write_text(text.replace(old, new))
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(kb)
    found = [str(p) for p in err.value.problems]
    assert any(message in p and f"{file}:{line}:" in p for p in found), found


def test_partners_are_counted_from_the_knowledge(kingsmere):
    """One partner, or none, reads right: never "the three" by default, never "are ."."""
    from dataclasses import replace

    for partners, said in (
        ([], "The report names no safeguarding partners for"),
        (["kingsmere-council"], "The safeguarding partner of"),
    ):
        kb = replace(
            kingsmere.kb,
            partnership=replace(kingsmere.kb.partnership, safeguarding_partners=partners),
        )
        text = Engine(kb).answer("who are the safeguarding partners", TUESDAY).text
        assert text.startswith(said) and "are ." not in text and "three" not in text, text


@pytest.mark.parametrize(
    ("text", "borough"),
    [
        ("an adult in Redcar and Cleveland", "Redcar & Cleveland"),
        ("an adult in redcar", "Redcar & Cleveland"),
        ("lives in cleveland", "Redcar & Cleveland"),
        ("adult at risk in stockton on tees", "Stockton-on-Tees"),
        ("an adult in Stockton", "Stockton-on-Tees"),
        ("north tyneside", None),
        ("an adult in darlington", None),
    ],
)
def test_a_borough_is_read_in_its_usual_forms(text, borough):
    """A borough is named by its name ("&" or "and", hyphens or not) or a word only it has."""
    from bot.engine.boroughs import borough_keys, borough_named

    keys = borough_keys(["Hartlepool", "Redcar & Cleveland", "Stockton-on-Tees", "North Tees"])
    assert borough_named(text, keys) == borough
