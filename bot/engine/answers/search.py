"""The fallback for topic questions: search the whole report, ranked (BM25).

Every next action, every piece of reported work, every board's remit with the panels it
oversees, every agency's paragraph and the report's definitions are one document each.
A question nothing else answers ("is anyone planning a safe space for adults in crisis",
"anything being done about knife crime with primary age kids") gets the passages that
cover most of its rare words, each with its owner and page, at a lower confidence and
marked as the closest the report comes, instead of "I don't know".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.answers.common import unique
from bot.engine.concern import CONTACT_WORDS
from bot.engine.index import BM25
from bot.engine.intents import cues
from bot.engine.text import STOPWORDS, compact, content_stems, initials, school_phases, stem, words
from bot.engine.types import Answer
from bot.kb.models import KnowledgeBase

# Words of any question that say nothing of its topic ("is anyone doing anything about").
_NOISE = (
    frozenset(
        stem(w)
        for w in """anyone anybody anything something someone being done doing planning plan plans
    planned going set setting up there any thing things know heard rumour rumours details
    somewhere place partnership together safeguarding people person get got
    make made help helps helping new current currently still really honestly loads lot lots
    think wonder wondering asking asked tell told please thanks hi hello teach teacher work
    job team staff service services local area more most ever never seeing see seen than lately
    recently head said says say something coming come comes came already yet so far around regarding
    concerning towards name names named called getting gets round here locally used happened last year
    actually really
    happening""".split()
    )
    | cues.SEARCH_NOISE
)
_SAME = {
    "kid": "child",
    "kids": "child",
    "pupil": "student",
    "youngster": "child",
    "dad": "father",
    "dads": "father",
    "mum": "mother",
    "mums": "mother",
}
SHOWN = 3
MIN_COVERAGE = 0.5  # of the question's topic stems, weighted by rarity
LONG = 8  # topic stems beyond which a message is a story, judged by what it shares


@dataclass(frozen=True)
class Passage:
    owner: str  # the board or agency it belongs to ("" for the partnership)
    text: str
    source: str
    what: str  # "plans", "reported", "learning", "remit", "about", "definition"


class ReportSearch:
    """One BM25 index over every passage of the report the knowledge holds."""

    def __init__(self, kb: KnowledgeBase):
        passages: list[Passage] = []
        for a in kb.actions:
            passages.append(Passage(kb.owner_name(a.owner), a.text, a.source, "plans"))
        for o in (*kb.boards, *kb.agencies):
            for d in o.done:
                passages.append(Passage(o.name, d, o.source, "reported"))
            for d in getattr(o, "learning", []):  # what a board's reviews taught
                passages.append(Passage(o.name, d, o.source, "learning"))
        for b in kb.boards:
            remit = " ".join(x for x in (b.remit, b.summary) if x)
            if b.panels:
                remit += " Panels it oversees: " + ", ".join(b.panels) + "."
            if remit:
                passages.append(Passage(b.name, remit, b.source, "remit"))
        for a in kb.agencies:
            if a.description:
                passages.append(Passage(a.name, a.description, a.source, "about"))
        for d in kb.definitions:
            passages.append(Passage("", f"{d.term}: {d.text}", d.source, "definition"))
        self.passages = passages
        # the names of boards and agencies, the partnership and its area say who and where,
        # not what: no topic of a question
        p = kb.partnership
        places = (p.area, *p.boroughs)
        self.place_stems = {s for n in (p.name, *places) for s in _own(n)} | (
            {initials(x) for x in places} - {""}
        )
        self.name_stems = self.place_stems | {
            s for o in (*kb.boards, *kb.agencies) for n in (o.name, *o.aliases) for s in _own(n)
        }
        self.owner_names = [
            own
            for o in (*kb.boards, *kb.agencies)
            for n in (o.name, *o.aliases)
            if (own := frozenset(_own(n)))
        ]
        # an owner's own name words, aliases too ("bucks fire" of the fire service)
        self.own = {
            o.name: {s for n in (o.name, *o.aliases) for s in _own(n)}
            for o in (*kb.boards, *kb.agencies)
        }
        self.bm25 = BM25(
            {str(i): f"{p.owner} {p.text} {school_phases(p.text)}" for i, p in enumerate(passages)}
        )
        # a short form in a question is searched with its expansion too ("is the child on a
        # CP plan" finds "on a child protection plan")
        self.expansions: dict[str, list[str]] = {}
        for t in kb.terms:
            for key in (t.term, *t.aliases):
                if t.expansion and 2 <= len(compact(key)) <= 8:
                    self.expansions.setdefault(compact(key), topic_stems(t.expansion))

    def find(
        self, text: str, owner: str | None = None, numbers: bool = False
    ) -> list[tuple[Passage, float]]:
        """The passages (of ``owner``, if given) that cover at least half the topic of
        ``text``, best first."""
        text = self.bm25.opened(text)  # "antisocial" as the report writes it: "anti-social"
        names = self.own.get(owner, _own(owner)) if owner is not None else self.name_stems
        every = topic_stems(f"{text} {school_phases(text)}")
        stems = [s for s in every if s not in names]
        if owner is None and len(stems) < 2:
            # a board's or agency's name words are who, not what, where the question names
            # it whole ("what is the quality board doing about knife crime"); else they may be
            # the topic itself ("what's the name of the new domestic abuse strategy")
            said = set(every)
            if not any(n <= said for n in self.owner_names):
                stems = [s for s in every if s not in self.place_stems]
        for i, s in enumerate(stems):
            # a worker the passages never name, by their work: "hairdressers" finds the
            # "hairdressing" passages (searched here only: the stemmer keeps "register")
            if s not in self.bm25.postings and s.endswith("er") and s[:-2] in self.bm25.postings:
                stems[i] = s[:-2]
        for w in words(text):  # a short form the passages never use: its expansion instead
            if w in STOPWORDS or stem(w) in self.bm25.postings or w in self.bm25.postings:
                continue
            for s in self.expansions.get(w, []):
                if s not in names and s not in stems:
                    stems.append(s)
        if not stems:
            return []
        out = []
        for doc, score in self.bm25.search(stems, limit=len(self.passages)):
            p = self.passages[int(doc)]
            if owner is not None and p.owner != owner:
                continue
            if numbers and not (_COUNT.search(p.text) and self._counts(stems, doc)):
                continue  # "how many responses ...": passages that give a number on it all
            if self._covers(stems, doc):
                out.append((p, score))
        if not out:
            return []
        best = out[0][1]
        return [(p, s) for p, s in out if s >= best * 0.5][:SHOWN]

    def _counts(self, stems: list[str], doc: str) -> bool:
        """Three of the topic's stems, and three quarters of those the report knows: a
        figure is given only for what was asked ("the crime and disorder survey")."""
        known = [s for s in stems if s in self.bm25.postings]
        found = [s for s in known if s in self.bm25.tf[doc]]
        # a topic of two words the report knows ("the crime and disorder survey", its
        # partnership's name set aside) needs both
        return len(found) >= min(3, max(2, len(known))) and len(found) >= 0.75 * len(known)

    def _covers(self, stems: list[str], doc: str) -> bool:
        """Half the topic's stems the report knows, by rarity, and two of them when it
        knows two: a word the report never uses is no evidence for or against a passage.
        A long story shares fewer of its words with any passage: three, and a quarter of
        those the report knows."""
        known = [s for s in stems if s in self.bm25.postings]
        found = [s for s in known if s in self.bm25.tf[doc]]
        if len(stems) > LONG:  # a story around the question: a quarter of what it names
            return len(found) >= max(3, len(known) / 4)
        if len(found) < min(2, len(stems)) or len(found) < len(stems) / 2:
            return False
        return self.bm25.weighted_coverage(known, doc) >= MIN_COVERAGE


# a count in a passage: a number that is not a year ("2361 responses", "666 referrals")
_COUNT = re.compile(r"\b(?!(?:19|20)\d\d\b)\d[\d,]*\b")


def _own(owner: str) -> set[str]:
    return set(content_stems(owner))


def topic_stems(text: str) -> list[str]:
    """The stems of ``text`` that can name a topic (no contact words, no question noise)."""
    return [
        s
        for s in dict.fromkeys(_SAME.get(s, s) for s in content_stems(text))
        if s not in _NOISE and s not in CONTACT_WORDS and len(s) > 2 and not s.isdigit()
    ]


_WHAT = {
    "plans": "plans",
    "reported": "reported",
    "learning": "learning from reviews",
    "remit": "remit",
    "about": "about",
    "definition": "the report says",
}


def search_answer(
    search: ReportSearch, text: str, owner: str | None = None, numbers: bool = False
) -> Answer | None:
    """The closest passages of the report (of ``owner``; giving a number, if ``numbers``)
    to ``text``, or None."""
    hits = search.find(text, owner, numbers)
    if not hits:
        return None
    lines = ["The closest the report comes to this (please check it fits your question):"]
    for p, _ in hits:
        owner = f"{p.owner} ({_WHAT[p.what]})" if p.owner else _WHAT[p.what].capitalize()
        lines.append(f"- {owner}: {p.text}")
    return Answer(
        "search", "\n".join(lines), unique(p.source for p, _ in hits), [], 0.5, ["search"]
    )
