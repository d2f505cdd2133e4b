"""Fifteen questions to the knowledge built from each of four reports: the two written for
these tests (tests/data/reports) and, when present, the two other partnerships' excerpts in
../shared/reports/other (read from there, never copied here). Each answer must show the
facts the report's own text gives: glossary meanings, the line for a child or an adult at
different moments and in each borough, 101, bodies and what they do, priorities, plans,
partners."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.core import Engine
from bot.kb.build import build, write
from bot.kb.loader import load_knowledge
from bot.testing import local_time

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "data" / "reports"
NORTHVALE = REPORTS / "northvale-adults-2024-25.md"
EASTMERE = REPORTS / "eastmere-children-2022-23.md"
OTHER = ROOT.parent / "shared" / "reports" / "other"  # ../shared/reports/other
WIRRAL = OTHER / "wirral-wscp-2023-24.md"
TEESWIDE = OTHER / "teeswide-sab-2017-18.md"

WEDNESDAY = "2026-12-02T10:00"  # a working morning
EVENING = "2026-12-02T20:00"
FRIDAY_LATE = "2026-12-04T16:45"  # after a Friday 16:30 close, before a 17:00 one
SATURDAY = "2026-12-05T12:00"

# (question, moment, what the first line must show or "", what the answer must show)
QUESTIONS = {
    NORTHVALE: [
        ("what is DoLS", WEDNESDAY, "", ["Deprivation of Liberty Safeguards"]),
        ("what does IMCA stand for", WEDNESDAY, "", ["Independent Mental Capacity Advocate"]),
        ("what does PiPoT mean", WEDNESDAY, "", ["Person in a Position of Trust"]),
        ("who do I call about an adult in Ashby", WEDNESDAY, "0300 555 0147", ["01632 960 101"]),
        ("an adult in coldwater", SATURDAY, "0300 555 0199", ["01632 960 303"]),
        ("who do I call about an adult", EVENING, "0300 555 0199", ["Brookfield: "]),
        ("what is the police non-emergency number", WEDNESDAY, "101", []),
        ("edt number", WEDNESDAY, "0300 555 0199", ["Evenings and at weekends"]),
        ("who do I call about a child", WEDNESDAY, "adults only", ["0300 555 0147"]),
        (
            "what committees does the partnership have",
            WEDNESDAY,
            "",
            ["Quality Assurance Committee", "Learning Review Panel", "audits and performance"],
        ),
        ("what does the learning review panel do", WEDNESDAY, "", ["Safeguarding Adults Review"]),
        (
            "what does the hoarding and self-neglect working group do",
            WEDNESDAY,
            "",
            ["joint work with housing"],
        ),
        ("what will the partnership do next", WEDNESDAY, "", ["self-neglect protocol"]),
        ("who are the safeguarding partners", WEDNESDAY, "", ["Northvale Police"]),
        ("what has northvale fire service done", WEDNESDAY, "", ["400 safe and well visits"]),
    ],
    EASTMERE: [
        ("what is CiN", WEDNESDAY, "", ["Child in Need"]),
        ("what is CP", WEDNESDAY, "", ["Child Protection"]),
        ("what does CSPR mean", WEDNESDAY, "", ["Child Safeguarding Practice Review"]),
        ("what is YOT", WEDNESDAY, "", ["Youth Offending Team"]),
        ("who do I call about a child", WEDNESDAY, "0300 123 4567", []),
        ("who do I call about a child", FRIDAY_LATE, "0300 123 9999", ["closed at 16:30"]),
        ("who do I call about a child", SATURDAY, "0300 123 9999", []),
        ("what time does the children's advice line close on friday", WEDNESDAY, "4:30pm", []),
        ("out of hours number for children", WEDNESDAY, "0300 123 9999", []),
        ("who do I call about an adult", WEDNESDAY, "children only", ["0300 123 4567"]),
        ("what does the rapid review panel do", WEDNESDAY, "", ["15 working days"]),
        (
            "what panels does the board have",
            WEDNESDAY,
            "",
            ["Rapid Review Panel", "Child Death Overview Panel", "death of every child"],
        ),
        ("what are the priorities", WEDNESDAY, "", ["Reduce neglect", "voice of the child"]),
        ("what will the board do next", WEDNESDAY, "", ["neglect toolkit", "January 2024"]),
        (
            "who are the safeguarding partners",
            WEDNESDAY,
            "",
            ["Eastmere Council", "Eastmere Police", "Eastmere Health Board"],
        ),
    ],
    WIRRAL: [
        ("what is CSE", WEDNESDAY, "", ["Child Sexual Exploitation"]),
        ("what does CWP stand for", WEDNESDAY, "", ["Cheshire and Wirral Partnership"]),
        ("what is county lines", WEDNESDAY, "", ["organised criminal networks"]),
        ("what is CDOP", WEDNESDAY, "", ["Child Death Overview Panel"]),
        ("what is contextual safeguarding", WEDNESDAY, "", ["outside of the family home"]),
        ("who do I call about a child", WEDNESDAY, "0151 606 2008", []),
        ("who do I call about a child", SATURDAY, "0151 677 6557", []),
        ("who do I call about an adult", WEDNESDAY, "0151 606 2006", []),
        ("who do I call about an adult", EVENING, "0151 677 6557", []),
        ("what is the crimestoppers number", WEDNESDAY, "0800 555 111", ["must not be used"]),
        ("what does the safeguarding education committee do", WEDNESDAY, "", ["Education Sector"]),
        ("what are the priorities", WEDNESDAY, "", ["Embedding Systemic Practice"]),
        ("who are the safeguarding partners", WEDNESDAY, "", ["Merseyside Police"]),
        (
            "what will merseyside fire and rescue service do next",
            WEDNESDAY,
            "",
            ["Restorative Practice"],
        ),
        ("what will the partnership do next", WEDNESDAY, "", ["Embedding Systemic Practice"]),
    ],
    TEESWIDE: [
        ("what is LeDeR", WEDNESDAY, "", ["Learning Disabilities Mortality Review"]),
        (
            "who do I call about an adult",
            WEDNESDAY,
            "4 areas",
            ["01429 523 390", "01642 065 070", "01642 771 500", "01642 527 764"],
        ),
        ("who do I call about an adult in Middlesbrough", WEDNESDAY, "01642 065 070", []),
        ("an adult in hartlepool", WEDNESDAY, "01429 523 390", ["078336 72357"]),
        ("who do I call about an adult in redcar", SATURDAY, "01642 524 552", ["01642 771 500"]),
        ("an adult in stockton", FRIDAY_LATE, "01642 524 552", ["closed at 16:30"]),
        ("who do I call about an adult", SATURDAY, "01642 524 552", []),
        ("what is the police non-emergency number", WEDNESDAY, "101", []),
        ("edt number", WEDNESDAY, "01642 524 552", []),
        ("who do I call about a child", WEDNESDAY, "adults only", []),
        (
            "what sub-groups does the board have",
            WEDNESDAY,
            "5 sub-groups",
            ["Operational Leads Sub-Group", "Communication and Engagement Sub-Group"],
        ),
        (
            "what does the communication and engagement sub-group do",
            WEDNESDAY,
            "",
            ["involvement of adults at risk"],
        ),
        (
            "who are the partners",
            WEDNESDAY,
            "members include",
            ["Cleveland Police", "North East Ambulance Service", "Cleveland Fire Brigade"],
        ),
        ("what are the priorities", WEDNESDAY, "", ["Break barriers to reporting abuse"]),
        ("what has the board done", WEDNESDAY, "", ["Adult Exploitation Strategy"]),
    ],
}


@pytest.mark.parametrize(
    "report",
    [NORTHVALE, EASTMERE, WIRRAL, TEESWIDE],
    ids=["northvale", "eastmere", "wirral", "teeswide"],
)
def test_fifteen_questions_to_each_build(report, tmp_path):
    """Each report's build answers its 15 questions with the facts its own text gives."""
    if not report.exists():
        pytest.skip(
            f"{report} is not here (other partnerships' excerpts are not in the repository)"
        )
    write(build(report, None, []), tmp_path, str(report))
    engine = Engine(load_knowledge(tmp_path))
    questions = QUESTIONS[report]
    assert len(questions) == 15
    wrong = []
    for question, moment, lead, facts in questions:
        text = engine.answer(question, local_time(moment)).text
        if lead not in text.splitlines()[0] or any(f not in text for f in facts):
            wrong.append(f"{question} @ {moment}:\n{text}")
    assert not wrong, "\n\n".join(wrong)
