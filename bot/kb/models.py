"""Typed models of the knowledge base.

Every kind lives in its own YAML file under ``knowledge/`` (see ``FILES``) and every
entry carries ``source``: the section of the report it came from. The loader
(:mod:`bot.kb.loader`) builds these dataclasses from YAML, rejecting unknown fields,
wrong types and dangling references with ``path:line: message``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bot.kb.curated import Curated

Audience = Literal["children", "adults", "anyone"]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BankHolidayRule = Literal["closed", "open", "normal"]
BodyKind = Literal["affiliated", "strategic"]
ActionStatus = Literal["open", "done"]


@dataclass(frozen=True)
class Hours:
    """Opening hours on some weekdays, local time; ``close`` may be ``24:00``."""

    days: list[Day]
    open: str
    close: str


@dataclass(frozen=True)
class Contact:
    """One way to reach a service: a phone line, an email box, an address."""

    id: str
    label: str
    service: str
    audience: Audience
    source: str
    aliases: list[str] = field(default_factory=list)
    phone: str | None = None
    other_phones: list[str] = field(default_factory=list)
    email: str | None = None
    address: str | None = None
    website: str | None = None
    purpose: str = ""
    emergency: bool = False
    always: bool = False
    hours: list[Hours] = field(default_factory=list)
    bank_holidays: BankHolidayRule = "normal"
    outside: str | None = None
    hours_text: str = ""
    verified_on: dt.date | None = None  # last checked against its source (None: as printed)
    # the boroughs (of ``Partnership.boroughs``) the line serves; empty: all of them
    boroughs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Term:
    """A glossary term: an acronym and what it stands for."""

    id: str
    term: str
    expansion: str
    source: str
    aliases: list[str] = field(default_factory=list)
    inline: bool = False
    note: str = ""


@dataclass(frozen=True)
class Definition:
    """What the report says a word means ("Safeguarding means ..."), in its own words."""

    id: str
    term: str
    text: str
    source: str
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Agency:
    """An organisation or service named in the report."""

    id: str
    name: str
    source: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    safeguarding_partner: bool = False
    description: str = ""
    done: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Board:
    """A body of the partnership: a board, a sub-group, committee or panel (``kind``)."""

    id: str
    name: str
    kind: BodyKind
    source: str
    aliases: list[str] = field(default_factory=list)
    sponsor: str | None = None
    sponsor_note: str = ""
    chair: str = ""
    vice_chair: str = ""
    remit: str = ""
    summary: str = ""
    core_membership: list[str] = field(default_factory=list)
    membership_size: int | None = None
    membership_note: str = ""
    meetings_per_year: int | None = None
    meetings_note: str = ""
    panels: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    learning: list[str] = field(default_factory=list)
    type: str = ""  # board, sub-group, committee, panel, partnership (as the report says)
    parent: str | None = None  # the body it reports to (a board id): a sub-group's board


@dataclass(frozen=True)
class Action:
    """One item of a board's or agency's "What will ... do next?" list."""

    id: str
    owner: str
    text: str
    source: str
    status: ActionStatus = "open"
    due: dt.date | None = None
    due_text: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class HolidayRegion:
    country: str
    subdiv: str | None = None


@dataclass(frozen=True)
class Partnership:
    """The partnership as a whole and the report the knowledge base comes from."""

    id: str
    name: str
    area: str
    report_title: str
    report_period: str
    timezone: str
    holidays: HolidayRegion
    safeguarding_partners: list[str]
    source: str
    priorities: list[str] = field(default_factory=list)
    scrutineer: Person | None = None
    website: str = ""
    description: str = ""
    kb_version: str = ""
    # the local authority areas a partnership over several covers ("an adult in X")
    boroughs: list[str] = field(default_factory=list)
    # whom it safeguards (children, adults); empty: whoever its contacts are for
    serves: list[Literal["children", "adults"]] = field(default_factory=list)


@dataclass(frozen=True)
class AttendanceRow:
    member: str
    attended: list[str]


@dataclass(frozen=True)
class Attendance:
    """Appendix A: who attended the management board meetings."""

    title: str
    meetings: list[str]
    rows: list[AttendanceRow]
    source: str
    note: str = ""


@dataclass(frozen=True)
class Contribution:
    agency: str
    children: int | None = None
    adults: int | None = None
    total: int | None = None
    note: str = ""


@dataclass(frozen=True)
class BudgetLine:
    heading: str
    item: str
    amount: int


@dataclass(frozen=True)
class Budget:
    """Appendix B: agency contributions and the year-end budget position."""

    title: str
    contributions: list[Contribution]
    summary: list[BudgetLine]
    source: str
    note: str = ""


@dataclass(frozen=True)
class Appendices:
    attendance: Attendance
    budget: Budget


@dataclass
class KnowledgeBase:
    """The whole knowledge base, validated; ``directory`` is where it was read from."""

    partnership: Partnership
    terms: list[Term]
    contacts: list[Contact]
    boards: list[Board]
    agencies: list[Agency]
    actions: list[Action]
    appendices: Appendices | None = None
    definitions: list[Definition] = field(default_factory=list)
    directory: str = ""
    curated: Curated | None = None  # local.yaml: facts not from the report (bot.kb.curated)

    def counts(self) -> dict[str, int]:
        return {
            "glossary terms": sum(1 for t in self.terms if not t.inline),
            "inline terms": sum(1 for t in self.terms if t.inline),
            "contacts": len(self.contacts),
            "boards": len(self.boards),
            "agencies": len(self.agencies),
            "actions": len(self.actions),
            **({"definitions": len(self.definitions)} if self.definitions else {}),
            **(
                {
                    "curated lines": len(self.curated.lines),
                    "curated terms": len(self.curated.terms),
                }
                if self.curated and (self.curated.lines or self.curated.terms)
                else {}
            ),
        }

    def owner_name(self, owner_id: str) -> str:
        for b in self.boards:
            if b.id == owner_id:
                return b.name
        for a in self.agencies:
            if a.id == owner_id:
                return a.name
        return owner_id
