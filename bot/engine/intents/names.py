"""What a parsed question names: boards, agencies, glossary terms, the owner it is about,
and the topic of "who is working on X" / "which board handles X"."""

from __future__ import annotations

import re

from bot.engine.index import KnowledgeIndex, Ref
from bot.engine.intents.aspects import aspect_cues
from bot.engine.intents.cues import ASPECT_WORDS, BOARD_WORDS
from bot.engine.intents.parse import Parsed
from bot.engine.intents.patterns import OWNER_TOPIC, TOPIC_ACTIONS, WHICH_BOARD
from bot.engine.text import STOPWORDS, compact, words
from bot.kb.models import Term


def refs(q: Parsed, kinds: tuple[str, ...], weak: bool = False) -> list[Ref]:
    out = []
    for m in q.matches:
        for r in m.refs:
            if r.kind in kinds and (r.strong or weak) and r not in out:
                out.append(r)
    return out


def first_ref(q: Parsed, kinds: tuple[str, ...], weak: bool = False) -> Ref | None:
    found = refs(q, kinds)
    if not found and weak:
        found = refs(q, kinds, weak=True)
    return found[0] if found else None


def owner_ref(q: Parsed) -> Ref | None:
    """The board or agency a question is about (a named board wins over an agency)."""
    strong = refs(q, ("board", "agency"))
    if strong:
        boards = [r for r in strong if r.kind == "board"]
        return boards[0] if boards and "board" in q.tokens else strong[0]
    short = len([t for t in q.tokens if t not in STOPWORDS]) <= 4
    if "board" in q.tokens or short or aspect_cues(q) or q.glossary_cue:
        at_risk = {  # "children at risk": a person at risk, not a board named Risk
            r for m in q.matches if m.start > 0 and q.tokens[m.start - 1] == "at" for r in m.refs
        }
        weak = [r for r in refs(q, ("board", "agency"), weak=True) if r not in at_risk or r.strong]
        if weak:  # not "the council tax band", "the voice of the child"
            return None if q.glossary_cue and weak_part(q, ("board", "agency")) else weak[0]
        return q.owner_hint
    return None


def owner_topic(q: Parsed) -> str | None:
    """The topic of "what is the quality board doing about knife crime": "knife crime"."""
    m = OWNER_TOPIC.search(q.text)
    return m.group("s") if m else None


def topic_subject(q: Parsed) -> str:
    """The topic of "who is working on X" / "which board handles X": X, else the subject."""
    for pat in (*TOPIC_ACTIONS, *WHICH_BOARD):
        m = pat.search(q.text)
        if m:
            return m.group("s")
    return q.subject or q.text


def weak_part(q: Parsed, kinds: tuple[str, ...] = ("term",)) -> bool:
    """Only a weak name ("nv", "council") names a small part of the subject: "best pizza
    in nv", "the council tax band for my house"."""
    if any(r.strong for m in q.matches for r in m.refs if r.kind in kinds):
        return False
    matched = {t for m in q.matches for t in q.tokens[m.start : m.end]}
    content = [w for w in words(q.subject or q.text) if w not in STOPWORDS]
    if "term" in kinds:
        return sum(w not in matched for w in content) > len(content) / 2
    content = [w for w in content if w not in ASPECT_WORDS | BOARD_WORDS]  # "bord", "next"
    return sum(w not in matched for w in content) >= len(content) / 2 > 0  # "voice of the child"


def terms_in(q: Parsed, index: KnowledgeIndex, fuzzy: bool) -> list[Term]:
    """Glossary terms named in the question (weak ones only in short questions).

    With ``fuzzy``, typos are tried word by word and on the whole subject ("cr-maarac"),
    and the closer of the two wins over a short exact word that covers only part of it.
    """
    content = [t for t in q.tokens if t not in STOPWORDS]
    short = len(content) <= 3 or q.glossary_cue
    found: list[Term] = []
    covered: set[int] = set()
    for m in q.matches:
        for r in m.refs:
            if r.kind == "term" and (r.strong or short) and index.terms[r.id] not in found:
                found.append(index.terms[r.id])
                covered.update(range(m.start, m.end))
    if not fuzzy or not short:
        return found
    uncovered = [t for i, t in enumerate(q.tokens) if i not in covered and t not in STOPWORDS]
    if found and not uncovered:
        return found
    subject = q.subject or " ".join(q.tokens)
    whole_key = compact(subject)
    whole = index.fuzzy_term(whole_key, cutoff=85) if whole_key not in content else []
    if whole:
        return [t for key, _ in whole[:1] for t in index.terms_for(key)]
    if found:
        return found
    matched = {t for m in q.matches for t in q.tokens[m.start : m.end]}
    for token in words(subject):
        if token in matched or token in STOPWORDS:
            continue
        for key, _score in index.fuzzy_term(token):
            found.extend(t for t in index.terms_for(key) if t not in found)
    return found


# A word in capitals ("ACE", "CP-IS"). The capital opens the pattern so ``re`` skips to
# capitals at C speed; "not after a letter or digit" is then a lookbehind one character
# longer (the same test as a word boundary before it).
_CAPITALS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z&-]{1,9}\b")


def typed_terms(q: Parsed) -> list[Ref]:
    """Terms typed in capitals ("whats an ACE"): named, however everyday their letters."""
    capitals = q.memo.get("capitals")
    if capitals is None:
        capitals = q.memo["capitals"] = {compact(c) for c in _CAPITALS.findall(q.raw)}
    return [
        r
        for m in q.matches
        for r in m.refs
        if r.kind == "term" and "".join(q.tokens[m.start : m.end]) in capitals
    ]
