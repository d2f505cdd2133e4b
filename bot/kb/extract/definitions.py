"""Definitions: what the report says its words mean, from "What is ...?" sections.

A section headed "What is Safeguarding?" gives the word's definition in its opening
paragraphs, and narrower senses as bold lead-ins ("**Safeguarding children** - ...").
A paragraph that ends in ":" takes the bullets after it ("... an adult who: has care and
support needs; ..."). The sections after the heading count while they go on about the
word (open with it or with a lead-in), so "The legal framework" belongs, a board's does not.
"""

from __future__ import annotations

import re

from bot.kb.extract.common import Entry
from bot.kb.report import Block, Report, Section, clean, slug

WHAT_IS = re.compile(r"^what (?:is|are|does) (?P<t>.+?)(?: mean)?\s*\??$", re.I)
LEAD = re.compile(r"^\*\*(?P<t>[^*]{2,60}?)\*\*\s*[-–—:]\s*(?P<rest>.*)$", re.S)


def definitions(report: Report) -> list[Entry]:
    """One entry per defined word and per narrower sense, in the report's order."""
    out: dict[str, Entry] = {}
    for head in report.sections:
        m = WHAT_IS.match(head.title.strip())
        if head.level != 1 or not m:
            continue
        base = clean(m.group("t"))
        source = report.source(head)
        blocks = [b for s in _about(report, head, base) for b in s.blocks()]
        current = base
        for text, lead in _units(blocks):
            if lead is not None:
                current = lead
            elif _opens_with(text, base):
                current = base  # "Safeguarding both adults and children is about ..."
            key = slug(current)
            if key in out:
                out[key]["text"] += " " + text
            else:
                out[key] = {"id": key, "term": current, "text": text, "source": source}
    return list(out.values())


def _about(report: Report, head: Section, base: str) -> list[Section]:
    """The heading's sections while each still opens on the word or a lead-in."""
    found = []
    for s in report.until_next(head, 1):
        first = next(iter(s.blocks()), None)
        if s is not head and first is not None:
            if not (_opens_with(first.text, base) or LEAD.match(first.raw.strip())):
                break
        found.append(s)
    return found


def _units(blocks: list[Block]) -> list[tuple[str, str | None]]:
    """(text, lead-in term or None): a paragraph with the bullets its colon introduces."""
    units: list[tuple[str, str | None]] = []
    for b in blocks:
        if b.kind == "bullet" and units and units[-1][0].rstrip().endswith((":", ";")):
            text, lead = units[-1]
            units[-1] = (f"{text} {b.text.rstrip('. ')};", lead)
            continue
        if b.kind == "bullet" and not units:
            continue
        if b.kind == "bullet":  # a list after a finished paragraph: part of the same sense
            units.append((b.text, None))
            continue
        if b.kind != "para":
            continue
        m = LEAD.match(b.raw.strip())
        if m:
            units.append((clean(m.group("rest")), clean(m.group("t"))))
        else:
            units.append((b.text, None))
    return [(t.rstrip(";") + ("." if t.endswith(";") else ""), lead) for t, lead in units]


def _opens_with(text: str, word: str) -> bool:
    return text.lower().startswith(word.lower() + " ")
