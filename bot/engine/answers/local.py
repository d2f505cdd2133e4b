"""Answers from the curated layer (``knowledge/local.yaml``, :mod:`bot.kb.curated`): the
everyday asks the report does not hold ("LADO", "who is my DSL", "police non-emergency
number").

Asked when the report itself has nothing (the engine's unknown path), and to add a fact a
contact question names below the report's lines: a curated fact never displaces a report
answer, the 999 line on danger (a danger message is answered before any of this) or the
local lines for a worry about a person (they lead, the fact follows). Each fact is shown with where it comes from and when it was last checked: "Not
from the annual report: SOURCE, checked DATE". A term says what the word means and where
to find the local post holder, since the report gives no contact for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from bot.engine.concern import worry_about_person
from bot.engine.contacts import AUDIENCE_NOUN, ContactAsk
from bot.engine.intents.parse import Parsed
from bot.engine.library import Library
from bot.engine.provenance import ALSO, checked_on, day
from bot.engine.text import stem, words
from bot.engine.types import Answer
from bot.kb.curated import NOTHING, CuratedLine, CuratedTerm
from bot.kb.models import KnowledgeBase

Fact = CuratedLine | CuratedTerm
_FILLER = frozenset("a an the my our your their of".split())
# rows whose own note says more than a curated fact could ("the oxfordshire lado")
_KEEP = ("rule:other-area", "rule:year-not-covered")


def _key(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text) if w not in _FILLER)


class CuratedIndex:
    """Every name of every curated fact as a word key, filed under its first word."""

    def __init__(self, kb: KnowledgeBase):
        self.curated = kb.curated or NOTHING
        keys: list[tuple[tuple[str, ...], Fact]] = []
        for line in self.curated.lines:
            keys += [(_key(n), line) for n in (line.label, *line.aliases)]
        for term in self.curated.terms:
            keys += [(_key(n), term) for n in (term.term, term.expansion, *term.aliases)]
        self.by_first: dict[str, list[tuple[tuple[str, ...], Fact]]] = {}
        for key, fact in keys:
            if key:
                self.by_first.setdefault(key[0], []).append((key, fact))

    def find(self, text: str) -> Fact | None:
        """The fact whose name (or alias) the text contains as a run of words; the longest
        name wins ("police non emergency" over "police")."""
        if not self.by_first:
            return None
        tokens = _key(text)
        best: tuple[int, Fact] | None = None
        for i, token in enumerate(tokens):
            for key, fact in self.by_first.get(token, ()):
                n = len(key)
                if tokens[i : i + n] == key and (best is None or n > best[0]):
                    best = (n, fact)
        return best[1] if best else None


def provenance(fact: Fact, checks: Mapping[str, dt.date]) -> str:
    when = checked_on(fact.id, fact.verified_on, checks)
    return f"Not from the annual report: {fact.source}, checked {day(when) if when else '-'}."


def with_curated(
    index: CuratedIndex,
    lib: Library,
    q: Parsed,
    now: dt.datetime,
    ans: Answer,
    checks: Mapping[str, dt.date],
) -> Answer:
    """A curated answer for a question the report could not answer; a contact answer to a
    message naming a curated fact ("national domestic abuse helpline") keeps its lines and
    adds the fact below them; any other answer is ``ans`` unchanged."""
    if ans.kind == "contact" and "danger" not in ans.flags:
        fact = index.find(q.text)
        return ans if fact is None else also(ans, fact, checks)
    if ans.kind != "unknown" or any(f in ans.flags for f in _KEEP):
        return ans
    fact = index.find(q.text)
    if fact is None:
        return ans
    found = curated_answer(lib, fact, q.audience, checks)
    if worry_about_person(q.text, q.tokens, q.audience):  # the local lines lead
        block, used = lib.book.answer_lines(ContactAsk(audience=q.audience), now)
        found = dataclasses.replace(
            found,
            kind="contact",
            text="\n".join([*block, *found.text.split("\n")]),
            sources=[c.source for c in used],
        )
    return dataclasses.replace(found, flags=[*ans.flags, "curated", f"curated:{fact.id}"])


def also(ans: Answer, fact: Fact, checks: Mapping[str, dt.date]) -> Answer:
    """``ans`` with a curated fact in short form above its closing 999 line."""
    if isinstance(fact, CuratedLine):
        head = f"{ALSO}{fact.label}: {fact.phone}."
    else:
        where = f": {fact.find.strip().rstrip('.')}" if fact.find.strip() else ""
        head = f"{ALSO}{fact.term} ({fact.expansion}){where}."
    lines = ans.text.split("\n")
    at = len(lines) - 1 if len(lines) > 1 and "999" in lines[-1] else len(lines)
    lines[at:at] = [head, provenance(fact, checks)]
    flags = [*ans.flags, "curated", f"curated:{fact.id}"]
    return dataclasses.replace(ans, text="\n".join(lines), flags=flags)


def curated_answer(
    lib: Library, fact: Fact, audience: str | None, checks: Mapping[str, dt.date]
) -> Answer:
    """One curated fact, its source and date, then the 999 line."""
    p = lib.kb.partnership
    if isinstance(fact, CuratedLine):
        hours = f" ({fact.hours_text})" if fact.hours_text else ""
        lines = [f"{fact.label}: {fact.phone}{hours}.", f'The source says: "{fact.quote}"']
        lines.append(provenance(fact, checks))
        kind = "contact"
    else:
        lines = [
            f"{fact.term}: {fact.expansion}.",
            f'The source says: "{fact.quote}"',
            provenance(fact, checks),
            f"The {p.report_title} gives no {fact.term} contact for {p.area}.",
        ]
        if fact.find.strip():
            lines.append(f"Where to find the {fact.term}: {fact.find.strip().rstrip('.')}.")
        if p.website:
            lines.append(f"The partnership's website (from the report): {p.website}")
        kind = "glossary"
    who = AUDIENCE_NOUN.get(audience or "", "anyone")
    lines.append(lib.book.emergency_line(who))
    return Answer(kind, "\n".join(lines), [], [], 0.9)
