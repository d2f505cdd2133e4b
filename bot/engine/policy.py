"""The decision: which answerer a question gets, as an ordered table (hit policy: first match).

Each row is a name, a predicate over the question's :class:`Reading` (every flag computed
once, up front, in :mod:`bot.engine.intents.reading`) and the answerer it picks. The rows at
the top say what the report cannot answer (a year it does not cover, a post holder's name,
a matter it does not hold, another area, a line it does not give); the rows below pick the
answer by the kind asked; the last row always matches. The row that fired is the answer's
trace: ``rule:NAME`` in ``Answer.flags``.

:func:`route` answers once, and when that finds nothing (or a term for an owner question)
tries again with misspelt board and agency name words corrected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.engine.answers import actions, boards, glossary, report_facts, topics
from bot.engine.answers import unknown as unknowns
from bot.engine.answers.common import unique
from bot.engine.answers.contacts import contact
from bot.engine.answers.help import help_answer
from bot.engine.answers.search import search_answer, topic_stems
from bot.engine.intents import aspect_cues, owner_ref, parse
from bot.engine.intents.parse import Parsed
from bot.engine.intents.reading import MEANING_WORDS, Reading, read
from bot.engine.library import Library
from bot.engine.read.sentences import sentences
from bot.engine.rereading import (
    _ITS,
    _THAT_BOARD,
    _board_referred_to,
    _ends_asking,
    name_typos,
    the_ask_alone,
    two_questions,
)
from bot.engine.types import Answer


@dataclass(frozen=True)
class Case:
    """What an answerer may use: the library, the parsed question, its reading, the moment
    and the actions' status."""

    lib: Library
    q: Parsed
    r: Reading
    now: dt.datetime
    status: Mapping[str, str] | None


@dataclass(frozen=True)
class Row:
    name: str  # shown in the trace: "rule:NAME"
    when: Callable[[Reading], bool]
    answer: Callable[[Case], Answer]


def asks(kind: str) -> Callable[[Reading], bool]:
    return lambda r: r.asks == kind


TABLE: tuple[Row, ...] = (
    Row("help", lambda r: r.intent == "help", lambda c: help_answer(c.lib)),
    # "what is 253772", "whose number is 01632 960999"
    Row("quotes-a-line", lambda r: r.quotes_number, lambda c: contact(c.lib, c.q, c.now)),
    # a person or record to look up: said plainly (the safety pass adds the lines below)
    Row("looks-up-a-person", lambda r: r.looks_up, lambda c: unknowns.looks_up(c.lib, c.q)),
    # another area's line asked for: said plainly (the safety pass adds our lines below)
    Row(
        "other-area",
        lambda r: r.other_area is not None,
        lambda c: unknowns.other_area(c.lib, c.q, c.r.other_area or ""),
    ),
    # a story about a person, then whom to tell ("... victim's 34, has MS. who on the council
    # side do i make sure knows"): the lines, whatever the story's words name
    Row(
        "worry-told-then-asked",
        lambda r: r.story_worry and r.ask_contact and r.ask_report is None,
        lambda c: contact(c.lib, c.q, c.now),
    ),
    # a story about someone and a bare ask ("... mum smelt of drink. I'm ringing now, who"):
    # the lines, though the story's words name no harm the vocabulary knows
    Row(
        "person-told-then-asked",
        lambda r: r.story_person and r.ask_contact and r.ask_report is None and r.asks == "unknown",
        lambda c: contact(c.lib, c.q, c.now),
    ),
    # what the report cannot answer
    Row(
        "year-not-covered",
        # (a line named beside a figure for such a year: "how many contacts did the MASH
        # get in 2025" is still a figure the report cannot give)
        lambda r: r.other_year is not None and (not r.contact_cue or r.intent == "contact"),
        lambda c: unknowns.year_not_covered(c.lib, c.q, c.r.other_year or ""),
    ),
    Row(
        "names-no-one",
        # a post holder asked, or the name of one of a line's team ("the MASH team manager,
        # need their name"): no one is named here
        lambda r: (
            r.person_role is not None
            and (r.intent != "contact" or r.asks_name)
            and not r.names_board
        ),
        lambda c: unknowns.names_no_one(c.lib, c.q, c.r.person_role or ""),
    ),
    Row(
        "not-held",
        lambda r: r.not_held is not None and r.intent not in ("contact", "help"),
        lambda c: unknowns.not_held(c.lib, c.q, c.r.not_held or ""),
    ),
    Row("unlisted-line", lambda r: r.unlisted_line, lambda c: unknowns.unlisted_line(c.lib, c.q)),
    # the kind asked
    Row(  # "the fire officer kept saying ABC-DE ... what's the full name?", and "SARC - what
        # is that? the GP mentioned referring a patient there after an assault": the meaning
        # asked (the safety pass adds the lines for a worry told beside it)
        "meaning-of-the-story's-term",
        lambda r: r.story_term is not None and not r.ask_contact,
        lambda c: glossary.glossary(c.lib, parse(f"what is {c.r.story_term}", c.lib.index)),
    ),
    Row("contact", asks("contact"), lambda c: contact(c.lib, c.q, c.now)),
    Row("acronym-for", asks("reverse"), lambda c: glossary.reverse(c.lib, c.q)),
    Row(  # "what did XY do about knife crime for year 6s": the place is no meaning asked
        "the-place-did-what",
        lambda r: r.asks == "glossary" and r.place_only and r.topic_shaped,
        lambda c: closest_or_unknown(c),
    ),
    Row("meaning", asks("glossary"), lambda c: _meaning_or_closest(c)),
    Row(
        "a-fact-of-every-board",
        lambda r: r.asks == "boards" and r.aspect in boards.BOARD_FACTS,
        lambda c: boards.boards_fact(c.lib, c.q, c.r.aspect),
    ),
    Row("the-boards", asks("boards"), lambda c: boards.boards_list(c.lib)),
    Row("which-board", asks("which_board"), lambda c: topics.which_board(c.lib, c.q)),
    Row(
        "who-is-doing",
        asks("topic_actions"),
        lambda c: topics.topic_actions(c.lib, c.q, c.status),
    ),
    Row(  # "how often does the hwb meet and how many members has it got"
        "facts-of-one-board",
        lambda r: r.asks == "owner" and len(r.boards) == 1 and len(r.facts) > 1,
        lambda c: boards.board_facts(
            c.lib, c.lib.index.boards[c.r.boards[0].id], c.q, list(c.r.facts)
        ),
    ),
    Row(  # "difference between the quality board and the learning board"
        "boards-compared",
        lambda r: r.asks == "owner" and len(r.boards) > 1 and r.aspect not in ("next", "done"),
        lambda c: boards.boards_compared(c.lib, c.q, list(c.r.boards), c.r.aspect),
    ),
    Row(
        "board-or-agency", asks("owner"), lambda c: actions.owner(c.lib, c.q, c.status, c.r.aspect)
    ),
    Row("action-by-id", asks("action"), lambda c: actions.action_by_id(c.lib, c.q, c.status)),
    Row("figures", asks("figures"), lambda c: report_facts.figures(c.lib, c.q)),
    Row("sponsored-by", asks("sponsored_by"), lambda c: boards.sponsored_by(c.lib, c.q)),
    Row("member-of", asks("member_of"), lambda c: boards.member_of(c.lib, c.q)),
    Row("due-in", asks("due_in"), lambda c: actions.due_in(c.lib, c.q, c.status)),
    Row(  # "what is the partnership doing about hoarding": its work on that, if any
        "partnership-on-a-topic",
        lambda r: r.asks == "partnership" and r.topic_shaped,
        lambda c: search_answer(c.lib.search, c.q.text) or report_facts.partnership(c.lib, c.q),
    ),
    Row("partnership", asks("partnership"), lambda c: report_facts.partnership(c.lib, c.q)),
    Row("budget", asks("budget"), lambda c: report_facts.budget(c.lib, c.q)),
    Row("attendance", asks("attendance"), lambda c: report_facts.attendance(c.lib, c.q)),
    Row("nothing-matched", lambda r: True, lambda c: closest_or_unknown(c)),
)


def _meaning_or_closest(c: Case) -> Answer:
    """A meaning; none found for a question about the work ("what came out of the reviews
    about X"): the closest passages, as for any question no row answers."""
    ans = glossary.glossary(c.lib, c.q)
    if ans.kind == "unknown" and (c.r.topic_shaped or _asks_of_a_named_thing(c)):
        return closest_or_unknown(c, searched=True)
    purpose = _PURPOSE.search(c.q.text) and not MEANING_WORDS.search(c.q.text)
    if ans.kind == "glossary" and (purpose or _more_than_meaning(c)):
        # "what was the pspo for": the meaning, and what the report says it was used for
        found = search_answer(c.lib.search, c.q.text)
        if found is not None:
            return Answer(
                ans.kind,
                f"{ans.text}\n{found.text}",
                unique([*ans.sources, *found.sources]),
                ans.suggestions,
                ans.confidence,
                [*ans.flags, *found.flags],
            )
    return ans


def _more_than_meaning(c: Case) -> bool:
    """A term asked of for more than its meaning: "what strands does VRT have" (words beside
    the term and the asking words), not "what does VRT stand for"."""
    if MEANING_WORDS.search(c.q.text) or not c.q.matches:
        return False
    named = {t for m in c.q.matches for t in c.q.tokens[m.start : m.end]}
    rest = [w for w in c.q.tokens if w not in named]
    return bool(topic_stems(" ".join(rest)))


_OF_A_THING = re.compile(
    r"\bwhat (?:years?|dates?|age|ages|areas?|services?|strands?|parts?) (?:does|do|did|is|are|was)"
    r" (?:the|a|an|its|their)\b"
)


def _asks_of_a_named_thing(c: Case) -> bool:
    """A fact asked of a thing the report names: "what years does the DA prevention strategy
    cover", "what age does the service take" (not what a word means)."""
    return _OF_A_THING.search(c.q.text) is not None and not MEANING_WORDS.search(c.q.text)


# a purpose or a name now asked: "what was the pspo for", "what is the toolkit used for",
# "what's that meeting called now"
_PURPOSE = re.compile(
    r"\bwhat\b[^?.!|]{1,40}\b(?:for|used for|called(?: now)?"
    r"|known as(?: now)?)\s*\??\s*$"
)


def closest_or_unknown(c: Case, searched: bool = False) -> Answer:
    """A question about the report's work that no row answers: the closest passages of the
    report, at a lower confidence, else "I don't know"."""
    if c.r.topic_shaped or searched:
        # the question names the topic; the story around it only adds words
        asked = c.r.shape.ask.replace(" | ", ", ") if c.r.shape.is_story else ""
        found = (asked and search_answer(c.lib.search, asked)) or search_answer(
            c.lib.search, c.q.text
        )
        if found is not None:
            return found
    return unknowns.unknown(c.lib, c.q)


def decide(r: Reading) -> Row:
    """The first row whose predicate holds (the last row always does)."""
    return next(row for row in TABLE if row.when(r))


def answer_once(
    lib: Library,
    q: Parsed,
    now: dt.datetime,
    status: Mapping[str, str] | None,
    r: Reading | None = None,
) -> tuple[Answer, Reading]:
    r = r or read(lib, q)
    row = decide(r)
    ans = row.answer(Case(lib, q, r, now, status))
    return dataclasses.replace(ans, flags=[*ans.flags, f"rule:{row.name}"]), r


def route(
    lib: Library,
    q: Parsed,
    now: dt.datetime,
    status: Mapping[str, str] | None,
    r: Reading | None = None,
) -> Answer:
    ans, r = answer_once(lib, q, now, status, r)
    if r.looks_up or (r.not_held and ans.kind == "unknown"):
        # a person or their records asked for, or what an annual report does not hold (a rate
        # of pay, a course's bookings): said plainly, whatever else is asked
        return ans
    named = _board_referred_to(lib, r)
    if named is not None:
        # "... never that one and I don't want to pitch it wrong. What does that board actually
        # do?", "I gather the X Board paused. When it reconvenes, what is its priority?": the
        # board the story named last, the ask answered with its name
        ask = _THAT_BOARD.sub(named, r.shape.ask.replace(" | ", ", "), count=1)
        ask = ask if ask != r.shape.ask.replace(" | ", ", ") else _ITS.sub(f"the {named}'s", ask, 1)
        again, _ = answer_once(lib, parse(ask, lib.index), now, status)
        if again.kind not in ("unknown", "help", "contact"):
            return again
    both = two_questions(lib, q, r, now, status, answer_once)
    if both is not None:
        return both
    asked = the_ask_alone(lib, q, r, now, status, answer_once)
    if asked is not None:
        return asked
    if ans.kind == "unknown" and len(r.shape.asks) > 2:
        # "my trustees are asking me who runs these ... we want to know who we're dealing
        # with. Which board manages DHRs, and who sponsors it?": the last question asked
        last = next((s.text for s in reversed(sentences(q.text)) if _ends_asking(s.text, r)), "")
        lq = parse(last, lib.index)
        lq.audience = lq.audience or q.audience
        again, _ = answer_once(lib, lq, now, status) if last else (ans, r)
        if again.kind not in ("unknown", "help"):
            return again
    # a term answer to an owner question ("oakhil stc what's next") may hide a typo too
    owner_ask = ans.kind == "glossary" and {"next", "done", "sponsor"} & set(aspect_cues(q))
    if not (ans.kind == "unknown" or owner_ask) or r.other_area:
        return ans
    # "revew board plans", "national probaton service what next": a misspelt name word
    fixes = name_typos(lib, q, r)
    if not fixes:
        return ans
    text = " ".join(fixes.get(t, t) for t in q.tokens)
    fixed = parse(text, lib.index)
    if owner_ref(fixed) is None:  # the fixes name no board or agency: nothing to gain
        return ans
    again, _ = answer_once(lib, fixed, now, status)
    if again.kind in ("unknown", ans.kind):
        return ans
    read_as = ", ".join(f'"{a}" as "{b}"' for a, b in fixes.items())
    return dataclasses.replace(
        again, text=f"{again.text}\n(I read {read_as}.)", confidence=min(again.confidence, 0.7)
    )
