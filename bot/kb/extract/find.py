"""Finding things by meaning in a report of any layout: sections, tables, sentences, audiences.

The words that say what a heading is about are data (``bot/kb/data/layout.yaml``), so a
report that calls its glossary a "Jargon buster" or its contacts "Worried about a child?"
is read like one that says "Glossary" and "Contacts".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.kb.report import Report, Section, clean

LAYOUT = Path(__file__).resolve().parent.parent / "data" / "layout.yaml"


@cache
def vocabulary() -> dict:
    return yaml.safe_load(LAYOUT.read_text(encoding="utf-8"))


def words(text: str) -> str:
    """`` sub groups `` for "Six Sub-Groups": lower case, punctuation as spaces, padded."""
    text = clean(text).lower().replace("\u2019", "'")
    return " " + " ".join(re.sub(r"[^a-z0-9']+", " ", text).split()) + " "


def says(text: str, phrases: list[str]) -> bool:
    """``text`` contains one of ``phrases`` as whole words."""
    padded = words(text)
    return any(words(p) in padded for p in phrases)


def phrases(kind: str, key: str = "headings") -> list[str]:
    return list(vocabulary()[kind][key])


def sections_about(report: Report, kind: str) -> list[Section]:
    """Every top-most section whose heading says ``kind`` (its sub-sections come with it)."""
    out: list[Section] = []
    covered: set[int] = set()
    for s in report.sections:
        if s.level == 0 or s.line in covered or not says(s.title, phrases(kind)):
            continue
        out.append(s)
        covered.update(x.line for x in report.with_children(s))
    return out


def lines_of(report: Report, head: Section) -> list[tuple[int, str]]:
    """The raw lines of a section and every section under it."""
    return [(no, raw) for s in report.with_children(head) for no, raw in s.lines]


def section_at(report: Report, line: int) -> Section:
    """The section a line belongs to."""
    found = report.sections[0]
    for s in report.sections:
        if s.line <= line:
            found = s
    return found


def audience(text: str) -> str | None:
    """``children``, ``adults`` or ``anyone`` when the text is about only one of them."""
    found = [a for a, ws in vocabulary()["audiences"].items() if says(text, ws)]
    if "anyone" in found:
        return "anyone"
    return found[0] if len(found) == 1 else None


def body_type(name: str) -> str | None:
    """``sub-group``, ``committee``, ``panel``, ``board`` or ``partnership`` from a name."""
    padded = words(name)
    best: tuple[int, str] | None = None
    for kind, ws in vocabulary()["body_types"].items():
        for w in ws:
            at = max(padded.rfind(words(w)), padded.rfind(words(w + "s")))
            if at >= 0 and (best is None or at > best[0]):
                best = (at, kind)
    return best[1] if best else None


# -- tables -------------------------------------------------------------------------


@dataclass
class Table:
    """A Markdown (``| a | b |``) or HTML (``<tr><td>``) table: header and rows with lines."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.I | re.S)
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.I | re.S)


def tables(lines: list[tuple[int, str]]) -> list[Table]:
    """Every table in ``lines``, cells cleaned; a header is kept apart when the table has one."""
    out: list[Table] = []
    current: Table | None = None
    for k, (no, raw) in enumerate(lines):
        text = raw.strip()
        if text.startswith("|") and text.count("|") >= 2:
            if _SEPARATOR.match(text):
                continue
            cells = [clean(c) for c in text.strip("|").split("|")]
            nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
            if current is None:
                current = Table([], [])
                out.append(current)
                if _SEPARATOR.match(nxt.strip()):
                    current.header = cells
                    continue
            current.rows.append((no, cells))
            continue
        current = None
    html = "\n".join(raw for _, raw in lines)
    if "<tr" in html.lower():
        starts = {raw: no for no, raw in lines}
        for table in re.findall(r"<table.*?</table>|(?:<tr.*?</tr>\s*)+", html, re.I | re.S):
            t = Table([], [])
            for row in _ROW.findall(table):
                cells = [clean(c) for c in _CELL.findall(row)]
                line = next((no for raw, no in starts.items() if row[:40] in raw), lines[0][0])
                if "<th" in row.lower() and not t.rows:
                    t.header = cells
                elif cells:
                    t.rows.append((line, cells))
            out.append(t)
    return out


# -- sentences ------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+(?=[A-Z])")


def sentences(text: str) -> list[str]:
    """A paragraph split after ``.``/``!``/``?`` before a capital (phone numbers stay whole)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
