"""Reading a report of any layout: each kind from its own readers, in one place.

:class:`AnyLayout` gives every file of the knowledge base from sections found by meaning
(:mod:`find`) and never raises for a layout it does not know: what it cannot find is
left empty and said in ``report.warnings``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bot.kb.extract import bodies, front, phones, terms
from bot.kb.extract.common import Entry
from bot.kb.report import Block, Report


class AnyLayout:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.text = "\n".join(report.lines)
        self.name, self.head = front.partnership_name(report)
        self.acronym = front.acronym_of(self.name, self.text) if self.name else ""
        self.pid = front.slug_id(self.name, self.text) if self.name else "partnership"
        self.boroughs = front.boroughs(report)
        self.audience = _audience_of(self.name)
        self._priorities: tuple[list[str], list, list[str]] | None = None
        self._agency_reports: list | None = None

    def partnership(self) -> Entry:
        part = front.partnership(self.report, self.name, self.head, self.pid)
        names, _, _ = self.priorities()
        if names:
            part["priorities"] = names
        if self.boroughs:
            part["boroughs"] = list(self.boroughs)
        return part

    def required(self, part: Entry) -> Entry:
        """What a partnership entry must hold, for one a reader left short."""
        name = self.name or Path(self.report.path).stem
        return {
            "id": self.pid,
            "name": name,
            "area": "",
            "report_title": name,
            "report_period": "",
            "timezone": self.report.names.timezone,
            "holidays": dict(self.report.names.holidays),
            "safeguarding_partners": [],
            "source": Path(self.report.path).name,
        }

    def glossary(self) -> list[Entry]:
        found = terms.glossary(self.report)
        return found + terms.inline(self.report, found)

    def contacts(self) -> list[Entry]:
        return phones.contacts(self.report, self.boroughs, self.audience)

    def priorities(self) -> tuple[list[str], list, list[str]]:
        if self._priorities is None:
            self._priorities = bodies.priorities(self.report, self.pid)
        return self._priorities

    def agency_reports(self, glossary: list[Entry]) -> list:
        if self._agency_reports is None:
            self._agency_reports = bodies.agency_reports(self.report, glossary)
        return self._agency_reports

    def boards(self, part: Entry) -> list[Entry]:
        own = bodies.own_body(self.report, part, self.acronym)
        _, _, done = self.priorities()
        if done:
            own["done"] = done
        out = bodies.bodies(self.report, own)
        return [_ordered(b, _BOARD_ORDER) for b in out]

    def agencies(self, glossary: list[Entry]) -> tuple[list[Entry], list[str]]:
        found, partners = front.agencies_from_text(self.report, glossary)
        by_id = {a["id"]: a for a in found}
        for agency, done, _ in self.agency_reports(glossary):
            entry = by_id.setdefault(agency["id"], agency)
            entry["done"] = [b.text for b in done]
            if agency.get("description"):
                entry["description"] = agency["description"]
        out = [_ordered(a, _AGENCY_ORDER) for a in by_id.values()]
        if not out:
            self.report.warn(
                1,
                "0 agencies found: looked for 'safeguarding partners ... A, B and C',"
                " 'Members of the ... include ...' and headings under 'Single agency reports'",
            )
        return out, partners

    def action_points(self, glossary: list[Entry]) -> list[tuple[str, Block, str]]:
        _, planned, _ = self.priorities()
        points = list(planned)
        for agency, _, plans in self.agency_reports(glossary):
            points += [(agency["id"], b, agency["source"]) for b in plans]
        if not points:
            self.report.warn(
                1,
                "0 actions found: looked for headings saying business plan, priorities, looking"
                " ahead, next steps ... and agency reports' planned priorities",
            )
        return points

    def actions(self, glossary: list[Entry], period: str) -> list[Entry]:
        return bodies.actions(self.report, self.action_points(glossary), period_end(period))


def period_end(period: str) -> dt.date | None:
    """The last day of the reporting year (``2019-20`` -> 31 March 2020)."""
    m = re.match(r"(\d{4})-(\d{2})$", period or "")
    return dt.date(int(m.group(1)) + 1, 3, 31) if m else None


def _audience_of(name: str) -> str | None:
    low = name.lower()
    if "adult" in low and "child" not in low:
        return "adults"
    if "child" in low and "adult" not in low:
        return "children"
    return None


_AGENCY_ORDER = ["id", "name", "aliases", "parent", "safeguarding_partner", "description", "done"]
_BOARD_ORDER = [
    "id",
    "name",
    "kind",
    "type",
    "aliases",
    "sponsor",
    "chair",
    "remit",
    "summary",
    "core_membership",
    "membership_note",
    "done",
]


def _ordered(entry: Entry, order: list[str]) -> Entry:
    """The fields in the model's order, empty ones left out, ``source`` last."""
    keys = [k for k in order if entry.get(k) not in (None, "", [], False)]
    return {**{k: entry[k] for k in keys}, "source": entry["source"]}
