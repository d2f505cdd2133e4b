"""A long alternation searched only with the alternatives that can match the text.

Python's ``re`` tries every alternative of ``a|b|c|...`` at every position, so a pattern of
sixty alternatives costs about 2.7 ms on a 2,000-character message. Each alternative needs
some literal text to match ("stabbed", "in danger", "knife"); ``Gated`` works out those
literals once from the parsed pattern, keeps only the alternatives whose literals occur in
the text, and searches with a pattern of those (compiled once per set). An alternative whose
literals are all absent cannot match anywhere, so every search, ``finditer`` and ``sub``
returns exactly what the whole alternation would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _p
except ImportError:  # pragma: no cover - older Pythons are not supported by the project
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_BOUNDARY = re.compile(r"\b")
SHORT = 160  # characters: below this the whole alternation is as quick as the gate
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains at least one, or None when no
    such set is known (an alternative with no literal of its own). Lower case under
    IGNORECASE."""
    plain = _plain_literals(pattern)
    need = plain if plain is not None else _need(list(_p.parse(pattern, flags)))
    if need is None:
        return None
    if flags & re.IGNORECASE:
        need = {s.lower() for s in need}
    return frozenset(need)


# A phrase of plain words joined by spaces, a word maybe ending in "\w*" or holding an
# optional apostrophe ("she'?s", "stab\w*"): most of a vocabulary. Its literals are read
# without the regex parser (the parser costs about 0.3 ms a phrase, at start-up).
_PLAIN = re.compile(r"(?:[a-z0-9]|\\[^a-zA-Z0-9]|'\?|\\s\+|\\w\*)+")


def _plain_literals(pattern: str) -> set[str] | None:
    """The literals of a plain phrase pattern (see ``_PLAIN``), or None for any other."""
    if not _PLAIN.fullmatch(pattern):
        return None
    pieces: list[str] = []
    for word in pattern.split(r"\s+"):
        word = word.removesuffix(r"\w*")
        if r"\w*" in word:
            return None
        pieces.extend(p for p in re.sub(r"\\(.)", r"\1", word).split("'?") if p)
        if "'?" not in word and "'" in word:
            return None
    if not pieces:
        return None
    # a phrase needs all its pieces; the rarest one alone will do
    return {max(pieces, key=_strength)}


def _need(items: list) -> set[str] | None:
    """The best required set of one sequence of parsed items."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append({"".join(run)})
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        need: set[str] | None = None
        if op is _c.SUBPATTERN:
            need = _need(list(av[-1]))
        elif _ATOMIC is not None and op is _ATOMIC:
            need = _need(list(av))
        elif op is _c.BRANCH:
            parts = [_need(list(b)) for b in av[1]]
            if all(parts):
                need = set().union(*parts)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            need = _need(list(av[2]))
        if need:
            candidates.append(need)
    flush()
    if not candidates:
        return None
    # the set whose weakest string is rarest (longest, not a common word), then the smallest
    return max(candidates, key=lambda s: (min(map(_strength, s)), -len(s)))


_COMMON = frozenset(
    "a an and at by for from he her here his i in into is it me my of on onto or our out"
    " over she that the their them there they this to up was we were will with you".split()
)


def _strength(literal: str) -> int:
    """How rare a literal is likely to be: its length, or 1 for a common word alone."""
    return 1 if literal.strip(" '") in _COMMON or not literal.strip() else len(literal)


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
        if keep is None and join is None and not self._lower:
            self._keep = _Heads(self.alternatives, self._needs, flags).kept

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
            if needs[i] is None:
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
_WORD_RUN = re.compile(r"\w+")
_EXPANSIONS = 2000  # the most strings a run of items is expanded into


def _whole_words(alternative: str, flags: int) -> list[frozenset[str]]:
    """Sets of words every match of ``alternative`` holds one of each, as whole words (runs
    of word characters, as ``words_of`` finds them): "(kill|hurt|take an overdose)" between
    a space and ``\\b`` needs "kill", "hurt" or "overdose" among the text's words."""
    items = list(_p.parse(alternative, flags))
    out: list[frozenset[str]] = []
    run: list = []
    left = False  # whether a non-word character or a boundary comes before the run
    for item in [*items, None]:
        op = item[0] if item else None
        edge = op is _c.AT and item[1] is _c.AT_BOUNDARY
        edge = edge or (op is _c.LITERAL and not _WORD_RUN.fullmatch(chr(item[1])))
        if item is not None and not edge and _strings([item]) is not None:
            run.append(item)
            continue
        if run:
            words = _whole_of(_strings(run), left, edge)
            if words:
                out.append(words)
        run = []
        left = edge
    return out


def _whole_of(strings: set[str] | None, left: bool, right: bool) -> frozenset[str] | None:
    """One whole word of each string (its rarest), or None when a string has none."""
    if not strings:
        return None
    out = set()
    for s in strings:
        tokens = _WORD_RUN.findall(s)
        whole = [
            t
            for i, t in enumerate(tokens)
            if (i or left or not s.startswith(t))
            and (i < len(tokens) - 1 or right or not s.endswith(t))
        ]
        if not whole:
            return None
        out.add(max(whole, key=_strength))
    return frozenset(out)


def _strings(items: list) -> set[str] | None:
    """Every string the parsed ``items`` match, when they are few; None otherwise."""
    out = {""}
    for op, av in items:
        if op is _c.LITERAL:
            nxt: set[str] | None = {chr(av)}
        elif op is _c.SUBPATTERN:
            nxt = _strings(list(av[-1]))
        elif op is _c.BRANCH:
            parts = [_strings(list(b)) for b in av[1]]
            nxt = None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]
        elif op is _c.IN and all(o is _c.LITERAL for o, _ in av):
            nxt = {chr(c) for _, c in av}
        elif op in _REPEATS and av[1] == 1:
            inner = _strings(list(av[2]))
            nxt = None if inner is None else inner | ({""} if av[0] == 0 else set())
        else:
            return None
        if nxt is None:
            return None
        out = {a + b for a in out for b in nxt}
        if len(out) > _EXPANSIONS:
            return None
    return out


@lru_cache(maxsize=16)
def words_of(text: str) -> frozenset[str]:
    """The words of ``text`` (runs of word characters), for the gates; kept for the last
    few texts, which one message's readers search with several patterns."""
    return frozenset(_WORD_RUN.findall(text))


def _opening_runs(alternative: str, flags: int) -> set[str] | None:
    """The runs of word characters one of which every match of ``alternative`` opens with,
    when it opens with ``\\b`` (so the run starts a word of the text); None otherwise."""
    items = list(_p.parse(alternative, flags))
    if not items or items[0] != (_c.AT, _c.AT_BOUNDARY):
        return None
    return _runs(items[1:])


def _runs(items: list) -> set[str] | None:
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL and _WORD_RUN.fullmatch(chr(av)):
            run.append(chr(av))
            continue
        if run:
            break
        if op is _c.SUBPATTERN:
            return _runs(list(av[-1]))
        if op is _c.BRANCH:
            parts = [_runs(list(b)) for b in av[1]]
            if any(p is None for p in parts):
                return None
            return set().union(*parts)  # type: ignore[arg-type]
        return None
    return {"".join(run)} if run else None


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (outside groups and character classes)."""
    parts: list[str] = []
    depth = start = 0
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]" or pattern[i - 1] == "["
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _distributed(pattern: str) -> list[str] | None:
    """``P(?:a|b)S`` as ``[PaS, PbS]`` when the group is the pattern's only one at top level
    and neither P nor S holds an alternation; None otherwise."""
    start = pattern.find("(?:")
    if start < 0 or "(" in pattern[:start]:
        return None
    depth = 0
    i = start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = pattern.index("]", i + 2) + 1
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            break
        i += 1
    else:
        return None
    prefix, inner, suffix = pattern[:start], pattern[start + 3 : i], pattern[i + 1 :]
    if "(" in suffix or "|" in prefix + suffix or suffix[:1] in ("*", "+", "?", "{"):
        return None
    alts = split_alternatives(inner)
    return [f"{prefix}(?:{a}){suffix}" for a in alts] if len(alts) > 1 else None


def gate(pattern: re.Pattern[str]) -> Gated:
    """A compiled pattern searched through its gate (see ``Gated.of``)."""
    return Gated.of(pattern.pattern, pattern.flags & ~re.UNICODE)
