"""Text normalisation shared by the indexes and the intent rules."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
        "he",
        "she",
        "they",
        "them",
        "their",
        "his",
        "her",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "what",
        "whats",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "much",
        "many",
        "when",
        "where",
        "why",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "about",
        "with",
        "from",
        "as",
        "into",
        "than",
        "then",
        "so",
        "if",
        "not",
        "no",
        "yes",
        "please",
        "tell",
        "give",
        "show",
        "get",
        "find",
        "need",
        "want",
        "know",
        "any",
        "some",
        "all",
        "there",
        "here",
        "has",
        "have",
        "had",
        "s",
        "t",
        "d",
        "ll",
        "re",
        "ve",
        "m",
        "mean",
        "means",
        "meaning",
        "stand",
        "stands",
        "abbreviation",
        "acronym",
        "short",
        "define",
        "definition",
        "explain",
        "term",
    ]
)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _strip_accents(m: re.Match[str]) -> str:
    """A run of non-ASCII characters without its combining marks (accents)."""
    return "".join(ch for ch in m.group(0) if not unicodedata.combining(ch))


def clean(text: str) -> str:
    """Unescape HTML, fold quotes and dashes, strip accents, lower-case."""
    text = html.unescape(text).translate(_QUOTES)
    if not text.isascii():  # most text is: skip the per-character pass
        text = _NON_ASCII.sub(_strip_accents, unicodedata.normalize("NFKD", text))
    return text.lower()


# ASCII text: every character but a-z and 0-9 made a space, then split (the same tokens as
# ``_WORD``, quicker).
_NOT_WORD_ASCII = str.maketrans(
    {chr(i): " " for i in range(128) if not ("a" <= chr(i) <= "z" or "0" <= chr(i) <= "9")}
)


def word_opening(word: str) -> str:
    """``\\b`` and ``word`` as a pattern opening with its first character, so ``re`` skips to
    that character at C speed: "day" -> "d(?<!\\wd)ay" (the word boundary is a lookbehind one
    character longer, the same test; before an apostrophe the boundary needs a letter)."""
    c = word[0]
    return f"{c}(?<!\\w{c}){word[1:]}" if c.isalnum() else f"{c}(?<=\\w{c}){word[1:]}"


def words(text: str) -> list[str]:
    """Lower-case alphanumeric tokens; "children's" gives "children", "s" is dropped."""
    text = clean(text).replace("'s", "")
    if text.isascii():
        return text.translate(_NOT_WORD_ASCII).split()
    return _WORD.findall(text)


def compact(text: str) -> str:
    """Case- and punctuation-insensitive key: "CP-IS", "cp is" -> "cpis"."""
    return "".join(words(text))


# Numbers written as words, each at its own value: NUMBER_WORDS[7] == "seven".
NUMBER_WORDS = tuple(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty""".split()
)

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")
_DERIVED = ("ation", "ment")  # left after an ending: "implementing" -> "implement" -> "impl"


# Word families the light stemmer cannot join by their endings: "a child dies" is about
# "child deaths"
_FAMILY = {"die": "death", "dies": "death", "died": "death", "dying": "death", "dead": "death"}


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A deliberately light stemmer: enough for "training"/"train", "risks"/"risk", and the
    same stem for "implement", "implemented" and "implementing"; a "-ness" noun stems as its
    adjective ("homelessness", "homeless")."""
    if word in _FAMILY:
        return _FAMILY[word]
    if len(word) > 8 and word.endswith("ness"):
        word = word[:-4]
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            elif suffix not in _DERIVED:
                for derived in _DERIVED:
                    if len(word) > len(derived) + 3 and word.endswith(derived):
                        word = word[: -len(derived)]
                        break
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def initials(name: str) -> str:
    """ "North Vale" -> "nv": how a place of two or more words is written short ("" else)."""
    ws = words(name)
    return "".join(w[0] for w in ws) if len(ws) >= 2 else ""


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


# "20" opens the pattern so ``re`` skips to it at C speed; "not after a letter or digit" is
# a lookbehind two characters longer (the same test as ``\b`` before it).
_YEAR = re.compile(r"(20(?<!\w20)\d\d)(?:\s?[-/]\s?((?:20)?\d\d))?\b")


def years(text: str) -> set[int]:
    """Years written as 2021, 2019-20 or 2020/21 (both years)."""
    out = set()
    for m in _YEAR.finditer(text):
        out.add(int(m.group(1)))
        if m.group(2):
            out.add(int(m.group(2)) if len(m.group(2)) == 4 else int(m.group(1)[:2] + m.group(2)))
    return out


_SCHOOL_YEAR = re.compile(r"\b(?:year|yr)\s?(\d{1,2})(?:s|'s)?\b", re.IGNORECASE)


def school_phases(text: str) -> str:
    """The school phase a school year belongs to ("Year 6 students" are primary pupils), so
    that "primary school kids" finds them."""
    found = {int(n) for n in _SCHOOL_YEAR.findall(text)}
    return " ".join(
        p
        for p, years in (("primary", range(1, 7)), ("secondary", range(7, 14)))
        if found & set(years)
    )
