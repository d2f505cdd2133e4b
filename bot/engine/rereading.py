"""The second reading: when the first answer is not the whole answer.

:func:`bot.engine.policy.route` answers a message once, then tries what is here: the board a
story referred to ("what does that board do?"), two questions answered each on its own, the
asking clauses answered alone, and misspelt board and agency name words. Each takes the
first-answer function (``once``) so that the decision table stays in one module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping

from rapidfuzz import fuzz, process

from bot.engine.answers import glossary
from bot.engine.answers.common import unique
from bot.engine.answers.search import topic_stems
from bot.engine.intents import contact_ask, owner_ref, parse
from bot.engine.intents.parse import Parsed
from bot.engine.intents.reading import MEANING_WORDS, Reading
from bot.engine.library import Library
from bot.engine.read.shape import separate_asks
from bot.engine.text import STOPWORDS, compact
from bot.engine.types import Answer
from bot.engine.vocabulary import engine_words

# once(lib, q, now, status) -> (answer, reading): the decision table, answered once
Once = Callable[
    [Library, Parsed, dt.datetime, "Mapping[str, str] | None"], "tuple[Answer, Reading]"
]


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
    once: Once,
) -> Answer | None:
    """A story, then a question about the report: "the cdop minutes say CONI colleagues
    came to present... what is coni?" is a meaning asked, whatever the story names ("minutes",
    "the board"). The asking clauses are answered alone, when that finds an answer."""
    if r.asked is not None and (full := _ellipsis_filled(r)) is not None:
        # "my manager said there are 'three statutory safeguarding partners' ... who are the
        # three?": the question, with the noun it leaves to the story
        again, _ = once(lib, parse(full, lib.index), now, status)
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
    again, _ = once(lib, aq, now, status)
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
    lib: Library,
    q: Parsed,
    r: Reading,
    now: dt.datetime,
    status: Mapping[str, str] | None,
    once: Once,
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
        a, _ = once(lib, pq, now, status)
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
