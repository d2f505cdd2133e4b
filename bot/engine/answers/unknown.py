"""Nothing to answer from the report: say so (with a note why, if known), offer what
the user may have meant, and the 999 line."""

from __future__ import annotations

from bot.engine.answers.help import can_answer
from bot.engine.intents.parse import Parsed
from bot.engine.intents.suggest import suggestions
from bot.engine.library import Library
from bot.engine.types import Answer


def unknown(lib: Library, q: Parsed, note: str | None = None) -> Answer:
    maybe = suggestions(q, lib.index)
    lines = [note or "Sorry, I don't know that from the report."]
    if maybe:
        lines.append("Did you mean: " + "; ".join(maybe) + "?")
    lines.append(can_answer(lib))
    lines.append(lib.book.emergency_line())
    return Answer("unknown", "\n".join(lines), [], maybe, 0.0)


def year_not_covered(lib: Library, q: Parsed, year: str) -> Answer:
    """ "what did the quality board do in 2022": a year the report cannot speak for."""
    p = lib.kb.partnership
    return unknown(
        lib,
        q,
        note=f"The report covers {p.report_period} (with plans to "
        f"{max(lib.known_years)}): it has nothing on {year}.",
    )


def names_no_one(lib: Library, q: Parsed, role: str) -> Answer:
    """ "who is the chief executive of the hospital trust": the report gives posts, not names."""
    who = lib.kb.partnership.scrutineer
    named = f" (the one person it names is {who.name}, {who.role})" if who else ""
    return unknown(lib, q, note=f"The report names no one as {role}{named}.")


def not_held(lib: Library, q: Parsed, word: str) -> Answer:
    """ "what did ofsted say about ...", "the partnership's whistleblowing policy", "jobs at the
    council": documents and matters an annual report does not hold."""
    return unknown(lib, q, note=f'The report says nothing about "{word}".')


def other_area(lib: Library, q: Parsed, place: str) -> Answer:
    """ "the oxfordshire mash number": this partnership's lines are not those."""
    p = lib.kb.partnership
    return unknown(
        lib,
        q,
        note=f"I only know the {p.name} ({p.area}) report: it has nothing for {place}. "
        f"Ask {place}'s council for its safeguarding contacts.",
    )


def unlisted_line(lib: Library, q: Parsed) -> Answer:
    """ "number for the hospital": an organisation the report gives no line for."""
    return unknown(
        lib, q, note="I only have the safeguarding contacts from the report, not that one."
    )


def looks_up(lib: Library, q: Parsed) -> Answer:
    """ "can you check if X is on a CP plan", "the home address of the girl's mum": a
    look-up of a person or their records, which this bot cannot and must not do."""
    return unknown(
        lib,
        q,
        note="I can't look up people, addresses or case records: I only hold the "
        "partnership's annual report. The safeguarding lines below can check records.",
    )
