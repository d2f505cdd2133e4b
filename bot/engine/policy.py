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

from rapidfuzz import fuzz, process

from bot.engine.answers import actions, boards, glossary, report_facts, topics
from bot.engine.answers import unknown as unknowns
from bot.engine.answers.common import unique
from bot.engine.answers.contacts import contact
from bot.engine.answers.help import help_answer
from bot.engine.answers.search import search_answer, topic_stems
from bot.engine.intents import aspect_cues, contact_ask, owner_ref, parse
from bot.engine.intents.parse import Parsed
from bot.engine.intents.reading import MEANING_WORDS, Reading, read
from bot.engine.library import Library
from bot.engine.read.sentences import sentences
from bot.engine.read.shape import separate_asks
from bot.engine.text import STOPWORDS, compact
from bot.engine.types import Answer
from bot.engine.vocabulary import engine_words


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
    both = two_questions(lib, q, r, now, status)
    if both is not None:
        return both
    asked = the_ask_alone(lib, q, r, now, status)
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


# What a contact ask wants: a line to call, an email, an address, a website, or the times.
_CHANNEL_GROUP = {"email": "email", "address": "address", "website": "website", "hours": "times"}
_PRONOUN = re.compile(r"\b(?:it|its|them|they|their|that|this|these|those)\b")
_TOPIC_BACK = re.compile(
    r"\b(?:about|on|with|for|regarding|re|into|around|tackle|tackling|address|addressing)"
    r"\s+(?:it|this|that|them|these|those)\b"
    r"|\b(?:that|this|the same) (?:kind|sort|type) of (?:thing|work|stuff)\b"
    r"|\b(?:things|stuff|work) like (?:that|this)\b"
    r"|\b(?:oversees|runs|manages|covers|looks after|is responsible for) (?:them|those|these)\b"
)
# not "after that": a time; "one" after a verb of having ("is the hospital getting one")
_REFERS_BACK = re.compile(
    r"\b(?:it|them|they|their)\b|\b(getting|get|got|have|has|had|need|needs|want|used|use|appoint\w*"
    r"|hir\w+|fund\w*|employ\w*|recruit\w*) one\b|\b(the(?: \w+)?) one\b"  # "the local one"
    r"|\b(?:that|this|the same) (?:board|panel|group|sub-?group|team|service|meeting|scheme"
    r"|strategy)\b"  # "who sponsors that board", "what's that meeting called now"
    # "whats a DHR and how many did the partnership publish": how many of what was asked before
    r"|\b(how many) (?=(?:did|does|do|have|has|had|were|are|was|is)\b)"
)


def _part_of_story_term(r: Reading) -> bool:
    """The ask names the first part of the joined term the story named ("AB" of "AB-CDE")."""
    if not r.story_term or "-" not in r.story_term:
        return False
    return compact(r.story_term.split("-")[0]) in {compact(w) for w in r.shape.ask.split()}


def _names_a_term(q: Parsed) -> bool:
    return any(ref.kind == "term" for m in q.matches for ref in m.refs)


def _referred(part: str, subject: str) -> str:
    """``part`` with its first word referring back ("it", "getting one", "the local one") made
    the subject asked before."""

    def named(m: re.Match[str]) -> str:
        if m.group(3):
            return f"{m.group(3)} {subject} "
        verb = m.group(1) or m.group(2)
        return f"{verb} {subject}" if verb else subject

    return _REFERS_BACK.sub(named, part, count=1)


def the_ask_alone(
    lib: Library,
    q: Parsed,
    r: Reading,
    now: dt.datetime,
    status: Mapping[str, str] | None,
) -> Answer | None:
    """A story, then a question about the report: "the cdop minutes say CONI colleagues
    came to present... what is coni?" is a meaning asked, whatever the story names ("minutes",
    "the board"). The asking clauses are answered alone, when that finds an answer."""
    if r.asked is not None and (full := _ellipsis_filled(r)) is not None:
        # "my manager said there are 'three statutory safeguarding partners' ... who are the
        # three?": the question, with the noun it leaves to the story
        again, _ = answer_once(lib, parse(full, lib.index), now, status)
        return None if again.kind in ("unknown", "help") else again
    if r.asked is None or r.ask_report is None or _part_of_story_term(r):
        return None  # ("it says AB-CDE ... what does AB stand for": the whole term's meaning)
    if r.ask_report == "reverse" and _PRONOUN.search(r.shape.ask):
        # "... refer her to the sexual assault referral centre. What do people abbreviate that
        # to?": the thing is named in the story; the short form is looked for in it all
        again = glossary.reverse(lib, dataclasses.replace(r.asked, subject=None, text=q.text))
        return None if again.kind == "unknown" else again
    first = separate_asks(r.shape.ask)[0]
    if _PRONOUN.search(first) and (
        _TOPIC_BACK.search(first) or owner_ref(parse(first, lib.index)) is None
    ):
        # "the quality board - which partner sponsors it?", "hoarding and self neglect, what
        # has the fire service been doing about it": the story is the topic (not "what has
        # the quality board said it will do next": the ask names what "it" is)
        return None
    if r.shape.is_story and r.ask_report == "partnership" and not topic_stems(r.shape.ask):
        # "I'm a hairdresser, heard there's DA training for salons - what's been done?": an ask
        # with no topic of its own asks of the story's
        return None
    aq = dataclasses.replace(r.asked, audience=r.asked.audience or q.audience)
    again, _ = answer_once(lib, aq, now, status)
    if again.kind == "contact" and (
        r.asks in ("which_board", "topic_actions") or (r.asks == "owner" and not r.ask_contact)
    ):
        return None  # the message asks a report question, not whom to tell
    return None if again.kind in ("unknown", "help") else again


_THAT_BOARD = re.compile(r"\b(?:that|this|the same)\s+(?:board|sub-?group|group|panel)\b")


_ITS = re.compile(r"\bits\b")


def _board_referred_to(lib: Library, r: Reading) -> str | None:
    """The name of the board the story named last, when the ask says "that board" or "its"
    and names no board or agency itself."""
    if r.asked is None or owner_ref(r.asked) is not None:
        return None
    if not (_THAT_BOARD.search(r.shape.ask) or _ITS.search(r.shape.ask)):
        return None
    story = parse(r.shape.story.replace(" | ", ", "), lib.index)
    last = [m for m in story.matches for ref in m.refs if ref.kind == "board" and ref.strong]
    if not last:
        return None
    ref = next(x for x in last[-1].refs if x.kind == "board" and x.strong)
    return lib.index.boards[ref.id].name


_ELLIPSIS = re.compile(
    r"^(?:so |and |but )?(?:who|what|which) (?:are|were|is) (?:the )?(?P<n>two|three|four|five"
    r"|six|seven|eight|\d)$"
)


def _ellipsis_filled(r: Reading) -> str | None:
    """An ask that leaves its noun to the story ("who are the three"), with that noun."""
    m = _ELLIPSIS.match(r.shape.ask.strip(" ?"))
    if m is None:
        return None
    story = r.shape.story.replace(" | ", ", ")
    noun = re.search(rf"\b{m.group('n')}\s+((?:[\w'-]+\s+){{0,3}}[\w'-]+)", story)
    return f"{m.group(0)} {noun.group(1).strip(chr(39))}" if noun else None


def _ends_asking(sentence: str, r: Reading) -> bool:
    """The sentence holds one of the message's asking clauses."""
    return any(a in sentence for a in r.shape.asks)


def two_questions(
    lib: Library, q: Parsed, r: Reading, now: dt.datetime, status: Mapping[str, str] | None
) -> Answer | None:
    """Two questions in one ask ("what does CSPR stand for and which board manages case
    reviews"): each answered on its own, the lines first, when each finds an answer and
    they are not two contact answers (one contact answer holds every line)."""
    parts = separate_asks(r.shape.ask)
    if len(parts) not in (2, 3) or r.not_held or r.other_area or r.person_role or r.unlisted_line:
        return None  # what the report cannot answer is said of the whole message
    answers = []
    channels = set()
    subject = ""
    for i, part in enumerate(parts):
        part = re.sub(r"^(?:and|also|plus|&)\s+", "", part)  # "and what was the local one for"
        if not i and r.story_term:  # "CDOP - what is it and what does X look at"
            subject = r.story_term.lower()  # as the asks are read: lower case
            part = _referred(part, subject)
        elif i and subject:  # "what does LeDeR stand for and which board shares info with it"
            part = _referred(part, subject)
        if r.shape.is_story and _TOPIC_BACK.search(part):
            # "a joint campaign and disruption op ... which board does that kind of thing":
            # the story is the topic, the part asks of it
            part = f"{_TOPIC_BACK.sub(' ', part)} {r.shape.story.replace(' | ', ', ')}"
        pq = parse(part, lib.index)
        if r.story_term and MEANING_WORDS.search(part) and not _names_a_term(pq):
            # "it says AB-CDE ... what does AB stand for": the term the story named
            pq = parse(f"what does {r.story_term.lower()} stand for", lib.index)
        pq.audience = pq.audience or q.audience
        a, _ = answer_once(lib, pq, now, status)
        if a.kind == "help" or (a.kind == "unknown" and not a.sources):
            # (an unknown with sources says what the report has instead: "no figures on that;
            # what it says on the subject")
            return None
        short = pq.subject if pq.subject and len(pq.subject.split()) <= 3 else ""
        named = [  # a board or agency first, then a term (never the partnership's place)
            " ".join(pq.tokens[m.start : m.end])
            for kinds in (("board", "agency"), ("term",))
            for m in pq.matches
            if any(ref.kind in kinds for ref in m.refs)
            and compact(" ".join(pq.tokens[m.start : m.end])) not in lib.place_words
        ]
        head = a.text[4:].split("\n")[0] if a.text.startswith("The ") else ""
        if not subject and a.kind == "board" and ":" in head:
            named.insert(0, head.split(":")[0])  # "which board ...": the board it found
        subject = subject or (named[0] if named else short)
        answers.append(a)
        if a.kind == "contact":
            channels.add(_CHANNEL_GROUP.get(contact_ask(pq, lib.index, lib.book).channel, "line"))
    if len({a.text for a in answers}) < len(answers):
        return None
    if all(a.kind == "contact" for a in answers) and len(channels) < 2:
        return None  # "who do i call and what's the number": one answer holds every line
    answers.sort(key=lambda a: a.kind != "contact")  # the lines first: they may be urgent
    lines = list(dict.fromkeys(line for a in answers for line in a.text.split("\n")))
    return Answer(
        answers[0].kind,
        "\n".join(lines),
        unique(s for a in answers for s in a.sources),
        [],
        min(a.confidence for a in answers),
        ["two-questions", *(f for a in answers for f in a.flags)],
    )


def name_typos(lib: Library, q: Parsed, r: Reading | None = None) -> dict[str, str]:
    """Words the knowledge never uses that are one slip from a board or agency name word,
    in the asking clauses of a story (not "councils", "figure" or any word the bot itself
    uses: a plural or a real word is no slip)."""
    fixes = {}
    tokens = r.asked.tokens if r is not None and r.asked is not None else q.tokens
    for token in tokens:
        if len(token) < 4 or token in STOPWORDS:
            continue
        forms = {token, token.removesuffix("s"), token + "s", token.removesuffix("es")}
        for end in ("ing", "ed"):  # "asking" is "ask" said another way, no slip
            if token.endswith(end):
                forms |= {token[: -len(end)], token[: -len(end)] + "e"}
        if forms & lib.known_words:
            continue
        found = process.extractOne(token, lib.name_words, scorer=fuzz.ratio, score_cutoff=80)
        # the bot's own words are loaded only when a slip is in sight (a one-off cost)
        if found and not forms & engine_words():
            fixes[token] = found[0]
    return fixes
