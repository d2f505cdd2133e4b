"""Which contacts are due a check (pure: the knowledge base, recorded checks and a day).

A contact is every line or address people are sent to: the report's contacts (not the
emergency line: 999 does not go out of date) and the curated lines of ``local.yaml``. Its
last check is the later of a recorded check (database) and its ``verified_on`` in the
knowledge file; with neither it was never checked since the report. It is due when that
is more than ``max_age_days`` ago (default about six months).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from bot.engine.provenance import checked_on, day
from bot.engine.text import compact
from bot.kb.models import KnowledgeBase

DEFAULT_MAX_AGE_DAYS = 183


@dataclass(frozen=True)
class Checkable:
    id: str
    label: str
    number: str  # the phone number (or email) it gives
    last: dt.date | None  # the last check (recorded or in the file); None: never
    curated: bool  # from local.yaml, not from the report


def checkables(kb: KnowledgeBase, checks: Mapping[str, dt.date]) -> list[Checkable]:
    out = [
        Checkable(
            c.id,
            c.label,
            c.phone or c.email or c.website or c.address or "",
            checked_on(c.id, c.verified_on, checks),
            False,
        )
        for c in kb.contacts
        if not c.emergency
    ]
    if kb.curated:
        out += [
            Checkable(x.id, x.label, x.phone, checked_on(x.id, x.verified_on, checks), True)
            for x in kb.curated.lines
        ]
    return out


def due(
    kb: KnowledgeBase, checks: Mapping[str, dt.date], today: dt.date, max_age_days: int
) -> list[Checkable]:
    """Contacts never checked, or last checked more than ``max_age_days`` before ``today``."""
    return [
        c for c in checkables(kb, checks) if c.last is None or (today - c.last).days > max_age_days
    ]


def resolve(kb: KnowledgeBase, name: str) -> Checkable | None:
    """A contact by id, or by a label or alias that names only one ("mash", "ESWT")."""
    every = checkables(kb, {})
    wanted = name.strip().lower()
    for c in every:
        if c.id == wanted:
            return c
    key = compact(name)
    if not key:
        return None
    names: dict[str, set[str]] = {}
    for c in kb.contacts:
        for n in (c.label, c.label.split(" (")[0], *c.aliases):
            names.setdefault(compact(n), set()).add(c.id)
    for x in kb.curated.lines if kb.curated else []:
        for n in (x.label, x.label.split(" (")[0], *x.aliases):
            names.setdefault(compact(n), set()).add(x.id)
    ids = names.get(key, set())
    if len(ids) != 1:
        return None
    return next(c for c in every if c.id in ids)


def when(c: Checkable, today: dt.date) -> str:
    if c.last is None:
        return "never checked since the report" if not c.curated else "never checked"
    return f"last checked {day(c.last)} ({(today - c.last).days} days ago)"


def due_lines(items: list[Checkable], today: dt.date) -> list[str]:
    return [f"- {c.label} ({c.id}, {c.number}): {when(c, today)}" for c in items]


def reminder_text(items: list[Checkable], today: dt.date, max_age_days: int) -> str:
    """The monthly reminder to subscribed admins."""
    head = (
        f"{len(items)} contact number(s) not checked for more than {max_age_days} days. "
        "Call or look each one up at its source, then record it with /verify ID:"
    )
    return "\n".join([head, *due_lines(items, today)])
