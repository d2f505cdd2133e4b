"""Topic answers: which board handles X ("which board deals with training", "which board
meets 10 times a year") and who is doing X (the next actions, else the work reported)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.engine.answers.boards import BOARD_FACTS, board, report_sponsor
from bot.engine.answers.common import action_line, unique
from bot.engine.answers.search import search_answer
from bot.engine.answers.unknown import unknown
from bot.engine.intents import aspect_cues, cues
from bot.engine.intents.names import topic_subject
from bot.engine.intents.parse import Parsed
from bot.engine.library import Library
from bot.engine.text import NUMBER_WORDS, content_stems, words
from bot.engine.types import Answer

_NUMBERS = {"once": 1, "twice": 2} | {w: i for i, w in enumerate(NUMBER_WORDS[1:13], 1)}


def search_stems(lib: Library, q: Parsed) -> list[list[str]]:
    """The topic's stems, then (if it has an acronym) the same with the acronym spelt
    out ("cse": child sexual exploitation), since remits and actions mostly use words."""
    subject = topic_subject(q)
    if re.search(r"\b(?:them|those|these|that|this|it|they)\b", subject) and subject != q.text:
        subject = q.text  # "manager keeps mentioning VARM meetings. which board oversees those"
    stems = [  # the place ("in XY") is where, not what
        s for s in content_stems(subject) if s not in cues.SEARCH_NOISE and s not in lib.place_words
    ]
    spelt = list(stems)
    for word in words(subject):
        for t in lib.index.terms_for(word):
            if len(word) >= 3 and not lib.index.is_expansion_word(word):
                extra = [s for s in content_stems(t.expansion) if s not in cues.SEARCH_NOISE]
                spelt = [s for s in spelt if s != word] + [s for s in extra if s not in spelt]
    return [stems, spelt] if spelt != stems else [stems]


def which_board(lib: Library, q: Parsed) -> Answer:
    count = meetings_count(q.text)
    if count is not None:  # "which board meets 10 times a year"
        found = [b for b in lib.kb.boards if b.meetings_per_year == count]
        if found:
            lines = [f"{b.name}: {count} meetings a year." for b in found]
        else:
            known = [
                f"{b.name}: {b.meetings_per_year}" for b in lib.kb.boards if b.meetings_per_year
            ]
            lines = [f"No board meets {count} times a year in the report ({'; '.join(known)})."]
        return Answer(
            "board",
            "\n".join(lines),
            unique(b.source for b in found or lib.kb.boards),
            [],
            1.0,
        )
    search = lib.index.board_search
    for stems in search_stems(lib, q):
        hits = [
            (b, s) for b, s in search.search(stems, limit=3) if search.coverage(stems, b) >= 0.34
        ]
        if hits:
            break
    else:
        return topic_actions(lib, q, None)
    best_id, best = hits[0]
    b = lib.index.boards[best_id]
    lines = [f"The {b.name}: {b.remit or b.summary}{report_sponsor(lib, b)}"]
    related = [
        a
        for a in lib.index.actions_by_owner.get(b.id, [])
        if set(content_stems(a.text)) & set(stems)
    ]
    for a in related[:3]:
        lines.append(action_line(a, None, with_owner=False))
    # "which board is responsible for X, and who's its sponsor": the facts asked of it; its
    # sponsor in any case, the agency to link in with
    asked = [a for a in dict.fromkeys(aspect_cues(q)) if a in BOARD_FACTS]
    for aspect in asked if "sponsor" in asked or not b.sponsor else ["sponsor", *asked]:
        lines.append(board(lib, b, None, aspect).text.split("\n")[0])
    conf = min(1.0, 0.5 + lib.index.board_search.coverage(stems, best_id) / 2)
    remit = set(content_stems(" ".join([b.name, b.remit, b.summary, *b.panels])))
    if not related and not set(stems) & remit:
        # only its reported work uses the words ("prevent further harm" for "Prevent"):
        # show that work, so the reader can judge, and claim less
        done = [d for d in b.done if set(content_stems(d)) & set(stems)]
        lines.extend(["Its reported work on this:", *(f"- {d}" for d in done[:3])])
        conf = min(conf, 0.6)
    else:
        # its reported work that says the most on it ("action plans ... delivery of which is
        # being overseen by the quality board"), when it says most of what was asked
        said = max(b.done, key=lambda d: len(set(content_stems(d)) & set(stems)), default="")
        if said and len(set(content_stems(said)) & set(stems)) >= max(2, len(stems) * 2 / 3):
            lines.append(f"Reported: {said}")
    others = [lib.index.boards[x].name for x, s in hits[1:] if s >= best * 0.6]
    if others:
        lines.append("Also relevant: " + ", ".join(others) + ".")
    # a body the report names for the topic itself, outside the boards: "Domestic Abuse
    # Strategic Partnership Board" for "is there a board for domestic abuse"
    named = [a for a in lib.kb.agencies if stems and set(stems) <= set(content_stems(a.name))]
    for a in named[:2]:
        about = f": {a.description.split('; ')[0].rstrip('.')}." if a.description else "."
        lines.append(f"See also the {a.name}{about}")
    sources = unique([b.source, *(a.source for a in related[:3]), *(a.source for a in named[:2])])
    return Answer("board", "\n".join(lines), sources, [], conf)


# Work asked of in the past: "which board funded the knife crime sessions", "who ran it"
_DONE_ASKED = re.compile(
    r"\b(?:funded|paid for|ran|delivered|did|organised|organized|set up|commissioned|launched"
    r"|made|produced|introduced|held)\b"
)


def topic_actions(lib: Library, q: Parsed, status: Mapping[str, str] | None) -> Answer:
    options = search_stems(lib, q)
    if _DONE_ASKED.search(q.text):
        done = covered_hits(lib.index.done_search, options, limit=5)
        if done:  # its reported work first
            return topic_done(lib, q, options, "Work the report records on this:", done)
    hits = covered_hits(lib.index.action_search, options, limit=8)
    if not hits:
        return topic_done(lib, q, options)
    acts = [lib.index.actions[a] for a, _ in hits]
    owners = unique(lib.kb.owner_name(a.owner) for a in acts)
    lines = [f"Planned on this: {', '.join(owners)}."]
    lines.extend(action_line(a, status, with_owner=True) for a in acts)
    return Answer("actions", "\n".join(lines), unique(a.source for a in acts), [], 0.8)


def topic_done(
    lib: Library,
    q: Parsed,
    options: list[list[str]],
    lead: str = "No next action in the report is about this; work already reported on it:",
    hits: list[tuple[str, float]] | None = None,
) -> Answer:
    """No next action on a topic: say so (or ``lead``), and show reported work on it, if any
    (``hits``: the reported work found already)."""
    if hits is None:
        hits = covered_hits(lib.index.done_search, options, limit=5)
    if not hits:
        return search_answer(lib.search, q.text) or unknown(lib, q)
    lines = [lead]
    sources = []
    for doc_id, _ in hits:
        owner_id, text = lib.index.done_texts[doc_id]
        owner = lib.index.owner(owner_id)
        lines.append(f"- {lib.kb.owner_name(owner_id)}: {text}")
        if owner:
            sources.append(owner.source)
    return Answer("actions", "\n".join(lines), unique(sources), [], 0.6)


def meetings_count(text: str) -> int | None:
    """N in "meets N times a year" / "N meetings a year" / "quarterly" (4), else None."""
    if re.search(r"\bquarterly\b", text) and re.search(r"\bmeets?|meetings?\b", text):
        return 4
    m = re.search(
        r"\b(\d{1,2}|"
        + "|".join(_NUMBERS)
        + r")\s*(?:times?|meetings?)?\s*(?:a|per|each|every)\s+year\b"
        r"|\b(once|twice)\s+a\s+year\b",
        text,
    )
    if not m or not re.search(r"\bmeet", text):
        return None
    word = m.group(1) or m.group(2)
    return int(word) if word.isdigit() else _NUMBERS[word]


def covered_hits(search, options: list[list[str]], limit: int) -> list[tuple[str, float]]:
    """The first stem list's hits that cover at least half of it (plainly and by rarity)."""
    for stems in options:
        hits = [
            (doc, score)
            for doc, score in search.search(stems, limit=limit)
            if search.coverage(stems, doc) >= 0.5 and search.weighted_coverage(stems, doc) >= 0.5
        ]
        if hits:
            return hits
    return []
