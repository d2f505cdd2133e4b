"""The help and about answers, and the examples they show: drawn from the loaded
knowledge (its own terms, bodies and lines), so every partnership sees its own."""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine.library import Library
from bot.engine.types import Answer


@dataclass(frozen=True)
class Examples:
    """Questions this knowledge base answers, to show as examples ("" when it has none)."""

    contact: str  # "who do I call about a child"
    term: str  # a glossary term: "MASH"
    sponsor: str  # "who sponsors the Quality Board" (or what a body does, without sponsors)
    next: str  # "what will the Quality Board do next"
    topic: str  # "which board deals with training"

    def questions(self) -> list[str]:
        asks = [
            self.contact,
            f"what is {self.term}" if self.term else "",
            self.sponsor,
            self.next,
            self.topic,
        ]
        return [q for q in asks if q]


def examples(lib: Library) -> Examples:
    kb = lib.kb
    book = lib.book
    audience = next((a for a in ("children", "adults") if a in book.serves), "children")
    who = "a child" if audience == "children" else "an adult"
    areas = book.areas(audience)
    contact = f"who do I call about {who}" + (f" in {areas[0]}" if areas else "")
    terms = [t for t in kb.terms if not t.inline] or list(kb.terms)
    acronyms = [t for t in terms if t.term.isalpha() and t.term.isupper() and 4 <= len(t.term) <= 6]
    term = (acronyms or terms)[0].term if terms else ""
    sponsored = next((b for b in kb.boards if b.sponsor), None)
    if sponsored:
        sponsor = f"who sponsors the {sponsored.name}"
    else:
        sponsor = f"what does the {kb.boards[0].name} do" if kb.boards else ""
    owner = next((a.owner for a in kb.actions), None)
    next_ = f"what will the {kb.owner_name(owner)} do next" if owner else ""
    topic = ""
    if lib.index.board_search.search(["train"], limit=1):
        topic = "which board deals with training"
    return Examples(contact, term, sponsor, next_, topic)


def help_answer(lib: Library) -> Answer:
    p = lib.kb.partnership
    tries = ", ".join(f'"{q}"' for q in examples(lib).questions())
    lines = [
        f"I answer from the {p.report_title}: who to call right now, what an acronym "
        "means, which board does what and what each board and agency will do next.",
        *([f"Try: {tries}."] if tries else []),
        "I am not a referral route: don't share personal details here.",
        lib.book.emergency_line(),
    ]
    return Answer("help", "\n".join(lines), [p.source], [], 1.0)


def can_answer(lib: Library) -> str:
    """What the bot can answer, with this knowledge base's examples (for "I don't know")."""
    ex = examples(lib)
    parts = ["who to call now"]
    if ex.term:
        parts.append(f'acronyms ("what is {ex.term}")')
    if ex.sponsor:
        parts.append(f'boards ("{ex.sponsor}")')
    if ex.next:
        parts.append(f'next actions ("{ex.next}")')
    return (
        "I can answer: " + ", ".join(parts[:-1]) + f" and {parts[-1]}."
        if len(parts) > 1
        else ("I can answer: who to call now.")
    )


def about(lib: Library) -> Answer:
    p = lib.kb.partnership
    c = lib.kb.counts()
    areas = f" ({', '.join(p.boroughs)})" if p.boroughs else ""
    lines = [
        f"{p.report_title}{'' if p.report_period in p.report_title else f' ({p.report_period})'}"
        f", {p.name}, {p.area}{areas}.",
        f"Knowledge base version {p.kb_version or 'unversioned'}: "
        + ", ".join(f"{n} {k}" for k, n in c.items())
        + ".",
        "Every answer names the section of the report it comes from.",
    ]
    if p.website:
        lines.append(f"Website: {p.website}")
    return Answer("help", "\n".join(lines), [p.source], [], 1.0)
