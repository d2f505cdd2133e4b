"""Extractors: a parsed :class:`~bot.kb.report.Report` -> entries of the knowledge base.

Each function returns plain dicts in the field order of :mod:`bot.kb.models`, ready
for YAML. Ids come from the names table (:mod:`bot.kb.names`) or from slugs of the
report's own words, so the same report always gives the same ids.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from bot.kb import names
from bot.kb.report import Block, Report, Section, clean, slug
from bot.kb.timeranges import describe_hours, parse_opening

Entry = dict[str, Any]

_TERM_RE = re.compile(r"<b>(.*?)</b>\s*([^\t]*)")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ]{5,}[0-9](?:/[0-9]{1,4})?$")
_EMAIL_RE = re.compile(r"[^@\s\[\]()<>:]+@[^@\s\[\]()<>]+\.[a-z]{2,}", re.I)
_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}\b")
_EMERGENCY_RE = re.compile(r"\b(999|112)\b")


# -- glossary -----------------------------------------------------------------


def glossary(report: Report) -> list[Entry]:
    """Every ``<b>TERM</b> expansion`` cell of the glossary tables, column by column."""
    section = report.section("Glossary", level=1)
    source = report.source(section)
    tables: list[list[list[tuple[str, str]]]] = [[]]
    for _, raw in section.lines:
        if not raw.strip():
            if tables[-1]:
                tables.append([])
            continue
        cells = [_TERM_RE.search(cell) for cell in raw.split("\t")]
        tables[-1].append([(m.group(1), m.group(2)) if m else ("", "") for m in cells])
    terms: list[Entry] = []
    for table in tables:
        width = max((len(row) for row in table), default=0)
        for col in range(width):
            for row in table:
                if col < len(row) and row[col][0].strip():
                    term, expansion = clean(row[col][0]), clean(row[col][1])
                    terms.append(
                        {"id": slug(term), "term": term, "expansion": expansion, "source": source}
                    )
    return terms


# -- contacts -----------------------------------------------------------------


def contacts(
    report: Report, terms: list[Entry], website: str = "", partnership_name: str = ""
) -> list[Entry]:
    """Phone lines, email boxes and the office address of the Contacts section.

    A line of text (a name and/or opening hours) waits for the phone number under it;
    an email or an address stands alone, except that an email right under an address
    belongs to it. Ids are ``<audience>-<role>``: the role is the name in the text, else
    ``weekday`` / ``out-of-hours`` / ``email``; an address gives ``<service>-office``.
    """
    top = report.section("Contacts")
    expansions = {t["term"]: t["expansion"] for t in terms}
    source = report.source(top)
    out: list[Entry] = []
    for part in report.until_next(top, top.level):
        service = part.title if part is not top else ""
        where = f"{source}, {service}" if service else source
        pending: Block | None = None
        last_hours: Entry | None = None
        for block in part.blocks():
            text = block.text
            emails = _EMAIL_RE.findall(text)
            if not service and _EMERGENCY_RE.search(text):
                out.append(_emergency(text, where))
            elif not service:
                continue
            elif _PHONE_RE.match(text):
                entry = _phone_contact(service, pending.text if pending else "", text, where)
                if entry["label"] in expansions:  # "MASH" -> "MASH (Multi-Agency ...)"
                    short, long = entry["label"], expansions[entry["label"]]
                    entry["label"] = f"{short} ({long})"
                    entry["aliases"] = [short, long]
                    _reorder(entry)
                if entry.get("outside") == "" and last_hours is not None:
                    entry["outside"] = last_hours["id"]
                    name = (last_hours.get("aliases") or [last_hours["label"]])[0]
                    entry["hours_text"] += f", when the {name} is closed"
                entry = {k: v for k, v in entry.items() if v != ""}
                if "hours" in entry:
                    last_hours = entry
                out.append(entry)
                pending = None
            elif emails and out and out[-1].get("address") and not out[-1].get("email"):
                out[-1]["email"] = emails[0]
                _reorder(out[-1])
            elif emails:
                role = _audience(service)
                out.append(
                    {
                        "id": f"{role}-email",
                        "label": f"{service} email",
                        "service": service,
                        "audience": role if role in ("children", "adults") else "anyone",
                        "email": emails[0],
                        "source": where,
                    }
                )
            elif _POSTCODE_RE.search(text):
                name = text.split(",")[0].strip()
                full = partnership_name if partnership_name.startswith(name) else name
                entry = {
                    "id": f"{slug(name)}-office",
                    "label": f"{full} office",
                    "service": name,
                    "aliases": list(dict.fromkeys([name, full, f"{name} office"])),
                    "audience": "anyone",
                    "address": text,
                    "source": source,
                }
                if website:
                    entry["website"] = website
                    entry["source"] = f"{source}; website from {website_source(report)}"
                out.append(entry)
            else:
                pending = block
    return out


_CONTACT_ORDER = [
    "id",
    "label",
    "service",
    "aliases",
    "audience",
    "phone",
    "other_phones",
    "email",
    "address",
    "website",
    "purpose",
    "emergency",
    "always",
    "hours",
    "bank_holidays",
    "outside",
    "hours_text",
    "source",
]


def _reorder(entry: Entry) -> None:
    items = sorted(entry.items(), key=lambda kv: _CONTACT_ORDER.index(kv[0]))
    entry.clear()
    entry.update(items)


def _audience(service: str) -> str:
    words = slug(service).split("-")
    for a in ("children", "adults"):
        if a in words:
            return a
    return slug(service)


def _emergency(text: str, source: str) -> Entry:
    number = _EMERGENCY_RE.search(text).group(1)  # type: ignore[union-attr]
    who = re.search(
        r"concern about (an? [\w ]+?) and (?:they|he|she) (?:are|is) ([^,.]*danger)", text
    )
    return {
        "id": f"emergency-{number}",
        "label": "Emergency services",
        "service": "Emergency services",
        "audience": "anyone",
        "phone": number,
        "purpose": f"when {who.group(1)} is {who.group(2)}" if who else "",
        "emergency": True,
        "always": True,
        "hours_text": "24 hours a day, every day",
        "source": source,
    }


def _phone_contact(service: str, text: str, phone: str, source: str) -> Entry:
    audience = _audience(service)
    name, _, hours_part = text.partition(" - ")
    if not hours_part:
        name, hours_part = "", text
    paren = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
    if paren and not name:
        name, hours_part = paren.group(1), paren.group(2)
    opening = parse_opening(hours_part)
    if name:
        words = [w for w in slug(name).split("-") if w not in ("team", "the", "service")]
        role, label = "-".join(words), name
    elif re.match(r"(?i)\s*out of (office )?hours", hours_part):
        role, label = "out-of-hours", f"{service} out of hours"
    else:
        role, label = "weekday", service
    numbers = _phones(phone)
    entry: Entry = {
        "id": f"{audience}-{role}",
        "label": label,
        "service": service,
        "audience": audience if audience in ("children", "adults") else "anyone",
        "phone": numbers[0],
        "other_phones": numbers[1:],
        "hours": opening.hours,
        "bank_holidays": opening.bank_holidays or "",
        "outside": "" if opening.out_of_hours else None,
        "hours_text": describe_hours(opening.hours, opening.bank_holidays) or hours_part.strip(),
        "source": source,
    }
    if not entry["other_phones"]:
        del entry["other_phones"]
    if not entry["hours"]:
        del entry["hours"]
    if entry["outside"] is None:
        del entry["outside"]
    return entry


def _phones(text: str) -> list[str]:
    """``01908 253169/70`` -> ``["01908 253169", "01908 253170"]``."""
    first, *rest = text.split("/")
    first = first.strip()
    return [first] + [first[: len(first) - len(r.strip())] + r.strip() for r in rest]


def website_source(report: Report) -> str:
    return report.source(report.section("Introduction", level=1))


# -- helpers shared by the other extractors -------------------------------------


def due_date(text: str) -> tuple[dt.date | None, str]:
    """``in January 2021`` -> the month's last day; ``from 1 April 2021`` -> that day."""
    m = re.search(r"\bfrom (\d{1,2}) ([A-Z][a-z]+) (\d{4})\b", text)
    if m and m.group(2) in _MONTHS:
        day, month, year = int(m.group(1)), _MONTHS.index(m.group(2)), int(m.group(3))
        return dt.date(year, month, day), m.group(0)
    m = re.search(r"\bin ([A-Z][a-z]+) (\d{4})\b", text)
    if m and m.group(1) in _MONTHS:
        month, year = _MONTHS.index(m.group(1)), int(m.group(2))
        return dt.date(year, month, calendar.monthrange(year, month)[1]), m.group(0)
    return None, ""


_MONTHS = list(calendar.month_name)


# -- boards -------------------------------------------------------------------

_SPONSOR_RE = re.compile(r"\bSponsor:\s*(?P<who>[^()]+?)\s*(?:\((?P<note>[^)]*)\))?\s*\.?$")
_MEMBERS_RE = re.compile(r"Core membership \((\d+) members\)", re.I)
_MEETINGS_RE = re.compile(r"^(\d+)\s+Meetings annually", re.I)
_BOARD_RE = re.compile(r"^The (?P<name>[A-Z][\w' ]*?) Board\b")


def sponsor_id(report: Report, line: int, text: str) -> str:
    """The agency id for a sponsor name, or a report problem naming the unknown agency."""
    found = names.agency_id(text)
    if found is None:
        raise report.problem(line, f"unknown agency {text!r}: add it to bot/kb/names.py")
    return found


def _role(note: str) -> str:
    """``DPH`` -> ``Director of Public Health`` (table in names.py)."""
    return names.ROLES.get(note, note)


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
        bid = names.BODY_IDS.get(title, slug(title))
        entry: Entry = {
            "id": bid,
            "name": title,
            "kind": "affiliated",
            "sponsor": sponsor_id(report, b.line, m.group("who")),
            "sponsor_note": _role(m.group("note") or ""),
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
        bid = names.BODY_IDS.get(body.title, slug(body.title))
        entry = {"id": bid, "name": body.title, "kind": "strategic"}
        if names.BODY_ALIASES.get(bid):
            entry["aliases"] = list(names.BODY_ALIASES[bid])
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
        m = _BOARD_RE.match(summary)
        if not m:
            raise report.problem(sec.line, "sponsor section does not start 'The X Board ...'")
        short = m.group("name")
        bid = names.BODY_IDS.get(short, slug(short))
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


# -- agencies -----------------------------------------------------------------


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
        parent = names.agency(aid).parent
        if parent:
            wanted.setdefault(parent, wanted[aid])
    out: list[Entry] = []
    for a in names.AGENCIES:
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


# -- actions ------------------------------------------------------------------


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
        if e.group and (slug(e.title).startswith(owner) or names.agency_id(e.title) == owner):
            return e.source()
    return report.path


# -- partnership --------------------------------------------------------------


def partnership(report: Report) -> Entry:
    """Name, area, partners, priorities, scrutineer and website from the front pages."""
    intro_head = report.section("Introduction", level=1)
    intro = report.until_next(intro_head, 1)
    text = " ".join(b.text for s in intro for b in s.blocks())
    raw = "\n".join(r for s in intro for _, r in s.lines)
    m = re.search(r"\bas the ((?:[A-Z][\w]* )+Partnership)\b", text)
    name = m.group(1) if m else ""
    m = re.search(r"\bin ((?:[A-Z][a-z]+ ?)+)\b", text)
    area = m.group(1).strip() if m else ""
    partners = partner_ids(report, text)
    priorities: list[str] = []
    lines = raw.splitlines()
    for k, line in enumerate(lines):
        if "priorities" in line.lower():
            for nxt in lines[k + 1 :]:
                if "\t" in nxt:
                    priorities = [re.sub(r"\s*/\s*", " / ", clean(c)) for c in nxt.split("\t")]
                    priorities = [p for p in priorities if p]
                    break
            break
    m = re.search(r"\[(www\.[^\]]+)\]|\b(www\.[\w.-]+\w)", raw)
    website = (m.group(1) or m.group(2)) if m else ""
    title = clean(_title_line(report))
    period = re.search(r"\d{4}-\d{2}", title)
    short = re.sub(r"\s+Partnership$", "", name)
    foreword = report.entry("Foreword")
    scrutineer = _scrutineer(report)
    entry: Entry = {
        "id": slug(short),
        "name": name,
        "area": area,
        "report_title": f"{short} {title.title()}".strip(),
        "report_period": period.group(0) if period else "",
        "timezone": names.TIMEZONE,
        "holidays": dict(names.HOLIDAYS),
        "safeguarding_partners": partners,
        "priorities": priorities,
        "scrutineer": scrutineer,
        "website": website,
        "source": f"{report.source(intro_head)}; {foreword.source()}",
    }
    return {k: v for k, v in entry.items() if v not in ("", None, [])}


def partner_ids(report: Report, text: str) -> list[str]:
    m = re.search(r"safeguarding partners\s*[-–:]\s*(.+?)\s*[-–]\s", text)
    if not m:
        return []
    out = []
    for part in re.split(r",\s*", m.group(1)):
        found = names.agency_id(part)
        if found:
            out.append(found)
            continue
        for piece in re.split(r"\s+and\s+", part):
            out.append(sponsor_id(report, 1, piece))
    return out


def _title_line(report: Report) -> str:
    for raw in report.lines:
        m = re.match(r"^#\s+(.*)$", raw)
        if m:
            return m.group(1)
    return ""


def _scrutineer(report: Report) -> Entry | None:
    bold = [(no, clean(raw)) for s in report.sections if s.level == 0 for no, raw in s.lines]
    bold_lines = [
        (no, t) for no, t in bold if re.match(r"^\*\*.+\*\*\s*$", report.lines[no - 1].strip())
    ]
    for k, (_, t) in enumerate(bold_lines):
        if "independent scrutineer" in t.lower() and k > 0:
            name = bold_lines[k - 1][1]
            role = " ".join(x for _, x in bold_lines[k:])
            return {"name": name, "role": role}
    return None


# -- inline terms ---------------------------------------------------------------

_AFTER_RE = re.compile(r"\(([A-Z][A-Za-z0-9&-]{1,11})\)")  # "problem-solving team (PST)"
_BEFORE_RE = re.compile(r"\b([A-Za-z]*[A-Z][A-Za-z0-9&-]{1,11}) \(([^()]{3,80})\)")  # "RFG (...)"
_SMALL_WORDS = {"and", "of", "the", "for", "on", "in", "to", "&", "a", "an"}


def anchors(report: Report) -> list[tuple[int, str]]:
    """``(first line, source)`` of every stretch of the report whose page is known."""
    out: list[tuple[int, str]] = []
    preamble = report.sections[0]
    foreword = next((e for e in report.contents if "foreword" in e.title.lower()), None)
    if preamble.lines and foreword is not None:
        out.append((preamble.lines[0][0], foreword.source()))
    for s in report.sections:
        entry = report.entry_for(s) if s.level >= 1 else None
        if entry is not None and (s.level == 1 or slug(s.title) == slug(entry.title)):
            out.append((s.line, entry.source(s.title)))
    group = report.group("Sponsors highlight reports")
    for sec in sponsor_sections(report):
        m = _BOARD_RE.match(next((b.text for b in sec.blocks() if b.kind == "para"), ""))
        found = m and next((e for e in group if slug(e.title).startswith(slug(m["name"]))), None)
        if found:
            out.append((sec.line, found.source()))
    for line, raw in enumerate(report.lines, 1):
        if raw.startswith("<p><b>"):  # the MKSB round-up table follows the board reports
            roundup = next((e for e in report.contents if "round up" in e.title.lower()), None)
            if roundup is not None:
                out.append((line, roundup.source()))
            break
    entries = report.group("Agency highlight reports")
    for entry, (_, sec, _) in zip(entries, agency_blocks(report), strict=True):
        out.append((sec.line, entry.source()))
    return sorted(out)


def source_at(anchors_: list[tuple[int, str]], line: int) -> str:
    found = [src for start, src in anchors_ if start <= line]
    return found[-1] if found else ""


def inline_terms(report: Report, terms: list[Entry]) -> list[Entry]:
    """Acronyms the text spells out (``problem-solving team (PST)``, ``RFG (Recency, ...)``)
    that the glossary lacks or expands differently: ``inline: true`` senses."""
    known: dict[str, list[str]] = {}
    for t in terms:
        known.setdefault(t["term"].lower(), []).append(t["expansion"])
    ids = {t["id"] for t in terms}
    where = anchors(report)
    skip = {report.section("Glossary", level=1).line, report.section("Contacts").line}
    out: list[Entry] = []
    for sec in report.sections:
        if sec.line in skip or sec.level == 0 and not where:
            continue
        for block in sec.blocks():
            for acronym, expansion in _spelled_out(block.text):
                senses = known.setdefault(acronym.lower(), [])
                if any(_same_sense(expansion, s, acronym) for s in senses):
                    continue
                senses.append(expansion)
                tid = slug(acronym)
                if tid in ids:  # another sense: pst-problem-solving-team
                    tid = f"{tid}-{_clip(slug(expansion), 40)}"
                ids.add(tid)
                out.append(
                    {
                        "id": tid,
                        "term": acronym,
                        "expansion": expansion,
                        "inline": True,
                        "source": source_at(where, block.line) or report.path,
                    }
                )
    return out


def _clip(slug_: str, width: int) -> str:
    """A slug cut at a word boundary."""
    out = ""
    for word in slug_.split("-"):
        if out and len(out) + 1 + len(word) > width:
            break
        out = f"{out}-{word}" if out else word
    return out


def _spelled_out(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for m in _AFTER_RE.finditer(text):
        acronym = _singular(m.group(1))
        words = list(re.finditer(r"[A-Za-z0-9']+|&", text[: m.start()]))
        start = _match_backwards(_letters(acronym), [w.group(0) for w in words])
        if start is not None:
            found.append((acronym, text[words[start].start() : m.start()].strip()))
    for m in _BEFORE_RE.finditer(text):
        acronym = _singular(m.group(1))
        words = re.findall(r"[A-Za-z0-9']+|&", m.group(2))
        if _initials_match(_letters(acronym), words):
            found.append((acronym, m.group(2).strip()))
    return found


def _singular(acronym: str) -> str:
    return acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym


def _letters(acronym: str) -> list[str]:
    upper = [c.lower() for c in acronym if c.isupper() or c.isdigit()]
    return upper if len(upper) >= 2 else [c.lower() for c in acronym if c.isalnum()]


def _match_backwards(letters: list[str], words: list[str]) -> int | None:
    """Index of the first of the last ``words`` whose initials spell ``letters``, if any."""
    i = len(letters) - 1
    k = len(words)
    while i >= 0 and k > 0:
        k -= 1
        word = words[k]
        if word[0].lower() == letters[i]:
            i -= 1
        elif word.lower() not in _SMALL_WORDS:
            return None
    if i >= 0 or k == len(words) or words[k].lower() in _SMALL_WORDS:
        return None
    return k


def _initials_match(letters: list[str], words: list[str]) -> bool:
    initials = [w[0].lower() for w in words if w.lower() not in _SMALL_WORDS]
    with_small = [w[0].lower() for w in words]
    return letters in (initials, with_small)


def _same_sense(a: str, b: str, acronym: str = "") -> bool:
    """The same words spell the acronym in both, or one's words are all in the other's.

    Plurals, case and punctuation are ignored: "Safeguarding Adult Reviews" is the
    glossary's "Safeguarding Adult Review", but "Community Resolution Multi-Agency ..."
    is not "Community Risk-Multi-Agency ..." (a different word carries the R).
    """

    def words(text: str) -> list[str]:
        return [w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower())]

    wa, wb = words(a), words(b)
    letters = _letters(acronym) if acronym else []
    if letters and all(_initials_match(letters, re.findall(r"[A-Za-z0-9']+|&", x)) for x in (a, b)):
        return [w for w in wa if w not in _SMALL_WORDS] == [w for w in wb if w not in _SMALL_WORDS]
    sa, sb = set(wa) - _SMALL_WORDS, set(wb) - _SMALL_WORDS
    return sa <= sb or sb <= sa
