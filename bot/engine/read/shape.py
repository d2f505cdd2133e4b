"""The shape of a message: the part that tells (a story) and the part that asks.

Practitioners write a story first and the question last ("PC here. attended a DA at the
weekend ... who on the council side do i make sure knows"). Words in the story describe
the person and what happened; they do not say what is asked: "audit", "cash" or
"attended" in a story is no question about the report's audits, budget or attendance.
:func:`shape` splits a message into the clauses that ask and the rest, and
:func:`separate_asks` splits an ask holding two questions ("who do i ring today and what
does CCE stand for") into its questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.engine.read.sentences import Span, clauses, sentences

# A clause that opens like a question ("who ...", "is the mash open", "any advice").
QUESTION_OPENING = re.compile(
    r"^(?:(?:so|and|but|ok|okay|also|then|anyway|sorry|please|pls|hi|hello)\s+)*"
    r"(?:(?:from|at|for|by|until|till|up to|to|in|with) (?=wh|how))?"  # "from what age does ..."
    r"(?:who|whom|whose|what|whats|what's|wat|which|where|wheres|where's|when|why|how|is|are|can|"
    r"could|do|does|should|shall|would|will|any|anyone|anybody|number|tel|phone number"
    r"|(?:can you |could you |please )?(?:tell me|let me know|explain) (?:what|who|which|where"
    r"|when|how|if|whether))\b"
)
# The writer asking whom to tell, in any order of words: "who on the council side do i make
# sure knows", "who am i ringing", "who would we go to": a "who" clause with the writer
# and a verb of telling. ("who" opens the pattern, so ``re`` skips to it at C speed; the
# word boundary before it is a lookbehind one word longer, the same test.)
TELL_ASK = re.compile(
    r"who(?<!\wwho)\b[^.?!|]{0,40}?\b(?:i|we|me|us|you|(?:the|our|my) (?:surgery|school|practice|home"
    r"|team|unit|ward|nursery|club|charity|setting|college|manager|staff))\b[^.?!|]{0,30}?"
    r"\b(?:know|knows|hear|ring|rings"
    r"|ringing|call|calling|phone|phoning|contact|contacting|tell|telling|inform|informing"
    r"|report|reporting|refer|referring|send|sending|speak|speaking|talk|talking|go|going|"
    r"pass|passing|escalate|alert|notify|email|flag|raise|raising|share|sharing|need)\b"
)
# An ask of one or two words after a story: "who?", "number?", "what now", "advice?"
BARE_ASK = re.compile(
    r"^(?:(?:so|and|but|ok|okay|then|sorry|please|pls)\s+)*(?:who|whom|who now|number|numbers"
    r"|what now|what next|now what|what do i do|what to do|advice|help|which|where|anyone|which one"
    r"|who then|who to call|who to ring|who to tell)(?:\s+(?:please|pls|plz|then|now|thanks|ta))*$"
)
_ORDINAL = re.compile(
    r"(?:and |also |then |plus )?(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|lastly|finally|also"
    r"|and|one|two|q1|q2|1|2)[.)]?"
)
# A second ask that is only a noun phrase: "... and the out of hours number for kids".
_DETAIL_ASKED = re.compile(
    r"^(?:the|their|its|your|an?|also the)\s+(?:[\w'-]+\s+){0,5}?(?:number|numbers|email|address"
    r"|hours|website|phone|line)\b"
)
# Where an ask holding two questions divides: "X and what does Y stand for", "X, also who".
_SECOND_QUESTION = re.compile(
    r"(?:\s+(?:and|&|n|\+)\s+(?:also\s+)?|[,;]\s*(?:and\s+|&\s+|also\s+|plus\s+)?|\s+also\s+"
    r"|\s+plus\s+)"
    r"(?=(?:(?:from|at|for|by|until|till|up to) (?=wh|how))?(?:who|what|whats|what's|which|where"
    r"|when|why|how|is|are|does|do|can|has|have|did|will)\b"
    r"|(?:(?:can you |could you |please )?tell me|let me know) (?:what|who|which|where|when|how)\b"
    r"|(?:the|their|its|your|also the)\s+(?:[\w'-]+\s+){0,5}?(?:number|numbers|email|address"
    r"|hours|website|phone|line)\b)"
)


@dataclass(frozen=True)
class Shape:
    ask: str  # the clauses that ask, joined with " | "
    story: str  # every other clause
    asks: tuple[str, ...]  # the asking clauses one by one

    @property
    def is_story(self) -> bool:
        """The message tells something besides asking."""
        return bool(self.story.strip())


_GOES_ON = re.compile(r"(?:is|are|was|were|has|have|had|does|did|can|could|will|would)\b")


@lru_cache(maxsize=2048)
def shape(text: str) -> Shape:
    """Split ``text`` (cleaned, lower case) into its asking clauses and its story."""
    spans = sentences(text)
    ask: list[Span] = []
    story: list[Span] = []
    for s in spans:
        questioned = text[s.end : s.end + 1] == "?"
        parts = clauses(s)
        asking = [
            c
            for i, c in enumerate(parts)
            if _asks(c.text)
            # after a comma (not "two quick ones: who sponsors ..."), a relative clause
            and not (i and "," in text[parts[i - 1].end : c.start] and _relative(c.text))
            # after an aside in brackets, the sentence going on: "my friend's dad (80s) is
            # being looked after by her brother"
            and not (i and ")" in text[parts[i - 1].end : c.start] and _GOES_ON.match(c.text))
        ]
        if questioned and not asking:
            asking = parts[-1:]  # "she has bruises on her arm again, is that normal?"
        ask.extend(asking)
        story.extend(c for c in parts if c not in asking)
    if ask and all(_EMPTY_ASK.fullmatch(c.text.strip(" ?!.")) for c in ask):
        # "I'd like to explain what that board looks at and which organisation sponsors it
        # - can you tell me?": the question is told before the empty ask
        told = [c for c in story if _WH.search(c.text)]
        if told:
            last = next(sp for sp in spans if sp.start <= told[-1].start < sp.end)
            moved = [c for c in story if last.start <= c.start < last.end]
            story = [c for c in story if c not in moved]
            ask = sorted([*moved, *ask], key=lambda c: c.start)
    if not ask and spans:  # no clause asks: the last sentence carries the request
        last = clauses(spans[-1])
        ask = last
        story = [c for c in story if c not in last]
    return Shape(
        " | ".join(c.text for c in ask),
        " | ".join(c.text for c in story),
        tuple(c.text for c in ask),
    )


# A question told inside a sentence: "our chair asked me which board ...", "wondering if".
_EMBEDDED_WHAT = r"\s+(?:me\s+|us\s+)?(?:who|what|which|where|when|how|whether|if)\b"
EMBEDDED_ASK = re.compile(
    r"\b(?:asked|asking|ask|asks|want(?:s|ed)? to know|wondering|wonder|know)" + _EMBEDDED_WHAT
)
# A further detail asked after a first ask: "..., and also the email address for X".
_MORE_ASKED = re.compile(
    r"^(?:and\s+|also\s+|plus\s+)+(?:the|their|its|your)\s+(?:[\w'-]+\s+){0,5}?(?:number|numbers"
    r"|email|address|hours|website|phone|line)\b"
)
# Words that only ask for an answer: "can you tell me?", "please advise", "thanks".
_EMPTY_ASK = re.compile(
    r"(?:(?:so\s+)?(?:can|could|would) you (?:please )?(?:tell|help|advise)(?: me| us)?"
    r"|please advise|any ideas|thanks?|thank you|cheers|ta"
    # a call for anyone's answer to the question before: "anyone know?", "does anybody know"
    r"|(?:does |do )?(?:any ?one|any ?body|any1|you) know(?: please| pls)?|any ?one|help"
    # a check of what the story said: "... did some training for salons. is that right?"
    r"|(?:is|was) (?:that|this|it) (?:right|true|correct|so|the case)|am i right|right)"
    r"(?: please| pls| thanks)?"
)


# A clause after a noun that opens with "who", "which" or "where" and asks nothing of the
# reader: "her 'boyfriend', who wouldn't leave the room", "his flat, where he lives alone".
_RELATIVE = re.compile(r"^(?:who|which|whose|where|whom)\b")
_ASKED_OF_READER = re.compile(
    r"^\w+\s+(?:\w+\s+)?(?:do|does|did|should|can|could|would|will|shall|must|is|are|am)\s+"
    r"(?:i|we|you|u|one)\b|^(?:who|which|where)\s+(?:to|now|then)\b"
)


def _relative(clause: str) -> bool:
    """A relative clause: it tells of the noun before it, it asks nothing."""
    return bool(
        _RELATIVE.match(clause)
        and not TELL_ASK.search(clause)
        and not _ASKED_OF_READER.search(clause)
        and not clause.rstrip().endswith("?")
    )


# A clause of time, not a question: "when he stepped out to take a call she told me ...".
_WHEN_TOLD = re.compile(
    r"^(?:(?:and|but|so|then)\s+)?when\s+(?:i|he|she|they|we|it|the|my|his|her|our|their|an?"
    r"|mum|dad|mom)\b(?!\s+(?:do|does|is|are|will|can|should|would)\b)"
)


_WH = re.compile(r"\b(?:what|which|who|whom|where|when|how|whether)\b")


# Each pair in one pass: a question told (TELL_ASK, or EMBEDDED_ASK split by its first letter,
# each opening with that letter and the word boundary before it a lookbehind one letter
# longer, so ``re`` skips to a "w", "a" or "k" at C speed) and a clause opening as an ask
# (QUESTION_OPENING or _MORE_ASKED, under one "^" so only the start is tried).
_TOLD_ASK = re.compile(
    "|".join(
        [
            TELL_ASK.pattern,
            r"a(?<!\wa)(?:sked|sking|sk|sks)" + _EMBEDDED_WHAT,
            r"w(?<!\ww)(?:ant(?:s|ed)? to know|ondering|onder)" + _EMBEDDED_WHAT,
            r"k(?<!\wk)now" + _EMBEDDED_WHAT,
        ]
    )
)
_OPENS_ASK = re.compile(
    "^(?:"
    + QUESTION_OPENING.pattern.removeprefix("^")
    + "|"
    + _MORE_ASKED.pattern.removeprefix("^")
    + ")"
)


# A word every match of _TOLD_ASK holds ("who", "ask", "want", "wonder", "know").
_TOLD_WORDS = ("who", "ask", "want", "wonder", "know")


def _asks(clause: str) -> bool:
    told = _TOLD_ASK.search(clause) if any(w in clause for w in _TOLD_WORDS) else None
    if not told and _WHEN_TOLD.search(clause):
        return False
    return bool(told or _OPENS_ASK.search(clause))


def is_bare_ask(clause: str) -> bool:
    """One or two words that ask after a story: "who?", "number pls", "what now"."""
    return bool(BARE_ASK.search(clause.strip(" ?!.")))


# A second question asked yes or no: "what is cp-is and has the hospital linked it"
_YES_NO = re.compile(
    r"^(?:has|have|did|was|were|will)\s+(?:the|they|it|he|she|you|we|anyone|any|their|its)\b"
)


def separate_asks(ask: str) -> list[str]:
    """The questions of one ask: "who do i ring today and what does cce stand for" is two."""
    out: list[str] = []
    for part in ask.split(" | "):
        for p in _SECOND_QUESTION.split(part):
            p = p.strip()
            if not p:
                continue
            if _ORDINAL.fullmatch(p) or _EMPTY_ASK.fullmatch(p):
                continue  # "firstly", "can you tell me?": no question of their own
            if out and not (_asks(p) or _DETAIL_ASKED.search(p) or _YES_NO.search(p)):
                # one ask, with a comma
                out[-1] = f"{out[-1]}, {p}"
            else:
                out.append(p)
    return out
