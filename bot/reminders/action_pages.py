"""Actions as a phone can take them: a short summary, then pages (plain text, pure).

``/actions`` and the weekly digest both start with a summary (open and overdue counts per
owner); the list itself comes in pages the Telegram adapter shows with Previous/Next
buttons. Every page fits one Telegram message.

A report's plans run to the end of the year after its period ("2019-20": to 31 March
2021) or to its latest due date if later; the next report, on that year, is out within a
year after. Once that year is past too, an open action is no longer "overdue": it belongs
to an earlier report, the summary says so once instead of flagging every item, and no
overdue escalation is sent for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.kb.models import Action, KnowledgeBase

PAGE_ITEMS = 8  # actions per page: a screen or two on a phone
PAGE_CHARS = 3500  # well inside 4,096 with the page's header and footer
ADMIN_FOOTER = "Admins: /done ACTION [note], /reopen ACTION [note]."
_PERIOD = re.compile(r"(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\b")


def plans_end(kb: KnowledgeBase) -> dt.date | None:
    """The last day the report's plans cover, or None when the period cannot be read."""
    m = _PERIOD.search(kb.partnership.report_period or "")
    if m is None:
        return None
    start = int(m.group(1))
    end = int(m.group(2)) if len(m.group(2)) == 4 else start // 100 * 100 + int(m.group(2))
    if end < start:
        end += 100
    last = dt.date(end + 1, 3, 31)  # the plans are for the year after the report's
    dues = [a.due for a in kb.actions if a.due is not None]
    return max([last, *dues])


def current_until(kb: KnowledgeBase) -> dt.date | None:
    """The last day the report is the current one: a year after its plans end."""
    end = plans_end(kb)
    return None if end is None else end + dt.timedelta(days=365)


def report_ended(kb: KnowledgeBase, today: dt.date) -> bool:
    """True once a newer report has superseded this one: its actions are history."""
    until = current_until(kb)
    return until is not None and today > until


def is_overdue(kb: KnowledgeBase, a: Action, state: str, today: dt.date) -> bool:
    """Open, past its due date, and from a report whose plans still run."""
    return state == "open" and a.due is not None and a.due < today and not report_ended(kb, today)


@dataclass(frozen=True)
class ActionList:
    """The actions of one scope with their statuses, as of ``today``."""

    kb: KnowledgeBase
    actions: Sequence[Action]
    statuses: Mapping[str, str]
    today: dt.date
    title: str = "Next actions"
    show_owner: bool = True

    def state(self, a: Action) -> str:
        return self.statuses.get(a.id, a.status)

    def ordered(self) -> list[Action]:
        """Open actions first (in the report's order), then the rest."""
        return sorted(self.actions, key=lambda a: self.state(a) != "open")

    def counts(self) -> list[tuple[str, int, int, int]]:
        """(owner name, open, overdue, total) per owner, in the report's order."""
        rows: dict[str, list[int]] = {}
        for a in self.actions:
            row = rows.setdefault(a.owner, [0, 0, 0])
            state = self.state(a)
            row[0] += state == "open"
            row[1] += is_overdue(self.kb, a, state, self.today)
            row[2] += 1
        return [(self.kb.owner_name(o), *r) for o, r in rows.items()]

    def earlier_report_note(self) -> str | None:
        """Said once: the open actions come from a report whose plans have ended."""
        if not report_ended(self.kb, self.today):
            return None
        if not any(self.state(a) == "open" for a in self.actions):
            return None
        p = self.kb.partnership
        end = plans_end(self.kb)
        assert end is not None
        return (
            f"These actions belong to an earlier report, the {p.report_title}, whose plans ran "
            f"to {end.day} {end:%B %Y}: none is counted as overdue. Ask the board for its "
            "current plan."
        )

    def item(self, a: Action) -> str:
        state = self.state(a)
        due = ""
        if a.due is not None:
            late = " - OVERDUE" if is_overdue(self.kb, a, state, self.today) else ""
            due = f", due {a.due.day} {a.due:%b %Y}{late}"
        elif a.due_text:
            due = f", due {a.due_text}"
        owner = f"{self.kb.owner_name(a.owner)}: " if self.show_owner else ""
        return f"- [{a.id}] {owner}{a.text} ({state}{due})"

    def pages(self) -> list[list[str]]:
        """The items cut into pages of at most ``PAGE_ITEMS`` and ``PAGE_CHARS``."""
        out: list[list[str]] = []
        current: list[str] = []
        size = 0
        for a in self.ordered():
            line = self.item(a)[:PAGE_CHARS]
            if current and (len(current) >= PAGE_ITEMS or size + len(line) + 1 > PAGE_CHARS):
                out.append(current)
                current, size = [], 0
            current.append(line)
            size += len(line) + 1
        if current:
            out.append(current)
        return out

    def summary(self, admin: bool = False, head: str | None = None, owners: int = 2) -> str:
        """The first message: totals, then open/overdue per owner, then what to tap."""
        open_n = sum(1 for a in self.actions if self.state(a) == "open")
        late_n = sum(1 for a in self.actions if is_overdue(self.kb, a, self.state(a), self.today))
        late = f", {late_n} overdue" if late_n else ""
        lines = [head or f"{self.title}: {open_n} open of {len(self.actions)}{late}."]
        rows = self.counts()
        if len(rows) >= owners:  # one owner: the title already names it
            for name, n_open, n_late, total in rows:
                of = f" of {total}" if n_open != total else ""
                late = f", {n_late} overdue" if n_late else ""
                lines.append(f"- {name}: {n_open} open{of}{late}")
        note = self.earlier_report_note()
        if note:
            lines.append(note)
        if self.actions:
            n = len(self.pages())
            lines.append(f"The list has {n} page{'s' if n != 1 else ''}: tap the button below.")
        if admin:
            lines.append(ADMIN_FOOTER)
        return "\n".join(lines)

    def page(self, number: int, admin: bool = False) -> tuple[str, int, int]:
        """(text, page number actually shown (0-based, clamped), number of pages)."""
        pages = self.pages() or [["No actions."]]
        number = max(0, min(number, len(pages) - 1))
        lines = [f"{self.title} ({number + 1}/{len(pages)})", *pages[number]]
        if admin:
            lines.append(ADMIN_FOOTER)
        return "\n".join(lines), number, len(pages)


def digest_summary(lst: ActionList) -> str:
    """The weekly digest: the summary of the open actions a chat follows."""
    n = len(lst.actions)
    head = f"Weekly digest: {n} open action{'s' if n != 1 else ''}."
    text = lst.summary(head=head, owners=1)
    return text.replace("tap the button below.", "tap the button below or send /actions.")
