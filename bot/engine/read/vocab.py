"""The reading vocabularies: data files a safeguarding lead reviews, checked at load.

``load_danger_vocab()`` reads ``bot/engine/vocab/danger.yaml`` (or another directory's)
into compiled phrase patterns; every problem is reported as ``path:line: message`` through
:class:`bot.errors.VocabularyError`, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from pathlib import Path

from bot.engine.read.gate import Gated, words_of
from bot.engine.read.spelling import Spelling, load_spelling  # noqa: F401 - read from here too
from bot.errors import Problem, VocabularyError
from bot.validation import Reader

VOCAB_DIR = Path(__file__).resolve().parent.parent / "vocab"
_PHRASE = re.compile(r"^[a-z0-9' -]+\*?(?: [a-z0-9' -]+\*?)*$")


@dataclass
class CueGroup:
    kind: str
    phrases: list[str]


@dataclass
class Examples:
    danger: list[str] = field(default_factory=list)
    not_danger: list[str] = field(default_factory=list)


DANGER_KEYS = {
    "acute": list[CueGroup],
    "harm": list[CueGroup],
    "now": list[str],
    "history": list[str],
    "negation": list[str],
    "ordinary": list[str],
    "topic": list[str],
    "examples": Examples,
}


class PhraseSet:
    """Phrases compiled into one pattern; ``label(match)`` names the group it came from."""

    def __init__(self, groups: dict[str, list[str]]):
        self.kinds: dict[str, str] = {}
        self._group: list[int] = []
        alts: list[str] = []
        sorted_phrases: list[str] = []
        for i, (kind, phrases) in enumerate(groups.items()):
            self.kinds[f"g{i}"] = kind
            phrase_of = {_pattern(p): p for p in phrases}
            for a in sorted({_pattern(p) for p in phrases}, key=len, reverse=True):
                alts.append(a)
                sorted_phrases.append(phrase_of[a])
                self._group.append(i)
        self._alts = alts
        # searched with only the phrases whose words are in the text (see read/gate.py)
        self.pattern = Gated(
            alts, join=self._join, alone=self._alone, starts=_word_starts, keep=self._kept
        )
        # A phrase's plain words ("in", "danger": letters and digits, no "*" or "'") match
        # only as whole words of the text (a phrase starts and ends at a word's edge, its
        # words are joined by spaces), so a phrase can match only where all of them are among
        # the text's words: one set look-up per word of the text finds the phrases to search.
        # A phrase of no plain word ("stab*", "od'd") is kept when its literals occur.
        # A word with "*" ("stab*") matches a word of the text that starts with it: found
        # through the first three letters of the text's words.
        self._plain: list[frozenset[str]] = []
        self._by_word: dict[str, list[int]] = {}
        self._by_head: dict[str, list[tuple[str, int]]] = {}
        self._by_literal: dict[str, list[int]] = {}
        self._always: list[int] = []
        for i, phrase in enumerate(sorted_phrases):
            plain = frozenset(w for w in phrase.split() if _PLAIN.fullmatch(w))
            starred = [w[:-1] for w in phrase.split() if _STARRED.fullmatch(w)]
            self._plain.append(plain)
            need = self.pattern._needs[i]
            if plain:
                key = max(sorted(plain), key=len)  # the longest: the rarest, usually
                self._by_word.setdefault(key, []).append(i)
            elif starred:
                key = max(starred, key=len)
                self._by_head.setdefault(key[:3], []).append((key, i))
            elif need is None:
                self._always.append(i)
            else:
                for literal in need:
                    self._by_literal.setdefault(literal, []).append(i)
        self._keys = frozenset(self._by_word)
        self._starred: dict[str, tuple[int, ...]] = {}  # a word: the starred phrases it starts
        self._silent: set[str] = set()  # words that start none

    def _kept(self, text: str) -> list[int]:
        """The phrases (indices, in order) that can match ``text``: every plain word of the
        phrase is a word of ``text``, or, for a phrase of none, one of its literals occurs."""
        found = words_of(text)
        kept = {
            i
            for w in found.intersection(self._keys)
            for i in self._by_word[w]
            if self._plain[i] <= found
        }
        if self._by_head:
            starred, silent = self._starred, self._silent
            if len(starred) > 50_000:  # words kept per set before they are forgotten
                starred.clear()
                silent.clear()
            for w in found - silent:  # a word known to start no starred phrase is skipped
                opened = starred.get(w)
                if opened is None:
                    opened = starred[w] = tuple(
                        i for prefix, i in self._by_head.get(w[:3], ()) if w.startswith(prefix)
                    )
                    if not opened:
                        silent.add(w)
                kept.update(opened)
        for literal, phrases in self._by_literal.items():
            if literal in text:
                kept.update(phrases)
        return sorted(kept.union(self._always))

    def _join(self, keep: list[int]) -> str:
        """The kept phrases (indices, in order) grouped by kind as named groups, as whole
        words: not inside a word or a contraction, but a quote may open or close ("she'll
        'regret dumping him'")."""
        parts: list[str] = []
        for g, items in groupby(keep, key=self._group.__getitem__):
            parts.append(f"(?P<g{g}>{'|'.join(self._alts[i] for i in items)})")
        body = "|".join(parts) or "(?!x)x"
        return rf"(?<!\w)(?<!\w')(?:{body})(?!\w)(?!'\w)"

    def _alone(self, i: int) -> str:
        """Phrase ``i`` alone, its lookbehinds left to ``_word_starts``."""
        return rf"(?P<g{self._group[i]}>{self._alts[i]})(?!\w)(?!'\w)"

    def finditer(self, text: str):
        return self.pattern.finditer(text)

    def search(self, text: str):
        return self.pattern.search(text)

    def found_in(self, text: str) -> bool:
        return self.pattern.found_in(text)

    def may_match(self, text: str) -> bool:
        """False when no phrase can match ``text``, nor any piece of it cut at non-word
        characters (a clause of a sentence): its words are among the text's."""
        return bool(self._kept(text))

    def kind(self, m: re.Match[str]) -> str:
        return self.kinds[m.lastgroup or ""]


_WORD_CHAR = re.compile(r"\w")
_PLAIN = re.compile(r"[a-z0-9]+")
_STARRED = re.compile(r"[a-z0-9]{3,}\*")


def _word_starts(_i: int, text: str, at: int) -> bool:
    r"""``(?<!\w)(?<!\w')`` at ``at``: not inside a word or a contraction."""
    if at == 0 or _WORD_CHAR.match(text, at - 1):
        return at == 0
    return not (text[at - 1] == "'" and at > 1 and _WORD_CHAR.match(text, at - 2))


@dataclass
class DangerVocab:
    path: str
    acute: PhraseSet
    harm: PhraseSet
    now: PhraseSet
    history: PhraseSet
    negation: PhraseSet
    ordinary: PhraseSet
    topic: PhraseSet
    examples: Examples


def line_of(path: str, text: str) -> int:
    """The first line of the file at ``path`` that holds ``text`` (1 when none does)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if text and text in line), 1)


def _pattern(phrase: str) -> str:
    out = []
    for word in phrase.split():
        star = word.endswith("*")
        word = word.rstrip("*")
        piece = re.escape(word).replace("'", "'?")
        out.append(piece + (r"\w*" if star else ""))
    return r"\s+".join(out)


@cache
def load_danger_vocab(directory: Path = VOCAB_DIR) -> DangerVocab:
    """The danger vocabulary of ``directory``; raises VocabularyError listing every problem."""
    path = Path(directory) / "danger.yaml"
    reader = Reader(path, str(path))
    data = reader.top(reader.compose(), DANGER_KEYS)
    problems = list(reader.problems)
    for key in ("acute", "harm", "now", "history", "negation", "ordinary", "topic"):
        entries = data.get(key) or []
        phrases = [p for e in entries for p in (e.phrases if isinstance(e, CueGroup) else [e])]
        for p in phrases:
            if not _PHRASE.match(p or ""):
                problems.append(
                    Problem(
                        str(path),
                        line_of(str(path), p or ""),
                        f"{key}: {p!r} is not a phrase of lower-case words",
                    )
                )
    if problems:
        raise VocabularyError(problems)
    return DangerVocab(
        path=str(path),
        acute=PhraseSet({g.kind: g.phrases for g in data["acute"]}),
        harm=PhraseSet({g.kind: g.phrases for g in data["harm"]}),
        now=PhraseSet({"now": data["now"]}),
        history=PhraseSet({"history": data["history"]}),
        negation=PhraseSet({"negation": data["negation"]}),
        ordinary=PhraseSet({"ordinary": data.get("ordinary") or []}),
        topic=PhraseSet({"topic": data["topic"]}),
        examples=data["examples"],
    )


@dataclass
class AudienceWords:
    strong: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)


@dataclass
class AudienceExamples:
    children: list[str] = field(default_factory=list)
    adults: list[str] = field(default_factory=list)


@dataclass
class AudienceVocab:
    path: str
    children: AudienceWords
    adults: AudienceWords
    examples: AudienceExamples


AUDIENCE_KEYS = {
    "children": AudienceWords,
    "adults": AudienceWords,
    "examples": AudienceExamples,
}


@cache
def load_audience_vocab(directory: Path = VOCAB_DIR) -> AudienceVocab:
    """The audience vocabulary of ``directory``; raises VocabularyError listing every
    problem (a phrase not in lower case, a word in both audiences' lists)."""
    path = Path(directory) / "audience.yaml"
    reader = Reader(path, str(path))
    data = reader.top(reader.compose(), AUDIENCE_KEYS)
    problems = list(reader.problems)
    words: dict[str, str] = {}
    for side in ("children", "adults"):
        group = data.get(side) or AudienceWords()
        for key in ("strong", "weak", "phrases"):
            for p in getattr(group, key):
                where = line_of(str(path), p or "")
                if not _PHRASE.match(p or ""):
                    problems.append(
                        Problem(str(path), where, f"{side}.{key}: {p!r} is not lower-case words")
                    )
                elif words.setdefault(p, side) != side:
                    problems.append(Problem(str(path), where, f"{p!r} is listed for both"))
    if problems:
        raise VocabularyError(problems)
    return AudienceVocab(
        str(path),
        data.get("children") or AudienceWords(),
        data.get("adults") or AudienceWords(),
        data.get("examples") or AudienceExamples(),
    )


@dataclass
class PartOfDay:
    word: str
    at: str


@dataclass
class TimeVocab:
    path: str
    parts_of_day: dict[str, str]
    evening_words: list[str]
    morning_words: list[str]


TIME_KEYS = {
    "parts_of_day": list[PartOfDay],
    "evening_words": list[str],
    "morning_words": list[str],
}
_HHMM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")


@cache
def load_time_vocab(directory: Path = VOCAB_DIR) -> TimeVocab:
    """The time vocabulary of ``directory``; raises VocabularyError listing every problem."""
    path = Path(directory) / "time.yaml"
    reader = Reader(path, str(path))
    data = reader.top(reader.compose(), TIME_KEYS)
    problems = list(reader.problems)
    parts = {p.word: p.at for p in data.get("parts_of_day") or [] if p}
    for word, moment in parts.items():
        if not _PHRASE.match(word or "") or not _HHMM.match(str(moment)):
            problems.append(
                Problem(
                    str(path),
                    line_of(str(path), f"word: {word},"),
                    f"parts_of_day: {word!r}: {moment!r} should be a lower-case word and HH:MM",
                )
            )
    for key in ("evening_words", "morning_words"):
        for p in data.get(key) or []:
            if not _PHRASE.match(p or ""):
                problems.append(
                    Problem(str(path), line_of(str(path), p or ""), f"{key}: {p!r} is not words")
                )
    if problems:
        raise VocabularyError(problems)
    return TimeVocab(
        str(path),
        parts,
        list(data.get("evening_words") or []),
        list(data.get("morning_words") or []),
    )
