"""Next-action answers: a board's or agency's actions (on a topic, or all), the
actions due in a period, and the list of owners with their counts."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.engine.answers.agencies import agency
from bot.engine.answers.boards import board
from bot.engine.answers.common import action_line, fuzzy_ref, state_of, unique
from bot.engine.answers.help import examples
from bot.engine.answers.search import search_answer
from bot.engine.answers.unknown import unknown
from bot.engine.intents import cues
from bot.engine.intents.aspects import aspect_cues, board_aspect
from bot.engine.intents.names import first_ref, owner_ref, owner_topic
from bot.engine.intents.parse import Parsed, parse
from bot.engine.library import Library
from bot.engine.text import MONTHS, content_stems, words, years
from bot.engine.types import Answer

MAX_ACTIONS_LISTED = 12


def owner(
    lib: Library, q: Parsed, status: Mapping[str, str] | None, aspect: str | None = None
) -> Answer:
    """A board's or agency's answer for the aspect asked (read from ``q`` if not given)."""
    ref = owner_ref(q)
    assert ref is not None
    aspect = aspect or board_aspect(q)
    p = lib.kb.partnership
    if (
        "priorit" in q.text
        and p.priorities
        and not lib.index.actions_by_owner.get(ref.id)
        and aspect in ("next", "overview", "remit")
    ):
        # "what were the management board's priorities for 2019/20": a body with no next
        # actions of its own; the priorities the report gives for the partnership
        name = lib.kb.owner_name(ref.id)
        return Answer(
            "partnership",
            f"The report lists no next actions for {name}. The priorities it gives for "
            f"{p.report_period}: " + "; ".join(p.priorities) + ".",
            [p.source],
            [],
            0.8,
        )
    if aspect == "next":
        topic = owner_topic(q)
        if topic and topic_stems(lib, ref.id, topic):  # "... quality board ... knife crime"
            about = owner_actions_on(lib, ref.id, topic, status)
            if about and "doing" in q.tokens:
                # "what is the quality board doing about knife crime": its plans on that and
                # the work it reports on it
                done = search_answer(lib.search, topic, owner=lib.kb.owner_name(ref.id))
                if done is not None:
                    said = [x for x in done.text.split("\n")[1:] if "(reported)" in x]
                    if said:
                        text = "\n".join([about.text, "Work it reports on this:", *said])
                        return Answer(
                            about.kind,
                            text,
                            unique([*about.sources, *done.sources]),
                            [],
                            about.confidence,
                        )
            if about:
                return about
            name = lib.kb.owner_name(ref.id)
            closest = search_answer(lib.search, q.text, owner=name)  # its reported work
            if closest is not None:
                return closest
            every = owner_actions(lib, ref.id, status)
            if lib.index.actions_by_owner.get(ref.id):
                note = f'None of the next actions of {name} is about "{topic}"; all of them:'
                return Answer(every.kind, f"{note}\n{every.text}", every.sources, [], 0.6)
            return every
        asked = " ".join(w for w in q.tokens if w not in cues.ASPECT_WORDS | cues.NEXT_CUES)
        if topic_stems(lib, ref.id, asked):  # "hoarding: what has the fire service done"
            about = owner_actions_on(lib, ref.id, asked, status)
            if about:
                return about
            closest = search_answer(lib.search, q.text, owner=lib.kb.owner_name(ref.id))
            if closest is not None:
                return closest
        return owner_actions(lib, ref.id, status)
    asked = " ".join(w for w in q.tokens if w not in cues.ASPECT_WORDS | cues.NEXT_CUES)
    facts = {"sponsor", "chair", "meetings", "members"} & set(aspect_cues(q))
    topic = topic_stems(lib, ref.id, asked)
    if not facts and (aspect == "done" and topic or len(topic) >= 2):
        # "hoarding and self neglect, what has the fire service been doing about it", "how
        # does the hospital flag kids on a CP plan": its work on that, if the report has any
        name = lib.kb.owner_name(ref.id)
        if aspect == "done" or _HOW.match(q.text):
            # "what did the fire service do on X", "how does the hospital know when a child is
            # on a plan": its reported work first
            closest = search_answer(lib.search, q.text, owner=name) or owner_actions_on(
                lib, ref.id, asked, status
            )
        else:
            about = owner_actions_on(lib, ref.id, asked, status)
            closest = about or search_answer(lib.search, q.text, owner=name)
        if closest is not None:
            return closest
    elif not facts and len(topic) == 1 and lib.index.terms_for(topic[0]):
        # one term asked of an owner: "is the hospital getting an IDVA": its work or plans
        # that name the term, if the report has any
        name = lib.kb.owner_name(ref.id)
        closest = search_answer(lib.search, q.text, owner=name)
        if closest is not None:
            return closest
    if ref.kind == "board":
        return board(lib, lib.index.boards[ref.id], q, aspect)
    return agency(lib, lib.index.agencies[ref.id])


def owner_actions_on(
    lib: Library, owner_id: str, topic: str, status: Mapping[str, str] | None
) -> Answer | None:
    """An owner's next actions about a topic, or None when none is."""
    stems = topic_stems(lib, owner_id, topic)
    # "with eCDOP and the prematurity report": two topics, an action on either
    search = lib.index.action_search
    # a word no action uses is no evidence for or against one ("domestic abuse victims"), in
    # a short topic (a story's many words stay as they are)
    parts = [
        [s for s in p if s in search.postings or len(stems) > SHORT_TOPIC or len(p) > 8] or p
        for p in (topic_stems(lib, owner_id, t) for t in _TOPICS_APART.split(topic))
        if p
    ]
    acts = [
        a
        for a in lib.index.actions_by_owner.get(owner_id, [])
        if stems
        and any(
            search.weighted_coverage(p, a.id) >= 0.5 for p in (parts if len(parts) > 1 else [stems])
        )
    ]
    if not acts:
        return None
    total = len(lib.index.actions_by_owner[owner_id])
    lines = [f"{lib.kb.owner_name(owner_id)}: {len(acts)} of its {total} next actions on this."]
    lines.extend(action_line(a, status, with_owner=False) for a in acts)
    return Answer("actions", "\n".join(lines), unique(a.source for a in acts), [], 0.9)


SHORT_TOPIC = 16  # stems
_HOW = re.compile(r"^(?:\w+\s+){0,3}?how (?:does|do|did|is|are|has|have|can|will|would)\b")
_TOPICS_APART = re.compile(r"\s+(?:and|&|or|as well as)\s+|,\s*")


def topic_stems(lib: Library, owner_id: str, topic: str) -> list[str]:
    """The topic's stems without the owner's own name ("the quality board": none)."""
    owner = lib.index.owner(owner_id)
    own = set(words(owner.name)) | {w for a in owner.aliases for w in words(a)} if owner else set()
    search = lib.index.action_search
    stems = content_stems(search.opened(" ".join(w for w in words(topic) if w not in own)))
    # a short form no action writes is searched as its expansion ("DA victims": domestic abuse)
    stems = [
        x
        for s in stems
        for x in (
            lib.search.expansions.get(s, [s]) if s not in search.postings and len(s) <= 5 else [s]
        )
    ]
    return [s for s in stems if s not in cues.SEARCH_NOISE and s not in cues.BOARD_WORDS]


def owner_actions(lib: Library, owner_id: str, status: Mapping[str, str] | None) -> Answer:
    name = lib.kb.owner_name(owner_id)
    acts = lib.index.actions_by_owner.get(owner_id, [])
    if not acts:
        owner = lib.index.owner(owner_id)
        lines = [f"The report lists no next actions for {name}."]
        sources = [owner.source] if owner else []
        parts = [  # "the council": its services' and its boards' actions
            o
            for o in [*lib.kb.agencies, *lib.kb.boards]
            if (getattr(o, "parent", None) == owner_id or getattr(o, "sponsor", None) == owner_id)
            and lib.index.actions_by_owner.get(o.id)
        ]
        if parts:
            lines.append("Its services and the boards it sponsors have next actions:")
            for o in parts:
                n = len(lib.index.actions_by_owner[o.id])
                ask = (
                    f"what will the {o.name} do next"
                    if o.id in lib.index.boards
                    else f"what is {o.name} doing next"
                )
                lines.append(f'- {o.name}: {n} (ask "{ask}")')
                sources.append(o.source)
        mentions = [] if parts else lib.index.mentions.get(owner_id, [])
        if mentions:  # where the report does name it: "CAMHS", "Public Health"
            lines.append(f"The report mentions {name} in the work of others:")
            for other, text in mentions[:MAX_ACTIONS_LISTED]:
                lines.append(f"- {lib.kb.owner_name(other)}: {text}")
                sources.append(lib.source_of(other, text))
        return Answer("actions", "\n".join(lines), unique(sources), [], 0.9)
    lines = [f"{name}: {len(acts)} next action{'s' if len(acts) != 1 else ''}."]
    lines.extend(action_line(a, status, with_owner=False) for a in acts[:MAX_ACTIONS_LISTED])
    if len(acts) > MAX_ACTIONS_LISTED:
        lines.append(f"(and {len(acts) - MAX_ACTIONS_LISTED} more)")
    return Answer("actions", "\n".join(lines), unique(a.source for a in acts), [], 1.0)


def actions_listing(
    lib: Library, owner: str | None, action_status: Mapping[str, str] | None = None
) -> Answer:
    if not owner:
        lines = ["Next actions by board and agency:"]
        for owner_id, acts in lib.index.actions_by_owner.items():
            open_n = sum(1 for a in acts if state_of(a, action_status) == "open")
            lines.append(f"- {lib.kb.owner_name(owner_id)}: {len(acts)} ({open_n} open)")
        example = examples(lib).next
        if example:
            lines.append(f'Ask e.g. "{example}".')
        return Answer("actions", "\n".join(lines), [], [], 1.0)
    q = parse(owner, lib.index)
    ref = first_ref(q, ("board", "agency"), weak=True) or fuzzy_ref(lib.index, owner, None)
    if ref is None:
        return unknown(lib, q, note=f"I don't know a board or agency called {owner!r}.")
    return owner_actions(lib, ref.id, action_status)


def due_in(lib: Library, q: Parsed, status: Mapping[str, str] | None) -> Answer:
    """Next actions whose date falls in the year (and month) asked about."""
    asked = years(q.text)
    months = [i for i, m in enumerate(MONTHS, 1) if re.search(rf"\b{m}", q.text)]
    acts = [
        a
        for a in lib.kb.actions
        if a.due and a.due.year in asked and (not months or a.due.month in months)
    ]
    undated = sum(1 for a in lib.kb.actions if not a.due)
    if not acts:
        note = f"No next action in the report is due then; {undated} of them give no date."
        return unknown(lib, q, note=note)
    lines = [f"Due then: {len(acts)} next action{'s' if len(acts) > 1 else ''}."]
    lines.extend(action_line(a, status, with_owner=True) for a in acts)
    lines.append(f"{undated} other next actions give no date.")
    return Answer("actions", "\n".join(lines), unique(a.source for a in acts), [], 0.9)


def action_by_id(lib: Library, q: Parsed, status: Mapping[str, str] | None) -> Answer:
    """The actions named by id: "what is the status of assurance-03"."""
    acts = [lib.index.actions[a] for a in q.action_ids]
    lines = [action_line(a, status, with_owner=True) for a in acts]
    return Answer("actions", "\n".join(lines), unique(a.source for a in acts), [], 1.0)
