"""`sgbot kb build` reads layouts, not one layout: reports written for these tests in two
different layouts, a report with nothing to find, and (when present) two other partnerships'
report excerpts from ../shared/reports/other (read from there, never copied here)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.kb.build import build, write
from bot.kb.loader import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "data" / "reports"
NORTHVALE = REPORTS / "northvale-adults-2024-25.md"
EASTMERE = REPORTS / "eastmere-children-2022-23.md"
OTHER = ROOT.parent / "shared" / "reports" / "other"  # ../shared/reports/other
WIRRAL = OTHER / "wirral-wscp-2023-24.md"
TEESWIDE = OTHER / "teeswide-sab-2017-18.md"


def built(report: Path, tmp: Path) -> tuple:
    warnings: list = []
    write(build(report, None, warnings), tmp, str(report))
    return load_knowledge(tmp), [w.message for w in warnings]


def needs(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not here (other partnerships' excerpts are not in the repository)")


# -- a web page saved as Markdown: no contents, HTML glossary, boroughs, committees --------


@pytest.fixture(scope="module")
def northvale(tmp_path_factory):
    return built(NORTHVALE, tmp_path_factory.mktemp("northvale"))


def test_northvale_partnership_boroughs_and_partners(northvale):
    """Name, period, boroughs and partners come from the page's own sentences."""
    kb, _ = northvale
    p = kb.partnership
    assert (p.id, p.name, p.area, p.report_period) == (
        "nsap",
        "Northvale Safeguarding Adults Partnership",
        "Northvale",
        "2024-25",
    )
    assert p.boroughs == ["Ashby", "Brookfield", "Coldwater"]
    assert p.safeguarding_partners == [
        "ashby-borough-council",
        "northvale-integrated-care-board",
        "northvale-police",
    ]


def test_northvale_glossary_from_an_html_table_and_a_colon_line(northvale):
    """The "Jargon buster" HTML table and a mixed-case "PiPoT: ..." line are glossary terms."""
    kb, _ = northvale
    terms = {t.term: t.expansion for t in kb.terms if not t.inline}
    assert terms == {
        "DoLS": "Deprivation of Liberty Safeguards",
        "IMCA": "Independent Mental Capacity Advocate",
        "MSP": "Making Safeguarding Personal",
        "SAR": "Safeguarding Adults Review",
        "PiPoT": "Person in a Position of Trust",
    }
    assert {t.term for t in kb.terms if t.inline} == {"NSAP", "ICB"}


def test_northvale_contacts_by_borough_with_hours_before_and_out_of_hours(northvale):
    """Table rows are borough lines; hours on the line before; "evenings and weekends" is OOH."""
    kb, _ = northvale
    c = {x.id: x for x in kb.contacts}
    assert c["adults-ashby"].phone == "01632 960 101"
    assert c["adults-ashby"].boroughs == ["Ashby"] and not c["adults-ashby"].hours
    assert c["adults-coldwater"].label == "Coldwater adult social care team"
    hub = c["adults-care-hub"]
    assert [(h.days, h.open, h.close) for h in hub.hours] == [
        (["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00")
    ]
    edt = c["adults-emergency-duty"]
    assert (edt.phone, edt.outside, edt.label) == ("0300 555 0199", hub.id, "Emergency Duty Team")
    assert c["adults-police-non-emergency"].phone == "101"
    assert edt.aliases == ["Emergency Duty Team", "EDT"]  # asked by its name or initials
    assert c["adults-ashby"].aliases == ["Ashby adult social care team"]  # no "AASCT"
    assert c["emergency-999"].always and c["emergency-999"].emergency
    assert len(kb.contacts) == 7


def test_northvale_bodies_have_types(northvale):
    """Committees and panels under "Our committees", and a working group set up in the text."""
    kb, _ = northvale
    bodies = {b.id: (b.type, b.kind) for b in kb.boards}
    assert bodies == {
        "nsap": ("partnership", "strategic"),
        "quality-assurance-committee": ("committee", "affiliated"),
        "learning-review-panel": ("panel", "affiliated"),
        "hoarding-and-self-neglect-working-group": ("sub-group", "affiliated"),
    }
    assert all(b.sponsor is None for b in kb.boards)
    by_id = {b.id: b for b in kb.boards}
    assert by_id["hoarding-and-self-neglect-working-group"].remit == (
        "Improve joint work with housing."
    )
    assert by_id["nsap"].aliases == ["NSAP", "the partnership"]  # the one partnership body


def test_northvale_actions_from_looking_ahead_and_agency_next_steps(northvale):
    """ "Looking ahead" points belong to the partnership; "Next steps" to the agency above."""
    kb, _ = northvale
    owners = [(a.id, a.due) for a in kb.actions]
    assert owners == [
        ("nsap-01", dt.date(2025, 9, 30)),
        ("nsap-02", None),
        ("nsap-03", None),
        ("northvale-fire-service-01", None),
        ("northvale-fire-service-02", None),
    ]
    fire = next(a for a in kb.agencies if a.id == "northvale-fire-service")
    assert fire.done == ["Carried out 400 safe and well visits to adults living alone."]


# -- a bullet contents list, a jargon list, numbers inside sentences --------------------


@pytest.fixture(scope="module")
def eastmere(tmp_path_factory):
    return built(EASTMERE, tmp_path_factory.mktemp("eastmere"))


def test_eastmere_glossary_from_dash_and_colon_lines(eastmere):
    """ "CiN – Child in Need" bullets and "CSPR: ..." lines under "Acronyms" are all read."""
    kb, _ = eastmere
    terms = {t.term: t.expansion for t in kb.terms if not t.inline}
    assert terms == {
        "CiN": "Child in Need",
        "CP": "Child Protection",
        "EHB": "Eastmere Health Board",
        "CSPR": "Child Safeguarding Practice Review",
        "YOT": "Youth Offending Team",
    }


def test_eastmere_contacts_inside_sentences(eastmere):
    """A number mid-sentence with its hours in brackets; "outside these hours" is out of hours."""
    kb, _ = eastmere
    c = {x.id: x for x in kb.contacts}
    assert set(c) == {"children-advice-line", "children-out-of-hours-social-work", "emergency-999"}
    line = c["children-advice-line"]
    assert (line.label, line.phone, line.audience) == (
        "Children's Advice Line",
        "0300 123 4567",
        "children",
    )
    assert [(h.days, h.close) for h in line.hours] == [
        (["mon", "tue", "wed", "thu"], "17:00"),
        (["fri"], "16:30"),
    ]
    assert c["children-out-of-hours-social-work"].outside == "children-advice-line"


def test_eastmere_partners_panels_priorities_and_actions(eastmere):
    """Partners from "three safeguarding partners - A, B and C -", panels from bullets."""
    kb, _ = eastmere
    p = kb.partnership
    assert (p.name, p.area, p.report_period) == (
        "Eastmere Children's Safeguarding Board",
        "Eastmere",
        "2022-23",
    )
    assert p.safeguarding_partners == [
        "eastmere-council",
        "eastmere-police",
        "eastmere-health-board",
    ]
    assert p.priorities == ["Reduce neglect", "Improve the voice of the child"]
    panels = {b.name: b.remit for b in kb.boards if b.type == "panel"}
    assert panels["Rapid Review Panel"] == "meets within 15 working days of a serious incident."
    assert len(panels) == 2
    assert [a.text for a in kb.actions][:2] == [
        "Launch a neglect toolkit for schools in January 2024.",
        "Audit the quality of child protection plans.",
    ]
    assert kb.actions[0].due == dt.date(2024, 1, 31)


# -- nothing to find: a partial knowledge base and warnings, never a traceback ----------


def test_a_report_with_nothing_to_find_builds_with_warnings(tmp_path):
    """No glossary, no numbers, no bodies: the files still pass kb check; warnings say why."""
    report = tmp_path / "notes.md"
    report.write_text("Some notes\n\nNothing here is a heading, a number or a term.\n")
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "kb", "build", str(report), "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    assert f"{report}:1: 0 glossary terms found: looked for" in out.stdout
    assert "0 phone lines found" in out.stdout
    assert "0 actions found" in out.stdout
    assert main(["kb", "check", str(tmp_path / "o")]) == 0


def test_a_layout_that_half_matches_the_contents_reader_falls_back(tmp_path):
    """A tab contents list without the sections it names is read by meaning, with warnings."""
    report = tmp_path / "half.md"
    report.write_text(
        "# Annual report 2021-22\n\nForeword\t2\nGlossary\t3\n\n# Foreword\n\nHello.\n\n"
        "# Jargon buster\n\n- LADO – Local Authority Designated Officer\n",
        encoding="utf-8",
    )
    kb, warnings = built(report, tmp_path / "o")
    assert [t.term for t in kb.terms] == ["LADO"]
    assert any("read by meaning instead" in w for w in warnings)


# -- other partnerships' excerpts (read from ../shared, skipped when absent) ------------


def test_wirral_excerpt_builds_with_every_term_line_and_committee(tmp_path):
    """Wirral: 22 glossary terms, 6 phone lines (3 numbers twice), the education committee."""
    needs(WIRRAL)
    kb, _ = built(WIRRAL, tmp_path)
    terms = {t.term: t for t in kb.terms if not t.inline}
    assert len(terms) == 22
    assert terms["ACES"].expansion == "Adverse Childhood Experiences"
    assert terms["ABUSE and NEGLECT"].expansion == "Forms of maltreatment of a child"
    phones = sorted((c.audience, c.phone) for c in kb.contacts)
    assert phones == [
        ("adults", "0151 606 2006"),
        ("adults", "0151 677 6557"),
        ("anyone", "0800 555 111"),
        ("anyone", "999"),
        ("children", "0151 606 2008"),
        ("children", "0151 677 6557"),
    ]
    c = {x.id: x for x in kb.contacts}
    assert c["children-out-of-hours"].outside == "children-weekday"
    assert c["adults-out-of-hours"].bank_holidays == "open"
    assert "must not be used" in c["crimestoppers"].purpose
    assert {b.name: b.type for b in kb.boards} == {
        "Wirral Safeguarding Children Partnership": "partnership",
        "Safeguarding Education committee": "committee",
    }
    education = kb.boards[1]  # "established a ... committee ... to help strengthen that ..."
    assert education.remit == "Strengthen that relationship."
    assert education.summary.startswith("Strengthening the Relationship with the Education")
    assert len([a for a in kb.actions if a.owner == "merseyside-fire-rescue-service"]) == 4
    assert kb.partnership.safeguarding_partners == [
        "local-authority",
        "merseyside-police",
        "integrated-care-board",
    ]


def test_teeswide_excerpt_builds_with_boroughs_101_and_sub_groups(tmp_path):
    """Teeswide: 4 boroughs, 101 and every borough line kept, 5 sub-groups, EDT out of hours."""
    needs(TEESWIDE)
    kb, warnings = built(TEESWIDE, tmp_path)
    assert kb.partnership.boroughs == [
        "Hartlepool",
        "Middlesbrough",
        "Redcar & Cleveland",
        "Stockton-on-Tees",
    ]
    by_borough = {c.boroughs[0]: c for c in kb.contacts if c.boroughs}
    assert set(by_borough) == set(kb.partnership.boroughs)
    assert by_borough["Hartlepool"].other_phones == ["078336 72357"]
    assert by_borough["Middlesbrough"].hours and by_borough["Stockton-on-Tees"].hours
    assert not by_borough["Redcar & Cleveland"].hours  # no hours stated: kept without them
    phones = {c.phone for c in kb.contacts}
    assert {"101", "999", "01642 524 552"} <= phones
    edt = next(c for c in kb.contacts if c.phone == "01642 524 552")
    assert edt.label == "Emergency Duty Team" and edt.outside
    subs = [b for b in kb.boards if b.type == "sub-group"]
    assert len(subs) == 5
    assert any(s.name == "Operational Leads Sub-Group" for s in subs)
    tsab = kb.boards[0]
    assert tsab.chair == "Independent Chair"  # "The Independent Chair has led ..."
    assert tsab.core_membership[-1] == "Cleveland Fire Brigade"  # "Briga[…]" completed
    assert tsab.membership_note == "The report's list is cut short here."
    assert {t.term for t in kb.terms} == {"LeDeR", "SARC"}
    assert any(w.startswith("0 glossary terms found") for w in warnings)


@pytest.mark.parametrize("report", [WIRRAL, TEESWIDE], ids=["wirral", "teeswide"])
def test_each_excerpt_passes_kb_check_from_the_command_line(report, tmp_path, capsys):
    """`kb build` then `kb check` exit 0 with no scaffolding, and no traceback."""
    needs(report)
    assert main(["kb", "build", str(report), "-o", str(tmp_path / "o")]) == 0
    assert main(["kb", "check", str(tmp_path / "o")]) == 0
    assert "OK" in capsys.readouterr().out


MK = ROOT / "tests" / "data" / "mk-together-safeguarding-annual-report-2019-20.md"


def _mangled(kind: str) -> str:
    import random

    rng = random.Random(kind)
    source = {"mk": MK, "northvale": NORTHVALE, "eastmere": EASTMERE}[kind.split("-")[0]]
    lines = source.read_text(encoding="utf-8").splitlines()
    how = kind.split("-")[1]
    if how == "halved":  # every line cut in the middle
        return "\n".join(line[: len(line) // 2] for line in lines)
    if how == "shuffled":  # blocks of 15 lines in another order
        chunks = [lines[i : i + 15] for i in range(0, len(lines), 15)]
        rng.shuffle(chunks)
        return "\n".join(line for chunk in chunks for line in chunk)
    return "\n".join(line for i, line in enumerate(lines) if i % 5)  # every fifth line gone


@pytest.mark.parametrize(
    "kind",
    ["mk-halved", "mk-shuffled", "mk-gaps", "northvale-shuffled", "eastmere-halved"],
)
def test_a_mangled_report_still_builds_files_that_load(kind, tmp_path):
    """Cut, shuffled or gapped reports give a partial knowledge base that loads, no exception."""
    report = tmp_path / f"{kind}.md"
    report.write_text(_mangled(kind), encoding="utf-8")
    names = ROOT / "knowledge" / "names.yaml" if kind.startswith("mk") else None
    warnings: list = []
    write(build(report, names, warnings), tmp_path / "o", str(report))
    load_knowledge(tmp_path / "o")
    assert all(w.path == str(report) and w.line >= 1 for w in warnings)
