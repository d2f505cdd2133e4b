"""Who a message is about, weighed: the sentences that tell of harm count double.

A story names many people: the woman whose partner threatens her and, in passing, "patients
in the waiting room including kids"; the foster daughter of 14 and the "older men" in the
car. Each sentence's evidence is weighed (:func:`bot.engine.audience.audience_weights`: an
age or a school year over a strong word over a weak one), doubled in the sentences that
tell of harm or a worry, and the audience is the side with clearly more; a message of one
sentence is read as a whole (:func:`bot.engine.audience.audience_of`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.engine.audience import (
    ADULT_PHRASES,
    ADULT_STRONG,
    ADULT_WEAK,
    CHILD_PHRASES,
    CHILD_STRONG,
    CHILD_WEAK,
    SCHOOL_WORDS,
    ages,
    audience_of,
    audience_weights,
    names_grown_relation,
)
from bot.engine.concern import CONCERN
from bot.engine.read.sentences import sentences
from bot.engine.read.vocab import load_danger_vocab

FOCUS = 2.0  # the weight of a sentence that tells of harm, against 1 for the rest
CLEAR = 1.5  # one side must weigh this many times the other
CHILD_AT_RISK = 2.0  # a child named where harm is told: children's services must know
# Someone said to be with children now ("the same man now runs a kids' football club", "is
# still involved in running a youth group"): whoever disclosed, the risk now is to children.
_NOW_WITH_CHILDREN = re.compile(
    r"\b(?:now|still|currently)\b[^.]{0,40}\b(?:runs?|running|coach\w*|works? (?:with|at|in)"
    r"|volunteers? (?:with|at)|involved (?:in|with))\b[^.]{0,30}\b(?:kids'?|children'?s?|youth"
    r"|scouts?|cubs|brownies|guides|school|nursery|football club|sports club|under ?\d+s?)\b"
    # children living with whoever harmed: "he now has two primary age kids living with him"
    r"|\b(?:now|still|currently)\s+(?:has|have|lives with|living with)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:kids|children|stepchildren|step-?kids)\b"
)
# Words every match of _NOW_WITH_CHILDREN holds one of, in each of its three parts
_NOW_CUES = (
    ("now", "still", "currently"),
    ("run", "coach", "work", "volunteer", "involved", "has", "have", "lives", "living"),
)


def _with_children_now(text: str) -> bool:
    """``_NOW_WITH_CHILDREN`` is searched only where a word of each of its first parts is."""
    if not all(any(map(text.__contains__, cues)) for cues in _NOW_CUES):
        return False
    return _NOW_WITH_CHILDREN.search(text) is not None


# A child named outright (a strong word, an age under 18, a school year), not only implied
# by a relation ("his dad" may be an old man's son's).
_NAMES_A_CHILD = re.compile(
    r"\b(?:"
    + "|".join(sorted(map(re.escape, CHILD_STRONG | set(CHILD_PHRASES)), key=len, reverse=True))
    + r"|(?:1[0-7]|[1-9])\s*(?:yo|y/o|yrs?|years?|-year|months?|mths?|wks?|weeks?)\b"
    r"|year\s?\d{1,2}|yr\s?\d{1,2}|y\d{1,2})\b"
)


_GROWN_CHILD = re.compile(
    r"\b(?:son|sons|daughter|daughters|grandson|granddaughter|nephew|niece)\b"
)
# An older man a child "calls her boyfriend" is who does the harm, not who it is about
_PERPETRATOR = re.compile(
    r"\b(?:an? |two |three |some |the )?older (?:man|men|guys?|lads?|boys?)\b"
    r"(?= (?:she|he|they) (?:calls?|called))"
)


# The writer says outright who the message is about: "it's mum I'm asking about", "I'm
# ringing about the grandad"
_ABOUT_WHOM = re.compile(
    r"\bit'?s (?:the |her |his |their |my |our )?(?P<who>[\w']+) (?:i'?m|i am|we'?re|we are)"
    r" (?:asking|worried|ringing|calling|phoning|concerned|writing) (?:about|for)\b"
    r"|\b(?:i'?m|i am|we'?re|we are) (?:asking|ringing|calling|phoning|writing) about (?:the |her"
    r" |his |their |my |our )(?P<who2>[\w']+)\b"
    r"|\b(?:want|need|trying) to get (?:some )?help for (?:the |her |his |their |my |our )"
    r"(?P<who3>[\w']+)\b"
    # the question names whom it asks about: "who do i notify about the baby", "who should we
    # tell about her son"
    r"|\b(?:who|where|which \w+) (?:do|should|can|could|would|shall|must) (?:i|we) (?:\w+ )?"
    r"(?:notify|tell|contact|call|ring|phone|refer|report|inform|speak to|talk to|let know)"
    r" (?:about|regarding) (?:the |her |his |their |my |our )(?P<who4>[\w']+)\b"
)
# A sentence about a young person's partner: its ages and words are the other party's.
_PARTNER_TOLD = re.compile(
    r"(?:and |but |so )?(?:her|his|their|the) (?:partner|boyfriend|bf|girlfriend|gf|husband|fella"
    r"|ex|ex-partner)\b"
)
# An old person named: an age of 60 or more, or the words for one.
ELDER_AGE = 60
_ELDER = re.compile(
    r"\b(?:elderly|pensioner|oap|dementia|alzheimer'?s|in (?:his|her|their) (?:late |early |mid )?"
    r"(?:sixties|seventies|eighties|nineties|[6-9]0'?s)|(?:old|older) (?:man|lady|woman|gent"
    r"|gentleman|couple|neighbour))\b"
)
# An old person's children and grandchildren, named as theirs.
_ELDERS_KIN = re.compile(
    r"(?:\b(?:their|his|her)\s+(?:own\s+)?(?:grown[- ]up\s+)?(?:kids|children|sons|daughters"
    r"|grandsons|granddaughters|grandchildren|grandkids|grandchild)"
    r"|\b(?:their|his|her|the)\s+(?:son|daughter|grandson|granddaughter))"
    r"\b(?!\s*[,(]?\s*\d)"  # not "her grandkids 3 and 6", not "the kids" the writer means
)
# People held for the harm: "the lads are in prison", "the men were arrested"
_IN_CUSTODY = re.compile(
    r"\b(?:the|those|these|both|all the)\s+(?:\w+\s+)?(?:lads|boys|men|youths|kids|gang|guys)"
    r"\s+(?:are|were|have been|got|all got)\s+(?:now\s+)?(?:in prison|in jail|locked up|jailed"
    r"|arrested|charged|convicted|remanded|sentenced|inside)\b"
)


def weighed_audience(text: str, tokens: list[str]) -> str | None:
    """children, adults or None (no evidence, or as much for both)."""
    return _weighed(text, tuple(tokens))


@lru_cache(maxsize=2048)
def _weighed(text: str, tokens: tuple[str, ...]) -> str | None:
    said = _ABOUT_WHOM.search(text) if any(map(text.__contains__, _ABOUT_CUES)) else None
    if said:  # "baby is known to children's services ... it's mum I'm asking about"
        who = said.group("who") or said.group("who2") or said.group("who3") or said.group("who4")
        named = audience_of(who, who.split())
        if named is not None:
            return named
    spans = sentences(text)
    if len(spans) < 2:
        return audience_of(text, list(tokens))
    vocab = load_danger_vocab()
    grown = names_grown_relation(text)
    child = adult = 0.0
    # the ages of the whole message, read only when asked (a long message's ages cost more
    # than its sentences' do): an age of 60 or more needs one of _OLD_AGE's digits
    told_ages: list[int] | None = None
    elder = _ELDER.search(text) is not None
    if not elder and _may_tell_old_age(text):
        told_ages = ages(text)
        elder = any(a >= ELDER_AGE for a in told_ages)
    child_before = False  # the sentence before named a child outright
    for s in spans:
        if not _may_name_someone(s.text):
            continue  # "the health visitor is off sick": no age, no person word
        told = _PERPETRATOR.sub(" ", s.text) if "older " in s.text else s.text
        if (
            elder
            and any(map(told.__contains__, _KIN_CUES))  # else _ELDERS_KIN takes nothing out
            and not any(a < 18 for a in ages(told))
            and not SCHOOL_WORDS.search(told)
        ):
            # an old person's family is grown: "their kids are in australia", "her daughter
            # is her carer" (not "her grandson (15)")
            told = _ELDERS_KIN.sub(" ", told)
        if any(map(told.__contains__, _CUSTODY_CUES)):
            told = _IN_CUSTODY.sub(" ", told)  # "the lads are in prison": who did the harm
        c, a = audience_weights(told, parents=not grown)
        if a and _PARTNER_TOLD.match(s.text):
            if told_ages is None:
                told_ages = ages(text)
            if any(n < 18 for n in told_ages):
                a = 0.0  # "pt is 17 ... her partner came in with her, he's 28": the other party
        if not (c or a):
            continue  # no weight to double: the harm and worry words change nothing
        named_child = c >= 2 and _NAMES_A_CHILD.search(told) is not None
        harm = vocab.harm.found_in(s.text) or vocab.acute.found_in(s.text)
        weight = FOCUS if harm or CONCERN.found_in(s.text) else 1.0
        # harm to "her" or "him" right after a child was named: "father of a baby on a CP
        # plan has lifted her out of the cot. mum says he's taking her abroad"
        back = harm and not c and child_before and _HARM_TO_THEM.search(s.text) is not None
        child += c * weight + (CHILD_AT_RISK if harm and named_child or back else 0.0)
        adult += a * weight
        child_before = named_child
    if _with_children_now(text):  # the risk now is to children, whoever disclosed
        return "children"
    if child > 0 and child >= CLEAR * adult:
        return "children"
    if adult > 0 and adult >= CLEAR * child:
        return "adults"
    return audience_of(text, list(tokens)) if not (child or adult) else None


# One of these is in every match of _ABOUT_WHOM, of _ELDERS_KIN, of _IN_CUSTODY: without
# one, the pattern finds nothing (and a sentence keeps all its words)
_ABOUT_CUES = (
    *(f"{w} " for w in ("asking", "worried", "ringing", "calling", "phoning", "concerned")),
    "writing ",
    "help for ",
    " about ",  # "who do i notify about the baby"
    " regarding ",
)
_KIN_CUES = ("kids", "child", "son", "daughter")
_CUSTODY_CUES = (
    *("prison", "jail", "locked up", "arrested", "charged", "convicted", "remanded"),
    *("sentenced", "inside"),
)
# An age of 60 or more (:func:`ages`) is read from two digits opening with 6 to 9, three
# digits, or a decade's word ("in her sixties" reads as "60s")
_OLD_AGE = re.compile(r"[6-9]\d|\d\d\d")
_OLD_DECADES = ("sixties", "seventies", "eighties", "nineties")


def _may_tell_old_age(text: str) -> bool:
    """False when :func:`ages` can find no age of 60 or more in ``text``."""
    return _OLD_AGE.search(text) is not None or any(map(text.__contains__, _OLD_DECADES))


_HARM_TO_THEM = re.compile(
    r"\b(?:taking|take|taken|took|hurting|hurt|hit|hitting|grabbed|shaking)\s+(?:her|him)\b"
)


_PERSON_WORDS = (
    CHILD_STRONG
    | CHILD_WEAK
    | ADULT_STRONG
    | ADULT_WEAK
    | {w for p in (*CHILD_PHRASES, *ADULT_PHRASES) for w in p.split()[:1]}
    | {"year", "yr", "student", "students", "old", "aged", "age", "turned", "little", "young"}
    | {"childhood", "teens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies"}
    | {"eighties", "nineties", "eighteen", "seventeen", "sixteen", "fifteen", "fourteen"}
)


_DIGIT = re.compile(r"\d")


def _may_name_someone(sentence: str) -> bool:
    """A sentence with a digit or a word of the audience vocabulary (or of the relations and
    ages read by rule) may name who the message is about; the others are skipped."""
    return _DIGIT.search(sentence) is not None or not _PERSON_WORDS.isdisjoint(
        sentence.replace("'", " ").split()
    )
