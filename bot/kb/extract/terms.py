"""A glossary in any layout: Markdown and HTML tables, ``TERM – expansion`` and
``TERM: expansion`` lines, bold terms; under a heading that says glossary (acronyms,
abbreviations, jargon buster ...), or, without one, tables and runs of acronym lines anywhere.
"""

from __future__ import annotations

import re

from bot.kb.extract import find
from bot.kb.extract.common import Entry
from bot.kb.extract.glossary import _initials_match, _letters, _singular, spelled_terms
from bot.kb.report import Report, clean, slug

# "TERM – expansion", "TERM - expansion", "TERM: expansion", "**TERM** expansion"
_LINE_RE = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:(?P<b>\*\*|<b>|<strong>)(?P<bt>[^*<]{1,60}?)(?:\*\*|</b>|</strong>)"
    r"\s*[:–—-]?\s*|(?P<t>[^:–—|]{1,60}?)\s*(?::|\s[–—-]\s|[–—])\s*)(?P<e>\S.*?)\s*$"
)
_ACRONYM_RE = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9&/.'-]{2,12}(?: [A-Z0-9-]{1,6})?$")
_NOT_TERMS = {"tel", "telephone", "email", "e-mail", "phone", "web", "website", "address", "note"}


def acronym_like(term: str) -> bool:
    """``CAMHS``, ``LeDeR``, ``CP-IS``, ``TV CJB``: short, at least two capitals."""
    return bool(_ACRONYM_RE.match(term.strip()))


def glossary(report: Report) -> list[Entry]:
    """The terms of every glossary section; else acronym tables and lines anywhere."""
    terms: list[Entry] = []
    heads = find.sections_about(report, "glossary")
    for head in heads:
        terms += _read(report, find.lines_of(report, head), report.source(head), liberal=True)
    if not terms:
        for s in report.sections:
            terms += _read(report, s.lines, report.source(s), liberal=False)
    out = _unique(terms)
    if not out:
        report.warn(
            heads[0].line if heads else 1,
            "0 glossary terms found: looked for a heading saying "
            f"{', '.join(find.phrases('glossary')[:5])} ... and for tables or lines "
            "like 'TERM – expansion' and 'TERM: expansion'",
        )
    return out


def inline(report: Report, terms: list[Entry]) -> list[Entry]:
    """Acronyms spelled out in the text (outside glossary and contact sections)."""
    skip = {
        s.line
        for kind in ("glossary", "contacts")
        for head in find.sections_about(report, kind)
        for s in report.with_children(head)
    }
    return spelled_terms(report, terms, skip, lambda line: _source_at(report, line), loose=True)


def _source_at(report: Report, line: int) -> str:
    return report.source(find.section_at(report, line))


def _read(report: Report, lines: list[tuple[int, str]], source: str, liberal: bool) -> list[Entry]:
    out: list[Entry] = []
    in_table: set[int] = set()
    for table in find.tables(lines):
        header = [h.lower() for h in table.header]
        said = bool(header) and any(h in find.phrases("glossary", "table_headers") for h in header)
        width = max((len(c) for _, c in table.rows), default=0)
        pairs = [(i, i + 1) for i in range(0, width - 1, 2)] if width >= 4 else [(0, 1)]
        found: list[Entry] = []
        for no, cells in table.rows:
            in_table.add(no)
            for a, b in pairs:
                if b < len(cells) and cells[a] and cells[b]:
                    found.append(_entry(cells[a], cells[b], source))
        acronyms = sum(acronym_like(t["term"]) for t in found)
        if liberal or said or (len(found) >= 3 and acronyms >= 0.7 * len(found)):
            out += found
    run: list[Entry] = []
    for no, raw in lines:
        if no in in_table or raw.lstrip().startswith(("|", "#", "<t")):
            continue
        m = _LINE_RE.match(raw)
        term = clean(m.group("bt") or m.group("t") or "") if m else ""
        expansion = clean(m.group("e")) if m else ""
        if m and _plausible(term, expansion, liberal):
            run.append(_entry(term, expansion, source))
            continue
        if raw.strip():
            out += run if liberal or len(run) >= 3 else []
            run = []
    out += run if liberal or len(run) >= 3 else []
    return out


def _plausible(term: str, expansion: str, liberal: bool) -> bool:
    if not term or not expansion or term.lower() in _NOT_TERMS or not term[0].isalnum():
        return False
    if re.search(r"\d{3}", expansion[:12]) or len(term.split()) > 6:
        return False  # "Tel: 0151 ...", a sentence with a colon
    if liberal:
        return not term.endswith((".", ",")) and term[0].isupper()
    return acronym_like(term) and _spells(term, expansion)


def _spells(term: str, expansion: str) -> bool:
    head = re.split(r"\s[–—-]\s", expansion)[0]
    words = re.findall(r"[A-Za-z0-9']+|&", head)
    singular = term[:-1] if term[-1:] in "sS" and len(term) > 2 else term
    return any(_initials_match(_letters(t), words) for t in {term, _singular(term), singular})


def _entry(term: str, expansion: str, source: str) -> Entry:
    """A term; "Adverse Childhood Experiences – highly stressful ..." keeps the words the
    acronym spells as the expansion and the rest as a note."""
    term, expansion = clean(term).strip(" *:"), clean(expansion).strip()
    entry: Entry = {"id": slug(term), "term": term, "expansion": expansion, "source": source}
    parts = re.split(r"\s[–—-]\s", expansion, maxsplit=1)
    if len(parts) == 2 and acronym_like(term) and _spells(term, parts[0]):
        entry["expansion"], entry["note"] = parts[0].strip(), parts[1].strip()
        entry["note"] = entry["note"][:1].upper() + entry["note"][1:]
        entry = {k: entry[k] for k in ("id", "term", "expansion", "note", "source")}
    return entry


def _unique(terms: list[Entry]) -> list[Entry]:
    """One entry per term and expansion; a second sense of a term gets a longer id."""
    out: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    ids: set[str] = set()
    for t in terms:
        key = (t["term"].lower(), t["expansion"].lower())
        if key in seen or not t["id"]:
            continue
        seen.add(key)
        tid = t["id"]
        if tid in ids:
            tid = f"{tid}-{slug(t['expansion'])[:40].strip('-')}"
        ids.add(tid)
        out.append({**t, "id": tid})
    return out
