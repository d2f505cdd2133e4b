"""The safety pass: the rules every answer keeps, checked in one place.

Every public entry point of the engine (``answer``, ``inline``, ``contact``, ``define``)
ends here, so no answer leaves the core without:

1. **danger first**: when the message signals danger now, the first line is the 999 line;
2. **the open line first**: a contact answer never leads with a line that is closed at the
   moment it answers for while another line for that person is open (a line the message
   asks for by name, "ESWT number", comes first as asked, the open line right after it;
   asked whether it is open, "is MASH still open?", the open line leads);
3. **a worry gets the lines**: a worry about a person always gets the lines for the
   moment, even when the message also names another town or asks something else;
4. **the moment said**: an answer for another moment than now says which moment.

The pass works on the finished answer and the evidence read from the message; it returns
the answer unchanged when every rule already holds, and names each repair in ``flags``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from bot.engine.contacts import AUDIENCE_NOUN, AUDIENCE_TITLE, ContactAsk, ContactBook
from bot.engine.hours import stamp
from bot.engine.read.danger import NO_DANGER, DangerReading
from bot.engine.types import Answer
from bot.kb.models import Contact


@dataclass(frozen=True)
class Evidence:
    """What the reading found that the safety rules need."""

    danger: DangerReading = NO_DANGER
    audience: str | None = None
    worry: bool = False  # a worry about a person, or an ask for who to tell
    moment: dt.datetime | None = None  # the moment asked about, when not now
    named_line: bool = False  # the message asks for one line ("ESWT number", "out of hours")
    borough: str | None = None  # the partnership's borough the message names, if any


NOTHING = Evidence()
# Answers that say plainly what cannot be answered; the lines join them, below the reason.
_REFUSALS = frozenset({"rule:looks-up-a-person", "rule:other-area", "rule:not-held"})


def check(ans: Answer, ev: Evidence, now: dt.datetime, book: ContactBook) -> Answer:
    """``ans`` with every safety rule holding (see the module docstring)."""
    moment = ev.moment or now
    lines = ans.text.split("\n")
    repairs: list[str] = []
    kind = ans.kind
    if ev.worry and not _shown(lines, book):
        block, _ = book.answer_lines(
            ContactAsk(audience=ev.audience, borough=ev.borough), moment, ev.moment is not None
        )
        if kind == "unknown" and any(f in ans.flags for f in _REFUSALS):
            # "I can't look up people ...": the refusal first, then the lines, still unknown
            lines = [lines[0], *block, *lines[1:]]
        elif kind == "unknown":  # nothing else answered: the lines are the answer
            lines, kind = [*block, *lines], "contact"
        else:  # the answer asked for, then the lines for the person
            lines = [*lines, "For the person you are worried about:", *block]
        repairs.append("safety:worry-lines")
    lead, at = _closed_lead(lines, moment, ev.moment is not None, book, ev.borough)
    if lead:
        # a line asked for by name comes first, as asked, with the open one right after it
        lines.insert(at + 1 if ev.named_line else 0, lead)
        repairs.append("safety:open-line-first")
    if ev.moment is not None and kind == "contact" and not _says_moment(lines, ev.moment, book):
        lines.insert(0, f"For {stamp(ev.moment, book.cal, dated=True)}:")
        repairs.append("safety:moment")
    if ev.danger and "999" not in lines[0]:
        who = AUDIENCE_NOUN.get(ev.audience or "", "anyone")
        lines.insert(0, book.emergency_line(who))
        repairs.append("safety:999-first")
    if not repairs:
        return ans
    return dataclasses.replace(ans, kind=kind, text="\n".join(lines), flags=[*ans.flags, *repairs])


def _shown(lines: list[str], book: ContactBook) -> list[tuple[int, Contact]]:
    """Each local phone line the answer shows, with the index of the line it is on."""
    return [
        (i, c)
        for i, line in enumerate(lines)
        for group in book.phones.values()
        for c in group
        if c.phone and c.phone in line
    ]


def _closed_lead(
    lines: list[str],
    moment: dt.datetime,
    later: bool,
    book: ContactBook,
    borough: str | None = None,
) -> tuple[str | None, int]:
    """The line to lead with (and the index of the closed line shown first) when the first phone line shown is closed at ``moment`` and
    another line for the same person is open then; None when the first is fine."""
    shown = _shown(lines, book)
    if not shown:
        return None, 0
    at, first = min(shown, key=lambda x: x[0])
    head = book.open_lead(first, moment, later, borough)  # another line, in that area
    if head is None:
        return None, 0
    title = AUDIENCE_TITLE[first.audience]
    return (head if title.lower() in head.lower() else f"{title}: {head}"), at


def _says_moment(lines: list[str], moment: dt.datetime, book: ContactBook) -> bool:
    day = stamp(moment, book.cal, dated=True).split()[0]
    return any(day.lower() in line.lower() for line in lines[:3])
