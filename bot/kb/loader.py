"""Load and check a knowledge directory: YAML files -> a validated ``KnowledgeBase``.

``load_knowledge(dir)`` either returns the knowledge base or raises ``KnowledgeError``
with every problem found (``path:line: message``): syntax, types, unknown fields,
duplicate ids, dangling references, unparseable phone numbers and hours. The optional
``local.yaml`` (facts not from the report, each with its source) is checked the same way
(:mod:`bot.kb.curated`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.errors import KnowledgeError, Problem
from bot.kb.curated import load_curated
from bot.kb.models import (
    Action,
    Agency,
    Appendices,
    Attendance,
    Board,
    Budget,
    Contact,
    Definition,
    KnowledgeBase,
    Partnership,
    Term,
)
from bot.validation import Reader

# file name -> {top-level key: type}
FILES: dict[str, dict[str, Any]] = {
    "partnership.yaml": {"partnership": Partnership},
    "glossary.yaml": {"terms": list[Term]},
    "contacts.yaml": {"contacts": list[Contact]},
    "boards.yaml": {"boards": list[Board]},
    "agencies.yaml": {"agencies": list[Agency]},
    "actions.yaml": {"actions": list[Action]},
}
OPTIONAL_FILES: dict[str, dict[str, Any]] = {
    "appendices.yaml": {"attendance": Attendance, "budget": Budget},
    "definitions.yaml": {"definitions": list[Definition]},
}

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PHONE_RE = re.compile(r"^(999|112|101|111|\+?[0-9][0-9 ]{5,}[0-9])$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")


def load_knowledge(directory: str | Path) -> KnowledgeBase:
    """Read, convert and cross-check every file of ``directory``."""
    directory = Path(directory)
    problems: list[Problem] = []
    if not directory.is_dir():
        raise KnowledgeError([Problem(str(directory), 1, "not a directory")])
    data: dict[str, Any] = {}
    readers: dict[str, Reader] = {}
    for name, keys in {**FILES, **OPTIONAL_FILES}.items():
        path = directory / name
        if name in OPTIONAL_FILES and not path.exists():
            continue
        reader = Reader(path, str(path))
        data.update(reader.top(reader.compose(), keys))
        problems.extend(reader.problems)
        readers[name] = reader
    if problems:
        raise KnowledgeError(problems)
    appendices = None
    if "attendance" in data and "budget" in data:
        appendices = Appendices(attendance=data["attendance"], budget=data["budget"])
    kb = KnowledgeBase(
        partnership=data["partnership"],
        terms=[t for t in data["terms"] if t is not None],
        contacts=[c for c in data["contacts"] if c is not None],
        boards=[b for b in data["boards"] if b is not None],
        agencies=[a for a in data["agencies"] if a is not None],
        actions=[a for a in data["actions"] if a is not None],
        appendices=appendices,
        definitions=[d for d in data.get("definitions", []) if d is not None],
        directory=str(directory),
    )
    problems.extend(_cross_check(kb, readers))
    kb.curated, curated_problems = load_curated(
        directory, ID_RE, PHONE_RE, {c.id for c in kb.contacts}
    )
    problems.extend(curated_problems)
    if problems:
        raise KnowledgeError(problems)
    return kb


def _cross_check(kb: KnowledgeBase, readers: dict[str, Reader]) -> list[Problem]:
    problems: list[Problem] = []

    def at(file: str, obj: object, field: str | None, message: str) -> None:
        reader = readers[file]
        problems.append(Problem(reader.display, reader.located.line(obj, field), message))

    def unique(file: str, items: list, kind: str, seen: dict[str, str]) -> None:
        for item in items:
            if not ID_RE.match(item.id):
                at(file, item, "id", f"{kind} id {item.id!r}: use lower-case letters, digits, '-'")
            if item.id in seen:
                at(file, item, "id", f"duplicate id {item.id!r} (already used in {seen[item.id]})")
            seen[item.id] = file

    unique("glossary.yaml", kb.terms, "term", {})
    unique("contacts.yaml", kb.contacts, "contact", {})
    owners: dict[str, str] = {}
    unique("boards.yaml", kb.boards, "board", owners)
    unique("agencies.yaml", kb.agencies, "agency", owners)
    unique("actions.yaml", kb.actions, "action", {})
    if kb.definitions:
        unique("definitions.yaml", kb.definitions, "definition", {})
        for d in kb.definitions:
            for name, value in (("term", d.term), ("text", d.text)):
                if not value.strip():
                    at(
                        "definitions.yaml",
                        d,
                        name,
                        f"definition {d.id!r}: {name} must not be blank",
                    )
    agency_ids = {a.id for a in kb.agencies}
    contact_ids = {c.id for c in kb.contacts}

    for t in kb.terms:
        if not t.term.strip() or not t.expansion.strip():
            at("glossary.yaml", t, None, f"term {t.id!r}: term and expansion must not be blank")
    for c in kb.contacts:
        for field_name, phone in [("phone", c.phone)] + [
            ("other_phones", p) for p in c.other_phones
        ]:
            if phone is not None and not PHONE_RE.match(phone.strip()):
                at("contacts.yaml", c, field_name, f"contact {c.id!r}: bad phone number {phone!r}")
        if c.email is not None and not EMAIL_RE.match(c.email):
            at("contacts.yaml", c, "email", f"contact {c.id!r}: bad email address {c.email!r}")
        if not (c.phone or c.email or c.address or c.website):
            at(
                "contacts.yaml",
                c,
                None,
                f"contact {c.id!r}: needs a phone, email, address or website",
            )
        for h in c.hours:  # located on the hours entry itself, not the start of the list
            for name, t in (("open", h.open), ("close", h.close)):
                if not TIME_RE.match(t):
                    at("contacts.yaml", h, name, f"contact {c.id!r}: bad time {t!r} (use HH:MM)")
            if TIME_RE.match(h.open) and TIME_RE.match(h.close) and h.open >= h.close:
                at(
                    "contacts.yaml",
                    h,
                    "open",
                    f"contact {c.id!r}: opens {h.open} after it closes {h.close}",
                )
        if c.outside is not None and c.outside not in contact_ids:
            at("contacts.yaml", c, "outside", f"contact {c.id!r}: unknown contact {c.outside!r}")
        if c.outside == c.id:
            at("contacts.yaml", c, "outside", f"contact {c.id!r}: cannot be outside its own hours")
        if sum(bool(x) for x in (c.always, c.hours, c.outside)) > 1:
            at(
                "contacts.yaml",
                c,
                None,
                f"contact {c.id!r}: give only one of always, hours, outside",
            )
    boroughs = set(kb.partnership.boroughs)
    for c in kb.contacts:
        for borough in c.boroughs:
            if borough not in boroughs:
                at(
                    "contacts.yaml",
                    c,
                    "boroughs",
                    f"contact {c.id!r}: {borough!r} is not one of the partnership's boroughs",
                )
    board_ids = {b.id for b in kb.boards}
    for b in kb.boards:
        if b.sponsor is not None and b.sponsor not in agency_ids:
            at("boards.yaml", b, "sponsor", f"board {b.id!r}: unknown sponsor agency {b.sponsor!r}")
        if b.parent is not None and (b.parent not in board_ids or b.parent == b.id):
            at("boards.yaml", b, "parent", f"board {b.id!r}: unknown parent board {b.parent!r}")
    for a in kb.agencies:
        if a.parent is not None and a.parent not in agency_ids:
            at("agencies.yaml", a, "parent", f"agency {a.id!r}: unknown parent agency {a.parent!r}")
    for act in kb.actions:
        if act.owner not in owners:
            at("actions.yaml", act, "owner", f"action {act.id!r}: unknown owner {act.owner!r}")
    for partner in kb.partnership.safeguarding_partners:
        if partner not in agency_ids:
            at(
                "partnership.yaml",
                kb.partnership,
                "safeguarding_partners",
                f"unknown safeguarding partner agency {partner!r}",
            )
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(kb.partnership.timezone)
    except Exception:
        at(
            "partnership.yaml",
            kb.partnership,
            "timezone",
            f"unknown time zone {kb.partnership.timezone!r}",
        )
    return problems
