"""What every extractor shares: the entry type, agency look-up, sources and due dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from bot.kb.report import Report

Entry = dict[str, Any]


def sponsor_id(report: Report, line: int, text: str) -> str:
    """The agency id for an agency name; one the names file lacks is learned, with a warning."""
    names = report.names
    assert names is not None
    found = names.agency_id(text)
    if found is None:
        found = names.learn(text)
        report.warn(
            line,
            f"unknown agency {text!r}: kept as {found!r} under the report's own name;"
            " add it and its aliases to the names file (--names)",
        )
    return found


def website_source(report: Report) -> str:
    return report.source(report.section("Introduction", level=1))


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
