"""What every match of a pattern must hold, read once from the parsed pattern: the
literals one of which each match contains, the whole words it holds, the runs it opens with,
and its top-level alternatives. :mod:`bot.engine.read.gate` searches a long alternation with
only the alternatives these tests leave possible.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _p
except ImportError:  # pragma: no cover - older Pythons are not supported by the project
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_WORD_RUN = re.compile(r"\w+")


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


_EXPANSIONS = 2000  # the most strings a run of items is expanded into


def _whole_words(alternative: str, flags: int) -> list[frozenset[str]]:
    """Sets of words every match of ``alternative`` holds one of each, as whole words (runs
    of word characters, as ``words_of`` finds them): "(kill|hurt|take an overdose)" between
    a space and ``\\b`` needs "kill", "hurt" or "overdose" among the text's words."""
    return [words for words, _ in word_runs(alternative, flags)]


def word_runs(alternative: str, flags: int) -> list[tuple[frozenset[str], int | None]]:
    """The sets of ``_whole_words``, each with the most characters a match can hold before
    the word it holds (None when that is unbounded): a match starts at most that far before
    the first place one of the words occurs."""
    parsed = _p.parse(alternative, flags)
    items = list(parsed)
    out: list[tuple[frozenset[str], int | None]] = []
    run: list = []
    start = 0  # the index of the run's first item
    left = False  # whether a non-word character or a boundary comes before the run
    for k, item in enumerate([*items, None]):
        edge = item is not None and _is_edge(item)
        if item is not None and not edge and _strings([item]) is not None:
            if not run:
                start = k
            run.append(item)
            continue
        if run:
            found = _whole_of(_strings(run), left, edge)
            if found:
                words, inside = found
                width = _p.SubPattern(parsed.state, items[:start]).getwidth()[1]
                out.append((words, width + inside if width < _c.MAXREPEAT else None))
        run = []
        left = edge
    return out


def _is_edge(item: tuple) -> bool:
    """A word boundary, or an item that always matches at least one non-word character
    (" ", "\\s+", "[ ,]", "\\W")."""
    op, av = item
    if op is _c.AT:
        return av is _c.AT_BOUNDARY
    if op is _c.LITERAL:
        return not _WORD_RUN.fullmatch(chr(av))
    if op is _c.IN:
        return all(
            (o is _c.LITERAL and not _WORD_RUN.fullmatch(chr(a)))
            or (o is _c.CATEGORY and a in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD))
            for o, a in av
        )
    if op in _REPEATS:
        return av[0] >= 1 and len(av[2]) == 1 and _is_edge(av[2][0])
    return False


def _whole_of(
    strings: set[str] | None, left: bool, right: bool
) -> tuple[frozenset[str], int] | None:
    """One whole word of each string (its rarest), and the furthest into a string one of them
    lies; None when a string has none."""
    if not strings:
        return None
    out = set()
    inside = 0
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
        word = max(whole, key=_strength)
        out.add(word)
        inside = max(inside, s.rfind(word))
    return frozenset(out), inside


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


def group_end(pattern: str, start: int = 0) -> int | None:
    """The index of the ")" closing the group that opens at ``start`` (None if unclosed)."""
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
            return i
        i += 1
    return None


def _distributed(pattern: str) -> list[str] | None:
    """``P(?:a|b)S`` as ``[PaS, PbS]`` when the group is the pattern's only one at top level
    and neither P nor S holds an alternation; None otherwise."""
    start = pattern.find("(?:")
    if start < 0 or "(" in pattern[:start]:
        return None
    i = group_end(pattern, start)
    if i is None:
        return None
    prefix, inner, suffix = pattern[:start], pattern[start + 3 : i], pattern[i + 1 :]
    if "(" in suffix or "|" in prefix + suffix or suffix[:1] in ("*", "+", "?", "{"):
        return None
    alts = split_alternatives(inner)
    return [f"{prefix}(?:{a}){suffix}" for a in alts] if len(alts) > 1 else None
