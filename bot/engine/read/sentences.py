"""Sentences and clauses with their spans: the unit every reader works on."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# A sentence ends at . ! ? or a line break (not inside "a.m." or "4.30"); a clause at a
# comma, semicolon, colon, dash or a joining word that starts a new statement.
# "the adult safeguarding no. for a 17 yr old": "no." and "tel." shorten "number" there.
# Both open with the set of characters that can end a piece, so ``re`` skips to those
# characters at C speed; the conditions on what comes before are looked at once past the
# first character (a lookbehind one character longer: the same test).
_SENTENCE_END = re.compile(
    r"[.!?\n\-–](?:(?<=[.!?])(?<![a-z]\.[a-z][.!?])"
    r"(?:(?<!\bno[.!?])(?<!\btel[.!?])|(?!(?<=\.)\s+(?:for|of|pls|please|plz|is|to|at)\b))"
    r"[.!?]*(?=\s|$)|(?<=\n)\n*|(?<=\s[-–])[-–]?(?=\s))"
)
_CLAUSE_END = re.compile(
    r"[,;():\s](?:(?<=[,;()])|(?<=:)(?!\d)|(?<=\s)(?:(?=(?:but|and now|and then|then|so now"
    r"|because|cos|coz|although|though|and if|and when|so if|so i'll|so i will"
    r"|while|whereas|however)\s)|(?<!right\s)(?<!just\s)(?<!for\s)(?<!and\s)(?<!so\s)(?=now\s)))"
)


class Span(NamedTuple):
    """A piece of a text and where it lies in it (a tuple: quick to make and to hash)."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=2048)
def sentences(text: str) -> tuple[Span, ...]:
    """The sentences of ``text`` (already cleaned), with their character spans (cached:
    every reader splits the same message)."""
    out: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        _add(out, text, start, m.start())
        start = m.end()
    _add(out, text, start, len(text))
    return tuple(out)


@lru_cache(maxsize=4096)
def clauses(sentence: Span) -> tuple[Span, ...]:
    """The clauses of one sentence, spans relative to the whole text."""
    out: list[Span] = []
    start = 0
    s = sentence.text
    for m in _CLAUSE_END.finditer(s):
        _add(out, s, start, m.start(), sentence.start)
        start = m.end()
    _add(out, s, start, len(s), sentence.start)
    return tuple(out)


def _add(out: list[Span], text: str, start: int, end: int, offset: int = 0) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        if stripped is piece:  # nothing stripped (the most usual piece)
            start += offset
            out.append(Span(start, start + len(piece), piece))
            return
        lead = len(piece) - len(piece.lstrip())
        out.append(Span(offset + start + lead, offset + start + lead + len(stripped), stripped))
