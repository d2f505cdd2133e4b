"""Board answers: one board (an aspect or the overview), one fact of every board, the
list of boards, the boards a post sits on, and the boards an agency sponsors."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from bot.engine.answers.common import fuzzy_ref, unique
from bot.engine.answers.unknown import unknown
from bot.engine.index import Ref
from bot.engine.intents import patterns
from bot.engine.intents.aspects import board_aspect
from bot.engine.intents.names import first_ref, owner_ref
from bot.engine.intents.parse import Parsed, parse
from bot.engine.library import Library
from bot.engine.text import NUMBER_WORDS, compact, content_stems
from bot.engine.types import Answer
from bot.kb.models import Board

BOARD_FACTS = {"sponsor": "Sponsor", "chair": "Chair", "meetings": "Meetings"}
# the kinds of body, in the order they are listed, with their titles and nouns: a body's
# ``type`` when it has one (board, sub-group, ...), else its ``kind`` (affiliated, strategic)
KINDS = {
    "affiliated": ("Affiliated boards", "affiliated board"),
    "strategic": ("Strategic bodies", "strategic body"),
    "partnership": ("Partnership", "partnership"),
    "board": ("Boards", "board"),
    "sub-group": ("Sub-groups", "sub-group"),
    "committee": ("Committees", "committee"),
    "panel": ("Panels", "panel"),
}
# words that ask for the groups under a body: "what sub-groups does the board have"
_SUB_WORDS = frozenset(
    "sub subgroup subgroups committee committees panel panels groups group".split()
)
_SUB_KINDS = ("sub-group", "committee", "panel")
# the kinds a question about several bodies may name ("how often do the sub-groups meet")
_KIND_WORDS = {
    "affiliated": "affiliated",
    "strategic": "strategic",
    "subgroups": "sub-group",
    "committees": "committee",
    "panels": "panel",
}


def kind_of(b: Board) -> str:
    """What kind of body ``b`` is: its type (board, sub-group, ...), else its kind."""
    return b.type if b.type in KINDS else b.kind


def sub_bodies(lib: Library, b: Board) -> list[Board]:
    """The bodies that report to ``b``: those naming it their ``parent``; where no body
    names a parent, every sub-group, committee and panel reports to the one board (or
    partnership body) there is."""
    boards = lib.kb.boards
    if any(x.parent for x in boards):
        return [x for x in boards if x.parent == b.id]
    heads = [x for x in boards if kind_of(x) in ("board", "partnership")]
    if heads != [b]:
        return []
    return [x for x in boards if kind_of(x) in _SUB_KINDS]


def kind_label(lib: Library, b: Board) -> str:
    """ "affiliated board", "sub-group of the X Board": what kind of body ``b`` is."""
    noun = KINDS[kind_of(b)][1]
    parent = lib.index.boards.get(b.parent or "")
    if parent is None and kind_of(b) in _SUB_KINDS:
        parent = next((x for x in lib.kb.boards if b in sub_bodies(lib, x)), None)
    return f"{noun} of the {parent.name}" if parent else noun


def _what(b: Board) -> str:
    """What a body does, as the report says it (or that it does not)."""
    return b.remit or b.summary or "the report names it but does not say what it does."


def _sponsored(lib: Library) -> bool:
    """Whether the partnership's bodies have sponsors at all (then "not named" says something)."""
    return any(b.sponsor or b.sponsor_note for b in lib.kb.boards)


def _subs_line(lib: Library, b: Board) -> str:
    subs = sub_bodies(lib, b)
    counts = [
        f"{n} {KINDS[k][1]}{'s' if n > 1 else ''}"
        for k in KINDS
        if (n := sum(kind_of(x) == k for x in subs))
    ]
    return f"The {b.name} has {' and '.join(counts)}: " + "; ".join(x.name for x in subs) + "."


def board(lib: Library, b: Board, q: Parsed | None, aspect: str | None = None) -> Answer:
    aspect = aspect or (board_aspect(q) if q else "overview")
    subs = sub_bodies(lib, b)
    if aspect == "panels" and not (subs or b.panels) and kind_of(b) in _SUB_KINDS:
        aspect = "overview"  # "tell me about the review panel": its own name says "panel"
    if subs and q and aspect in ("overview", "remit", "panels") and _SUB_WORDS & set(q.tokens):
        # "what sub-groups does the board have": the bodies that report to it
        lines = [_subs_line(lib, b)]
        lines.extend(f"- {x.name}: {_what(x)}" for x in subs)
        return Answer(
            "board", "\n".join(lines), unique([b.source, *(x.source for x in subs)]), [], 1.0
        )
    sponsor = lib.agency_name(b.sponsor) if b.sponsor else ""
    if b.sponsor_note:
        sponsor = f"{sponsor} ({b.sponsor_note})" if sponsor else b.sponsor_note
    meets = (
        f"{b.meetings_per_year} meetings annually"
        if b.meetings_per_year
        else "not stated in the report"
    )
    if b.meetings_note and b.meetings_per_year:
        meets += f" ({b.meetings_note})"
    facts = {
        "sponsor": f"The {b.name} is sponsored by {sponsor}."
        if sponsor
        else f"The report names no sponsor for the {b.name}.",
        "chair": (
            f"The {b.name}: {chairs(b)}."
            if b.chair
            else f"The report does not name a chair for the {b.name}."
            + (f" {b.meetings_note}" if "chair" in b.meetings_note.lower() else "")
            + (f" Its sponsor is {sponsor}." if sponsor else "")
        ),
        "meetings": f"The {b.name} meets: {meets}.",
        "members": (
            f"Core membership of the {b.name}"
            + (f" ({b.membership_size} members)" if b.membership_size else "")
            + ": "
            + "; ".join(b.core_membership)
            + "."
            + (f" {b.membership_note}" if b.membership_note else "")
            if b.core_membership
            else f"The report does not list the {b.name}'s members."
        ),
        "panels": (
            f"The {b.name} oversees: " + ", ".join(b.panels) + "."
            if b.panels
            else f"The report names no panels under the {b.name}."
        ),
        "done": f"What the {b.name} has done:"
        if b.done
        else f"The report lists nothing done by the {b.name}.",
        "remit": f"{b.name}: {_what(b)}{report_sponsor(lib, b)}",
    }
    lines: list[str] = []
    if aspect == "done":
        lines.append(facts["done"])
        lines.extend(f"- {d}" for d in b.done)
    elif aspect in facts:
        lines.append(facts[aspect])
    if aspect not in ("remit", "done"):
        lines.append(f"Remit: {_what(b)}{report_sponsor(lib, b)}")
    if aspect == "remit" and b.remit and b.summary and b.summary != b.remit:
        lines.append(b.summary)
    if aspect == "overview":
        lines = [f"{b.name} ({kind_label(lib, b)})."]
        if b.remit:
            lines.append(f"Remit: {b.remit}")
        if b.summary and b.summary != b.remit:
            lines.append(b.summary)
        if sponsor or _sponsored(lib):  # "not named" only where bodies have sponsors
            # the short name first, as the report writes it: "Sponsor: ABC (A Big Council)"
            short = lib.agency_short(b.sponsor) if b.sponsor else ""
            full = sponsor.replace(f" ({short})", "", 1) if short else sponsor
            shown = f"{short} ({full})" if short and short not in full else sponsor
            lines.append(f"Sponsor: {shown}" if sponsor else "Sponsor: not named")
        if b.chair:
            lines.append(f"Chairs: {chairs(b)}")
        lines.append(f"Meets: {meets}.")
        if b.panels:
            lines.append("Panels overseen: " + ", ".join(b.panels))
        if subs:
            lines.append(_subs_line(lib, b))
        if b.core_membership:
            listed = len(b.core_membership)
            size = b.membership_size or listed  # the report's own count wins
            roles = f"{listed} roles listed; " if size != listed else ""
            lines.append(f'Core members: {size} ({roles}ask "members of {b.name}").')
    acts = lib.index.actions_by_owner.get(b.id, [])
    if acts and aspect not in ("done",):
        lines.append(f'Next actions: {len(acts)} (ask "what will the {b.name} do next").')
    return Answer("board", "\n".join(lines), [b.source], [], 1.0)


def boards_fact(lib: Library, q: Parsed, aspect: str) -> Answer:
    """One fact of every board: "how often do the affiliated boards meet"."""
    held = {kind_of(b) for b in lib.kb.boards}
    said = set(" ".join(q.tokens).replace("sub group", "subgroup").split())
    kinds = [k for w, k in _KIND_WORDS.items() if w in said and k in held] or None
    boards = [b for b in lib.kb.boards if kinds is None or kind_of(b) in kinds]
    lines = [f"{BOARD_FACTS[aspect]} of each board, as the report gives it:"]
    for b in boards:
        if aspect == "sponsor":
            fact = lib.agency_name(b.sponsor) if b.sponsor else "not named"
        elif aspect == "chair":
            fact = chairs(b)
            fact = fact or "not named"
        else:
            fact = (
                f"{b.meetings_per_year} meetings annually"
                if b.meetings_per_year
                else (b.meetings_note or "not stated in the report")
            )
        lines.append(f"- {b.name}: {fact}")
    return Answer("board", "\n".join(lines), unique(b.source for b in boards), [], 1.0)


def boards_list(lib: Library) -> Answer:
    kb = lib.kb
    groups = [
        (title, members)
        for kind, (title, _) in KINDS.items()
        if (members := [b for b in kb.boards if kind_of(b) == kind])
    ]
    # counted as the report writes them: "seven affiliated boards, three strategic bodies"
    counted = ", ".join(f"{_counted(len(m)).lower()} {t.lower()}" for t, m in groups)
    lines = [f"{kb.partnership.name}: {len(kb.boards)} boards and bodies ({counted})."]
    for title, members in groups:
        lines.append(f"{title} ({len(members)}):")
        for b in members:
            sponsor = lib.agency_name(b.sponsor) if b.sponsor else ""
            extra = f" (sponsor: {sponsor})" if sponsor else ""
            lines.append(f"- {b.name}{extra}")
    sources = sorted({b.source for b in kb.boards})
    return Answer("board", "\n".join(lines), sources, [], 1.0)


def chairs(b: Board) -> str:
    """The chairs as the report's structure page prints them: "Leader of ABC (Chair), ABCCG
    Chair (Vice-Chair)"; a chair that is an arrangement reads "Chairing rotates annually ..." """
    if re.match(r"(?:rotates|alternates|varies|changes)\b", b.chair, re.IGNORECASE):
        return f"Chairing {b.chair[:1].lower()}{b.chair[1:]}"
    return f"{b.chair} (Chair)" + (f", {b.vice_chair} (Vice-Chair)" if b.vice_chair else "")


def report_sponsor(lib: Library, b: Board) -> str:
    """ " Sponsor: ABC": the board's sponsor as the report's structure page prints it after
    the remit ("" when it has none)."""
    if not b.sponsor:
        return ""
    note = ""
    if b.sponsor_note:  # a post the glossary shortens, shortened: "(DPH)"
        exact = [t for t, score in lib.index.reverse(b.sponsor_note) if score >= 100.0]
        note = f" ({exact[0].term if exact else b.sponsor_note})"
    return f" Sponsor: {lib.agency_short(b.sponsor)}{note}"


def _counted(n: int) -> str:
    """A count as a heading opens it: a word up to twelve, as the report writes them."""
    return NUMBER_WORDS[n].capitalize() if 0 < n <= 12 else str(n)


def board_named(lib: Library, name: str | None) -> Answer:
    if not name:
        return boards_list(lib)
    q = parse(name, lib.index)
    # /board NAME: the words are a board's name, so its plain aliases count ("risk")
    ref = first_ref(q, ("board",), weak=True) or fuzzy_ref(lib.index, name, "board")
    if ref is None:
        return unknown(lib, q, note=f"I don't know a board called {name!r}.")
    return board(lib, lib.index.boards[ref.id], q)


def member_of(lib: Library, q: Parsed) -> Answer:
    """The boards whose core membership lists the post or body asked about."""
    m = patterns.MEMBER_OF.search(q.text.rstrip("?"))
    assert m is not None
    who = m.group("s")
    names = [who]
    ref = owner_ref(q)  # "the fire service": also by its names ("Bucks Fire & Rescue")
    if ref and ref.kind == "agency":
        names += [lib.index.agencies[ref.id].name, *lib.index.agencies[ref.id].aliases]
    want = set(content_stems(who))  # its other names only by close match: "police" is no PCC
    found = []
    for b in lib.kb.boards:
        seats = [
            x
            for x in b.core_membership
            if (want and want <= set(content_stems(x)))
            or any(fuzz.token_set_ratio(n, x) >= 85 for n in names)
        ]
        if seats:
            found.append((b, seats))
    if not found:
        return unknown(lib, q, note=f"No board's membership in the report lists {who}.")
    lines = [f"{b.name}: {'; '.join(seats)}." for b, seats in found]
    return Answer("board", "\n".join(lines), unique(b.source for b, _ in found), [], 0.9)


def sponsored_by(lib: Library, q: Parsed) -> Answer:
    """ "which boards does the council sponsor": the boards whose sponsor is that agency."""
    ref = owner_ref(q)
    assert ref is not None
    name = lib.agency_name(ref.id)
    agency = lib.index.agencies[ref.id]
    aliases = {compact(n) for n in (agency.name, *agency.aliases)}
    boards = [  # the sponsor, or the post the report names for it ("Council (DPH)")
        b
        for b in lib.kb.boards
        if b.sponsor == ref.id or (b.sponsor_note and compact(b.sponsor_note) in aliases)
    ]
    if not boards:
        sponsors = unique(lib.agency_name(b.sponsor) for b in lib.kb.boards if b.sponsor)
        text = f"The report names no board sponsored by {name}. Sponsors: {'; '.join(sponsors)}."
        return Answer("board", text, unique(b.source for b in lib.kb.boards), [], 0.9)
    lines = [f"{name} sponsors: " + ", ".join(b.name for b in boards) + "."]
    lines.extend(f"- {b.name}: {_what(b)}" for b in boards)
    return Answer("board", "\n".join(lines), unique(b.source for b in boards), [], 1.0)


def board_facts(lib: Library, b: Board, q: Parsed, facts: list[str]) -> Answer:
    """Several facts of one board: "how often does the hwb meet and how many members"."""
    lines = [board(lib, b, q, a).text.split("\n")[0] for a in facts[:3]]
    return Answer("board", "\n".join(lines), [b.source], [], 1.0)


def boards_compared(lib: Library, q: Parsed, named_refs: list[Ref], aspect: str) -> Answer:
    """The fact asked for each board named: "difference between the quality board and the
    learning board", "who sponsors the quality board and the learning board"."""
    named = [lib.index.boards[r.id] for r in named_refs[:4]]
    if aspect in ("overview", "remit"):
        lines = [f"The {b.name}: {_what(b)}" for b in named]
    else:
        lines = [board(lib, b, q).text.split("\n")[0] for b in named]
    return Answer("board", "\n".join(lines), unique(b.source for b in named), [], 1.0)
