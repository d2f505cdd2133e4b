"""A question read once into the facts the policy decides on (:class:`Reading`).

Every flag the decision table (:mod:`bot.engine.policy`) tests is computed here, up front,
so no row re-reads the text: the classifier's intent, the kind of answer asked for after
weighing a contact reading, a year the report cannot speak for, a post holder's name,
a matter the report does not hold, another area, the boards named and the facts asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.audience import ADULT_STRONG, ADULT_WEAK, CHILD_STRONG, CHILD_WEAK, fold_all
from bot.engine.concern import (
    ASK,
    CONCERN,
    CONTACT_WORDS,
    KNOWLEDGE,
    PERSON,
    PERSON_WORDS,
    off_topic,
    only_contact_words,
    only_person_words,
    wants_contact,
    worry_or_ask,
)
from bot.engine.elsewhere import names_a_place, other_area
from bot.engine.index import Ref
from bot.engine.intents.aspects import aspect_cues, board_aspect
from bot.engine.intents.classify import classify
from bot.engine.intents.contact_ask import contact_ask, phone_named
from bot.engine.intents.cues import STRONG_CONTACT
from bot.engine.intents.names import owner_ref, refs, terms_in, topic_subject, typed_terms
from bot.engine.intents.parse import Parsed, has_contact_cue, parse
from bot.engine.intents.patterns import DEFINE_CUE, FIGURES, NOT_HELD, PERSON_ROLE
from bot.engine.intents.requests import (
    LOOKUP,
    MEANING_ASKED,
    TITLE_CASE,
    TOPIC_ASK,
    without_work_on_harm,
)
from bot.engine.library import Library
from bot.engine.read.shape import TELL_ASK, Shape, is_bare_ask, shape
from bot.engine.text import STOPWORDS, compact, words, years

_WORK_DONE = re.compile(
    r"\bwhat(?:'s|s| (?:\w+ )?(?:has|have)) been done\b|\bwhat work\b|\bwhat (?:has|have)"
    r" (?:the partnership|partners|agencies|we|they) (?:done|been doing)\b"
    # "anything done on FGM locally last year?": the work asked, its verb left out
    r"|^\s*(?:any|anything|much|something|owt) (?:been )?done\b"
    # "has anything been done about FGM locally", "is anything being done on", "what's being done"
    r"|\b(?:has|have|is|are) (?:there )?(?:anything|something|anyone|much|any work) (?:been |being )?"
    r"(?:done|doing)\b|\bwhat(?:'s| is|s) being done\b"
)
_NAME_ASKED = re.compile(r"\b(?:their|his|her|the) (?:full )?name\b|\bname of (?:the|their|your)\b")
MEANING_WORDS = re.compile(r"\b(?:mean|means|meaning|stand for|stands for|short for|definition)\b")
_ACT_YEAR = re.compile(r"\bact (?:of )?(?:19|20)\d\d\b", re.IGNORECASE)
_TERM_FIRST = re.compile(r"^\s*([\w&/-]{2,12})\s*(?:[-–:?,]|\s)\s*what(?:'s| is| does)\b")
# The facts of one board a question may ask for together ("how often ... how many members").
BOARD_FACT_ASPECTS = ("sponsor", "chair", "meetings", "members")


@dataclass(frozen=True)
class Reading:
    intent: str  # what the classifier takes the question for (intents.classify)
    asks: str  # the kind of answer asked for, after weighing a contact reading
    quotes_number: bool  # quotes a line's number or email: "what is 253772"
    contact_cue: bool  # contact words: "number", "who do I call", "referal"
    other_year: str | None  # a year the report cannot speak for: "in 2024"
    person_role: str | None  # a post holder's name is asked: "who is the chief executive"
    names_board: bool  # names a board by a strong name
    not_held: str | None  # a matter an annual report does not hold: "ofsted", "jobs"
    other_area: str | None  # another area: "the oxfordshire mash number"
    unlisted_line: bool  # a contact ask for a line the report does not give: "the hospital"
    aspect: str  # the aspect asked of a board or agency (else "overview")
    boards: tuple[Ref, ...]  # boards named ("X and Y" adds weak names for an owner ask)
    facts: tuple[str, ...]  # board facts asked, in order, each once
    shape: Shape  # the clauses that ask and the story around them
    story_worry: bool  # the story tells of harm or a worry about a person
    story_person: bool  # the story names a person whose audience is known
    ask_contact: bool  # the asking clauses ask whom to tell ("who?", "who am i ringing")
    ask_report: str | None  # the asking clauses ask about the report (its intent), if so
    topic_shaped: bool  # asks what is done or planned on a topic ("is there a toolkit for")
    asked: Parsed | None  # the asking clauses of a story, parsed (None: no story)
    ask_term: bool  # the asking clauses name a glossary term as written ("what does RFG mean")
    story_term: str | None  # the term a story names when its question asks a meaning of none
    place_only: bool  # the only term named is the partnership's place ("what did XY do about")
    looks_up: bool  # asks to look up a person or their records ("can you check if X is on")
    asks_name: bool = False  # asks a person's name ("need their name to email them")


def read(lib: Library, q: Parsed) -> Reading:
    intent = classify(q)
    asks = settle(lib, q, intent)
    if (
        asks == "glossary"
        and _WORK_DONE.search(q.text)
        and not (MEANING_ASKED.search(q.text) or DEFINE_CUE.search(q.text))
    ):
        asks = "partnership"  # "what work has been done locally on FGM": the work, not the term
    typed = [lib.index.terms[r.id].term for r in typed_terms(q)]
    if asks == "glossary" and (
        _place_only(lib, q) or (typed and all(compact(t) in lib.place_words for t in typed))
    ):
        # "who are the three statutory safeguarding partners in XY": the place's short form
        # is no meaning asked; the question without it says what is
        plain = " ".join(w for w in q.tokens if compact(w) not in lib.place_words)
        again = settle(lib, parse(plain, lib.index), classify(parse(plain, lib.index)))
        if again not in ("glossary", "unknown", "help") and (again != "owner" or owner_ref(q)):
            intent = asks = again
    named = refs(q, ("board",))
    boards = named
    if asks in ("owner", "unknown") and len(named) < 2 and " and " in q.text:
        # "who sponsors assurance and workforce": weak names count when two are asked
        weak = [r for r in refs(q, ("board",), weak=True) if r not in named]
        if len(named) + len(weak) >= 2:
            boards, asks = named + weak, "owner"
    sh = shape(q.text)
    # the asking clauses parsed once, and the terms they name as written: every reading of
    # the question alone uses them
    asked = parse(sh.ask.replace(" | ", ", "), lib.index) if sh.is_story else None
    asked_terms = terms_in(asked, lib.index, False) if asked is not None else []
    ask_intent, ask_contact = _ask_reading(lib, sh, asked, asked_terms)
    # what is asked is read where the message asks: a story's "saturday job" or "my
    # manager" asks for no job or post holder
    asked_text = sh.ask if sh.is_story else q.text
    role = PERSON_ROLE.search(asked_text)
    missing = [w for w in NOT_HELD.findall(asked_text) if w not in lib.known_words]
    if sh.is_story and asks in WORD_TRIGGERED and ask_intent != asks:
        # "... the board had funded it ... who delivered it?": "funded" in the story
        # asks nothing of the budget; the question asks who did the work
        asks = "topic_actions" if TOPIC_ASK.search(sh.ask) else (ask_intent or asks)
    story_worry = sh.is_story and _told_worry(q, sh.story)
    if (
        asks == "contact"
        and sh.is_story
        and not story_worry
        and (q.audience is None or not ask_contact)
        and (
            ask_intent in ("which_board", "topic_actions", "figures")
            or (not ask_contact and _WORK_DONE.search(sh.ask) is not None)
        )
    ):
        # no one to worry about, and the question asks which board does a thing ("asked to
        # sit on a DHR panel ... who i'm reporting into. which board manages DHRs?"), for
        # a figure ("for our team meeting ... how many referrals did we get last month") or
        # for the work done ("has anything been done about hoarding? I have 3 tenants")
        asks = (
            ask_intent
            if ask_intent in ("which_board", "topic_actions", "figures")
            else "partnership"
        )
    elif (
        asks == "owner"
        and sh.is_story
        and asked is not None
        and (
            (ask_intent == "contact" and not story_worry and owner_ref(asked) is not None)
            # "CAMHS nurse, 13yo told me ... what number will i need then?": the owner is
            # the writer's service, named in the story; the question asks for a line
            or (
                ask_contact
                and owner_ref(asked) is None
                and bool({"number", "line", "ring", "call", "phone"} & set(asked.tokens))
            )
        )
    ):
        # "is adult social care still answering? I want to report a carer ... our day-centre
        # members": the line is asked; "members" in the story asks no membership
        asks = "contact"
    elif (
        asks == "owner"
        and sh.is_story
        and asked is not None
        and ask_intent == "glossary"
        and owner_ref(asked) is None
        and MEANING_WORDS.search(sh.ask)
    ):
        # "adult social care keep saying 'proportionate' ... what does proportionality mean":
        # a meaning asked; the service named in the story is not what is asked about
        asks = "glossary"
    elif (
        asks == "contact"
        and sh.is_story
        and not ask_contact
        and ask_intent == "owner"
        and owner_ref(q) is not None
    ):
        # "we get women disclosing at the desk ... what is the ccg doing next about domestic
        # abuse": a board's or agency's work asked, whoever the story names
        asks = ask_intent
    return Reading(
        intent=intent,
        asks=asks,
        quotes_number=bool(phone_named(q, lib.book)),
        contact_cue=has_contact_cue(q),
        # a figure asked for a year the report does not cover ("how many contacts did the MASH
        # get in 2025"), whatever line or term it names
        other_year=(
            None
            if intent in ("contact", "action") and not FIGURES.search(q.text)
            else _other_year(lib, q, "figures" if FIGURES.search(q.text) else intent)
        ),
        person_role=role.group("role") if role else None,
        names_board=bool(named),
        # "how much ... a week" asks a rate; any other matter is named by its first word
        not_held=(_not_held_named(missing[0]) if missing else None),
        # another area asked about: in the question ("the number for Bedford Borough
        # children's services" after "a family has moved to Bedford from here")
        other_area=elsewhere(lib, q, sh.ask if sh.is_story else None)
        if not sh.is_story or _names_place(sh.ask)
        else None,
        unlisted_line=asks == "contact"
        and not contact_ask(q, lib.index, lib.book).named  # "is MASH still open?"
        and (
            _unlisted_line(lib, q)
            # "what time does the chemist on X shut tonight, need to collect a client's meds":
            # the question asks of a place the report has no line for, whoever the story names
            or (
                sh.is_story
                and not story_worry
                and asked is not None
                and ask_intent == "contact"
                and _asks_of_a_place(lib, asked)
            )
        ),
        # the aspect asked where the message asks, when it asks one ("I'm presenting at the
        # board next month. who's the sponsor for it?" asks the sponsor, not the next actions)
        aspect=board_aspect(asked if asked is not None and aspect_cues(asked) else q),
        boards=tuple(boards),
        # the facts asked of a board, where the message asks: "I chair a residents' group
        # ... what has the quality board said it will do next?" asks no chair
        facts=tuple(a for a in dict.fromkeys(aspect_cues(asked or q)) if a in BOARD_FACT_ASPECTS),
        shape=sh,
        story_worry=story_worry,
        story_person=sh.is_story and q.audience is not None,
        ask_contact=ask_contact,
        ask_report=ask_intent if ask_intent in REPORT_INTENTS else None,
        topic_shaped=bool(TOPIC_ASK.search(sh.ask or q.text)),
        asked=asked,
        ask_term=bool(asked_terms),
        story_term=_story_term(lib, q, sh, asked_terms),
        place_only=_place_only(lib, q),
        looks_up=bool(LOOKUP.search(q.text)),
        asks_name=_NAME_ASKED.search(q.text) is not None,
    )


# Intents a single word can trigger ("funded", "attended", "how many", "due").
WORD_TRIGGERED = frozenset({"budget", "attendance", "figures", "due_in"})

# Any word of the audience vocabulary names a person ("child", "parent", "resident").
PEOPLE_WORDS = CHILD_STRONG | CHILD_WEAK | ADULT_STRONG | ADULT_WEAK

# What a question about the report itself is classified as.
REPORT_INTENTS = frozenset(
    """glossary reverse owner which_board topic_actions boards budget attendance figures
    member_of sponsored_by due_in partnership action""".split()
)


def _names_place(text: str) -> bool:
    """The asking clauses name a place of their own ("the MASH number for Northamptonshire"):
    a place in the story ("her other son lives in Scotland") asks for no other area."""
    return names_a_place(text)


def _place_only(lib: Library, q: Parsed) -> bool:
    terms = terms_in(q, lib.index, False)
    return bool(terms) and all(compact(t.term) in lib.place_words for t in terms)


def _story_term(lib: Library, q: Parsed, sh: Shape, asked_terms: list) -> str | None:
    """The glossary term a story names when its question asks a meaning without naming one
    ("the fire officer kept saying ABC-DE ... what's the full name?")."""
    if not sh.is_story or not MEANING_ASKED.search(sh.ask):
        return None
    asked_words = {compact(w) for w in words(sh.ask)}
    # the partnership's own place is no term asked ("what does that stand for in the XY report")
    typed = [
        t
        for t in (lib.index.terms[r.id] for r in typed_terms(q))
        if compact(t.term) not in lib.place_words
    ]
    first = _TERM_FIRST.match(q.text)
    named_first = [t for t in typed if first and compact(t.term) == compact(first.group(1))]
    if named_first:  # "CP-IS - what is it, it flagged up on eCare": the term put first
        return named_first[0].term
    # a part of a joined term asked: "it says AB-CDE ... what does AB stand for?"
    part = [
        t
        for t in typed
        if "-" in t.term and any(w and compact(t.term.split("-")[0]) == w for w in asked_words)
    ]
    if part:
        return part[0].term
    named = [t for t in typed if compact(t.term) in asked_words]
    if named:  # "... what PIT stands for": the term typed in capitals in the question
        return named[0].term
    if asked_terms:
        return None
    found = [
        t
        for t in terms_in(parse(sh.story.replace(" | ", ", "), lib.index), lib.index, False)
        if compact(t.term) not in lib.place_words
    ]
    several = list(
        dict.fromkeys(t.term for t in [*typed, *found] if compact(t.term) not in lib.place_words)
    )
    if len(several) > 1 and re.search(
        # "what do the letters stand for", "what do they each stand for": asked in the plural
        r"\b(?:they|them|these|those|both|each|letters|acronyms|abbreviations|initials)\b"
        r"|\bwhat do (?!i\b|we\b|you\b)",
        sh.ask,
    ):
        # "the DSL used 2 acronyms - MASH and CAMHS. what do they each stand for?"
        return " and ".join(several)
    if found:
        return found[-1].term
    # a name the glossary lacks, typed with capitals ("keeps talking about using the Graded
    # Care Profile ... what is it for?"): its meaning is looked for in the report
    named = [
        m.group(0)
        for m in TITLE_CASE.finditer(q.raw)
        if not lib.index.scan(words(m.group(0)))
        and m.group(0).lower() in sh.story
        # part of a board's or agency's name ("Wellbeing Board" of "Health and Wellbeing
        # Board") is that body, no term
        and not any(m.group(0).lower() in n.lower() for n in lib.owner_names)
    ]
    return named[-1] if named else None


def _ask_reading(
    lib: Library, sh: Shape, asked: Parsed | None, asked_terms: list
) -> tuple[str, bool]:
    """What the asking clauses alone are classified as, and whether they ask whom to tell."""
    if asked is None:
        return "", False
    folded = set(fold_all(asked.tokens))
    intent = classify(asked)
    contact = bool(
        ASK.search(sh.ask)
        or TELL_ASK.search(sh.ask)
        or any(is_bare_ask(c) for c in sh.asks)
        # a contact word in a question for a figure ("how many referrals") asks no line
        or (folded & STRONG_CONTACT and intent != "figures")
    )
    if intent == "glossary" and not (asked.glossary_cue or asked_terms):
        intent = "unknown"  # "who?" after a story: a bare word, no term asked for
    if intent == "glossary" and _WORK_DONE.search(sh.ask) and not MEANING_ASKED.search(sh.ask):
        intent = "partnership"  # "what work has been done locally on FGM": the work, not the term
    if intent in ("owner", "topic_actions", "which_board") and not KNOWLEDGE.search(sh.ask):
        # "who do i tell, the police?": an organisation named in passing is no report ask
        intent = "contact" if contact else intent
    return intent, contact


def _told_worry(q: Parsed, story: str) -> bool:
    """A person (or their audience) and harm or a worry, told in the story (not harm named
    as the subject of training or policy)."""
    person = q.audience is not None or bool(set(words(story)) & (PERSON | PEOPLE_WORDS))
    return person and bool(CONCERN.search(without_work_on_harm(story)))


def settle(lib: Library, q: Parsed, intent: str) -> str:
    """The intent, or "contact" where the question reads as a contact ask after all."""
    if intent in ("which_board", "topic_actions"):
        subject = words(topic_subject(q))
        # "who deals with safeguarding for elderly people": the person is the whole topic;
        # "who runs the mash": a line is
        if (
            q.audience
            and only_person_words(subject, lib.contact_words)
            or (
                only_contact_words(subject, lib.contact_words)
                and contact_ask(q, lib.index, lib.book).named
            )
        ):
            intent = "contact"
    if intent not in ("contact", "reverse") and not (
        intent == "glossary" and DEFINE_CUE.search(q.text)
    ):
        # what a board or service plans or has done is asked of the report ("adult social
        # care - what are they planning for domestic abuse victims"), as a topic's work is
        report_question = intent in ("topic_actions", "which_board", "figures", "due_in") or (
            intent == "owner" and board_aspect(q) in ("next", "done")
        )
        if wants_contact(q.text, q.tokens, q.audience) and not (
            report_question and not worry_or_ask(q.text)  # "who is developing X on neglect"
        ):
            intent = "contact"
        else:  # a named line and a detail of it: "where is the partnership office"
            ask = contact_ask(q, lib.index, lib.book)
            if ask.named and ask.channel not in ("call", "hours"):
                intent = "contact"
            elif ask.named and intent == "glossary" and not terms_in(q, lib.index, False):
                intent = "contact"  # "what is eswt": a line's short name, not a term
    if (
        intent in ("unknown", "glossary")
        and not q.matches
        and not q.glossary_cue  # "what is safeguarding" asks for a meaning
        and only_contact_words(q.tokens, lib.contact_words)
    ):
        intent = "contact"  # "safeguarding", "ESWT no.", "duty team": a bare contact ask
    return intent


def _unlisted_line(lib: Library, q: Parsed) -> bool:
    """Organisations the report names but gives no line for ("the hospital", "police") are not
    known here: "number for the hospital" is unknown, not the safeguarding lines."""
    known = lib.contact_words | {
        t
        for m in q.matches
        if not any(r.kind in ("agency", "board") for r in m.refs)
        for t in q.tokens[m.start : m.end]
    }
    return off_topic(q.text, q.tokens, q.audience, known)


def _asks_of_a_place(lib: Library, asked: Parsed) -> bool:
    """The asking clauses ask of a place or body the report gives no line for, named with
    "the" ("what time does the boots on X shut"), not of a line ("whos the number")."""
    known = lib.contact_words | CONTACT_WORDS | PERSON_WORDS | STOPWORDS
    named = {b for a, b in zip(asked.tokens, asked.tokens[1:], strict=False) if a == "the"} - known
    return bool(named) and _unlisted_line(lib, asked)


def _other_year(lib: Library, q: Parsed, intent: str) -> str | None:
    """A year the question names that nothing in the knowledge does ("in 2024"), or a
    later one it asks what happened in ("what did the quality board do in 2022"), or
    any outside the report's year for its figures ("budget for 2021-22")."""
    period = years(lib.kb.partnership.report_period)
    # "the Health and Social Care Act 2012": a law (no "act", nothing to take out)
    asked = years(_ACT_YEAR.sub(" ", q.text) if "act" in q.text.lower() else q.text)
    figures = intent in ("budget", "attendance")
    if figures and asked and period and not asked & period:
        return "-".join(str(y) for y in sorted(asked))
    done = board_aspect(q) == "done" or bool({"did", "happened"} & set(q.tokens))
    for y in sorted(asked):
        if y not in lib.known_years or (done and period and y > max(period)):
            return str(y)
    return None


def elsewhere(lib: Library, q: Parsed, text: str | None = None) -> str | None:
    """Another area the question names outside any name it matched, if any."""
    named = []
    for m in q.matches:
        named.append(" ".join(q.tokens[m.start : m.end]))
        for r in m.refs:
            owner = lib.index.owner(r.id) if r.kind in ("board", "agency") else None
            if owner is not None:
                named.extend([owner.name, *owner.aliases])
    p = lib.kb.partnership
    return other_area(text or q.text, [p.area, *p.boroughs], " ".join(named), lib.owner_names)


def _not_held_named(found: str) -> str:
    """What the report does not hold, named for the answer: "how much ... a week" asks a
    rate of pay, "how do i book" a course's bookings, anything else by its first word."""
    if found.startswith("how much"):
        return "rates of pay"
    if found.startswith(("how do", "how can", "book", "sign")):
        return "course dates and bookings"
    return found.split()[0]
