"""Bodies, agency reports, priorities and actions from any report.

Bodies: the partnership's own board (or partnership), bold lead-ins or sub-headings under
a heading that says sub-groups / committees / panels / boards / structure, and "established
a Safeguarding Education committee" anywhere. Agency reports: the headings under "Single
agency reports" (or the like), with what each did and plans. Priorities: the headings and
points of a business plan / priorities / looking ahead section and "the key priorities are
to A and B"; each forward-looking point is an open action of its owner.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.kb.extract import find
from bot.kb.extract.common import Entry, due_date
from bot.kb.extract.front import agency_entry, split_list
from bot.kb.report import Block, Report, Section, clean, slug

_SHOWN = {"sub-group": "Sub-Group", "committee": "Committee", "panel": "Panel", "board": "Board"}
_LEAD_RE = re.compile(r"^\s*(?:[-*•]\s+)?\*\*(?P<name>[^*]{3,80}?)\*\*\s*[:–—-]?\s*(?P<rest>.*)$")
_ITEM_RE = re.compile(r"^(?P<name>[A-Z][^:–—]{2,80}?)\s*(?::|\s[–—-]\s)\s*(?P<rest>.+)$")
_SET_UP_RE = re.compile(
    r"\b(?i:established|set up|introduced|introduction of|created|formed|launched|new)\s+"
    r"(?:(?i:a|an|the)\s+)?(?:new\s+)?"
    r"(?P<name>[A-Z][\w&'’-]*\s+(?:(?:and|of|for|&)\s+)?(?:[A-Z][\w&'’-]*\s+(?:(?:and|of|for|&)\s+)?){0,5}"
    r"(?i:sub-?groups?|committees?|panels?|boards?|groups?))\b"
)
_CHAIR_RE = re.compile(r"\b(?:The|the|An|an|Our|our) (Independent Chair)\b(?! of\b)")
_MEMBERS_RE = re.compile(
    r"\b(?i:members|membership) of the (?P<who>\w+) (?:include|includes|are|is)\s+"
    r"(?:representation from\s+|representatives of\s+)?(?P<list>[^.\n]+)"
)
_PRIORITIES_RE = re.compile(
    r"\b(?:key |main |our )?priorities (?:are|were|will be) (?:to )?(?P<l>[^.]+)"
)
_PRIORITY_HEAD_RE = re.compile(r"^\s*Priority\s+(?:\d+|[A-Z][a-z]+)\s*[:–—-]\s*", re.I)
_PAST_RE = re.compile(
    r"\b(?:has|have) been\b|\b\w+ed by:?$|\b(?:strengthened|delivered|achieved)\b"
)


def _key(name: str) -> str:
    ws = find.words(re.sub(r"\([^)]*\)", "", name)).split()
    types = {w for ws_ in find.vocabulary()["body_types"].values() for p in ws_ for w in p.split()}
    return " ".join(w for w in ws if w not in types and w not in ("the", "s"))


def bodies(report: Report, own: Entry) -> list[Entry]:
    """The partnership's own body first, then its sub-groups, committees, panels, boards."""
    found: dict[str, Entry] = {}
    for head in find.sections_about(report, "bodies"):
        for s in report.with_children(head):
            kind = find.body_type(s.title)
            for b in s.blocks():
                m = _LEAD_RE.match(b.raw.strip()) if b.raw else None
                if m and (kind or find.body_type(m.group("name"))):
                    _add(found, report, m.group("name"), kind, m.group("rest"), s)
                    continue
                m = _ITEM_RE.match(b.text) if b.kind == "bullet" else None
                if m and find.body_type(m.group("name")):  # "- Child Death Panel: reviews ..."
                    _add(found, report, m.group("name"), None, m.group("rest"), s)
            plural = s.title.rstrip().endswith("s")  # "Six Sub-Groups" introduces them
            if s is not head and find.body_type(s.title) and not plural:
                if _key(s.title) and not find.says(s.title, ["overview", "membership"]):
                    first = next((b.text for b in s.blocks() if b.kind == "para"), "")
                    _add(found, report, s.title, None, first, s)
    for s in report.sections:
        for b in s.blocks():
            for m in _SET_UP_RE.finditer(b.text):
                name = m.group("name").strip()
                if not name.endswith("s") and _key(name) != _key(own["name"]):
                    entry = _add(found, report, name, None, _purpose(b.text[m.end() :]), s)
                    if not entry.get("summary"):
                        said = _sentence_at(b.text, m.start())  # its heading: what "that" is
                        entry["summary"] = said if find.body_type(s.title) else f"{s.title}: {said}"
    out = [own] + [b for b in found.values() if _key(b["name"]) != _key(own["name"])]
    if not any(b["type"] == own["type"] for b in out[1:]):  # "the board": the one there is
        own["aliases"] = [*own["aliases"], f"the {own['type']}"]
    if len(out) == 1:
        report.warn(
            1,
            "0 sub-groups, committees or panels found: looked for headings saying "
            f"{', '.join(find.phrases('bodies')[:6])} ... and for 'established a ... committee'",
        )
    return out


def _purpose(after: str) -> str:
    """ "... Working Group to improve joint work with housing." -> "Improve joint work with
    housing." (what a body was set up for, from the rest of its sentence)."""
    m = re.match(r"^[^.]*?\bto\s+(?:help\s+)?(?P<what>[a-z][^.]*)", after)
    return f"{m.group('what')[:1].upper()}{m.group('what')[1:]}." if m else ""


def _sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` around position ``at``."""
    before = text.rfind(". ", 0, at)
    start = before + 2 if before >= 0 else 0
    end = text.find(". ", at)
    return text[start : end + 1 if end >= 0 else len(text)].strip()


def _add(
    found: dict[str, Entry], report: Report, name: str, kind: str | None, rest: str, s: Section
) -> Entry:
    name = clean(name).strip(" :")
    note = re.search(r"\(([^)]*\d{4}[^)]*)\)", name)
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    typ = find.body_type(name) or kind or "board"
    shown = name if find.body_type(name) else f"{name} {_SHOWN.get(typ, typ.title())}"
    remit = re.sub(r"^(?:Aim|Purpose|Remit|Role)\s*:\s*", "", clean(rest)).strip()
    if remit.endswith(("[…]", "[...]")):
        remit = ""  # cut off in the source
    key = _key(shown)
    entry = found.get(key)
    if entry is None:
        entry = found[key] = {
            "id": slug(shown),
            "name": shown,
            "kind": "affiliated",
            "type": typ,
            "aliases": [],
            "remit": "",
            "source": report.source(s),
        }
    elif len(shown) > len(entry["name"]) and find.body_type(shown):
        entry["aliases"].append(entry["name"])
        entry["name"], entry["id"] = shown, slug(shown)
    if name != entry["name"] and name not in entry["aliases"]:
        entry["aliases"].append(name)
    if remit and not entry["remit"]:
        entry["remit"] = remit
    if note:
        entry["summary"] = f"{entry['name']}: since {note.group(1)}."
    return entry


def own_body(report: Report, part: Entry, summary_of: str) -> Entry:
    name = part["name"]
    typ = find.body_type(name) or "partnership"
    summary = ""
    for s in report.sections:
        for b in s.blocks():
            if b.kind == "para" and re.match(
                rf"^The ({re.escape(name)}|{re.escape(summary_of)})\b", b.text
            ):
                summary = b.text
                break
        if summary:
            break
    entry: Entry = {
        "id": part["id"],
        "name": name,
        "kind": "strategic",
        "type": typ,
        "aliases": [summary_of] if summary_of and summary_of != name else [],
        "summary": summary,
        "source": part["source"],
    }
    text = "\n".join(report.lines)
    chair = _CHAIR_RE.search(text)  # "The Independent Chair has led ..."
    if chair:
        entry["chair"] = chair.group(1)
    own_names = {w.lower() for w in (summary_of, typ, *name.split()) if w}
    for m in _MEMBERS_RE.finditer(text):  # "Members of the TSAB include representation from"
        if m.group("who").lower() in own_names:
            entry["core_membership"], cut = _members(m.group("list"), text)
            if cut:
                entry["membership_note"] = "The report's list is cut short here."
            break
    return entry


def _members(listed: str, text: str) -> tuple[list[str], bool]:
    """The members as the report lists them; a name cut off ("Cleveland Fire Briga[…]")
    completed from the rest of the text, else left out; and whether the list was cut."""
    out, cut = [], False
    for item in split_list(listed):
        if item.endswith(("[…]", "[...]")):
            cut = True
            stem = re.sub(r"\[(?:…|\.\.\.)\]$", "", item)
            whole = re.search(rf"\b{re.escape(stem)}\w*", text.replace(item, ""))
            if not whole:
                continue
            item = whole.group(0)
        out.append(item)
    return out, cut


def agency_reports(
    report: Report, terms: list[Entry]
) -> list[tuple[Entry, list[Block], list[Block]]]:
    """``(agency, what it did, what it plans)`` for each heading under an agency-reports
    heading; an "About ..." lead-in gives the agency's description."""
    out = []
    for head in find.sections_about(report, "agency_reports"):
        for s in report.children(head):
            if s.level != head.level + 1:
                continue
            agency = agency_entry(report, s.title, "", report.source(s), terms)
            done: list[Block] = []
            plans: list[Block] = []
            current: list[Block] | None = None
            about: list[Block] = []
            for sub in report.with_children(s):
                if sub is not s:
                    current = _bucket(sub.title, done, plans, about)
                for b in sub.blocks():
                    m = _LEAD_RE.match(b.raw.strip()) if b.raw else None
                    if m and not m.group("rest"):
                        current = _bucket(m.group("name"), done, plans, about)
                        continue
                    if current is not None and not b.intro and b.kind != "html":
                        current.append(b)
            if about:
                agency["description"] = " ".join(b.text for b in about)
            out.append((agency, done, plans))
    return out


def _bucket(title: str, done: list[Block], plans: list[Block], about: list[Block]):
    if find.says(title, find.phrases("next")):
        return plans
    if find.says(title, find.phrases("done")):
        return done
    return about if find.says(title, ["about"]) else None


def priorities(
    report: Report, owner: str
) -> tuple[list[str], list[tuple[str, Block, str]], list[str]]:
    """(priorities, (owner, point, source) of each planned point, points reported done)."""
    names: list[str] = []
    where: dict[str, str] = {}
    planned: list[tuple[str, Block, str]] = []
    done: list[str] = []
    for head in find.sections_about(report, "priorities"):
        past = any(_PAST_RE.search(b.text) for b in head.blocks() if b.intro)
        title = _priority(head.title)
        if title:
            names.append(title)
        where.setdefault("", report.source(head))
        for s in report.with_children(head):
            if s is not head and not find.says(s.title, ["contents"]):
                names.append(_priority(s.title) or s.title)
                where.setdefault(names[-1], report.source(s))
            for b in s.blocks():
                if b.kind != "bullet" or b.intro:
                    continue
                if find.says(s.title, ["contents"]):
                    names.append(_priority(b.text) or b.text)
                elif past:
                    done.append(b.text)
                else:
                    planned.append((owner, b, report.source(s)))
    for no, raw in enumerate(report.lines, 1):
        m = _PRIORITIES_RE.search(clean(raw))
        if m:
            items = re.split(r",\s*|\s+and\s+(?=[a-z]+\b)", m.group("l"))
            for item in items:
                text = item.strip().rstrip(".")
                names.append(text[:1].upper() + text[1:])
                block = Block("para", names[-1], no, raw)
                planned.append((owner, block, report.source(find.section_at(report, no))))
    unique: list[str] = []
    for n in names:
        if n and not any(_key(n) == _key(u) for u in unique):
            unique.append(n)
    if not planned:
        planned = [
            (owner, Block("para", n, 1), where.get(n, where.get("", "")))
            for n in unique
            if not done
        ]
    return unique, planned, done


def _priority(title: str) -> str:
    """``Priority One – Embedding Systemic Practice`` -> ``Embedding Systemic Practice``."""
    if not _PRIORITY_HEAD_RE.match(title):
        return ""
    rest = _PRIORITY_HEAD_RE.sub("", title)
    return re.sub(r"\s*\([^)]*\)\s*$", "", rest).strip()


def actions(
    report: Report, points: list[tuple[str, Block, str]], not_before: dt.date | None
) -> list[Entry]:
    out: list[Entry] = []
    count: dict[str, int] = {}
    for owner, block, source in points:
        count[owner] = count.get(owner, 0) + 1
        due, due_text = due_date(block.text)
        if due is not None and not_before is not None and due <= not_before:
            due, due_text = None, ""
        entry: Entry = {
            "id": f"{owner}-{count[owner]:02d}",
            "owner": owner,
            "text": block.text,
            "status": "open",
            "due": due,
            "due_text": due_text,
            "source": source or report.source(find.section_at(report, block.line)),
        }
        out.append({k: v for k, v in entry.items() if v not in ("", None)})
    return out
