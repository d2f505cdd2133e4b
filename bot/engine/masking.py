"""Mask a text before it is stored: keep the words the bot knows, mask everything else.

``mask(text, vocabulary)`` keeps a word only when :mod:`bot.engine.vocabulary` has it
(the knowledge base's and the engine's own words), whatever its case, so a name typed
in lower case ("has tom brown got a social worker") is masked like any unknown word.
Always masked, whatever the vocabulary says:

* anything with a digit (numbers, phone, NHS numbers, house numbers, postcodes, dates
  such as "2012-03-12" or "12/03/12") and number words ("twelve");
* dates written with a month ("march 3rd 2012", "the third of march", "june 2014");
* national insurance numbers ("qq 12 34 56 c"), emails, @handles, web addresses;
* given names that are also words ("will", "may", "grace") unless inside a phrase of
  the knowledge base; a surname that is also a word ("young", "brown") next to another
  masked word, the word after Mr/Mrs/Ms/Dr, and a capitalised word next to a masked word.

Each run of masked words becomes one ``MASK``, so the stored text does not even say how
many words a name had. Masking is idempotent: a masked text masks to itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.engine.vocabulary import Vocabulary

MASK = "«…»"
_HOLE = "\ue000"  # a span masked by a pattern, before the text is split into words

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand""".split()
)
_ORDINAL_UNITS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    "|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
)
_ORDINAL = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|(?:(?:twenty|thirty)[\s-]?)?(?:{_ORDINAL_UNITS})"
    r"|twentieth|thirtieth)"
)
_NUMBER_WORD = "(?:one|" + "|".join(sorted(NUMBER_WORDS)) + ")"
_YEAR = rf"(?:\d{{2,4}}|{_NUMBER_WORD}(?:[\s-]+(?:and[\s-]+)?{_NUMBER_WORD})*)"
_PATTERNS = [
    # dates with a month name, in either order, with or without the year
    rf"\b(?:(?:the\s+)?{_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*{_YEAR})?"
    rf"|{_MONTH}\s+(?:the\s+)?{_ORDINAL}(?:\s*,?\s*{_YEAR})?|{_MONTH}\s*,?\s*\d{{4}})\b",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # email
    r"(?<![\w@])@[\w.]+",  # @handle
    r"\b(?:https?://|www\.)\S+",  # web address
    r"\b[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d]?\b",  # national insurance number
    r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b",  # postcode
]
_SPANS = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:!?)\]}])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LEAD = re.compile(r"^[\"'(\[{]+")
_TRAIL = re.compile(r"[\"'.,;:!?)\]}]+$")
_PUNCT = frozenset(".,;:!?()[]{}\"'-/&")
_LETTERS = re.compile(r"[^\W\d_]+(?:['\-/&][^\W\d_]+)*")
_CONTRACTIONS = ("'s", "'re", "'ve", "'ll", "'d", "'m", "n't")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "master"})
_NAME_CUES = frozenset({"called", "named", "aka", "nicknamed", "name's"})


@dataclass
class _Token:
    lead: str
    core: str
    trail: str
    word: str | None  # the known word, lower case (None when masked)
    why: str = ""  # why it is masked: "word", "name", "number", "pattern"
    protected: bool = False  # inside a phrase of the knowledge base

    @property
    def masked(self) -> bool:
        return self.word is None


def mask(text: str, vocabulary: Vocabulary) -> str:
    """The text with every word the bot does not know (and every number) masked."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = _CONTROL.sub(" ", text)
    text = _SPANS.sub(f" {_HOLE} ", text)
    tokens = [_token(chunk, vocabulary) for chunk in text.split()]
    _protect_phrases(tokens, vocabulary)
    _mask_names(tokens, vocabulary)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _join(tokens))


def _token(chunk: str, vocab: Vocabulary) -> _Token:
    if all(ch in _PUNCT for ch in chunk):  # "&", "-", "?" on their own
        return _Token(chunk, "", "", "")
    lead = _LEAD.match(chunk)
    lead_s = lead.group(0) if lead else ""
    rest = chunk[len(lead_s) :]
    trail = _TRAIL.search(rest)
    trail_s = trail.group(0) if trail else ""
    core = rest[: len(rest) - len(trail_s)]
    if not core:
        return _Token("", chunk, "", None, "pattern")
    word, why = _known(core, vocab)
    return _Token(lead_s, core, trail_s, word, why)


def _known(core: str, vocab: Vocabulary) -> tuple[str | None, str]:
    if _HOLE in core:
        return None, "pattern"
    if any(ch.isdigit() for ch in core):
        return None, "number"
    lower = core.lower()
    if lower in NUMBER_WORDS:
        return None, "number"
    if not _LETTERS.fullmatch(core):
        return None, "pattern"
    words = vocab.words
    if lower in words:
        return lower, ""
    for suffix in _CONTRACTIONS:
        base = lower[: -len(suffix)]
        if lower.endswith(suffix) and (base in words or (suffix == "n't" and base + "n" in words)):
            return base, ""
    if all(part in words for part in re.split(r"['\-/&]", lower)):
        return lower, ""
    return None, "word"


def _protect_phrases(tokens: list[_Token], vocab: Vocabulary) -> None:
    """Words inside a phrase of the knowledge base ("young people") are never names."""
    for i, tok in enumerate(tokens):
        for phrase in vocab.phrases.get(tok.word or "", ()):
            window = tokens[i : i + len(phrase)]
            if len(window) == len(phrase) and all(
                t.word == w for t, w in zip(window, phrase, strict=True)
            ):
                for t in window:
                    t.protected = True


def _mask_names(tokens: list[_Token], vocab: Vocabulary) -> None:
    def hide(tok: _Token) -> None:
        if tok.core and not tok.masked and not tok.protected:
            tok.word, tok.why = None, "name"

    words = [t for t in tokens if t.core]
    for tok in words:
        if tok.word in vocab.given_names:
            hide(tok)
    for prev, tok in zip(words, words[1:], strict=False):
        if prev.word in _TITLES or (prev.word in _NAME_CUES and _capitalised(tok)):
            hide(tok)
    changed = True
    while changed:
        changed = False
        for i, tok in enumerate(words):
            if tok.masked or tok.protected:
                continue
            near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
            if not any(n.masked and n.why in ("word", "name") for n in near):
                continue
            starts = i == 0 or any(ch in ".!?" for ch in words[i - 1].trail)
            if tok.word in vocab.surnames or (_capitalised(tok) and not starts):
                hide(tok)
                changed = True


def _capitalised(tok: _Token) -> bool:
    """ "Young" or "Brown", not "MASH" or "young"."""
    return tok.core[:1].isupper() and not tok.core.isupper()


def _join(tokens: list[_Token]) -> str:
    out: list[str] = []
    previous_masked = False
    for tok in tokens:
        if not tok.core:  # punctuation on its own
            out.append(tok.lead)
            previous_masked = False
            continue
        if tok.masked:
            if previous_masked and not tok.lead:
                out[-1] += tok.trail
            else:
                out.append(tok.lead + MASK + tok.trail)
            previous_masked = not tok.trail
            continue
        out.append(tok.lead + tok.core + tok.trail)
        previous_masked = False
    return " ".join(out)
