"""Where a shown number comes from and when it was last checked.

Every answer that shows one of the report's phone numbers or email addresses gets one line
saying so: "Numbers from the REPORT; last checked 1 Dec 2026." The date is the latest of a
check recorded by an admin (``checks``: contact id -> date, read from the database by the
adapter; the engine never reads it) and the contact's own ``verified_on`` in the knowledge
file; with neither, "not checked since the report". The line goes just above the closing
999 line (and above any curated "Also:" fact), so the first line (the answer, or 999 on
danger) and the last stay as they were.
The 999 line itself is not stamped: it is never out of date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from bot.engine.types import Answer
from bot.kb.models import Contact, KnowledgeBase

FLAG = "provenance"
ALSO = "Also: "  # a curated fact added below the report's lines (bot.engine.answers.local)


def checked_on(fact_id: str, own: dt.date | None, checks: Mapping[str, dt.date]) -> dt.date | None:
    """The last check of a fact: a recorded one (database) or the file's date, the later."""
    dates = [d for d in (own, checks.get(fact_id)) if d is not None]
    return max(dates) if dates else None


def day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def shown(text: str, kb: KnowledgeBase) -> list[Contact]:
    """The report's contacts (not the emergency line) whose number or email the text shows."""
    out = []
    for c in kb.contacts:
        if c.emergency:
            continue
        values = [v for v in (c.phone, *c.other_phones, c.email) if v]
        if any(v in text for v in values):
            out.append(c)
    return out


def provenance_line(
    kb: KnowledgeBase, contacts: list[Contact], checks: Mapping[str, dt.date]
) -> str:
    when = {c.id: checked_on(c.id, c.verified_on, checks) for c in contacts}

    def said(d: dt.date | None) -> str:
        return f"last checked {day(d)}" if d else "not checked since the report"

    head = f"Numbers from the {kb.partnership.report_title}"
    if len(set(when.values())) == 1:
        return f"{head}; {said(next(iter(when.values())))}."
    parts = [f"{c.label.split(' (')[0]} {said(when[c.id])}" for c in contacts]
    return f"{head}: " + "; ".join(parts) + "."


def stamp(ans: Answer, kb: KnowledgeBase, checks: Mapping[str, dt.date]) -> Answer:
    """``ans`` with its numbers' provenance line (unchanged when it shows none)."""
    contacts = shown(ans.text, kb)
    if not contacts or FLAG in ans.flags:
        return ans
    lines = ans.text.split("\n")
    at = len(lines) - 1 if len(lines) > 1 and "999" in lines[-1] else len(lines)
    at = next((i for i, t in enumerate(lines) if t.startswith(ALSO)), at)  # report lines' own
    lines.insert(at, provenance_line(kb, contacts, checks))
    return dataclasses.replace(ans, text="\n".join(lines), flags=[*ans.flags, FLAG])
