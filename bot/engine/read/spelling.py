"""The spelling fold: text-speak ("rn", "wat", "bootin", "4 him", "team no.") read as the
words the vocabularies use, from ``bot/engine/vocab/spelling.yaml`` (checked at load, as the
other vocabularies are).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.errors import VocabularyError
from bot.validation import Reader

VOCAB_DIR = Path(__file__).resolve().parent.parent / "vocab"

# "no." shortening "number" after a line's name: "the adult safeguarding no. for a 17 yr old",
# "mash no.?", "ESWT tel no." (not "he said no.")
_NUMBER_NO = re.compile(
    r"\b(safeguarding|team|mash|line|phone|contact|tel|the|ur|your|their|hub|duty|ooh"
    r"|hours|service|services|care|eswt|adults|adult|childrens|children's|office|mobile)\s+"
    r"no\.?(?=\s*(?:$|[?!]|for\b|of\b|pls\b|please\b|plz\b|is\b|to\b|at\b|\.))"
)


# "coming 4 him": "4" standing for "for" before a pronoun (not "4 kids", "4pm"); the tests
# on what comes before the "4" (no digit, dot, colon or word character) come after it, so
# ``re`` looks only at the 4s
_FOUR_FOR = re.compile(r"4(?<![\w.:]4) (him|her|me|them|us|you|u)\b")
# What every match of _NUMBER_NO holds: a space, "no" and what may follow it (searched from
# the "no", the space before it a lookbehind: ``re`` skips to each "no" at C speed)
_NO_AFTER_SPACE = re.compile(
    r"no(?<=\sno)\.?(?=\s*(?:$|[?!]|for\b|of\b|pls\b|please\b|plz\b|is\b|to\b|at\b|\.))"
)


@dataclass
class Spelling:
    """Folds text-speak ("rn", "wat", "bootin") into the words the vocabularies use."""

    fold: dict[str, str]
    real_in_words: frozenset[str]

    def __post_init__(self) -> None:
        # only the words that can change: a folded word, or one ending in "in" (a word, not
        # a letter of a dotted short form: "n.a.i" stays)
        folded = "|".join(sorted(map(re.escape, self.fold), key=len, reverse=True)) or "(?!)"
        self._token = re.compile(rf"(?<![.\w/'])(?:{folded}|[a-z]{{3,}}in)(?![\w/'])(?![.]\w)")

    def apply(self, text: str, keep: Container[str] = ()) -> str:
        """``text`` folded; words in ``keep`` (a glossary's terms: "DA") stay as typed."""
        if "no" in text and _NO_AFTER_SPACE.search(text):
            text = _NUMBER_NO.sub(r"\1 number", text)
        text = _FOUR_FOR.sub(r"for \1", text) if "4" in text else text
        return self._token.sub(lambda m: m.group(0) if m.group(0) in keep else self._one(m), text)

    def _one(self, m: re.Match[str]) -> str:
        w = m.group(0)
        if w in self.fold:
            return self.fold[w]
        if len(w) >= 5 and w.endswith("in") and w.isalpha() and w not in self.real_in_words:
            return w + "g"  # "bootin", "screamin": g-dropping
        return w


@cache
def load_spelling(directory: Path = VOCAB_DIR) -> Spelling:
    """The spelling folds of ``directory``; raises VocabularyError listing every problem."""
    path = Path(directory) / "spelling.yaml"
    reader = Reader(path, str(path))
    node = reader.compose()
    fold: dict[str, str] = {}
    real: list[str] = []
    if node is not None and not isinstance(node, yaml.MappingNode):
        reader.problem(node.start_mark.line + 1, "expected a mapping with keys fold, real_in_words")
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        line = key.start_mark.line + 1
        if key.value == "real_in_words":
            real = reader.convert(value, list[str], "real_in_words") or []
        elif key.value == "fold" and isinstance(value, yaml.MappingNode):
            for k, v in value.value:
                if not (isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)):
                    reader.problem(k.start_mark.line + 1, "fold: expected 'as typed: as read'")
                else:
                    fold[k.value.lower()] = v.value.lower()
        else:
            reader.problem(line, f"unknown key {key.value!r} (expected: fold, real_in_words)")
    if reader.problems:
        raise VocabularyError(reader.problems)
    return Spelling(fold, frozenset(real))
