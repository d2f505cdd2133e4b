"""`sgbot kb build` / `kb diff`: the shipped report becomes a valid, complete knowledge base."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.kb.build import build, diff_lines, read_entries, write
from bot.kb.loader import load_knowledge
from bot.kb.models import Contact
from bot.kb.report import Report
from bot.validation import Reader

# A copy of the published report (read-only input of the project), so the tests run offline.
REPORT = (
    Path(__file__).resolve().parent / "data" / "mk-together-safeguarding-annual-report-2019-20.md"
)

# The Milton Keynes names file: its agencies' ids, aliases and parents are data, not code.
NAMES = Path(__file__).resolve().parent.parent / "knowledge" / "names.yaml"

SPONSORS = {
    "assurance": "mkccg",
    "risk": "tvp",
    "tasking": "mkc",
    "review": "mkuhft",
    "child-death": "mkc",
    "voice": "healthwatch",
    "workforce": "cnwl",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    write(build(REPORT, NAMES), out, str(REPORT))
    return out


@pytest.fixture(scope="module")
def kb(built):
    return load_knowledge(built)


def test_build_command_writes_a_directory_that_passes_check(tmp_path, capsys):
    """`kb build` exits 0, prints the counts, and `kb check` accepts what it wrote."""
    out = tmp_path / "kb"
    assert main(["kb", "build", str(REPORT), "-o", str(out), "--names", str(NAMES)]) == 0
    printed = capsys.readouterr().out
    assert "   73 glossary terms" in printed
    assert main(["kb", "check", str(out)]) == 0
    assert f"{out}: OK" in capsys.readouterr().out


def test_all_73_glossary_terms_with_decoded_entities_and_slug_ids(kb):
    """Both glossary columns are read; A&amp;E is A&E; ids are slugs of the terms."""
    terms = {t.id: t for t in kb.terms if not t.inline}
    assert len(terms) == 73
    assert terms["a-e"].term == "A&E"
    assert terms["a-e"].expansion == "Accident and Emergency"
    assert {"cp-is", "cr-marac", "cnwl-mk", "tv-cjb", "covid-19", "pspo", "yos"} <= set(terms)
    assert terms["cdop"].expansion == "Child Death Overview Panel"
    assert {t.source for t in terms.values()} == {"Glossary (pp. 26-27)"}


def test_inline_terms_are_the_senses_the_glossary_lacks(kb):
    """Acronyms spelled out in the text become inline terms only when the glossary differs."""
    inline = {t.id: t for t in kb.terms if t.inline}
    assert inline["pst-problem-solving-team"].expansion == "problem-solving team"
    assert inline["pst-problem-solving-team"].source == "Thames Valley Police (p. 18)"
    assert inline["scas"].expansion == "South Central Ambulance Service"
    assert inline["ed"].expansion == "Emergency Department"
    cr = next(t for t in inline.values() if t.term == "CR-MARAC")
    assert cr.expansion == "Community Resolution Multi-Agency Risk Assessment Conference"
    spelled_like_glossary = {"SAR", "PCC", "VRT", "NPS", "CONI", "RFG", "LeDeR", "PSHE", "FDAC"}
    assert not spelled_like_glossary & {t.term for t in inline.values()}


def test_seven_affiliated_boards_with_their_sponsors(kb):
    """The structure page and the sponsor sections give 7 boards, each with its sponsor agency."""
    affiliated = {b.id: b for b in kb.boards if b.kind == "affiliated"}
    assert {k: b.sponsor for k, b in affiliated.items()} == SPONSORS
    assert affiliated["child-death"].sponsor_note == "Director of Public Health"
    assert affiliated["child-death"].name == "Child Death Board"
    assert "CDOP" in affiliated["child-death"].aliases
    assert affiliated["assurance"].source.startswith("Assurance Board (p. 6)")
    assert affiliated["tasking"].done[0].startswith("Two incidents of extreme violence")
    assert len(affiliated["review"].learning) >= 6
    assert affiliated["risk"].panels == [
        "Channel",
        "Multi-Agency Risk Management Group",
        "Vulnerable Adults Risk Management",
        "CR-MARAC",
    ]
    assert all(b.summary.startswith(f"The {b.name}") for b in affiliated.values())


def test_strategic_bodies_from_the_structure_page(kb):
    """Chairs, membership sizes and meeting counts land on the right strategic body."""
    bodies = {b.id: b for b in kb.boards if b.kind == "strategic"}
    assert set(bodies) == {
        "management-board",
        "health-and-wellbeing-board",
        "community-safety-partnership",
    }
    hwb = bodies["health-and-wellbeing-board"]
    assert (hwb.chair, hwb.vice_chair) == ("Leader of MKC", "MKCCG Chair")
    assert (hwb.membership_size, hwb.meetings_per_year) == (15, 4)
    csp = bodies["community-safety-partnership"]
    assert csp.chair == "MKC Cabinet Member"
    assert "Crime and Disorder Act 1998" in csp.remit
    mb = bodies["management-board"]
    assert (mb.membership_size, mb.meetings_per_year) == (16, 10)
    assert mb.chair == "Rotates annually between MKC, MKCCG and TVP"


def test_contacts_have_the_curated_ids_numbers_and_parsed_hours(kb):
    """Every number of the Contacts page, with hours as data, under the curated ids."""
    c = {x.id: x for x in kb.contacts}
    assert list(c) == [
        "emergency-999",
        "adults-weekday",
        "adults-out-of-hours",
        "adults-email",
        "children-mash",
        "children-emergency-social-work",
        "children-email",
        "mk-together-office",
    ]
    assert c["emergency-999"].always and c["emergency-999"].emergency
    weekday = c["adults-weekday"]
    assert weekday.phone == "01908 253772"
    assert [(h.days, h.open, h.close) for h in weekday.hours] == [
        (["mon", "tue", "wed", "thu", "fri"], "08:30", "17:00")
    ]
    assert weekday.bank_holidays == "closed"
    ooh = c["adults-out-of-hours"]
    assert [(h.days, h.open, h.close) for h in ooh.hours] == [
        (["mon", "tue", "wed", "thu", "fri"], "00:00", "09:00"),
        (["mon", "tue", "wed", "thu", "fri"], "17:00", "24:00"),
        (["sat", "sun"], "00:00", "24:00"),
    ]
    assert ooh.bank_holidays == "open"
    mash = c["children-mash"]
    assert (mash.phone, mash.other_phones) == ("01908 253169", ["01908 253170"])
    assert [(h.days, h.open, h.close) for h in mash.hours] == [
        (["mon", "tue", "wed", "thu"], "09:00", "17:00"),
        (["fri"], "09:00", "16:30"),
    ]
    assert mash.label == "MASH (Multi-Agency Safeguarding Hub)"  # expanded from the glossary
    assert mash.aliases == ["MASH", "Multi-Agency Safeguarding Hub"]
    assert c["children-emergency-social-work"].phone == "01908 265545"
    assert c["children-emergency-social-work"].outside == "children-mash"
    assert c["adults-email"].email == "Access.Team@Milton-Keynes.gov.uk"
    office = c["mk-together-office"]
    assert office.address.endswith("MK9 3EJ")
    assert office.email == "mktogether@milton-keynes.gov.uk"
    assert office.label == "MK Together Partnership office"
    assert "MK Together" in office.aliases


def test_contacts_match_the_curated_contacts_where_the_report_is_explicit(kb):
    """Numbers, hours and routing agree with the hand-written knowledge/contacts.yaml."""
    curated = {c.id: c for c in load_knowledge_contacts()}
    for c in kb.contacts:
        cur = curated[c.id]
        assert (c.phone, c.other_phones, c.email) == (cur.phone, cur.other_phones, cur.email)
        assert (c.hours, c.bank_holidays, c.outside, c.always) == (
            cur.hours,
            cur.bank_holidays,
            cur.outside,
            cur.always,
        )


def load_knowledge_contacts() -> list[Contact]:
    path = Path(__file__).resolve().parent.parent / "knowledge" / "contacts.yaml"
    reader = Reader(path)
    data = reader.top(reader.compose(), {"contacts": list[Contact]})
    assert reader.problems == []
    return data["contacts"]


def _next_step_points(text: str) -> int:
    """Count the points of every "do next?" section straight from the Markdown."""
    total = 0
    sections = re.split(r"^#+ .*$", text, flags=re.M)
    headings = re.findall(r"^#+ (.*)$", text, flags=re.M)
    for heading, body in zip(headings, sections[1:], strict=True):
        if "do next?" not in heading:
            continue
        bullets = [ln for ln in body.splitlines() if re.match(r"^\s*- ", ln)]
        paras = [
            p
            for p in body.split("\n\n")
            if p.strip() and not p.strip().endswith((":", ":-")) and not p.startswith("<")
        ]
        total += len(bullets) if bullets else len(paras)
    return total


def test_one_action_per_next_step_point(kb):
    """Every bullet (or lone paragraph) under "What will ... do next?" is one open action."""
    assert len(kb.actions) == _next_step_points(REPORT.read_text(encoding="utf-8"))
    assert len(kb.actions) == 77
    per_owner: dict[str, int] = {}
    for a in kb.actions:
        per_owner[a.owner] = per_owner.get(a.owner, 0) + 1
        assert a.status == "open"
        assert a.id == f"{a.owner}-{per_owner[a.owner]:02d}"
    assert per_owner["assurance"] == 7
    assert per_owner["review"] == 1
    assert per_owner["mkc-asc"] == 9
    assert "scas" not in per_owner  # SCAS's report has no next steps


def test_due_dates_only_for_future_months_and_from_dates(kb):
    """ "in January 2021" is due on its last day; "from 1 April 2021" on that day; past dates are not dues."""
    actions = {a.id: a for a in kb.actions}
    assert actions["assurance-03"].due == dt.date(2021, 1, 31)
    assert actions["assurance-03"].due_text == "in January 2021"
    assert actions["mkccg-06"].due == dt.date(2021, 4, 1)
    assert actions["risk-01"].due is None  # "attended ... in January 2020": in the year reported
    assert sum(a.due is not None for a in kb.actions) == 2


def test_agencies_follow_the_contents_order_and_sponsors(kb):
    """The k-th agency block is the k-th contents entry; sponsors and parents are added."""
    agencies = {a.id: a for a in kb.agencies}
    assert set(agencies) == {
        "mkc",
        "mkc-asc",
        "mkc-csc",
        "mkccg",
        "cnwl",
        "tvp",
        "mkuhft",
        "nps",
        "oakhill-stc",
        "bucks-fire",
        "scas",
        "healthwatch",
    }
    assert agencies["mkc-asc"].parent == "mkc"
    assert agencies["mkc-asc"].done[0].startswith("The Adult Services Mental Health Team")
    assert agencies["scas"].done[0].startswith("South Central Ambulance Service (SCAS)")
    assert agencies["nps"].source == "National Probation Service (p. 20)"
    assert any("accompanying risk management plans" in d for d in agencies["nps"].done)
    assert {a.id for a in kb.agencies if a.safeguarding_partner} == {"mkc", "mkccg", "tvp"}


def test_partnership_front_matter(kb):
    """Name, partners, priorities, scrutineer and website come from the first pages."""
    p = kb.partnership
    assert (p.id, p.name, p.area) == ("mk-together", "MK Together Partnership", "Milton Keynes")
    assert p.report_title == "MK Together Safeguarding Annual Report 2019-20"
    assert p.report_period == "2019-20"
    assert p.safeguarding_partners == ["mkc", "mkccg", "tvp"]
    assert p.priorities == [
        "Domestic Abuse",
        "Violent Crime",
        "Hate Crime",
        "Mental Health",
        "Child Poverty / Reducing Inequalities",
    ]
    assert p.scrutineer is not None and p.scrutineer.name == "Jane Held"
    assert p.website == "www.mktogether.co.uk"
    assert (p.timezone, p.holidays.country, p.holidays.subdiv) == ("Europe/London", "GB", "ENG")


def test_appendices_attendance_and_budget(kb):
    """Appendix A ticks become meetings attended; appendix B amounts add up as printed."""
    assert kb.appendices is not None
    att = kb.appendices.attendance
    assert att.meetings[0] == "Jun 2019 (MKS)" and att.meetings[3] == "Nov 2019"
    assert len(att.rows) == 17
    rows = {r.member: r.attended for r in att.rows}
    assert rows["Public Health Director"] == ["Oct 2019", "Nov 2019", "Jan 2020", "Feb 2020"]
    budget = kb.appendices.budget
    assert sum(c.total or 0 for c in budget.contributions) == 269342
    assert sum(c.adults or 0 for c in budget.contributions) == 71725
    # the report's children's total (187,617) is 10,000 short of its own rows: flagged
    assert sum(c.children or 0 for c in budget.contributions) == 197617
    assert "children total of 187,617; the rows add up to 197,617" in budget.note
    assert "adults total" not in budget.note
    police = next(c for c in budget.contributions if c.agency == "TV Police")
    assert police.note == "including additional one off contribution £10,000"
    lines = {(b.heading, b.item): b.amount for b in budget.summary}
    assert lines[("Income", "Contributions")] == 269342
    assert lines[("Total", "Underspent")] == 76291
    income = sum(b.amount for b in budget.summary if b.heading == "Income")
    spent = sum(b.amount for b in budget.summary if b.heading == "Expenditure")
    assert income - spent == 76291


def test_every_entry_cites_a_page(built):
    """Every entry's source names a section with its page number from the contents list."""
    for path in built.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data, path.name
        for value in data.values():
            for entry in value if isinstance(value, list) else [value]:
                assert re.search(r"\(pp?\. \d+(-\d+)?\)", entry["source"]), (path.name, entry)


def test_build_is_deterministic(built, tmp_path):
    """Building twice gives byte-identical files, so ids and diffs are stable."""
    write(build(REPORT, NAMES), tmp_path, str(REPORT))
    for path in built.glob("*.yaml"):
        assert (tmp_path / path.name).read_text() == path.read_text(), path.name


def test_contents_pages_are_parsed():
    """Single pages and page ranges of the contents list, with their ➤ groups."""
    report = Report.parse(REPORT)
    assert report.entry("Glossary of terms").pages == "pp. 26-27"
    assert report.entry("Contacts").pages == "p. 28"
    agencies = report.group("Agency highlight reports")
    assert [e.first for e in agencies] == list(range(14, 24))
    assert agencies[0].title == "MKC Adult Social Care"


def test_diff_of_a_build_against_itself_is_empty(built, capsys):
    """`kb diff REPORT DIR` on a fresh build reports no added, removed or changed entry."""
    assert main(["kb", "diff", str(REPORT), str(built), "--names", str(NAMES)]) == 0
    out = capsys.readouterr().out
    assert not re.search(r"^  [-+~] ", out, flags=re.M), out
    assert "0 only curated (+), 0 only built (-), 0 changed (~)" in out


def test_diff_shows_added_removed_and_changed_entries(built, tmp_path, capsys):
    """A curated copy with a new term, a dropped action and an edited expansion shows all three."""
    curated = tmp_path / "curated"
    shutil.copytree(built, curated)
    glossary = curated / "glossary.yaml"
    text = glossary.read_text().replace(
        "expansion: Accident and Emergency", "expansion: Accident & Emergency department"
    )
    text += "\n  - id: ehcp\n    term: EHCP\n    expansion: Education, Health and Care Plan\n"
    text += "    source: added by hand\n"
    glossary.write_text(text)
    actions = yaml.safe_load((curated / "actions.yaml").read_text())
    actions["actions"] = [a for a in actions["actions"] if a["id"] != "voice-03"]
    (curated / "actions.yaml").write_text(yaml.safe_dump(actions, sort_keys=False))
    assert main(["kb", "diff", str(REPORT), str(curated), "--names", str(NAMES)]) == 0
    out = capsys.readouterr().out
    assert "  + ehcp" in out
    assert "  - voice-03" in out
    assert "  ~ a-e.expansion: 'Accident and Emergency' -> 'Accident & Emergency department'" in out
    assert "1 only curated (+), 1 only built (-), 1 changed (~)" in out


def test_diff_summarises_list_changes():
    """A list field shows its sizes and the first item dropped and added, not a cut-off repr."""
    built = {"boards.yaml": {"voice": {"id": "voice", "aliases": ["VB"], "name": "Voice Board"}}}
    curated = {
        "boards.yaml": {"voice": {"id": "voice", "aliases": ["Voice", "HW voice"], "name": "Voice"}}
    }
    lines = diff_lines(built, curated)
    assert "  ~ voice.aliases: 1 -> 2 items (-1 'VB'; +2 'Voice' ...)" in lines
    assert "  ~ voice.name: 'Voice Board' -> 'Voice'" in lines


def test_diff_lines_report_missing_files():
    """A file the curated directory lacks is named, not silently skipped."""
    built = {"glossary.yaml": {"aa": {"id": "aa", "term": "AA"}}}
    assert diff_lines(built, {})[0] == "glossary.yaml: missing from the curated directory (1 built)"


def test_read_entries_tolerates_broken_yaml(tmp_path):
    """Diffing against a half-edited directory does not crash on a broken file."""
    (tmp_path / "glossary.yaml").write_text("terms: [\n")
    assert read_entries(tmp_path) == {"glossary.yaml": {}}


def test_agency_blocks_that_do_not_match_the_contents_are_a_warning_with_a_line(tmp_path):
    """One "What have we done?" too few is a path:line warning; the build still checks."""
    text = REPORT.read_text(encoding="utf-8")
    broken = text.replace("## What have we done?\n", "## What we did\n", 1)
    report = tmp_path / "report.md"
    report.write_text(broken, encoding="utf-8")
    out = run_cli("kb", "build", str(report), "-o", str(tmp_path / "o"), "--names", str(NAMES))
    assert out.returncode == 0, out.stderr
    assert re.search(rf"^  {re.escape(str(report))}:\d+: 9 'What have we done\?'", out.stdout, re.M)
    assert "Traceback" not in out.stderr + out.stdout
    assert main(["kb", "check", str(tmp_path / "o")]) == 0


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=60,
    )


def test_build_from_a_missing_report_is_one_problem(tmp_path):
    """A report that cannot be read is `path:1: cannot read the report`, exit 1, no traceback."""
    missing = tmp_path / "no-such-report.md"
    out = run_cli("kb", "build", str(missing), "-o", str(tmp_path / "o"))
    assert out.returncode == 1
    assert out.stderr.startswith(f"{missing}:1: cannot read the report")
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "o").exists()


def test_diff_against_a_missing_directory_is_one_problem(tmp_path):
    """`kb diff` needs an existing curated directory; otherwise exit 1 with path:1."""
    out = run_cli("kb", "diff", str(REPORT), str(tmp_path / "nowhere"))
    assert out.returncode == 1
    assert out.stderr == f"{tmp_path / 'nowhere'}:1: not a directory\n"


def test_an_agency_missing_from_the_names_file_is_kept_with_a_warning(tmp_path):
    """Next year's new agency is built under its own name and named with its contents line."""
    text = REPORT.read_text(encoding="utf-8")
    report = tmp_path / "report.md"
    report.write_text(text.replace("\u27a4 SCAS\t23", "\u27a4 Air Ambulance\t23"), encoding="utf-8")
    line = text.splitlines().index("\u27a4 SCAS\t23") + 1
    out = run_cli("kb", "build", str(report), "-o", str(tmp_path / "o"), "--names", str(NAMES))
    assert out.returncode == 0, out.stderr
    assert f"  {report}:{line}: unknown agency 'Air Ambulance'" in out.stdout
    assert "--names" in out.stdout
    kb = load_knowledge(tmp_path / "o")
    air = next(a for a in kb.agencies if a.id == "air-ambulance")
    assert air.name == "Air Ambulance" and air.done


def test_without_a_names_file_agencies_get_ids_from_the_reports_words(tmp_path):
    """No names file: the build still checks, agencies named as the report names them."""
    warnings: list = []
    write(build(REPORT, None, warnings), tmp_path, str(REPORT))
    kb = load_knowledge(tmp_path)
    assert len(kb.agencies) >= 10
    assert any("named from the report's own words" in w.message for w in warnings)


def test_the_engine_answers_from_a_fresh_build(kb):
    """A build alone is enough for the engine: contacts follow the clock, terms, boards."""
    from bot.engine.core import Engine
    from bot.testing import local_time

    engine = Engine(kb)
    saturday_night = engine.answer("worried about a child", local_time("2026-12-05T22:00"))
    assert "01908 265545" in saturday_night.text.splitlines()[0]
    wednesday = engine.answer("worried about a child", local_time("2026-12-02T10:00"))
    assert "01908 253169" in wednesday.text.splitlines()[0]
    pst = engine.answer("what is PST", local_time("2026-12-02T10:00")).text.lower()
    assert "missing" in pst and "problem-solving team" in pst
    panels = engine.answer(
        "what panels does the risk board oversee", local_time("2026-12-02T10:00")
    )
    assert "Channel" in panels.text.splitlines()[0]
