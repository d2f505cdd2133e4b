"""A question parsed once against the knowledge index: its cleaned text, tokens, the names
it matches, who it is about, and the subject of a "what is X" / "acronym for X" ask."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.engine.audience import fold_all
from bot.engine.index import KnowledgeIndex, Match, Ref
from bot.engine.intents.cues import (
    ADULT_WORDS,
    ASPECT_WORDS,
    CHILD_WORDS,
    CONTACT_PHRASES,
    STRONG_CONTACT,
)
from bot.engine.intents.patterns import (
    BOARD_TYPO,
    BOARD_TYPOS,
    GLOSSARY_PATTERNS,
    REVERSE_PATTERNS,
)
from bot.engine.read.person import weighed_audience
from bot.engine.read.vocab import load_spelling
from bot.engine.text import clean, compact, words

# Words that make no owner hint: an aspect, a child or an adult.
_NOT_HINTS = ASPECT_WORDS | CHILD_WORDS | ADULT_WORDS
# "s175", "s. 47": a section of an Act. The "s" opens the pattern so ``re`` skips to it at C
# speed; the test on the character before it is a lookbehind one character longer (the same
# test: not after a letter, digit or apostrophe).
_SECTION = re.compile(r"s(?<![\w'’]s)\.?\s?(\d{2,3})\b")


@dataclass
class Parsed:
    raw: str
    text: str  # cleaned, lower case
    tokens: list[str]
    matches: list[Match]
    audience: str | None
    subject: str | None  # the thing asked about ("mash" in "what is mash")
    glossary_cue: bool
    reverse_cue: bool
    owner_hint: Ref | None = None  # a board or agency named by a distinctive word only
    partnership: bool = False  # names the partnership or its scrutineer
    action_ids: tuple[str, ...] = ()  # action ids named ("assurance-03")
    # readings of this text shared by the readers that ask for them more than once (the
    # aspects asked, the capitals typed, the lines quoted, a contact cue): filled as they are
    # asked, for this one question only
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)


def parse(question: str, index: KnowledgeIndex) -> Parsed:
    # text-speak folded once, for every reader ("wat r nvp doin n who", "rn", "bootin")
    # (each rewrite below is tried only where the words it rewrites can be: a long message
    # has none of most of them)
    text = load_spelling().apply(" ".join(clean(question).split()), index.term_keys)
    if text.startswith("/"):
        text = re.sub(r"^/\w+(@\w+)?\s*", "", text)  # a command prefix
    if "to-do" in text or "to do list" in text:
        # "quality board to-do list", "its to do list" (not "what to do", "the right thing to do")
        text = re.sub(r"\bto-do(?: list)?\b|\bto do list\b", "todo", text)
    text = _SECTION.sub(r"section \1", text)  # "the s175 thing"
    if "info" in text:
        text = re.sub(r"\binfo\b", "information", text)
    if "asb" in text and "asb" not in index.term_keys:  # an everyday short form the glossary lacks
        text = re.sub(r"\basb\b", "anti-social behaviour", text)
    if any(typo in text for typo in BOARD_TYPOS):
        text = BOARD_TYPO.sub(
            lambda m: m.group(0) if m.group(0) in index.term_keys else "board", text
        )  # "review bd", "risk brd" (unless the glossary has the short form as a term)
    bare = text.strip(" ?!.")
    tokens = words(bare)
    matches = index.scan(tokens)
    subject, glossary_cue, reverse_cue = None, False, False
    for pat in REVERSE_PATTERNS:
        m = pat.search(bare)
        if m:
            subject, reverse_cue = _trim(m.group("s")), True
            break
    if not reverse_cue:
        for pat in GLOSSARY_PATTERNS:
            m = pat.search(bare)
            if m:
                subject, glossary_cue = _trim(m.group("s")), True
                break
    hint = next(
        (index.owner_words[t] for t in tokens if t in index.owner_words and t not in _NOT_HINTS),
        None,
    )
    joined = "".join(tokens)
    p = index.kb.partnership
    names = [p.name, p.name.removesuffix(" Partnership")]
    if p.scrutineer:
        names.append(p.scrutineer.name)
    partnership = any(compact(n) and compact(n) in joined for n in names)
    # keys of 2 words, then 3: an action id's key holds a digit ("assurance-03"), so only the
    # runs with a word holding one are looked up
    # (the runs are those starting up to two words before a word with a digit, in order)
    digits = [i for i, t in enumerate(tokens) if not t.isalpha()]
    pairs = (
        "".join(tokens[i : i + 2])
        for i in sorted({j for d in digits for j in (d - 1, d) if 0 <= j < len(tokens) - 1})
    )
    triples = (
        "".join(tokens[i : i + 3])
        for i in sorted({j for d in digits for j in (d - 2, d - 1, d) if 0 <= j < len(tokens) - 2})
    )
    keys = index.action_keys
    action_ids = tuple(keys[k] for k in (*pairs, *triples) if k in keys)
    return Parsed(
        question,
        bare,
        tokens,
        matches,
        _audience(bare, tokens),
        subject,
        glossary_cue,
        reverse_cue,
        hint,
        partnership,
        action_ids,
    )


def _trim(s: str) -> str:
    s = re.sub(r"^(?:the|a|an)\s+", "", s.strip(" ?!.'\""))
    return s


def _audience(text: str, tokens: list[str]) -> str | None:
    return weighed_audience(text, tokens)


def has_contact_cue(q: Parsed) -> bool:
    """Contact words, typos and short forms included ("numbr", "referal", "hrs"); read once a
    question."""
    cue = q.memo.get("contact_cue")
    if cue is None:
        folded = fold_all(q.tokens)
        joined = " ".join(folded)
        cue = bool(set(folded) & STRONG_CONTACT) or any(
            p in q.text or p in joined for p in CONTACT_PHRASES
        )
        q.memo["contact_cue"] = cue
    return cue
