"""Indexes built once over a knowledge base: phrase look-up, fuzzy terms, text search.

- ``phrases``: key (see :func:`bot.engine.text.compact`) of every term, alias, expansion,
  board and agency name -> what it names. A question's n-grams are looked up here (the
  keys sorted too, so the look-up stops once no key opens with the words read).
- fuzzy look-up of single words against glossary keys: a scan of the keys of a near
  length while the glossary is small, candidates that share a letter pair with the word
  once it is large (at the engine's cut-offs a real match always shares one), so that
  100,000 terms cost a fraction of a scan.
- fuzzy reverse look-up of expansions: token-sorted expansions kept in length order, so
  only those whose length can reach the cut-off are scored.
- a small BM25 search over action texts and board remits ("which board handles X").
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.engine.text import STOPWORDS, compact, content_stems, initials, school_phases, stem, words
from bot.kb.models import Action, Agency, Board, Definition, KnowledgeBase, Term

_LOWER_WORD = re.compile(r"(?<![A-Za-z0-9])[a-z][a-z0-9]*")  # a word written in lower case
MAX_NGRAM = 8
MAX_TOKENS = 120
TOPIC_TERMS = 2_000  # glossary expansions read for topic words (enough to learn the usage)
SCAN_LIMIT = 5_000  # glossary keys scanned whole below this; letter pairs above


@dataclass(frozen=True)
class Ref:
    """What a phrase names: ``kind`` is term, expansion, board or agency."""

    kind: str
    id: str
    strong: bool = True  # a single common word ("risk", "voice") is weak


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    refs: tuple[Ref, ...]
    text: str


class BM25:
    """A tiny BM25 over short documents, keyed by an arbitrary id."""

    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.6):
        self.k1, self.b = k1, b
        self.tf: dict[str, dict[str, int]] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)
        for doc_id, text in docs.items():
            counts: dict[str, int] = defaultdict(int)
            for s in content_stems(text):
                counts[s] += 1
                self.postings[s].add(doc_id)
            self.tf[doc_id] = dict(counts)
        self.lengths = {d: sum(c.values()) for d, c in self.tf.items()}
        self.avg = (sum(self.lengths.values()) / len(self.lengths)) if self.lengths else 1.0
        n = len(docs)
        self.idf = {
            t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
        }

    def opened(self, text: str) -> str:
        """``text`` with a word written closed that the documents write open or hyphenated
        ("antisocial" for "anti-social", "nighttime" for "night-time") as its two words."""
        out = []
        for w in words(text):
            if len(w) >= 7 and stem(w) not in self.postings:
                w = next(
                    (
                        f"{w[:i]} {w[i:]}"
                        for i in range(3, len(w) - 2)
                        if stem(w[:i]) in self.postings and stem(w[i:]) in self.postings
                    ),
                    w,
                )
            out.append(w)
        return " ".join(out)

    def search(self, query_stems: list[str], limit: int = 5) -> list[tuple[str, float]]:
        scores: dict[str, float] = defaultdict(float)
        for q in set(query_stems):
            for doc_id in self.postings.get(q, ()):
                tf = self.tf[doc_id][q]
                norm = 1 - self.b + self.b * self.lengths[doc_id] / self.avg
                scores[doc_id] += self.idf[q] * tf * (self.k1 + 1) / (tf + self.k1 * norm)
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def weighted_coverage(self, query_stems: list[str], doc_id: str) -> float:
        """Like :meth:`coverage`, each stem weighted by how rare it is ("poverty" over
        "child"); a stem no document has weighs most."""
        qs = set(query_stems)
        top = math.log(1 + (len(self.tf) + 0.5) / 0.5)
        total = sum(self.idf.get(q, top) for q in qs)
        if not total:
            return 0.0
        found = sum(self.idf[q] for q in qs if q in self.tf.get(doc_id, {}))
        return found / total

    def coverage(self, query_stems: list[str], doc_id: str) -> float:
        """Share of the (distinct) query stems found in the document."""
        qs = set(query_stems)
        if not qs:
            return 0.0
        return sum(1 for q in qs if q in self.tf.get(doc_id, {})) / len(qs)


# Everyday words that glossaries use as acronyms and public services as one-word names:
# alone they name nothing for sure ("smart", "the police"). The knowledge adds its contacts'
# short names and its bodies' one-word short names ("a review" names no board);
# a name its own texts write in lower case is weakened when the index is built (``_weaken``).
_EVERYDAY_WORDS = frozenset(
    """smart ace pit act safe help care council police hospital probation ambulance child
    death""".split()
)
# what a body's name ends with that says its kind ("Quality Sub-group" is the quality one)
_KIND_ENDINGS = ("board", "sub group", "subgroup", "group", "panel", "committee")


class KnowledgeIndex:
    """Everything the engine looks up, built once per knowledge base."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.terms = {t.id: t for t in kb.terms}
        self.boards = {b.id: b for b in kb.boards}
        self.agencies = {a.id: a for a in kb.agencies}
        self.contacts = {c.id: c for c in kb.contacts}
        self.actions = {a.id: a for a in kb.actions}
        self.definitions = {
            _definition_key(name): d for d in kb.definitions for name in (d.term, *d.aliases)
        }
        self.action_keys = {compact(a.id): a.id for a in kb.actions if not compact(a.id).isalpha()}
        self.actions_by_owner: dict[str, list[Action]] = defaultdict(list)
        for act in kb.actions:
            self.actions_by_owner[act.owner].append(act)
        self.phrases: dict[str, list[Ref]] = defaultdict(list)
        self.longest_phrase = 0  # words in the longest name, term or expansion
        self.term_keys: dict[str, list[Term]] = defaultdict(list)
        weak = _weak_words(kb)
        for t in kb.terms:
            for name in [t.term, *t.aliases]:
                key = compact(name)
                if key and t not in self.term_keys[key]:
                    self.term_keys[key].append(t)
                    self._add(name, Ref("term", t.id, strong=_strong_term(name, weak)))
            self._add(t.expansion, Ref("expansion", t.id))
        for b in kb.boards:
            for name in _board_names(b):
                self._add(name, Ref("board", b.id, strong=_strong_name(name, weak)))
        for a in kb.agencies:
            for name in _agency_names(a, kb.partnership.area):
                self._add(name, Ref("agency", a.id, strong=_strong_name(name, weak)))
        for t in kb.terms:  # "Children's Social Care" names what "CSC" names
            for ref in list(self.phrases.get(compact(t.term), [])):
                if ref.kind in ("board", "agency"):
                    self._add(t.expansion, Ref(ref.kind, ref.id))
        # every key, sorted: whether any key opens with some text is one bisection (the
        # keys are all added above; later passes only weaken their refs)
        self._sorted_keys = sorted(self.phrases)
        self._fuzzy_buckets: dict[int, list[str]] = defaultdict(list)
        self._key_order: dict[str, tuple[int, int]] = {}
        self._pair_keys: dict[tuple[str, int], list[str]] = defaultdict(list)  # (pair, length)
        large = len(self.term_keys) > SCAN_LIMIT
        for i, key in enumerate(self.term_keys):
            self._fuzzy_buckets[len(key)].append(key)
            self._key_order[key] = (len(key), i)
            if large:
                for pair in _pairs(key):
                    self._pair_keys[pair, len(key)].append(key)
        self._sorted_expansions = sorted(
            (len(text), i, text, t.id)
            for i, (t, text) in enumerate((t, _sorted_words(t.expansion)) for t in kb.terms)
        )
        # word -> number of content words of the expansion -> term ids
        # (word, number of content words of the expansion) -> term ids; lists, not sets: most
        # are one id long in a large glossary
        self._expansion_words: dict[tuple[str, int], list[str]] = defaultdict(list)
        for t in kb.terms:
            ws = _content_words(t.expansion)
            for w in ws:
                self._expansion_words[w, len(ws)].append(t.id)
        self._expansion_vocab = {w for w, _ in self._expansion_words}
        self._expansion_lengths = [n for n, *_ in self._sorted_expansions]
        self._expansion_sorted_texts = [text for _, _, text, _ in self._sorted_expansions]
        self.name_keys: dict[str, Ref] = {}
        for b in kb.boards:
            self.name_keys[compact(b.name)] = Ref("board", b.id)
        for a in kb.agencies:
            self.name_keys[compact(a.name)] = Ref("agency", a.id)
        self.expansion_texts = {t.id: t.expansion for t in kb.terms}
        # owner id -> (other owner id, text) of the actions and done items that name it
        self.mentions: dict[str, list[tuple[str, str]]] = defaultdict(list)
        distinctive = _distinctive_words(kb)
        topics, topic_names = self._topic_words(kb, distinctive)
        self.owner_words = {w: ref for w, ref in distinctive.items() if w not in topics}
        self._weaken(topic_names)
        self._collect_mentions(kb)
        # a school year's phase is searched with it: "year 6 students" are primary pupils
        self.action_search = BM25({a.id: f"{a.text} {school_phases(a.text)}" for a in kb.actions})
        self.done_texts = {
            f"{o.id}#{i}": (o.id, text)
            for o in [*kb.boards, *kb.agencies]
            for i, text in enumerate(o.done)
        }
        self.done_search = BM25(
            {k: f"{text} {school_phases(text)}" for k, (_, text) in self.done_texts.items()}
        )
        self.board_search = BM25(
            {
                b.id: " ".join([b.name, b.remit, b.remit, b.summary, *b.panels, *b.done])
                + " "
                + " ".join(a.text for a in self.actions_by_owner.get(b.id, []))
                for b in kb.boards
            }
        )

    def _add(self, name: str, ref: Ref) -> None:
        key = compact(name)
        self.longest_phrase = max(self.longest_phrase, len(words(name)))
        if key and ref not in self.phrases[key]:
            self.phrases[key].append(ref)

    def _topic_words(
        self, kb: KnowledgeBase, owner_words: dict[str, Ref]
    ) -> tuple[set[str], set[str]]:
        """Name words the knowledge also uses as topics: (owner words, one-word names).

        A word of one board's or agency's name ("crime", "health", "public") names it on its
        own only if the report does not use it for other things: in two or more texts (next
        actions, done items, remits, glossary expansions) of other owners where it is not
        part of a board or agency name. An owner's own texts may use its words freely ("other
        Fire & Rescue Services"). Likewise a one-word name ("Risk", "Voice") is a weak name
        when other owners' texts write it in lower case outside any longer name ("risk
        registers", "the voice of the child"); an acronym ("NVP") never is.
        """
        single: dict[str, str] = {}
        for key, refs in self.phrases.items():
            owners = {r.id for r in refs if r.kind in ("board", "agency")}
            if len(owners) == 1 and key.isalpha():  # a key of several words never is a token
                single[key] = owners.pop()
        texts = [(a.owner, a.text) for a in kb.actions]
        texts += [(o.id, d) for o in [*kb.boards, *kb.agencies] for d in o.done]
        texts += [(b.id, x) for b in kb.boards for x in (b.remit, b.summary)]
        texts += [("", t.expansion) for t in kb.terms[:TOPIC_TERMS]]
        seen: dict[str, int] = defaultdict(int)
        seen_single: dict[str, int] = defaultdict(int)
        for owner_id, text in texts:
            tokens = words(text)[:MAX_TOKENS]
            named: set[int] = set()
            longer: set[int] = set()
            for m in self.scan(tokens):
                if any(r.kind in ("board", "agency") for r in m.refs):
                    named.update(range(m.start, m.end))
                    if m.end - m.start > 1:
                        longer.update(range(m.start, m.end))
            for w in {t for i, t in enumerate(tokens) if i not in named}:
                if w in owner_words and owner_words[w].id != owner_id:
                    seen[w] += 1
            lower = set(_LOWER_WORD.findall(text))
            for w in {t for i, t in enumerate(tokens) if i not in longer} & lower:
                if w in single and single[w] != owner_id:
                    seen_single[w] += 1
        return {w for w, n in seen.items() if n >= 2}, {w for w, n in seen_single.items() if n >= 2}

    def _weaken(self, names: set[str]) -> None:
        """One-word names used as topics name their board or agency only weakly."""
        for key in names:
            self.phrases[key] = [
                Ref(r.kind, r.id, strong=False) if r.kind in ("board", "agency") else r
                for r in self.phrases[key]
            ]

    def _collect_mentions(self, kb: KnowledgeBase) -> None:
        """Each owner's mentions: the other owners' actions and done items that name it."""
        texts = [(a.owner, a.text) for a in kb.actions]
        texts += [(o.id, d) for o in [*kb.boards, *kb.agencies] for d in o.done]
        for owner_id, text in texts:
            for m in self.scan(words(text)[:MAX_TOKENS]):
                for r in m.refs:
                    if r.kind in ("board", "agency") and r.strong and r.id != owner_id:
                        if (owner_id, text) not in self.mentions[r.id]:
                            self.mentions[r.id].append((owner_id, text))

    # -- look-ups -------------------------------------------------------------------

    def scan(self, tokens: list[str]) -> list[Match]:
        """Longest non-overlapping phrase matches in a token list, left to right."""
        tokens = tokens[:MAX_TOKENS]
        out: list[Match] = []
        i = 0
        while i < len(tokens):
            n = self._longest_at(tokens, i)
            if n and not any(
                self._longest_at(tokens, j) > n + (j - i) for j in range(i + 1, i + n)
            ):  # "the police and crime commissioner": a longer name inside wins
                key = "".join(tokens[i : i + n])
                out.append(Match(i, i + n, tuple(self.phrases[key]), " ".join(tokens[i : i + n])))
                i += n
            else:
                i += 1
        return out

    def _longest_at(self, tokens: list[str], i: int) -> int:
        """Length of the longest phrase starting at token ``i`` (0: none)."""
        best, key, phrases, keys = 0, "", self.phrases, self._sorted_keys
        for n, token in enumerate(tokens[i : i + MAX_NGRAM], 1):
            key += token
            if key in phrases:
                best = n
            else:
                at = bisect_left(keys, key)
                if at == len(keys) or not keys[at].startswith(key):
                    break  # no key opens with these words: no longer one does either
        return best

    def fuzzy_term(self, word: str, cutoff: float = 80.0) -> list[tuple[str, float]]:
        """Glossary keys close to ``word`` (typos: "mahs" -> "mash")."""
        if len(word) < 4 or word in STOPWORDS:
            return []
        near = range(len(word) - 2, len(word) + 3)
        if self._pair_keys:
            choices = list(
                {k for p in _pairs(word) for n in near for k in self._pair_keys.get((p, n), ())}
            )
        else:
            choices = [k for length in near for k in self._fuzzy_buckets.get(length, ())]
        found = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        # two letters swapped ("jtia" for "jtai") is one slip, though ratio scores it as two
        swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        seen = {key for key, _, _ in found}
        found += [(k, 90.0, None) for k in swaps if k in self.term_keys and k not in seen]
        found.sort(key=lambda f: (-f[1], self._key_order[f[0]]))
        return [(key, score) for key, score, _ in found[:3]]

    def fuzzy_names(self, text: str, cutoff: float = 85.0) -> list[tuple[Ref, float]]:
        """Board and agency names close to ``text`` ("asurance bord")."""
        key = compact(text)
        if len(key) < 5:
            return []
        found = process.extract(
            key, list(self.name_keys), scorer=fuzz.ratio, score_cutoff=cutoff, limit=3
        )
        return [(self.name_keys[k], score) for k, score, _ in found]

    def reverse(self, phrase: str, cutoff: float = 88.0) -> list[tuple[Term, float]]:
        """Terms whose expansion is ``phrase`` (exact key first, then fuzzy)."""
        key = compact(phrase)
        exact = [self.terms[r.id] for r in self.phrases.get(key, []) if r.kind == "expansion"]
        if exact:
            return [(t, 100.0) for t in exact]
        if len(key) < 6:
            return []
        query = _sorted_words(phrase)
        # ratio >= cutoff needs |len(a) - len(b)| <= (1 - cutoff/100) * (len(a) + len(b))
        slack = 1 - cutoff / 100
        lo = bisect_left(
            self._expansion_lengths, math.floor(len(query) * (1 - slack) / (1 + slack))
        )
        hi = bisect_right(
            self._expansion_lengths, math.ceil(len(query) * (1 + slack) / (1 - slack))
        )
        window = self._sorted_expansions[lo:hi]
        found = process.extract(
            query,
            self._expansion_sorted_texts[lo:hi],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            limit=None,
        )
        found.sort(key=lambda f: (-f[1], window[f[2]][1]))  # ties: knowledge-base order
        if found:
            return [(self.terms[window[i][3]], score) for _, score, i in found[:3]]
        return self._reverse_partial(phrase)

    def _reverse_partial(self, phrase: str) -> list[tuple[Term, float]]:
        """Terms whose expansion holds every word of ``phrase`` and not many more
        ("youth offending" -> YOS, Youth Offending Service), scored below an exact match."""
        asked = _content_words(phrase)
        if not asked:
            return []
        most = int(len(asked) / (0.5 if len(asked) > 1 else 0.67))  # words it may have
        for size in range(len(asked), most + 1):  # fewest extra words first: best share
            postings = sorted((self._expansion_words.get((w, size), ()) for w in asked), key=len)
            ids = set(postings[0]).intersection(*postings[1:])
            if ids:
                score = round(60 + 30 * len(asked) / size, 1)
                return [(self.terms[i], score) for i in sorted(ids)[:3]]
        return []

    def is_expansion_word(self, word: str) -> bool:
        """Whether a glossary expansion uses ``word`` ("agency", "review")."""
        return word in self._expansion_vocab

    def definition(self, subject: str) -> Definition | None:
        """The report's definition of exactly ``subject`` ("child safeguarding"), if any."""
        key = _definition_key(subject)
        return self.definitions.get(key) if key else None

    def terms_for(self, key: str) -> list[Term]:
        return self.term_keys.get(key, [])

    def owner(self, owner_id: str) -> Board | Agency | None:
        return self.boards.get(owner_id) or self.agencies.get(owner_id)


_DEFINITION_NOISE = frozenset({"meant", "word", "concept", "actual", "actually", "exactly"})
_SINGULAR = {"children": "child", "childrens": "child", "people": "person"}


def _definition_key(text: str) -> frozenset[str]:
    """Content stems in any order: "safeguarding children" = "child safeguarding"."""
    return frozenset(_SINGULAR.get(s, s) for s in content_stems(text)) - _DEFINITION_NOISE


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOPWORDS}


def _pairs(key: str) -> set[str]:
    """Adjacent letter pairs of a key ("mash" -> ma, as, sh)."""
    return {key[i : i + 2] for i in range(len(key) - 1)}


def _sorted_words(text: str) -> str:
    """Words in sorted order: ``fuzz.ratio`` on these is ``fuzz.token_sort_ratio``."""
    return " ".join(sorted(words(text)))


_GENERIC_NAME_WORDS = frozenset(
    "board boards service services trust nhs foundation group team partnership "
    "council centre county local national community affiliated safeguarding".split()
)


def _distinctive_words(kb: KnowledgeBase) -> dict[str, Ref]:
    """Words that name exactly one board or agency ("hospital", "probation", "ambulance");
    never the words of the place and its boroughs, which many names share."""
    p = kb.partnership
    generic = _GENERIC_NAME_WORDS | {w for place in (p.area, *p.boroughs) for w in words(place)}
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for kind, items in (("board", kb.boards), ("agency", kb.agencies)):
        for item in items:
            for name in [item.name, *item.aliases]:
                for w in words(name):
                    if len(w) > 3 and w not in STOPWORDS and w not in generic:
                        seen[w].add((kind, item.id))
    return {
        w: Ref(*next(iter(owners)), strong=False) for w, owners in seen.items() if len(owners) == 1
    }


def _weak_words(kb: KnowledgeBase) -> frozenset[str]:
    """Words that alone are too common to name a term, board or agency for sure."""
    contact_names = {compact(a) for c in kb.contacts for a in c.aliases if len(words(a)) == 1}
    return _EVERYDAY_WORDS | contact_names | _short_names(kb)


def _short_names(kb: KnowledgeBase) -> set[str]:
    """Bodies' one-word short names ("Quality Board": quality) that the knowledge also writes
    in lower case ("the quality of care"): alone they are everyday words, not the body."""
    texts = [a.text for a in kb.actions]
    texts += [d for o in (*kb.boards, *kb.agencies) for d in o.done]
    texts += [x for b in kb.boards for x in (b.remit, b.summary, *b.learning)]
    texts += [t.expansion for t in kb.terms[:TOPIC_TERMS]]
    texts += [a.description for a in kb.agencies]
    out = set()
    for b in kb.boards:
        short = _short_word(b.name)
        lower = re.compile(rf"(?<![A-Za-z0-9]){re.escape(short)}\b")
        if short and any(lower.search(t) for t in texts):
            out.add(short)
    return out


def _short_word(name: str) -> str:
    """A body's name without its kind, when one plain word is left ("Quality Board": quality)."""
    text = " ".join(words(name))
    for ending in _KIND_ENDINGS:
        rest = text.removesuffix(f" {ending}")
        if rest != text:
            first = name.split()[0]
            return rest if " " not in rest and not first.isupper() else ""
    return ""


def _strong_term(name: str, weak: frozenset[str]) -> bool:
    key = compact(name)
    return len(key) >= 3 and key not in weak


def _strong_name(name: str, weak: frozenset[str]) -> bool:
    ws = words(name)
    return len(ws) > 1 or (len(ws) == 1 and ws[0] not in weak and len(ws[0]) > 2)


def _board_names(b: Board) -> list[str]:
    names = [b.name, *b.aliases, b.id.replace("-", " ")]
    if b.name.lower().endswith(" board"):
        names.append(b.name[: -len(" board")])
        if b.kind == "affiliated":
            names.append(b.name[: -len(" board")] + " affiliated board")
    return names


def _agency_names(a: Agency, area: str) -> list[str]:
    names = [a.name, *a.aliases, a.id.replace("-", " ")]
    short = initials(area).upper()
    if short and a.name.startswith(area + " "):  # "North Vale Council" -> "NV Council"
        names.append(f"{short} {a.name[len(area) + 1 :]}")
    first, _, rest = a.name.partition(" ")
    if first.isupper() and len(rest.split()) >= 2:  # "NVC Adult Social Care" -> "Adult Social Care"
        names.append(rest)
    return names
