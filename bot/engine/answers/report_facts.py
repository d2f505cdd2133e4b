"""Answers from the report's partnership page and appendices: the partnership, its
budget, meeting attendance, and figures it does not give."""

from __future__ import annotations

from rapidfuzz import fuzz

from bot.engine.answers.common import unique
from bot.engine.answers.search import search_answer
from bot.engine.answers.unknown import unknown
from bot.engine.intents import cues
from bot.engine.intents.names import owner_ref
from bot.engine.intents.parse import Parsed
from bot.engine.library import Library
from bot.engine.text import STOPWORDS, compact, content_stems, words
from bot.engine.types import Answer

_FIGURE_WORDS = frozenset(
    {"many", "number", "percentag", "proportion", "statistic", "stat", "figur", "rate", "total"}
    | {"year", "that", "have", "had"}  # "how many did they have that year": no topic words
)


def figures(lib: Library, q: Parsed) -> Answer:
    """A figure asked for: the passages of the report that give one on the topic ("how many
    responses did the crime and disorder survey get"), else say the report gives none and
    show the items on the topic."""
    counted = search_answer(lib.search, q.text, numbers=True)
    if counted is not None:
        return counted
    stems = [
        s
        for s in content_stems(q.text)
        if s not in cues.SEARCH_NOISE and s not in _FIGURE_WORDS and s not in lib.place_words
    ]
    index = lib.index
    # a short form's plural is the short form: "how many SARs" finds "SARs" and "SAR"
    stems = [f"{s}s" if len(s) <= 4 and f"{s}s" in index.done_search.postings else s for s in stems]
    found = [
        index.done_texts[d]
        for d, _ in index.done_search.search(stems, limit=3)
        if index.done_search.coverage(stems, d) >= 0.6
    ] + [
        (index.actions[a].owner, index.actions[a].text)
        for a, _ in index.action_search.search(stems, limit=2)
        if index.action_search.coverage(stems, a) >= 0.6
    ]
    note = "The report gives no figures on that."
    if not found:
        return unknown(lib, q, note=note)
    lines = [note + " What it says on the subject:"]
    for owner_id, text in found[:4]:
        lines.append(f"- {lib.kb.owner_name(owner_id)}: {text}")
    lines.append(lib.book.emergency_line())
    sources = unique(lib.source_of(o, text) for o, text in found[:4])
    return Answer("unknown", "\n".join(lines), sources, [], 0.0)


def budget(lib: Library, q: Parsed) -> Answer:
    apx = lib.kb.appendices
    if apx is None:
        return unknown(lib, q, note="The knowledge base has no budget appendix.")
    b = apx.budget
    owner = owner_ref(q)
    names = []
    if owner:
        o = lib.index.owner(owner.id)
        names = [o.name, *o.aliases]
    content = {w for w in q.tokens if w not in cues.BUDGET_CUES and len(w) > 2} - STOPWORDS
    agency_rows = [r for r in b.contributions if r.agency.lower() != "total"]
    named = [  # the named agency's row; else rows sharing a word; else a summary line
        r
        for r in agency_rows
        if any(
            fuzz.partial_ratio(compact(n), compact(r.agency)) >= 90
            if len(compact(n)) > 4
            else compact(n) in words(r.agency)  # "NC" is not in "NCCG"
            for n in names
            if len(compact(n)) > 2
        )
    ]
    item_words = [{w[:6] for w in words(x.item) if len(w) > 3} for x in b.summary]
    shared = {w for ws in item_words for w in ws if sum(w in o for o in item_words) > 1}
    asked = {w[:6] for w in q.tokens if len(w) > 3} - shared  # "costs" names no one line
    lines: list[str] = [  # "what was the underspend", "employee costs"
        f"{x.heading}: {x.item}: £{abs(x.amount):,}"
        for x, ws in zip(b.summary, item_words, strict=True)
        if asked & ws
    ]
    rows = named or [r for r in agency_rows if content & set(words(r.agency))]
    if rows:
        lines = []
    for r in rows:
        parts = [
            f"{label} £{abs(v):,}"
            for label, v in (("children's", r.children), ("adults'", r.adults))
            if v
        ]
        total = (
            abs(r.total)
            if r.total is not None
            else sum(abs(v or 0) for v in (r.children, r.adults))
        )
        lines.append(
            f"{r.agency} contributed £{total:,}" + (f" ({', '.join(parts)})" if parts else "") + "."
        )
        if r.note:
            lines.append(r.note)
    if not rows and not lines:
        p = lib.kb.partnership
        lines.append(f"{p.name} budget {p.report_period}: what each agency contributed.")
        total = next((r for r in b.contributions if r.agency.lower() == "total"), None)
        if total and total.total is not None:
            lines.append(f"Agency contributions in total: £{abs(total.total):,}.")
        for r in b.contributions:
            if r.agency.lower() != "total" and r.total is not None:
                lines.append(f"- {r.agency}: £{abs(r.total):,}")
        for line in b.summary:
            lines.append(f"{line.heading}: {line.item}: £{abs(line.amount):,}")
    if b.note:
        lines.append(b.note)
    return Answer("partnership", "\n".join(lines), [b.source], [], 0.9)


def attendance(lib: Library, q: Parsed) -> Answer:
    apx = lib.kb.appendices
    if apx is None:
        return unknown(lib, q, note="The knowledge base has no attendance appendix.")
    a = apx.attendance
    lines = [f"{a.title}: meetings {', '.join(a.meetings)}."]
    asked = {w for w in q.tokens if len(w) > 3} - STOPWORDS - cues.ASPECT_WORDS
    asked -= {"attended", "attendance", "attending", "came", "come", "meeting", "meetings"}
    hits = {r.member: len(asked & set(words(r.member))) for r in a.rows}
    named = [r for r in a.rows if hits[r.member] and hits[r.member] == max(hits.values())]
    for row in named or a.rows:  # "did the public health director attend": that row
        missed = [m for m in a.meetings if m not in row.attended]
        lines.append(
            f"- {row.member}: {len(row.attended)} of {len(a.meetings)}"
            + (f" (missed {', '.join(missed)})" if named and missed else "")
        )
    if a.note:
        lines.append(a.note)
    return Answer("partnership", "\n".join(lines), [a.source], [], 0.9)


_COUNT = "no one two three four five six seven eight nine ten".split()


def count_word(n: int) -> str:
    """ "three" for 3, "12" for 12."""
    return _COUNT[n] if n < len(_COUNT) else str(n)


def partners_line(lib: Library) -> str:
    """ "The three safeguarding partners of X are A, B, C.", counted from the knowledge."""
    p = lib.kb.partnership
    names = [lib.agency_name(a) for a in p.safeguarding_partners]
    if not names:
        own = next((b for b in lib.kb.boards if b.id == p.id and b.core_membership), None)
        members = f"; its members include {'; '.join(own.core_membership)}" if own else ""
        return f"The report names no safeguarding partners for {p.name}{members}."
    if len(names) == 1:
        return f"The safeguarding partner of {p.name} is {names[0]}."
    return f"The {count_word(len(names))} safeguarding partners of {p.name} are {', '.join(names)}."


def partnership(lib: Library, q: Parsed) -> Answer:
    p = lib.kb.partnership
    t = set(q.tokens)
    partners = ", ".join(lib.agency_name(a) for a in p.safeguarding_partners)
    if t & {"partner", "partners"}:
        first = partners_line(lib)
    elif t & {"priority", "priorities"}:
        first = f"{p.name} priorities ({p.report_period}): " + "; ".join(p.priorities) + "."
    elif (
        t & {"scrutineer", "scrutiny", "independent"}
        or q.partnership
        and p.scrutineer
        and compact(p.scrutineer.name) in "".join(q.tokens)
    ) and p.scrutineer:
        first = f"The {p.scrutineer.role}: {p.scrutineer.name}."
    else:
        first = f"{p.name} ({p.area}). {p.description}".strip()
    lines = [first]
    if partners and not t & {"partner", "partners"}:
        lines.append(f"Safeguarding partners: {partners}.")
    if p.boroughs:
        lines.append(f"Areas covered ({len(p.boroughs)}): {', '.join(p.boroughs)}.")
    if p.priorities and "priorities" not in first:
        lines.append("Priorities: " + "; ".join(p.priorities) + ".")
    if p.scrutineer and p.scrutineer.name not in first:
        lines.append(f"Independent scrutineer: {p.scrutineer.name}.")
    if p.website:
        lines.append(f"Website: {p.website}")
    return Answer("partnership", "\n".join(lines), [p.source], [], 1.0)
