"""Extract the appendices: attendance at the management board and the budget (tab tables).

Both are tables flattened to tab-separated lines. Attendance: a header line (a note,
then one cell per meeting) and one line per member with ``✓`` / ``x`` / empty cells.
Budget: contributions (agency, children's, adults', total) and a summary whose bold
first cell starts a heading. Amounts are whole pounds; the report prints the
contributions as negative numbers (income), here they are what each agency paid.
"""

from __future__ import annotations

import re
from typing import Any

from bot.kb.report import Report, Section, clean

Entry = dict[str, Any]
_TICK = "\u2713"


def attendance(report: Report) -> Entry:
    head = next(s for s in report.sections if s.level == 1 and s.title.startswith("Appendix A"))
    rows = _tab_rows(head)
    if not rows:
        raise report.problem(head.line, "appendix A has no table")
    note, *meetings = rows[0]
    meetings = [re.sub(r"^\*\s*", "", m) for m in meetings]
    out_rows = []
    for cells in rows[1:]:
        member, *marks = cells
        attended = [m for m, mark in zip(meetings, marks, strict=False) if mark == _TICK]
        out_rows.append({"member": member, "attended": attended})
    return {
        "title": head.title,
        "meetings": meetings,
        "rows": out_rows,
        "note": note,
        "source": report.source(head),
    }


def budget(report: Report) -> Entry:
    head = next(s for s in report.sections if s.level == 1 and s.title.startswith("Appendix B"))
    parts = report.until_next(head, 1)
    contributions: list[Entry] = []
    summary: list[Entry] = []
    printed: list[int | None] = [None, None, None]
    for part in parts[1:]:
        rows = _tab_rows(part, keep_markup=True)
        if "contribution" in part.title.lower():
            for cells in rows:
                name = clean(cells[0])
                if name.lower() == "total":
                    printed = [_amount(c) for c in (cells[1:] + ["", "", ""])[:3]]
                    continue
                if not name or "<u>" in cells[0]:  # the header line
                    continue
                amounts = [_amount(c) for c in (cells[1:] + ["", "", ""])[:3]]
                m = re.match(r"^(.*?)\s*\((including [^)]*)\)$", name)
                entry = {
                    "agency": m.group(1) if m else name,
                    "children": amounts[0],
                    "adults": amounts[1],
                    "total": amounts[2],
                    "note": m.group(2) if m else "",
                }
                contributions.append({k: v for k, v in entry.items() if v not in (None, "")})
        elif "summary" in part.title.lower():
            heading = ""
            for cells in rows:
                cells = (cells + ["", "", ""])[:3]
                if "<b>" in cells[0]:
                    heading = clean(cells[0])
                item, amount = clean(cells[1]), cells[2]
                if "<b>" in cells[1]:  # a bold item is a heading of its own: "Total"
                    heading = item
                    paren = re.search(r"\(([^)]*)\)", clean(amount))
                    item = paren.group(1).capitalize() if paren else item
                value = _amount(amount)
                if value is not None:
                    summary.append({"heading": heading, "item": item, "amount": value})
    note = "Amounts in pounds; contributions are what each agency paid in."
    for column, total in zip(("children", "adults", "total"), printed, strict=True):
        added = sum(c.get(column, 0) for c in contributions)
        if total is not None and total != added:
            note += (
                f" The report prints a {column} total of {total:,}; the rows add up to {added:,}."
            )
    return {
        "title": head.title,
        "contributions": contributions,
        "summary": summary,
        "note": note,
        "source": report.source(head),
    }


def _tab_rows(section: Section, keep_markup: bool = False) -> list[list[str]]:
    rows = []
    for _, raw in section.lines:
        if "\t" not in raw:
            continue
        cells = raw.split("\t")
        rows.append([c.strip() if keep_markup else clean(c) for c in cells])
    return rows


def _amount(cell: str) -> int | None:
    m = re.search(r"-?[\d,]+", clean(cell))
    return abs(int(m.group(0).replace(",", ""))) if m and m.group(0) not in ("-", ",") else None
