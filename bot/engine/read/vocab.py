"""The reading vocabularies: data files a safeguarding lead reviews, checked at load.

``load_danger_vocab()`` reads ``bot/engine/vocab/danger.yaml`` (or another directory's)
into compiled phrase patterns; every problem is reported as ``path:line: message`` through
:class:`bot.errors.VocabularyError`, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

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
    "topic": list[str],
    "examples": Examples,
}


class PhraseSet:
    """Phrases compiled into one pattern; ``label(match)`` names the group it came from."""

    def __init__(self, groups: dict[str, list[str]]):
        self.kinds: dict[str, str] = {}
        parts = []
        for i, (kind, phrases) in enumerate(groups.items()):
            name = f"g{i}"
            self.kinds[name] = kind
            alts = sorted({_pattern(p) for p in phrases}, key=len, reverse=True)
            parts.append(f"(?P<{name}>{'|'.join(alts)})")
        body = "|".join(parts) or "(?!x)x"
        self.pattern = re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")

    def finditer(self, text: str):
        return self.pattern.finditer(text)

    def search(self, text: str):
        return self.pattern.search(text)

    def kind(self, m: re.Match[str]) -> str:
        return self.kinds[m.lastgroup or ""]


@dataclass
class DangerVocab:
    acute: PhraseSet
    harm: PhraseSet
    now: PhraseSet
    history: PhraseSet
    negation: PhraseSet
    topic: PhraseSet
    examples: Examples


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
    for key in ("acute", "harm", "now", "history", "negation", "topic"):
        entries = data.get(key) or []
        phrases = [p for e in entries for p in (e.phrases if isinstance(e, CueGroup) else [e])]
        for p in phrases:
            if not _PHRASE.match(p or ""):
                problems.append(
                    Problem(str(path), 1, f"{key}: {p!r} is not a phrase of lower-case words")
                )
    if problems:
        raise VocabularyError(problems)
    return DangerVocab(
        acute=PhraseSet({g.kind: g.phrases for g in data["acute"]}),
        harm=PhraseSet({g.kind: g.phrases for g in data["harm"]}),
        now=PhraseSet({"now": data["now"]}),
        history=PhraseSet({"history": data["history"]}),
        negation=PhraseSet({"negation": data["negation"]}),
        topic=PhraseSet({"topic": data["topic"]}),
        examples=data["examples"],
    )
