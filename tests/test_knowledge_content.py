"""The curated knowledge directory says what the report says: every glossary term, every
contact, every next-step bullet, the boards and their sponsors - checked against the report."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest

from bot.kb.loader import load_knowledge
from bot.kb.models import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
REPORT = (
    Path(__file__).resolve().parent / "data" / "mk-together-safeguarding-annual-report-2019-20.md"
)

AFFILIATED_SPONSORS = {
    "assurance": "mkccg",
    "risk": "tvp",
    "tasking": "mkc",
    "review": "mkuhft",
    "child-death": "mkc",
    "voice": "healthwatch",
    "workforce": "cnwl",
}
# Agency highlight reports (pp. 14-23) carry no name headings; their "What will we do next?"
# sections follow the contents list order (SCAS, p. 23, has none).
AGENCY_NEXT_STEPS_ORDER = [
    "mkc-asc",
    "mkc-csc",
    "mkccg",
    "cnwl",
    "tvp",
    "mkuhft",
    "nps",
    "oakhill-stc",
    "bucks-fire",
]


@pytest.fixture(scope="module")
def curated() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


@pytest.fixture(scope="module")
def report_lines() -> list[str]:
    return REPORT.read_text(encoding="utf-8").splitlines()


def norm(text: str) -> str:
    """Compare texts ignoring markup, entity spelling, quote style and white space."""
    text = html.unescape(text).replace("**", "")
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return " ".join(text.split())


def section(lines: list[str], start: str, end: str) -> list[str]:
    i = next(n for n, line in enumerate(lines) if line.startswith(start))
    j = next(n for n, line in enumerate(lines) if n > i and line.startswith(end))
    return lines[i + 1 : j]


def glossary_in_report(lines: list[str]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for line in section(lines, "# Glossary", "## Contacts"):
        for term, expansion in re.findall(r"<b>(.+?)</b>\s*([^\t<]+)", line):
            cells[norm(term)] = norm(expansion)
    return cells


def next_steps_in_report(lines: list[str]) -> list[tuple[str, str]]:
    """(owner id, item text) for every item under a "What will ... do next?" heading."""
    items: list[tuple[str, str]] = []
    agencies = iter(AGENCY_NEXT_STEPS_ORDER)
    board: str | None = None
    owner: str | None = None
    for line in lines:
        plain = norm(line)
        named = re.match(r"The (\w+(?: \w+)?) Board ", plain)
        if named and board is None:
            board = named.group(1).lower().replace(" ", "-")
        if line.startswith("#"):
            if "Sponsor" in line:
                board = None
            owner = None
            if "What will" in line:
                owner = board if "the board" in line else next(agencies)
            continue
        if owner is None or not plain:
            continue
        if line.startswith("<"):  # the MKSB round-up table ends the Voice Board's page
            owner = None
            continue
        if plain.endswith((":", ":-")) and not plain.startswith("- "):
            continue  # "We will:", "The Board will:"
        items.append((owner, plain.removeprefix("- ")))
    return items


def test_knowledge_directory_loads(curated):
    """The shipped knowledge directory passes the loader's checks (types, ids, references)."""
    assert curated.counts()["glossary terms"] > 0
    assert curated.appendices is not None


def test_glossary_has_exactly_the_reports_73_terms(curated, report_lines):
    """The non-inline terms are exactly the report's glossary, expansions as printed."""
    report = glossary_in_report(report_lines)
    assert len(report) == 73
    ours = {t.term: t.expansion for t in curated.terms if not t.inline}
    assert len([t for t in curated.terms if not t.inline]) == 73
    assert ours == report


def test_glossary_ids_are_slugs_of_terms(curated):
    """Glossary ids are the lower-case slug of the term (a-e, cp-is, tv-cjb)."""
    for t in curated.terms:
        if not t.inline:
            assert t.id == re.sub(r"[^a-z0-9]+", "-", t.term.lower()).strip("-"), t.term


def test_text_senses_that_differ_from_the_glossary_are_kept(curated):
    """PST and CSE keep the glossary sense and also the sense the report's text uses."""
    senses = Counter(t.term for t in curated.terms)
    assert senses["PST"] == 2 and senses["CSE"] == 2
    inline = {t.id: t for t in curated.terms if t.inline}
    assert inline["pst-problem-solving-team"].expansion == "problem-solving team"
    assert inline["pst-problem-solving-team"].note


def test_seven_affiliated_boards_with_their_sponsors(curated):
    """The seven affiliated boards exist with the sponsors the report names."""
    affiliated = {b.id: b for b in curated.boards if b.kind == "affiliated"}
    assert {k: b.sponsor for k, b in affiliated.items()} == AFFILIATED_SPONSORS
    agencies = {a.id for a in curated.agencies}
    assert set(AFFILIATED_SPONSORS.values()) <= agencies
    for b in affiliated.values():
        assert b.remit and b.summary and b.done, b.id
        assert b.meetings_per_year is None and "not stated" in b.meetings_note
    assert affiliated["risk"].panels[0] == "Channel" and len(affiliated["risk"].panels) == 4


def test_strategic_bodies_have_chairs_and_meetings(curated):
    """Management Board, Health and Wellbeing Board and CSP carry chair, size and meetings."""
    strategic = {b.id: b for b in curated.boards if b.kind == "strategic"}
    assert set(strategic) == {
        "management-board",
        "health-and-wellbeing-board",
        "community-safety-partnership",
    }
    mb = strategic["management-board"]
    hwb = strategic["health-and-wellbeing-board"]
    csp = strategic["community-safety-partnership"]
    assert (mb.meetings_per_year, mb.membership_size) == (10, 16)
    assert "rotates" in mb.chair and all(x in mb.chair for x in ("MKC", "MKCCG", "TVP"))
    assert (hwb.meetings_per_year, hwb.membership_size) == (4, 15)
    assert hwb.chair == "Leader of MKC" and hwb.vice_chair == "MKCCG Chair"
    assert (csp.meetings_per_year, csp.membership_size) == (4, 16)
    assert csp.chair == "MKC Cabinet Member" and csp.vice_chair == "TVP Area Commander"


def test_every_contact_in_the_report_is_in_contacts(curated, report_lines):
    """Each phone number and email of the report's Contacts page is a curated contact."""
    start = report_lines.index("## Contacts")
    text = "\n".join(report_lines[start:])
    phones = {"999"}
    for base, extra in re.findall(r"(01908 \d{6})(?:/(\d{2}))?", text):
        phones.add(base)
        if extra:
            phones.add(base[:-2] + extra)
    emails = {e.lower() for e in re.findall(r"mailto:([^)\s]+)", text)}
    assert len(phones) == 6 and len(emails) == 3
    ours_phones = {p.strip() for c in curated.contacts for p in [c.phone, *c.other_phones] if p}
    ours_emails = {c.email.lower() for c in curated.contacts if c.email}
    assert phones <= ours_phones
    assert emails <= ours_emails


def test_every_phone_contact_says_when_it_is_open(curated):
    """A contact with a phone number has always, weekly hours or an 'outside' rule."""
    for c in curated.contacts:
        if c.phone:
            assert c.always or c.hours or c.outside, c.id


def test_every_next_step_in_the_report_is_an_action(curated, report_lines):
    """Each 'What will ... do next?' item is one action, verbatim, under its owner, in order."""
    report = next_steps_in_report(report_lines)
    assert len(report) > 70
    expected: dict[str, list[str]] = {}
    for owner, text in report:
        expected.setdefault(owner, []).append(text)
    ours: dict[str, list[str]] = {}
    for a in curated.actions:
        ours.setdefault(a.owner, []).append(norm(a.text))
    assert ours == expected  # no item dropped, none invented, none moved to another owner
    assert "scas" not in ours


def test_action_ids_number_each_owners_items(curated):
    """Action ids are '{owner}-{nn}', numbered 01, 02, ... per owner in report order."""
    seen: Counter[str] = Counter()
    for a in curated.actions:
        seen[a.owner] += 1
        assert a.id == f"{a.owner}-{seen[a.owner]:02d}"
        assert a.status == "open"


def test_dated_actions_carry_the_reports_wording(curated):
    """Only actions whose text names a date have a due date, and due_text quotes it."""
    dated = {a.id: a for a in curated.actions if a.due is not None}
    assert set(dated) == {"assurance-03", "mkccg-06"}
    assert str(dated["assurance-03"].due) == "2021-01-31"
    assert str(dated["mkccg-06"].due) == "2021-04-01"
    for a in dated.values():
        assert a.due_text and a.due_text in a.text


def test_every_entry_names_its_source(curated):
    """Every entry of every file has a non-empty source."""
    entries = [
        curated.partnership,
        *curated.terms,
        *curated.contacts,
        *curated.boards,
        *curated.agencies,
        *curated.actions,
    ]
    assert curated.appendices is not None
    entries += [curated.appendices.attendance, curated.appendices.budget]
    for e in entries:
        assert e.source.strip(), e


def test_ids_are_unique(curated):
    """Ids are unique per kind, and board and agency ids never collide (both own actions)."""
    for items in (curated.terms, curated.contacts, curated.actions):
        ids = [x.id for x in items]
        assert len(ids) == len(set(ids))
    owners = [x.id for x in [*curated.boards, *curated.agencies]]
    assert len(owners) == len(set(owners))


def test_budget_adds_up_to_the_reported_underspend(curated):
    """Contributions add up per row and income minus expenditure is the £76,291 underspend."""
    budget = curated.appendices.budget
    for c in budget.contributions:
        assert (c.children or 0) + (c.adults or 0) == c.total, c.agency
    assert sum(c.total or 0 for c in budget.contributions) == 269342
    income = sum(x.amount for x in budget.summary if x.heading == "Income")
    spent = sum(x.amount for x in budget.summary if x.heading == "Expenditure")
    assert income - spent == 76291
    assert any(x.amount == 76291 and "underspent" in x.item.lower() for x in budget.summary)


def test_attendance_has_a_row_per_member(curated):
    """Appendix A: 17 members, 6 meetings, attendance drawn only from those meetings."""
    att = curated.appendices.attendance
    assert len(att.meetings) == 6 and len(att.rows) == 17
    for row in att.rows:
        assert set(row.attended) <= set(att.meetings), row.member
    ceo = next(r for r in att.rows if r.member == "Milton Keynes Council, CEO")
    assert ceo.attended == att.meetings


def test_every_organisation_in_the_appendices_is_an_agency(curated):
    """Each Appendix B contributor and Appendix A member's organisation names an agency."""
    from bot.engine.index import KnowledgeIndex
    from bot.engine.text import words

    index = KnowledgeIndex(curated)
    apx = curated.appendices
    names = [r.agency for r in apx.budget.contributions if r.agency.lower() != "total"]
    names += [r.member.split(",")[0] for r in apx.attendance.rows]
    for name in names:
        found = [r for m in index.scan(words(name)) for r in m.refs if r.kind == "agency"]
        assert found, name


@pytest.mark.parametrize(
    ("agency_id", "in_report"),
    [
        ("pcc", "Police and Crime Commissioner"),
        ("public-health", "Director of Public Health"),
        ("camhs", "CAMHS Team"),
        ("daspb", "Domestic Abuse Strategic Partnership Board (DASPB)"),
        ("roc", "Redeeming Our Communities"),
        ("connection-support", "Commissioned Connection Support"),
    ],
)
def test_organisations_named_in_the_text_are_agencies(curated, report_lines, agency_id, in_report):
    """Agencies whose names are also topic words (crime, public, domestic) are kept, sourced."""
    agencies = {a.id: a for a in curated.agencies}
    assert agency_id in agencies and agencies[agency_id].source
    assert in_report in norm("\n".join(report_lines))
