"""Nothing to answer from the report: say so (with a note why, if known), offer what
the user may have meant, and the 999 line."""

from __future__ import annotations

from bot.engine.intents.parse import Parsed
from bot.engine.intents.suggest import suggestions
from bot.engine.library import Library
from bot.engine.types import Answer


def unknown(lib: Library, q: Parsed, note: str | None = None) -> Answer:
    maybe = suggestions(q, lib.index)
    lines = [note or "Sorry, I don't know that from the report."]
    if maybe:
        lines.append("Did you mean: " + "; ".join(maybe) + "?")
    lines.append(
        'I can answer: who to call now, acronyms ("what is MARAC"), boards ("who '
        'sponsors the risk board") and next actions ("what will the voice board do next").'
    )
    lines.append(lib.book.emergency_line())
    return Answer("unknown", "\n".join(lines), [], maybe, 0.0)
