"""Does a question ask about another area's safeguarding ("the Oxfordshire MASH number",
"who sponsors the quality board in Northamptonshire")? The knowledge is one partnership's, so
its numbers and boards are no answer there.

Vocabulary only: the counties, unitary authorities and larger towns of the UK (not those
that are everyday words: Bath, Reading, Bury), in ``vocab/places.yaml``. A place inside a name the question matches
("Buckinghamshire Fire & Rescue") is not elsewhere, and a question that also names the
partnership's own area ("a child from Luton staying in <our area>") is about it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from bot.engine.read.vocab import VOCAB_DIR, line_of
from bot.engine.text import initials
from bot.errors import Problem, VocabularyError
from bot.validation import Reader

PLACE_KEYS = {"places": list[str], "phrases": list[str]}


@cache
def load_places(directory: Path = VOCAB_DIR) -> re.Pattern[str]:
    """The places of ``directory``'s places.yaml as one pattern (longest first); raises
    VocabularyError listing every problem (path:line)."""
    path = Path(directory) / "places.yaml"
    reader = Reader(path, str(path))
    data = reader.top(reader.compose(), PLACE_KEYS)
    problems = list(reader.problems)
    names = [*(data.get("phrases") or []), *(data.get("places") or [])]
    for name in names:
        if not re.fullmatch(r"[a-z]+(?: [a-z]+)*", name or ""):
            problems.append(
                Problem(
                    str(path), line_of(str(path), name or ""), f"{name!r} is not lower-case words"
                )
            )
    if problems:
        raise VocabularyError(problems)
    return re.compile(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b")


def other_area(
    text: str, own_area: str | Sequence[str], named: str, names: Sequence[str] = ()
) -> str | None:
    """The first place ``text`` names that is not inside ``named`` (the names the question
    matched) nor part of one of ``names`` it echoes ("buckinghamshire fire"), in title case;
    None if there is none or ``text`` names an area of its own. ``own_area`` is the
    partnership's area, or its area and boroughs ("an adult in X" for a borough X)."""
    owns = [a.lower() for a in ([own_area] if isinstance(own_area, str) else own_area) if a]
    named = named.lower()
    text = text.lower()
    asked = set(re.findall(r"[a-z]{4,}", text))
    for own in owns:
        short = initials(own)  # how a place of two words is written short; one word has none
        if _says(text, own) or (short and re.search(rf"\b{re.escape(short)}\b", text)):
            return None
    for m in load_places().finditer(text):
        place = m.group(1)
        if any(place in own or own in place for own in owns) or place in named:
            continue
        echoed = [
            n
            for n in names
            if place in n.lower() and (set(re.findall(r"[a-z]{4,}", n.lower())) - {place}) & asked
        ]
        if echoed:
            continue
        return place.title()
    return None


def _says(text: str, place: str) -> bool:
    """Whether ``text`` names ``place`` ("stockton on tees" in "stockton-on-tees")."""
    norm = " ".join(re.findall(r"[a-z0-9]+", place.replace("&", " and ")))
    return place in text or (bool(norm) and norm in " ".join(re.findall(r"[a-z0-9]+", text)))


def names_a_place(text: str) -> bool:
    """Whether ``text`` names any place of the list (the partnership's own included)."""
    return load_places().search(text.lower()) is not None
