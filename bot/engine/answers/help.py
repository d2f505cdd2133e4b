"""The help and about answers."""

from __future__ import annotations

from bot.engine.library import Library
from bot.engine.types import Answer


def help_answer(lib: Library) -> Answer:
    p = lib.kb.partnership
    lines = [
        f"I answer from the {p.report_title}: who to call right now, what an acronym "
        "means, which board does what and what each board and agency will do next.",
        'Try: "who do I call about a child", "what is MARAC", "who sponsors the risk '
        'board", "what will the voice board do next", "which board deals with training".',
        "I am not a referral route: don't share personal details here.",
        lib.book.emergency_line(),
    ]
    return Answer("help", "\n".join(lines), [p.source], [], 1.0)


def about(lib: Library) -> Answer:
    p = lib.kb.partnership
    c = lib.kb.counts()
    lines = [
        f"{p.report_title}{'' if p.report_period in p.report_title else f' ({p.report_period})'}"
        f", {p.name}, {p.area}.",
        f"Knowledge base version {p.kb_version or 'unversioned'}: "
        + ", ".join(f"{n} {k}" for k, n in c.items())
        + ".",
        "Every answer names the section of the report it comes from.",
    ]
    if p.website:
        lines.append(f"Website: {p.website}")
    return Answer("help", "\n".join(lines), [p.source], [], 1.0)
