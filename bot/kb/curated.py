"""The curated layer: facts a practitioner asks for that the annual report does not hold.

``knowledge/local.yaml`` (optional) sits beside the report's knowledge and is read by the
same loader (:func:`bot.kb.loader.load_knowledge`), with the same ``path:line`` problems.
Every fact names its own ``source`` (a document or a web page), quotes the words of that
source it rests on (``quote``), and says when someone last checked it there
(``verified_on``). Answers show such a fact as "not from the annual report: SOURCE,
checked DATE".

    lines:   national or local numbers (police 101, helplines): label, phone, aliases
    terms:   what a word means (LADO, DSL) and where to find the local post holder

A line's number must appear in its quote (spaces ignored), so a number cannot be typed
in without the words that back it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import Problem
from bot.kb.models import Audience
from bot.validation import Reader

FILE = "local.yaml"


@dataclass(frozen=True)
class CuratedLine:
    """A number the report does not give, quoted from its own source."""

    id: str
    label: str
    phone: str
    source: str
    quote: str
    verified_on: dt.date
    audience: Audience = "anyone"
    aliases: list[str] = field(default_factory=list)
    hours_text: str = ""


@dataclass(frozen=True)
class CuratedTerm:
    """What a word practitioners use means, quoted from its source, and where to find the
    local person or team (``find``: said after the partnership's own website)."""

    id: str
    term: str
    expansion: str
    source: str
    quote: str
    verified_on: dt.date
    aliases: list[str] = field(default_factory=list)
    find: str = ""


@dataclass(frozen=True)
class Curated:
    lines: list[CuratedLine] = field(default_factory=list)
    terms: list[CuratedTerm] = field(default_factory=list)

    def line(self, line_id: str) -> CuratedLine | None:
        return next((x for x in self.lines if x.id == line_id), None)


NOTHING = Curated()
_KEYS = {"lines": list[CuratedLine], "terms": list[CuratedTerm]}


def load_curated(
    directory: Path, id_re: re.Pattern, phone_re: re.Pattern, taken: set[str]
) -> tuple[Curated, list[Problem]]:
    """``directory/local.yaml`` checked (an absent file is no curated facts).

    ``taken``: the report's contact ids, which a curated line may not reuse (a check is
    recorded against an id, so ids are one name space).
    """
    path = directory / FILE
    if not path.exists():
        return NOTHING, []
    reader = Reader(path, str(path))
    data = reader.top(reader.compose(), _KEYS)
    if reader.problems:
        return NOTHING, reader.problems
    curated = Curated(
        lines=[x for x in data.get("lines", []) if x is not None],
        terms=[x for x in data.get("terms", []) if x is not None],
    )

    def at(obj: object, name: str | None, message: str) -> None:
        reader.problem(reader.located.line(obj, name), message)

    seen: dict[str, str] = {}
    for kind, items in (("line", curated.lines), ("term", curated.terms)):
        for item in items:
            if not id_re.match(item.id):
                at(item, "id", f"{kind} id {item.id!r}: use lower-case letters, digits, '-'")
            if item.id in seen or item.id in taken:
                where = seen.get(item.id, "contacts.yaml")
                at(item, "id", f"duplicate id {item.id!r} (already used in {where})")
            seen[item.id] = FILE
            for name in ("source", "quote"):
                if not getattr(item, name).strip():
                    at(item, name, f"{kind} {item.id!r}: {name} must not be blank")
    for line in curated.lines:
        if not phone_re.match(line.phone.strip()):
            at(line, "phone", f"line {line.id!r}: bad phone number {line.phone!r}")
        elif _plain(line.phone) not in _plain(line.quote):
            at(line, "quote", f"line {line.id!r}: the number {line.phone} is not in its quote")
    for term in curated.terms:
        if not term.term.strip() or not term.expansion.strip():
            at(term, None, f"term {term.id!r}: term and expansion must not be blank")
    return curated, reader.problems


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)
