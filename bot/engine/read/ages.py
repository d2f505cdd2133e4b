"""Ages told of people in a sentence: "14 yr old", "mum (64)", "turned eighteen".

Read for who a message is about (:mod:`bot.engine.audience`): every age holds a digit or a
number word, so a sentence with neither is not searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.engine.text import NUMBER_WORDS

# Ages: "14 yr old", "15yo", "aged 87", "she's 9", "he is 45". The alternatives opening
# with a word boundary are grouped behind one "\b" (the same alternatives in the same
# order): ``re`` then tests the boundary once a position, not once an alternative.
_AGE = re.compile(
    r"\b(?:(\d{1,3})[\s-]*(?:yo|yos|yo's|y/o|yrs?[\s-]old|years?[\s-]olds?)\b"
    r"|(?:in (?:his|her)|early|mid|late)[\s-]+(\d)0'?s\b"  # "in his 40s" (not "men in their 20s")
    r"|(?:aged?|(?:he|she|they)(?:'s| is| are)|hes|shes|who is|who's|whos)\s+"
    r"(?:about\s+|around\s+|roughly\s+|maybe\s+|probably\s+)?(\d{1,3})\b"
    r"(?!\s*(?:weeks?|wks?|months?|mths?|minutes?|mins?|hours?|hrs?|days?|miles?|stone|kg))"
    r"|(?:is|was) (\d{1,3})(?= and\b|\s*[,.;(]|$| now\b)"
    # a birthday had: "she had her 18th last week"
    r"|(?:had|celebrated|turned) (?:his|her|their) (\d{1,2})(?:st|nd|rd|th)\b"
    r"|(?:just |recently )?turned (\d{1,3})\b"
    r"|(?:can'?t be|cannot be|no|not) (?:more|older) than (\d{1,2})\b"  # "can't be more than 14"
    r"|(?:about|around|roughly|maybe) (\d{1,2}) and \d{1,2}\b(?!\s*(?:am|pm|mins?|minutes|hours))"
    # a guess beside a person, then what they did: "a girl maybe 14 got on", "lad about 15,"
    r"|(?:girl|boy|lad|lass|kid|child|man|woman|lady|bloke|guy)\b[^.,;]{0,30}? (?:maybe|about"
    r"|around|roughly|prob|probably) (\d{1,2})(?=\s*[,;)]| (?:got|came|walked|was|is|and|with)\b)"
    # an age guessed from how someone looks: "she looks about 13", "appears to be around 15"
    r"|(?:looks?|looking|seems?|appears?)(?: to be)?(?: about| around| roughly| maybe| like)?"
    r" (\d{1,2})\b(?!\s*(?:am|pm|mins?|minutes|hours?|hrs|days?|weeks?|months?|[:.]\d))"
    r"|(?:is|s|was) now (\d{1,3})\b(?!\s*(?:weeks?|wks?|months?|mths?)))"  # "now 30 weeks"
    r"|[(,]\s*(\d)0'?s(?=[,)\s])"  # "one of our regulars (60s, lives alone)", "a man, 40s,"
    r"|\b(?:[\w']+ \((\d{1,2})(?:\)|,)"  # "a care leaver (19)", "mum (64, MS)", "12b (19)"
    r"|(?:lad|boy|girl|kid|child|son|daughter|lass|man|woman|lady|pt|patient|client|resident"
    r"|tenant|student|pupil|learner)\s+(?:of\s+|aged\s+)?(\d{1,2})\b"
    r"(?!\s*(?:mins?|minutes|hours?|hrs|days?|weeks?|months?|years|pm|am|[:.]\d"
    r"|doors?|houses?|flats?|floors?|streets?|roads?|miles?|times?|of\b))"  # "lad 15"
    r"|(?:patient|pt|man|woman|lady|gent|gentleman|resident|tenant|client|mum|dad|boy|girl|lad"
    r"|son|daughter|child|person|neighbour|husband|wife|victim|user|leaver|member|student|pupil)s?"
    r",\s*(\d{1,3})"
    r"\s*[,.;)])"  # "a patient, 82, admitted"
)

# Numbers written as words, read as digits before ages are: "eldest about seven",
# "turned eighteen", "in her seventies".
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(NUMBER_WORDS)} | {
    f"{w}ies": f"{n}0s"
    for w, n in (
        ("twent", 2),
        ("thirt", 3),
        ("fort", 4),
        ("fift", 5),
        ("sixt", 6),
        ("sevent", 7),
        ("eight", 8),
        ("ninet", 9),
    )
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")
# A number word is an age after these, or before "year old": not "two lads", "one of them".
_AGE_WORD = re.compile(
    r"\b(?:aged?|about|around|is|was|turned|turns|eldest|youngest|(?:in|early|mid|late)(?: (?:his|her|their))?)"
    r"\s+("
    + "|".join(_NUMBER_WORDS)
    + r")\b|\b("
    + "|".join(_NUMBER_WORDS)
    + r")[\s-]+years?[\s-]+olds?\b"
)


# An age the person had when something began ("with her boyfriend since she was 15"): not
# their age now, which the message gives elsewhere ("my client turned 18 last week") or not.
_PAST_AGE = re.compile(
    r"\b(?:ever since|since|from when|by the time)\s+(?:she|he|they|i|we|you)\s+(?:was|were)"
    r"\s+(?:about\s+|around\s+|only\s+)?\d{1,3}\b"
)


_DIGIT = re.compile(r"\d")
_WORD_RUN = re.compile(r"\w+")
# ASCII characters that are not word characters, as spaces: an ASCII text's word runs are
# its words split at spaces once these are (the runs ``_WORD_RUN`` finds, quicker)
_SPACED = "".join(c if _WORD_RUN.fullmatch(c) else " " for c in map(chr, range(128)))


def _word_runs(text: str) -> list[str]:
    return text.translate(_SPACED).split() if text.isascii() else _WORD_RUN.findall(text)


# A birthday to come: "16 in sept", "(18th is in august)", "turns 18 next month": one less now
_TO_COME = re.compile(
    r"(?<!turned )(?<!was )(?<!turned)\b(?:turns |turning |will be |(?:she|he|they)(?:'s|'ll be| is"
    r"| will be) )?(\d{1,2})(?:st|nd|rd"
    r"|th)?(?: birthday)?(?: is)? (?:in|next|this coming) (?:jan|feb|mar|apr|may|jun|jul|aug|sep"
    r"|oct|nov|dec|month|year|week|summer|spring|autumn|winter)\w*\b"
    r"|\b(?:(?:she|he|they)(?:'s| is| are)|hes|shes|is) (?:nearly|almost|not quite) (\d{1,2})\b"
    r"(?!\s*(?:mins?|minutes|hours?|hrs|days?|weeks?|months?|[:.]\d))"
)


# An age set off by commas after whoever is told of: "one of our regulars, 77, told us" (not a
# flat, a house, a year or a road numbered so)
_APPOSITIVE = re.compile(
    r"\b(?!(?:flat|number|no|room|house|unit|road|street|bus|route|ward|bed|year|yr|page|junction"
    r"|platform|gate|floor|block|door|level|aged|age|at|on|in|by|to|from|and|or|the|about|around)\b)"
    r"[a-z]{3,},\s*(\d{2}),\s+(?=[a-z])"
)
# a guessed age in brackets: "the chap next door (about 60, lives alone)"
_BRACKET_AGE = re.compile(
    r"\((?:about|around|maybe|roughly|approx\.?|prob|probably|like|nearly|almost)\s+(\d{1,3})\s*[,)]"
)
# "my neighbour's 91 and her son's moved in": an age told with "'s" for "is"
_OWNERS_AGE = re.compile(
    r"\b(?!(?:that|there|what|here|where|who|which|this)'s)[a-z]{3,}'s (\d{1,3})(?= and\b|\s*[,.;(]|$| now\b| (?:with|who)\b)"
)
# An age group's team or class: "coach at under 11s football", "our u14s", "the under-16s"
# (every one in it is younger than the number)
_AGE_GROUP = re.compile(r"\b(?:under|u)[\s-]?(\d{1,2})s\b")
# What every match of _TO_COME holds: a number then the month, season or "next ..." it
# comes in (opening with the digit, so ``re`` skips to digits), or "nearly", "almost" or
# "not quite" before the number
_TO_COME_CUE = re.compile(
    r"\d(?:st|nd|rd|th)?(?: birthday)?(?: is)? (?:in|next|this coming) (?:jan|feb|mar|apr|may"
    r"|jun|jul|aug|sep|oct|nov|dec|month|year|week|summer|spring|autumn|winter)"
)
_TO_COME_WORDS = ("nearly ", "almost ", "not quite ")


def _may_come(text: str) -> bool:
    """False when _TO_COME finds nothing in ``text`` (which holds a digit)."""
    return any(map(text.__contains__, _TO_COME_WORDS)) or _TO_COME_CUE.search(text) is not None


# Every match of _AGE holds a digit, and what comes before its first digit is short: at
# most 18 letters of its words ("looking to be roughly") in at most 5 runs of spaces or
# hyphens, 45 characters from "girl" to "maybe " (the one of them that reaches furthest),
# or one word's letters (and " (") for "mum (64)". So a match whose first digit is at ``d``
# starts at or after ``d - _BEFORE`` unless the characters before ``d`` hold a run of two
# spaces or hyphens or are all one word: only there is the text searched from further back.
_BEFORE = 50
_SPACE_RUN = re.compile(r"[\s-]{2}")
_NOT_WORD = re.compile(r"[^\w']")
# _AGE at the first place it matches among the next _BEFORE + 1 (group 1: the match)
_AGE_NEAR = re.compile(rf"(?s:.{{0,{_BEFORE}}}?)({_AGE.pattern})")


def _age_matches(text: str) -> Iterator[tuple[str, str]]:
    """Each match of ``_AGE.finditer(text)`` (its text, the number it read), searched only
    near the digits: no match lies wholly between digits (each holds one), and none starts
    more than _BEFORE characters before its first digit, save where the test above says."""
    pos = 0
    while (digit := _DIGIT.search(text, pos)) is not None:
        d = digit.start()
        start = max(pos, d - _BEFORE)
        if start > pos and (
            _SPACE_RUN.search(text, start - 1, d) is not None
            or _NOT_WORD.search(text, start - 1, d - 2) is None
        ):
            m = _AGE.search(text, pos)  # a match may start further back: search from pos
            if m is None:
                return
            yield m.group(0), next(g for g in m.groups() if g)
            pos = m.end()
            continue
        near = _AGE_NEAR.match(text, start)  # the first match starting at start ... d or so
        if near is None:
            pos = start + _BEFORE + 1  # none starts at start ... start + _BEFORE, nor before
            continue
        yield near.group(1), next(g for g in near.groups()[1:] if g)
        pos = near.end()


def ages(text: str) -> list[int]:
    """The ages told of people in ``text`` ("a 14 year old", "mum (64)", "turned 18"), not
    an age someone had when something began."""
    # every age holds a digit or a number word (a whole word): without either, none
    digit = _DIGIT.search(text) is not None
    # a number word is a whole word where _AGE_WORD finds it
    spelt = not _NUMBER_WORDS.keys().isdisjoint(_word_runs(text))
    if not digit and not spelt:
        return []
    if digit and ("since" in text or "when" in text or "by the time" in text):
        text = _PAST_AGE.sub(" ", text)  # every match holds a digit and one of those
    coming = (
        [int(m.group(1) or m.group(2)) - 1 for m in _TO_COME.finditer(text)]
        if digit and _may_come(text)
        else []
    )
    text = _TO_COME.sub(" ", text) if coming else text
    if spelt:
        text = _AGE_WORD.sub(
            lambda m: m.group(0).replace(
                m.group(1) or m.group(2), _NUMBER_WORDS[m.group(1) or m.group(2)]
            ),
            text,
        )
        if not digit and _DIGIT.search(text) is None:
            return []  # no number word read as an age: every age holds a digit
    out = []
    for whole, number in _age_matches(text):
        n = int(number)
        if whole.endswith("s") and re.search(r"\d0'?s$", whole):
            n *= 10 if n < 10 else 1
        if n <= 110:
            out.append(n)
    group = [int(m.group(1)) - 1 for m in _AGE_GROUP.finditer(text)] if digit else []
    if digit and "(" in text:
        group += [int(m.group(1)) for m in _BRACKET_AGE.finditer(text)]
    if digit and "'s " in text:  # "my neighbour's 91 and", "mum's 85,"
        group += [int(m.group(1)) for m in _OWNERS_AGE.finditer(text)]
    if digit and "," in text and not out:
        group += [int(m.group(1)) for m in _APPOSITIVE.finditer(text)]
    return out + [n for n in coming if 0 < n <= 110] + [n for n in group if n > 0]
