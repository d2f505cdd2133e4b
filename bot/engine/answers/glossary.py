"""Glossary answers: a term's meaning (every sense), an acronym for a spelt-out name, and
where the report mentions a word the glossary lacks."""

from __future__ import annotations

import re

from bot.engine.answers.agencies import agency
from bot.engine.answers.boards import board
from bot.engine.answers.common import senses, unique
from bot.engine.answers.unknown import unknown
from bot.engine.index import KnowledgeIndex
from bot.engine.intents import cues
from bot.engine.intents.aspects import aspect_cues
from bot.engine.intents.names import first_ref, terms_in, typed_terms, weak_part
from bot.engine.intents.parse import Parsed, parse
from bot.engine.library import Library
from bot.engine.text import STOPWORDS, compact, content_stems, words
from bot.engine.types import Answer
from bot.kb.models import Term


def term_answer(
    index: KnowledgeIndex, terms: list[Term], confidence: float, asked: str | None = None
) -> Answer:
    lines: list[str] = []
    if asked is not None:
        lines.append(f"Did you mean {terms[0].term}?")
    for t in terms:
        where = f" (used in {t.source})" if t.inline else ""
        lines.append(f"{t.term}: {t.expansion}{where}")
        if t.note:
            lines.append(t.note)
    seen_refs = {(r.kind, r.id) for t in terms for r in index.phrases.get(compact(t.term), [])}
    for kind, ref_id in sorted(seen_refs):
        if kind == "board":
            name = index.boards[ref_id].name
            lines.append(f'See also: the {name} (ask "{name}").')
        elif kind == "agency":
            lines.append(f"See also: {index.agencies[ref_id].name}.")
    return Answer("glossary", "\n".join(lines), unique(t.source for t in terms), [], confidence)


def _not_the_place(lib: Library, terms: list[Term]) -> list[Term]:
    """Terms without the partnership's own place ("in the report's glossary what's CSE
    short for": the area is context), unless it is the only one."""
    others = [t for t in terms if compact(t.term) not in lib.place_words]
    return others if others and len(others) < len(terms) else terms


_WHAT_IS = re.compile(r"^\s*what(?:'s| is| are|s)\s+(?:the |a |an )?")


def _named_first(q: Parsed) -> str | None:
    """The agency (not a term) named right after "what is", with a term only later in the
    question ("what is Kooth that the CCG bought"), when no meaning word is asked."""
    m = _WHAT_IS.match(q.text)
    if m is None or MEANING.search(q.text) or not q.matches:
        return None
    first = min(q.matches, key=lambda x: x.start)
    said = len(words(q.text[: m.end()]))
    kinds = {r.kind for r in first.refs}
    if first.start != said or kinds != {"agency"}:
        return None
    later = any(r.kind == "term" for x in q.matches if x is not first for r in x.refs)
    return next(r.id for r in first.refs) if later else None


MEANING = re.compile(
    r"\b(?:mean|means|meaning|stand for|stands for|short for|definition|acronym)\b"
)


def glossary(lib: Library, q: Parsed) -> Answer:
    defined = lib.index.definition(q.subject) if q.glossary_cue and q.subject else None
    if defined is not None:  # "what is safeguarding": the report's own words
        text = f"{defined.term}: {defined.text}"
        return Answer("glossary", text, [defined.source], [], 1.0)
    asked_first = _named_first(q)
    if asked_first is not None:  # "what is Kooth that the CCG bought": Kooth is asked
        return agency(lib, lib.index.agencies[asked_first])
    typed = _not_the_place(lib, [lib.index.terms[r.id] for r in typed_terms(q)])
    if typed and not aspect_cues(q):  # "whats an ACE in ... speak", "LPA police"
        # "MASH and CAMHS, what do they each stand for": each named, in order
        several = len(typed) > 1 and re.search(r"\b(?:and|&|both|each)\b|,", q.text)
        return term_answer(lib.index, senses(typed if several else typed[:1], lib.index), 1.0)
    terms = _not_the_place(lib, terms_in(q, lib.index, fuzzy=False))
    weak = bool(terms) and weak_part(q)
    if terms and not weak:
        closer = _not_the_place(lib, terms_in(q, lib.index, fuzzy=True))
        if closer and closer != terms:  # "arcc nv": a typo of ARC NV, not NV
            return term_answer(lib.index, senses(closer[:1], lib.index), 0.7, asked=q.subject)
        return term_answer(lib.index, senses(terms, lib.index), 1.0)
    explained = in_a_definition(lib, q)
    if explained is not None:  # "proportionality": a principle a definition explains
        return explained
    named = not weak_part(q, ("board", "agency"))  # not "the council tax band"
    ref = first_ref(q, ("board",), weak=True) if named else None
    if ref:
        return board(lib, lib.index.boards[ref.id], q)
    ref = first_ref(q, ("agency",), weak=True) if named else None
    if ref:
        return agency(lib, lib.index.agencies[ref.id])
    rev = lib.index.reverse(q.subject) if q.subject else []
    if rev:
        return reverse_answer(rev)
    fuzzy = [] if weak else terms_in(q, lib.index, fuzzy=True)
    asked = [w for w in words(q.subject or q.text) if w not in STOPWORDS]
    if fuzzy and asked and all(w in lib.known_words for w in asked):
        # "marmim": a word the report itself uses, not a typo of MARM
        said = mentioned(lib, q)
        if said:
            return said
    if fuzzy:
        asked = q.subject or q.text  # a typo answer always says what it took it for
        return term_answer(lib.index, senses(fuzzy[:1], lib.index), 0.7, asked=asked)
    return mentioned(lib, q) or unknown(lib, q)


def in_a_definition(lib: Library, q: Parsed) -> Answer | None:
    """Not a term, but a word a definition of the report explains in one of its parts
    ("proportionality": a principle within the definition of safeguarding adults)."""
    asked = [w for w in words(q.subject or "") if w not in STOPWORDS and len(w) > 4]
    if not asked:
        return None
    word = asked[0]  # the word asked about comes first ("proportionality in adult care")
    for d in lib.kb.definitions:
        for part in re.split(r"[;:]\s+|(?<=\.)\s+", d.text):
            if words(part)[:1] == [word] and re.match(r"\s*[\w ]{0,40}\s[–-]\s", part):
                # the part that explains it opens with it: "Proportionality – the least ..."
                text = f"{d.term} (the report's definition): {part.strip().rstrip(';')}"
                return Answer("glossary", text, [d.source], [], 0.8)
    return None


def mentioned(lib: Library, q: Parsed) -> Answer | None:
    """Not a glossary term, but the report's own items use it ("county lines")."""
    subject = q.subject or q.text
    stems = [s for s in content_stems(subject) if s not in cues.SEARCH_NOISE]
    if not 1 <= len(stems) <= 3:
        return None
    index = lib.index
    searches = (index.action_search, index.done_search)
    docs = sum(len(x.tf) for x in searches)
    if not any(  # a word most items use ("safeguarding") is no topic of its own
        sum(len(x.postings.get(s, ())) for x in searches) <= max(3, docs // 20) for s in stems
    ):
        return None
    found = [
        (index.actions[a].owner, index.actions[a].text)
        for a, _ in index.action_search.search(stems, limit=3)
        if index.action_search.coverage(stems, a) == 1.0
    ] + [
        index.done_texts[d]
        for d, _ in index.done_search.search(stems, limit=3)
        if index.done_search.coverage(stems, d) == 1.0
    ]
    asked = [w for w in words(subject) if w not in STOPWORDS]

    def says(text: str) -> bool:  # the words themselves, not just stems ("loved")
        ws = set(words(text))
        return all({w, w + "s", w.removesuffix("s")} & ws for w in asked)

    found = [(o, text) for o, text in found if says(text)]
    if not found:
        return None
    lines = [f'The glossary has no entry for "{subject}"; the report mentions it in:']
    sources = []
    for owner_id, text in found[:4]:
        lines.append(f"- {lib.kb.owner_name(owner_id)}: {text}")
        sources.append(lib.source_of(owner_id, text))
    return Answer("glossary", "\n".join(lines), unique(sources), [], 0.5)


def reverse(lib: Library, q: Parsed) -> Answer:
    subject = q.subject
    if not subject or _PRONOUN.fullmatch(subject.strip()):
        # "birth mum is going to the family drug and alcohol court. is there a short name
        # for it": the thing is named in the story
        subject = q.text
    found = lib.index.reverse(subject) if subject == q.subject else []
    if not found and subject:  # "the police scoring data recency frequency gravity"
        ws = words(subject)
        # runs of words, longest first, no longer than the longest name the index holds
        # (a 400-word story has 80,000 runs of any length)
        runs = (
            "".join(ws[i : i + n])
            for n in range(min(len(ws) - 1, lib.index.longest_phrase), 1, -1)
            for i in range(len(ws) - n + 1)
        )
        for run in runs:
            hits = [r for r in lib.index.phrases.get(run, []) if r.kind == "expansion"]
            if hits:
                found = [(lib.index.terms[r.id], 95.0) for r in hits]
                break
    if not found and subject and subject != q.text:
        asked = parse(subject, lib.index)
        if terms_in(asked, lib.index, fuzzy=False):
            # "in the partnership's glossary what's CSE short for": the subject is the short form
            return glossary(lib, parse(f"what is {subject}", lib.index))
    if not found and terms_in(q, lib.index, fuzzy=False):
        return glossary(lib, q)  # "cse in short": it is the short form already
    if not found:
        return unknown(lib, q, note="I can't find an acronym for that in the glossary.")
    return reverse_answer(found)


_PRONOUN = re.compile(r"(?:it|that|this|them|those|these|one)")


def reverse_answer(found: list[tuple[Term, float]]) -> Answer:
    best = found[0][1]
    terms = [t for t, s in found if s >= best - 0.01]
    lines = [f"{t.expansion}: {t.term}" for t in terms]
    return Answer("glossary", "\n".join(lines), unique(t.source for t in terms), [], best / 100)
