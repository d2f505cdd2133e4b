"""A long alternation searched only with the alternatives that can match the text.

Python's ``re`` tries every alternative of ``a|b|c|...`` at every position, so a pattern of
sixty alternatives costs about 2.7 ms on a 2,000-character message. Each alternative needs
some literal text to match ("stabbed", "in danger", "knife"); ``Gated`` works out those
literals once from the parsed pattern, keeps only the alternatives whose literals occur in
the text, and searches with a pattern of those (compiled once per set). An alternative whose
literals are all absent (or one of the whole words it needs) cannot match anywhere, so every
search, ``finditer`` and ``sub`` returns exactly what the whole alternation would. What an
alternative needs is read in :mod:`bot.engine.read.literals`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from bot.engine.read.literals import (
    _WORD_RUN,
    _distributed,
    _opening_runs,
    _whole_words,
    required_literals,
    split_alternatives,
    word_runs,
)

_BOUNDARY = re.compile(r"\b")
_BOUNDED = 400  # characters: from this length a search starts near the words it needs
SHORT = 160  # characters: below this the whole alternation is as quick as the gate


class Gated:
    """``alternatives`` joined by ``join`` (given the indices kept, in order; by default
    ``(?:a)|(?:b)|...``), searched with only those that can match. Offers ``search``,
    ``finditer``, ``sub`` and ``pattern`` (the whole alternation). Texts shorter than
    ``short`` are searched with the whole alternation (0: always gated, for alternatives
    that are slow even on a short text)."""

    def __init__(
        self,
        alternatives: list[str],
        flags: int = 0,
        join: Callable[[list[int]], str] | None = None,
        short: int = SHORT,
        alone: Callable[[int], str] | None = None,
        starts: Callable[[int, str, int], bool] | None = None,
        keep: Callable[[str], list[int] | None] | None = None,
    ):
        self.short = short
        # the alternatives that can match a text (in order), when the caller knows a quicker
        # test than the literals' (a phrase set: its words among the text's words)
        self._keep = keep
        # one alternative searched alone (default: joined alone), and a test of where a match
        # may start that replaces a lookbehind ``alone`` leaves out (a pattern that opens with
        # a literal is searched far faster by ``re`` than one that opens with a lookbehind)
        if alone is None and join is None:
            # "\\bword...": searched alone as "word...", the boundary tested where it starts
            alone, starts = self._unbounded, self._at_boundary
        self._alone_src = alone or (lambda i: self._join([i]))
        self._starts = starts
        self.alternatives = list(alternatives)
        self.flags = flags
        self._join = join or (lambda keep: "|".join(f"(?:{self.alternatives[i]})" for i in keep))
        self.pattern = re.compile(self._join(list(range(len(self.alternatives)))), flags)
        self._needs = [required_literals(a, flags) for a in self.alternatives]
        self._literals = sorted({s for n in self._needs if n for s in n})
        self._lower = bool(flags & re.IGNORECASE)
        self._one: list[re.Pattern[str] | None] = [None] * len(self.alternatives)
        # where a long text's search for an alternative may start: a match starts at most
        # ``before`` characters ahead of the first of its needed words (the set of a few
        # whose shortest word is longest)
        self._bounds: list[tuple[frozenset[str], int] | None] = [None] * len(self.alternatives)
        if keep is None and join is None and not self._lower:
            self._keep = _Heads(self.alternatives, self._needs, flags).kept
            for i, a in enumerate(self.alternatives):
                runs = [(w, b) for w, b in word_runs(a, flags) if b is not None and len(w) <= 6]
                self._bounds[i] = max(runs, key=lambda r: min(map(len, r[0])), default=None)

    def _kept(self, text: str) -> list[int] | None:
        """The alternatives that can match ``text``, in order; None for a short text, where
        looking for literals costs more than the whole alternation."""
        if self._keep is not None:
            return self._keep(text)
        if len(text) < self.short:
            return None
        hay = text.lower() if self._lower else text
        present = {s for s in self._literals if s in hay}
        return [i for i, n in enumerate(self._needs) if n is None or not present.isdisjoint(n)]

    def _alone(self, i: int) -> re.Pattern[str]:
        """Alternative ``i`` compiled on its own (once, when first needed)."""
        p = self._one[i]
        if p is None:
            p = self._one[i] = re.compile(self._alone_src(i), self.flags)
        return p

    def _unbounded(self, i: int) -> str:
        a = self.alternatives[i]
        return f"(?:{a[2:]})" if a.startswith("\\b") else f"(?:{a})"

    def _at_boundary(self, i: int, text: str, at: int) -> bool:
        return not self.alternatives[i].startswith("\\b") or bool(_BOUNDARY.match(text, at))

    def _search_alone(self, i: int, text: str, pos: int) -> re.Match[str] | None:
        bound = self._bounds[i]
        if bound is not None and len(text) > _BOUNDED:
            first = -1
            for w in bound[0]:
                at = text.find(w, pos)
                if at >= 0 and (first < 0 or at < first):
                    first = at
            if first < 0:
                return None  # no word it needs at or after pos: no match there
            pos = max(pos, first - bound[1])
        p = self._alone(i)
        m = p.search(text, pos)
        if self._starts is not None:
            while m is not None and not self._starts(i, text, m.start()):
                m = p.search(text, m.start() + 1)
        return m

    @classmethod
    def of(cls, pattern: str, flags: int = 0) -> Gated:
        """``pattern`` split at its top-level ``|`` (a pattern written as one string); a
        pattern of one group, ``\\b(?:a|b|c)\\b``, is split inside that group, the text
        around it repeated on each alternative (the same matches, tried in the same order)."""
        parts = split_alternatives(pattern)
        if len(parts) == 1:
            parts = _distributed(pattern) or parts
        return cls(parts, flags)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The leftmost match, the first alternative in order where several start there:
        what the whole alternation finds."""
        kept = self._kept(text)
        if kept is None:
            return self.pattern.search(text, pos)
        best = None
        for i in kept:
            m = self._search_alone(i, text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def found_in(self, text: str) -> bool:
        """Whether the alternation matches anywhere in ``text`` (``bool(search(text))``),
        stopping at the first alternative that does instead of finding the leftmost match."""
        kept = self._kept(text)
        if kept is None:
            return self.pattern.search(text) is not None
        return any(self._search_alone(i, text, 0) is not None for i in kept)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches left to right, as the whole alternation's ``finditer``
        (alternatives here never match the empty string)."""
        kept = self._kept(text)
        if kept is None:
            yield from self.pattern.finditer(text)
            return
        ahead = [self._search_alone(i, text, 0) for i in kept]
        while True:
            best = None
            for m in ahead:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = max(best.end(), best.start() + 1)
            for k, m in enumerate(ahead):
                if m is not None and m.start() < pos:
                    ahead[k] = self._search_alone(kept[k], text, pos)

    def sub(self, repl, text: str) -> str:  # noqa: ANN001 - str or callable, as re.sub
        out: list[str] = []
        last = 0
        for m in self.finditer(text):
            out.append(text[last : m.start()])
            out.append(repl(m) if callable(repl) else m.expand(repl))
            last = m.end()
        out.append(text[last:])
        return "".join(out)


class _Heads:
    """Which alternatives can match a text, told by the text's words. An alternative that
    opens with ``\\b`` and a run of word characters ("\\bstab", "\\b(?:is|are) being")
    matches only where a word of the text starts with one of those runs: the words' first
    letters find the runs to test instead of a substring search of every literal (what a
    word opens is kept per word, and the words that open nothing are set aside at once), and
    such an alternative is then kept only when its literals occur too (a literal that is a
    word of the text occurs without a search). An alternative of no such opening is kept
    when its literals occur, as before."""

    def __init__(self, alternatives: list[str], needs: list[frozenset[str] | None], flags: int):
        self._needs = needs
        self._by_head: dict[str, list[tuple[str, int]]] = {}  # first three letters
        self._by_start: dict[str, list[int]] = {}  # runs of one or two letters
        self._by_literal: dict[str, list[int]] = {}
        self._always: list[int] = []
        self._opens: dict[str, tuple[int, ...]] = {}  # a word: the alternatives it opens
        self._silent: set[str] = set()  # words that open none
        # sets of words each match holds one of: an alternative missing one is not kept
        self._words = [_whole_words(a, flags) for a in alternatives]
        # an alternative whose literals are found whenever its words are (each word of one of
        # its sets holds a literal) needs no search of them
        self._implied = [
            n is not None and any(all(any(x in w for x in n) for w in ws) for ws in self._words[i])
            for i, n in enumerate(needs)
        ]
        for i, a in enumerate(alternatives):
            runs = _opening_runs(a, flags)
            if runs is not None:
                for r in runs:
                    if len(r) >= 3:
                        self._by_head.setdefault(r[:3], []).append((r, i))
                    else:
                        self._by_start.setdefault(r, []).append(i)
            elif needs[i] is None:
                self._always.append(i)
            else:
                for literal in needs[i]:
                    self._by_literal.setdefault(literal, []).append(i)

    def kept(self, text: str) -> list[int]:
        kept = set(self._always)
        for literal, alternatives in self._by_literal.items():
            if literal in text:
                kept.update(alternatives)
        found = words_of(text)
        opens = self._opens
        if len(opens) > _WORDS_KEPT:
            opens.clear()
            self._silent.clear()
        opened: set[int] = set()
        for w in found - self._silent:  # the words known to open nothing are skipped at once
            o = opens.get(w)
            if o is None:
                o = opens[w] = self._opened_by(w)
                if not o:
                    self._silent.add(w)
            opened.update(o)
        needs, whole = self._needs, self._words
        kept = {i for i in kept if all(not w.isdisjoint(found) for w in whole[i])}
        seen: dict[str, bool] = {}  # a literal's presence, tested once (a word of the text is)
        for i in opened:
            if any(w.isdisjoint(found) for w in whole[i]):
                continue
            if needs[i] is None or self._implied[i]:
                kept.add(i)
                continue
            for literal in needs[i]:
                hit = seen.get(literal)
                if hit is None:
                    hit = seen[literal] = literal in found or literal in text
                if hit:
                    kept.add(i)
                    break
        return sorted(kept)

    def _opened_by(self, word: str) -> tuple[int, ...]:
        """The alternatives whose opening run starts ``word`` (one word of a text, kept)."""
        out = {i for run, i in self._by_head.get(word[:3], ()) if word.startswith(run)}
        for start in {word[:1], word[:2]}:
            out.update(self._by_start.get(start, ()))
        return tuple(out)


_WORDS_KEPT = 50_000  # words whose openings are kept, per gate, before they are forgotten


# ASCII characters that are not word characters, as spaces (the rest as themselves)
_SPACED = "".join(c if _WORD_RUN.fullmatch(c) else " " for c in map(chr, range(128)))


@lru_cache(maxsize=16)
def words_of(text: str) -> frozenset[str]:
    """The words of ``text`` (runs of word characters), for the gates; kept for the last
    few texts, which one message's readers search with several patterns. An ASCII text is
    split at its non-word characters turned to spaces (about 4x quicker than ``\\w+``)."""
    if text.isascii():
        return frozenset(text.translate(_SPACED).split())
    return frozenset(_WORD_RUN.findall(text))


def gate(pattern: re.Pattern[str]) -> Gated:
    """A compiled pattern searched through its gate (see ``Gated.of``)."""
    return Gated.of(pattern.pattern, pattern.flags & ~re.UNICODE)
