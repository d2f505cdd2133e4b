"""Agency answers: what the report says of one agency."""

from __future__ import annotations

from bot.engine.answers.common import unique
from bot.engine.answers.report_facts import count_word
from bot.engine.library import Library
from bot.engine.types import Answer
from bot.kb.models import Agency


def agency(lib: Library, a: Agency) -> Answer:
    lines = [f"{a.name}" + (f" ({', '.join(a.aliases[:3])})" if a.aliases else "") + "."]
    if a.description:
        lines.append(a.description)
    if a.parent:
        lines.append(f"Part of {lib.agency_name(a.parent)}.")
    if a.safeguarding_partner:
        n = len(lib.kb.partnership.safeguarding_partners)
        who = (
            f"one of the {count_word(n)} safeguarding partners"
            if n > 1
            else "a safeguarding partner"
        )
        lines.append(f"{who[0].upper()}{who[1:]} of {lib.kb.partnership.name}.")
    sponsored = [b.name for b in lib.kb.boards if b.sponsor == a.id]
    if sponsored:
        lines.append("Sponsors: " + ", ".join(sponsored) + ".")
    if a.done:
        lines.append("What it has done:")
        lines.extend(f"- {d}" for d in a.done[:5])
        if len(a.done) > 5:
            lines.append(f"(and {len(a.done) - 5} more)")
    sources = [a.source]
    mentions = lib.index.mentions.get(a.id, [])
    if not a.done and mentions:  # no highlight report: where others name it
        lines.append("Named in the work of others:")
        for other, text in mentions[:5]:
            lines.append(f"- {lib.kb.owner_name(other)}: {text}")
            sources.append(lib.source_of(other, text))
    acts = lib.index.actions_by_owner.get(a.id, [])
    if acts:
        lines.append(f'Next actions: {len(acts)} (ask "what is {a.name} doing next").')
    return Answer("agency", "\n".join(lines), unique(sources), [], 1.0)
