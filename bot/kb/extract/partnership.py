"""The front pages: the partnership, its partners, priorities, scrutineer and website."""

from __future__ import annotations

import re

from bot.kb.extract.common import Entry, sponsor_id
from bot.kb.report import Report, clean, slug


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
        "timezone": report.names.timezone,
        "holidays": dict(report.names.holidays),
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
        found = report.names.agency_id(part)
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
