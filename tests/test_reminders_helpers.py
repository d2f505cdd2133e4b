"""Shared builders for the reminders tests: a tiny knowledge base, schedules, stores.

Imported by the ``test_reminders_*`` modules; it holds fixtures only, no tests.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
import uuid
from pathlib import Path

import pytest

from bot.kb.models import (
    Action,
    Agency,
    Board,
    HolidayRegion,
    KnowledgeBase,
    Partnership,
)
from bot.reminders.schedules import Schedules, load_schedules
from bot.reminders.store import Store

PG_URL = os.environ.get(
    "SGBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

MEETINGS = """\
defaults:
  time: "10:00"
  duration_minutes: 120
  lead_days: [7, 1]
  remind_at: "09:00"
  bank_holidays: move
  location: Civic Offices
meetings:
  - body: management-board
    start: 2026-01-01
    rrule: FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,7,9,10,11;BYDAY=2TU
  - body: risk
    start: 2026-01-01
    rrule: FREQ=MONTHLY;BYDAY=1MO
    placeholder: true
"""

REMINDERS = """\
digest: {day: mon, at: "09:00"}
due: {lead_days: [14, 1], at: "09:00"}
overdue: {after_days: 1, every_days: 7, times: 2, at: "09:00", escalate_to: sponsor}
"""


def tiny_kb(actions: list[Action] | None = None) -> KnowledgeBase:
    """Three boards (one sponsored by TVP), three agencies and two actions."""
    partnership = Partnership(
        id="mk",
        name="MK Together Partnership",
        area="Milton Keynes",
        report_title="Report",
        report_period="2019-20",
        timezone="Europe/London",
        holidays=HolidayRegion("GB", "ENG"),
        safeguarding_partners=["mkc", "mkccg", "tvp"],
        source="test",
        website="www.mktogether.co.uk",
    )
    boards = [
        Board("management-board", "MK Together Management Board", "strategic", "test"),
        Board("risk", "Risk Board", "affiliated", "test", sponsor="tvp"),
        Board("assurance", "Assurance Board", "affiliated", "test", sponsor="mkccg"),
    ]
    agencies = [
        Agency("mkc", "Milton Keynes Council", "test"),
        Agency("mkccg", "MK Clinical Commissioning Group", "test"),
        Agency("tvp", "Thames Valley Police", "test"),
    ]
    if actions is None:
        actions = [
            Action(
                "risk-01",
                "risk",
                "Publish the exploitation strategy",
                "test",
                "open",
                dt.date(2026, 3, 31),
            ),
            Action("assurance-01", "assurance", "Audit professionals meetings", "test"),
        ]
    return KnowledgeBase(partnership, [], [], boards, agencies, actions)


def write_schedules(directory: Path, meetings: str = MEETINGS, reminders: str = REMINDERS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "meetings.yaml").write_text(textwrap.dedent(meetings), encoding="utf-8")
    (directory / "reminders.yaml").write_text(textwrap.dedent(reminders), encoding="utf-8")
    return directory


@pytest.fixture(name="kb")
def kb_fixture() -> KnowledgeBase:
    return tiny_kb()


@pytest.fixture(name="schedules")
def schedules_fixture(tmp_path: Path, kb: KnowledgeBase) -> Schedules:
    return load_schedules(write_schedules(tmp_path / "schedules"), kb)


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'var' / 'test.sqlite3'}"


@pytest.fixture(
    name="db_url", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def db_url_fixture(request, tmp_path: Path):
    """A database URL and table prefix: a SQLite file, or a unique prefix in PostgreSQL."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path), ""
        return
    prefix = f"t{uuid.uuid4().hex[:10]}_"
    yield PG_URL, prefix
    cleanup = Store(PG_URL, prefix, create=False)
    cleanup.drop_all()
    cleanup.close()


@pytest.fixture(name="store")
def store_fixture(db_url):
    url, prefix = db_url
    s = Store(url, prefix)
    yield s
    s.close()


KNOWLEDGE = {
    "glossary.yaml": "terms: []\n",
    "contacts.yaml": "contacts: []\n",
    "boards.yaml": """\
boards:
  - {id: management-board, name: MK Together Management Board, kind: strategic, source: t}
  - {id: risk, name: Risk Board, kind: affiliated, sponsor: tvp, source: t, aliases: [Risk]}
  - {id: assurance, name: Assurance Board, kind: affiliated, sponsor: mkccg, source: t}
""",
    "agencies.yaml": """\
agencies:
  - {id: mkc, name: Milton Keynes Council, source: t}
  - {id: mkccg, name: MK Clinical Commissioning Group, source: t}
  - {id: tvp, name: Thames Valley Police, source: t}
""",
    "actions.yaml": """\
actions:
  - {id: risk-01, owner: risk, text: Publish the exploitation strategy, source: t, due: 2026-03-31}
  - {id: assurance-01, owner: assurance, text: Audit professionals meetings, source: t}
""",
}


def write_knowledge(directory: Path) -> Path:
    """A minimal valid knowledge directory matching ``tiny_kb``."""
    from bot.config import ROOT

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "partnership.yaml").write_text(
        (ROOT / "knowledge" / "partnership.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for name, text in KNOWLEDGE.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def settings_for(tmp_path: Path, **kw):
    """Settings over a temporary knowledge base, schedules and SQLite database."""
    from bot.config import Settings

    return Settings(
        knowledge_dir=write_knowledge(tmp_path / "knowledge"),
        schedules_dir=write_schedules(tmp_path / "schedules"),
        database_url=sqlite_url(tmp_path),
        **kw,
    )
