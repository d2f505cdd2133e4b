"""Contact answers: the lines for the moment asked about (or now), and the 999 line."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.engine.answers.common import unique
from bot.engine.contacts import AUDIENCE_NOUN, ContactAsk, ContactBook
from bot.engine.intents import patterns
from bot.engine.intents.contact_ask import contact_ask
from bot.engine.intents.parse import Parsed
from bot.engine.library import Library
from bot.engine.types import Answer
from bot.engine.when import asked_moment, asking_part, names_a_time


def contact(lib: Library, q: Parsed, now: dt.datetime) -> Answer:
    """The lines for the moment the question asks about ("on Saturday"), else for now."""
    ask = contact_ask(q, lib.index, lib.book)
    ask = dataclasses.replace(ask, borough=lib.book.borough_in(q.text))  # "an adult in X"
    moment = asked_for(lib, q, now)
    return contact_answer(lib.book, ask, moment or now, later=moment is not None)


def asked_for(lib: Library, q: Parsed, now: dt.datetime) -> dt.datetime | None:
    """The moment a contact question asks about ("on Saturday"), None for now."""
    moment = asked_moment(q.text, now, lib.cal)  # "on Saturday", "on bank holidays"
    if moment and patterns.TIMETABLE.search(asking_part(q.text)) and not names_a_time(q.text):
        return None  # "how late is the mash open on thursdays": the timetable answers
    return moment


def contact_answer(
    book: ContactBook, ask: ContactAsk, now: dt.datetime, later: bool = False
) -> Answer:
    """The lines for the ask at ``now`` (``later``: a moment asked about), then 999."""
    lines, used = book.answer_lines(ask, now, later)
    if not lines:
        lines = ["I have no contact of that kind in the report."]
    who = AUDIENCE_NOUN.get(ask.audience or "", "anyone")
    lines.append(book.emergency_line(who))
    return Answer("contact", "\n".join(lines), unique(c.source for c in used), [], 1.0)
