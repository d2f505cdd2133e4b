"""The partnership and its agencies from any report, in the report's own words.

The name is the first heading that names a safeguarding partnership or board; the period
comes from the title or a "Period: 1 April 2017 to 31 March 2018" line; the boroughs from
"covers four local authority areas, namely: A, B, C and D"; the safeguarding partners from
"safeguarding partners ... of / are / - A, B and C"; agencies from those lists, from the
agency reports' headings and from "Members of the X include representation from ...".
"""

from __future__ import annotations

import re
from collections import Counter

from bot.kb.extract import find
from bot.kb.extract.common import Entry
from bot.kb.report import Report, Section, clean, slug

_BODY_NAME_RE = re.compile(
    r"\b((?:[A-Z][\w&'’-]*\s+){1,6}?(?:Partnership|Board|Arrangements|Partners))\b"
)
_PERIOD_RE = re.compile(r"\b(20\d\d)\s*[-–/]\s*(?:20)?(\d\d)\b")
_SPAN_RE = re.compile(r"\bApril (20\d\d) (?:to|-|–) (?:\d{1,2} )?March (20\d\d)\b")
_COVERS_RE = re.compile(
    r"\bcovers (?:the )?(?:\w+ )?(?:local authority areas|local authorities|boroughs|council areas"
    r"|areas)[,:]?\s*(?:namely:?\s*)?(?P<list>[^.]+)"
)
_PARTNERS_RE = re.compile(
    r"\bsafeguarding partners\b[^.]*?(?:\bof|\bare|\bwere|:|\s-|\s–)\s+(?:the\s+)?(?P<list>[^.]+?)"
    r"(?:\.|\s[-–]\s|$)"
)
_MEMBERS_RE = re.compile(
    r"\b(?i:members|membership) of the \w+ (?:include|includes|are|is)\s+"
    r"(?:representation from\s+|representatives of\s+)?(?P<list>[^.]+)"
)
_COUNCIL_RE = re.compile(r"\s+(?:Metropolitan\s+)?(?:Borough|City|County|District)?\s*Council$")


def split_list(text: str) -> list[str]:
    """``A, B and C (D)`` -> ``["A", "B", "C (D)"]`` ("&" inside a name stays)."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the\s+)?[A-Z])", text.strip())
    return [re.sub(r"^(?:the|and)\s+", "", p.strip(" ;:")) for p in parts if p.strip(" ;:")]


def partnership_name(report: Report) -> tuple[str, Section | None]:
    for s in report.sections:
        title = re.split(r"\s*(?::|\s[–—-]\s)\s*", s.title)[0]
        if 0 < s.level <= 2 and re.search(r"\b(Partnership|Board)$", title):
            return title, s
    text = "\n".join(report.lines)
    counts = Counter(m.group(1) for m in _BODY_NAME_RE.finditer(text) if "Safeguard" in m.group(1))
    if counts:
        return counts.most_common(1)[0][0], None
    return "", None


def acronym_of(name: str, text: str) -> str:
    """``TSAB`` for Teeswide Safeguarding Adults Board when the report uses it."""
    letters = "".join(w[0] for w in name.split() if w[0].isupper())
    return letters if len(letters) >= 2 and re.search(rf"\b{letters}\b", text) else ""


def period(report: Report) -> str:
    heads = [s.title for s in report.sections if 0 < s.level <= 2]
    lines = [raw for raw in report.lines if re.match(r"\s*\W*(?:period|year)\b", raw, re.I)]
    for text in [*heads[:3], *lines, "\n".join(report.lines)]:
        m = _SPAN_RE.search(text)
        if m and int(m.group(2)) == int(m.group(1)) + 1:
            return f"{m.group(1)}-{m.group(2)[2:]}"
        m = _PERIOD_RE.search(text)
        if m and int(m.group(2)) == (int(m.group(1)) + 1) % 100:
            return f"{m.group(1)}-{m.group(2)}"
    return ""


def boroughs(report: Report) -> list[str]:
    """The local authority areas a partnership over several boroughs names."""
    m = _COVERS_RE.search(" ".join(clean(x) for x in report.lines))
    if not m:
        return []
    areas = [_COUNCIL_RE.sub("", p).strip() for p in split_list(m.group("list"))]
    return [a for a in areas if a and a[0].isupper()] if len(areas) > 1 else []


def councils(report: Report) -> list[str]:
    m = _COVERS_RE.search(" ".join(clean(x) for x in report.lines))
    return [p for p in split_list(m.group("list")) if _COUNCIL_RE.search(p)] if m else []


def partnership(report: Report, name: str, head: Section | None, pid: str) -> Entry:
    text = "\n".join(report.lines)
    span = period(report)
    area = re.split(r"\s+Safeguarding\b", name)[0] if "Safeguarding" in name else ""
    area = re.sub(r"\s+(?:Children'?s?|Childrens'|Adults'?|Adult's)$", "", area)
    m = re.search(r"\b(www\.[\w.-]+\w)", text)
    if not name:
        report.warn(
            1,
            "no partnership name found: looked for a heading ending 'Partnership' or"
            " 'Board' and for '... Safeguarding ... Partnership/Board' in the text",
        )
    if not span:
        report.warn(
            1,
            "no reporting period found: looked for '2023-24' in the title and for"
            " 'April 2017 to March 2018'",
        )
    entry: Entry = {
        "id": pid,
        "name": name or report.path,
        "area": area,
        "report_title": " ".join(x for x in (name, "Annual Report", span) if x),
        "report_period": span,
        "timezone": report.names.timezone,
        "holidays": dict(report.names.holidays),
        "safeguarding_partners": [],
        "source": report.heading_source(head)
        if head
        else report.heading_source(report.sections[0]),
    }
    if m:
        entry["website"] = m.group(1)
    return entry


def partners(report: Report) -> list[tuple[str, str, int]]:
    """``(name, alias, line)`` of each safeguarding partner the text lists."""
    for no, raw in enumerate(report.lines, 1):
        m = _PARTNERS_RE.search(clean(raw))
        if m:
            return [(*_name_alias(p), no) for p in split_list(m.group("list"))]
    return []


def members(report: Report, known_councils: list[str]) -> list[tuple[str, str, int]]:
    """The member agencies a "Members of the X include ..." sentence lists."""
    text = "\n".join(report.lines)
    for no, raw in enumerate(report.lines, 1):
        m = _MEMBERS_RE.search(clean(raw))
        if not m:
            continue
        out: list[tuple[str, str, int]] = []
        for item in split_list(m.group("list")):
            if re.match(r"(?:the\s+)?\w+\s+local authorities$", item, re.I):
                out += [(c, "", no) for c in known_councils]
                continue
            if item.endswith("[…]") or item.endswith("[...]"):
                stem = re.sub(r"\[(?:…|\.\.\.)\]$", "", item)
                done = re.search(rf"\b{re.escape(stem)}\w*", text.replace(item, ""))
                if not done:
                    continue
                item = done.group(0)
            if re.search(r"s$", item.split()[-1]) and not item.endswith(("Services", "Partners")):
                continue  # "NHS Foundation Trusts": a kind, not an agency
            out.append((*_name_alias(item), no))
        return out
    return []


def _name_alias(item: str) -> tuple[str, str]:
    """``Health (Integrated Care Board)`` -> ("Integrated Care Board", "Health");
    ``Merseyside Police (MP)`` -> ("Merseyside Police", "MP")."""
    m = re.match(r"^(.*?)\s*\(([^)]+)\)$", item)
    if not m:
        return item, ""
    outer, inner = m.group(1).strip(), m.group(2).strip()
    if len(inner.split()) >= 2 and len(outer.split()) <= 2:
        return inner, outer
    return outer, inner


def agency_entry(report: Report, name: str, alias: str, source: str, terms: list[Entry]) -> Entry:
    aid = report.names.agency_id(name) or report.names.learn(name)
    known = report.names.agency(aid)
    aliases = list(known.aliases)
    for t in terms:
        if t["expansion"].lower() == known.name.lower() and t["term"] not in aliases:
            aliases.append(t["term"])
    if alias and alias not in aliases:
        aliases.append(alias)
    entry: Entry = {
        "id": aid,
        "name": known.name,
        "aliases": aliases,
        "parent": known.parent,
        "source": source,
    }
    return {k: v for k, v in entry.items() if v not in ("", None, [])}


def agencies_from_text(report: Report, terms: list[Entry]) -> tuple[list[Entry], list[str]]:
    """Agencies of the partners, members and councils lists; and the partners' ids."""
    out: dict[str, Entry] = {}
    partner_ids: list[str] = []

    def add(name: str, alias: str, line: int, partner: bool = False) -> None:
        source = report.source(find.section_at(report, line))
        entry = agency_entry(report, name, alias, source, terms)
        if partner:
            entry["safeguarding_partner"] = True
            partner_ids.append(entry["id"])
        out.setdefault(entry["id"], entry).update(
            {k: v for k, v in entry.items() if k == "safeguarding_partner"}
        )

    for name, alias, line in partners(report):
        add(name, alias, line, partner=True)
    found = councils(report)
    line = next((no for no, raw in enumerate(report.lines, 1) if found and found[0] in raw), 1)
    for c in found:
        add(c, "", line)
    for name, alias, line in members(report, found):
        add(name, alias, line)
    return list(out.values()), partner_ids


def slug_id(name: str, text: str) -> str:
    return slug(acronym_of(name, text) or name)
