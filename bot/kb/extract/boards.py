"""Boards (structure page and sponsor sections), agencies and their next steps (actions)."""

from __future__ import annotations

import datetime as dt
import re

from bot.kb.extract.common import Entry, due_date, sponsor_id, website_source
from bot.kb.report import Report, Section, clean, slug

_SPONSOR_RE = re.compile(r"\bSponsor:\s*(?P<who>[^()]+?)\s*(?:\((?P<note>[^)]*)\))?\s*\.?$")
_MEMBERS_RE = re.compile(r"Core membership \((\d+) members\)", re.I)
_MEETINGS_RE = re.compile(r"^(\d+)\s+Meetings annually", re.I)
BOARD_RE = re.compile(r"^The (?P<name>[A-Z][\w' ]*?) Board\b")


def _role(report: Report, note: str) -> str:
    """``DPH`` -> ``Director of Public Health`` (roles of the names file)."""
    return report.names.role(note) if report.names else note


def structure(report: Report) -> tuple[dict[str, Entry], list[Entry]]:
    """The partnership structure page: affiliated boards (by id) and the strategic bodies.

    The page is a diagram flattened to text, so a body's membership list, meeting count
    and description may land before or after its heading; they are matched to the
    headings by order (the k-th membership list belongs to the k-th body).
    """
    head = report.section("Our partnership arrangements", level=1)
    page = report.until_next(head, 1)
    source = report.source(head)
    lines = [(no, raw) for s in page for no, raw in s.lines]
    affiliated: dict[str, Entry] = {}
    used: set[int] = set()
    blocks = [b for s in page for b in s.blocks()]
    for i, b in enumerate(blocks):
        m = _SPONSOR_RE.search(b.text)
        if not m or i == 0:
            continue
        title = blocks[i - 1].text
        used.update({b.line, blocks[i - 1].line})
        bid = report.names.body_id(title)
        entry: Entry = {
            "id": bid,
            "name": title,
            "kind": "affiliated",
            "sponsor": sponsor_id(report, b.line, m.group("who")),
            "sponsor_note": _role(report, m.group("note") or ""),
            "remit": b.text[: m.start()].strip(),
            "source": source,
        }
        affiliated[bid] = entry

    memberships: list[tuple[int, list[str]]] = []
    meetings: list[int] = []
    member_lines: set[int] = set()
    chairing: str = ""
    i = 0
    while i < len(lines):
        no, raw = lines[i]
        text = clean(raw)
        m = _MEMBERS_RE.search(text)
        if m:
            members: list[str] = []
            j = i + 1
            while j < len(lines) and not lines[j][1].strip():
                j += 1
            while j < len(lines) and lines[j][1].strip():
                members.append(clean(lines[j][1]))
                member_lines.add(lines[j][0])
                j += 1
            memberships.append((int(m.group(1)), members))
            member_lines.add(no)
            i = j
            continue
        m = _MEETINGS_RE.match(text)
        if m:
            meetings.append(int(m.group(1)))
        elif text.isdigit():
            k = i + 1
            while k < len(lines) and not lines[k][1].strip():
                k += 1
            if k < len(lines) and clean(lines[k][1]).lower().startswith("meetings annually"):
                meetings.append(int(text))
        elif text.lower().startswith("chairing "):
            chairing = text[len("chairing ") :].strip()
            chairing = chairing[:1].upper() + chairing[1:]
        i += 1

    remits: list[str] = []
    for k, b in enumerate(blocks):
        words = len(b.text.split())
        if (
            b.kind != "para"
            or b.line in used
            or b.line in member_lines
            or words < 8
            or b.raw.lstrip().startswith(("**", "*"))
            or "meetings annually" in b.text.lower()
            or b.text.lower().startswith("chairing ")
        ):
            continue
        text = b.text
        follow = []
        for nxt in blocks[k + 1 :]:
            if nxt.kind != "bullet":
                break
            follow.append(nxt.text.rstrip("."))
        if follow:
            text = f"{text} {'; '.join(follow)}."
        remits.append(text)

    bodies = [s for s in page if s.level == 2]
    strategic: list[Entry] = []
    for k, body in enumerate(bodies):
        bid = report.names.body_id(body.title)
        entry = {"id": bid, "name": body.title, "kind": "strategic"}
        if report.names.body_aliases.get(bid):
            entry["aliases"] = list(report.names.body_aliases[bid])
        chair = vice = ""
        members_k = memberships[k][1] if k < len(memberships) else []
        for member in members_k:
            role = re.search(r"\((vice[ -]?chair|chair)\)", member, re.I)
            if role and role.group(1).lower().startswith("vice"):
                vice = member[: role.start()].strip()
            elif role:
                chair = member[: role.start()].strip()
        if not chair and chairing and k == len(bodies) - 1:
            chair = chairing
        entry.update(
            {
                "chair": chair,
                "vice_chair": vice,
                "remit": remits[k] if k < len(remits) else "",
                "core_membership": members_k,
                "membership_size": memberships[k][0] if k < len(memberships) else None,
                "meetings_per_year": meetings[k] if k < len(meetings) else None,
                "source": source,
            }
        )
        strategic.append({key: v for key, v in entry.items() if v not in ("", None, [])})
    return affiliated, strategic


def _panels(text: str) -> list[str]:
    """``... case-based panels (Channel, X and Y)`` / ``panels including A, B and C.``"""
    m = re.search(r"\bpanels\s*(?:\(|including\s+)([^()]+?)(?:\)|\.|$)", text)
    if not m:
        return []
    parts = re.split(r",\s*|\s+and\s+(?=[A-Z])", m.group(1))
    return [p.strip() for p in parts if p.strip()]


def sponsor_sections(report: Report) -> list[Section]:
    return [s for s in report.sections if s.level >= 1 and s.title.lower().startswith("sponsor")]


def boards(report: Report, terms: list[Entry]) -> tuple[list[Entry], list[tuple[str, Section]]]:
    """Affiliated boards (structure page + "Sponsor – ..." sections) then strategic bodies.

    Also returns ``(board id, next-steps section)`` pairs for :func:`actions`.
    """
    affiliated, strategic = structure(report)
    group = report.group("Sponsors highlight reports")
    expansions = {t["term"]: t["expansion"] for t in terms}
    out: list[Entry] = []
    next_steps: list[tuple[str, Section]] = []
    for sec in sponsor_sections(report):
        blocks = sec.blocks()
        summary = next((b.text for b in blocks if b.kind == "para"), "")
        m = BOARD_RE.match(summary)
        if not m:
            raise report.problem(sec.line, "sponsor section does not start 'The X Board ...'")
        short = m.group("name")
        bid = report.names.body_id(short)
        entry_ = next((e for e in group if slug(e.title).startswith(bid)), None)
        who = re.sub(r"^sponsor\s*[-–:]\s*", "", sec.title, flags=re.I)
        base = affiliated.pop(bid, {})
        sponsor = base.get("sponsor") or sponsor_id(report, sec.line, who)
        aliases: list[str] = []
        if entry_ is not None:
            for acronym in re.findall(r"\(([^)]+)\)", entry_.title):
                aliases.append(acronym)
                if acronym in expansions:
                    aliases.append(expansions[acronym])
        done = [b.text for b in blocks if b.kind == "bullet" and not b.intro]
        learning: list[str] = []
        for child in report.children(sec):
            title = child.title.lower()
            if "done" in title:
                done += [b.text for b in child.items()]
            elif "next" in title:
                next_steps.append((bid, child))
            elif "learning" in title or "lessons" in title:
                learning += [b.text for b in child.bullets()]
        source = entry_.source() if entry_ else report.path
        if base:
            source = f"{source}; {base['source']}"
        entry: Entry = {
            "id": bid,
            "name": f"{short} Board",
            "kind": "affiliated",
            "aliases": aliases,
            "sponsor": sponsor,
            "sponsor_note": base.get("sponsor_note", ""),
            "remit": base.get("remit", ""),
            "summary": summary,
            "panels": _panels(base.get("remit", "")) or _panels(summary),
            "done": done,
            "learning": learning,
            "source": source,
        }
        out.append({k: v for k, v in entry.items() if v not in ("", None, [])})
    out.extend(affiliated.values())  # boards on the structure page only
    return out + strategic, next_steps


def agency_blocks(report: Report) -> list[tuple[str, Section, Section | None]]:
    """``(agency id, done section, next section)`` for each agency highlight report.

    The agency reports have no headings of their own: the k-th "What have we done?"
    is the k-th agency of the contents group "Agency highlight reports".
    """
    group = report.group("Agency highlight reports")
    done = [s for s in report.sections if slug(s.title) == "what-have-we-done"]
    if len(done) != len(group):
        raise report.problem(
            done[0].line if done else 1,
            f"{len(done)} 'What have we done?' sections but {len(group)} agencies in the contents",
        )
    out: list[tuple[str, Section, Section | None]] = []
    for entry_, sec in zip(group, done, strict=True):
        aid = sponsor_id(report, entry_.line, entry_.title)
        nxt = None
        for later in report.sections[report.sections.index(sec) + 1 :]:
            if slug(later.title) == "what-will-we-do-next":
                nxt = later
                break
            if later.level <= sec.level:
                break
        out.append((aid, sec, nxt))
    return out


def agencies(report: Report, boards_: list[Entry], partners: list[str]) -> list[Entry]:
    """Every agency with a highlight report, every sponsor and partner, and their parents."""
    group = {
        sponsor_id(report, e.line, e.title): e for e in report.group("Agency highlight reports")
    }
    done = {aid: sec for aid, sec, _ in agency_blocks(report)}
    wanted: dict[str, str] = {}
    intro = website_source(report)
    for p in partners:
        wanted.setdefault(p, intro)
    for aid, e in group.items():
        wanted.setdefault(aid, e.source())
    for b in boards_:
        if b.get("sponsor"):
            wanted.setdefault(b["sponsor"], b["source"].split("; ")[0])
    for aid in list(wanted):
        parent = report.names.agency(aid).parent
        if parent:
            wanted.setdefault(parent, wanted[aid])
    out: list[Entry] = []
    for a in report.names.agencies:
        if a.id not in wanted:
            continue
        items = []
        if a.id in done:
            items = [b.text for b in done[a.id].blocks() if b.kind != "html" and not b.intro]
        source = group[a.id].source() if a.id in group else wanted[a.id]
        entry: Entry = {
            "id": a.id,
            "name": a.name,
            "aliases": list(a.aliases),
            "parent": a.parent,
            "safeguarding_partner": a.id in partners,
            "done": items,
            "source": source,
        }
        out.append({k: v for k, v in entry.items() if v not in ("", None, [], False)})
    return out


def actions(
    report: Report, owners: list[tuple[str, Section]], not_before: dt.date | None
) -> list[Entry]:
    """Every point of every "What will ... do next?" as an open action ``<owner>-<nn>``."""
    out: list[Entry] = []
    count: dict[str, int] = {}
    for owner, sec in owners:
        source = _owner_source(report, owner, sec)
        for block in sec.items():
            count[owner] = count.get(owner, 0) + 1
            due, due_text = due_date(block.text)
            if due is not None and not_before is not None and due <= not_before:
                due, due_text = None, ""  # a date in the year reported on, not a deadline
            entry: Entry = {
                "id": f"{owner}-{count[owner]:02d}",
                "owner": owner,
                "text": block.text,
                "status": "open",
                "due": due,
                "due_text": due_text,
                "source": source,
            }
            out.append({k: v for k, v in entry.items() if v not in ("", None)})
    return out


def _owner_source(report: Report, owner: str, sec: Section) -> str:
    for e in report.contents:
        if e.group and (
            slug(e.title).startswith(owner) or report.names.agency_id(e.title) == owner
        ):
            return e.source()
    return report.path
