"""The hour a message names for its call: "at 4.45", "5pm", "half 8", "quarter to six",
"4 in the morning", "noon", a bare "about 10" where the writer plans the call, and the parts
of the day ("in the morning", "tonight") from the time vocabulary. Pure; used by
:mod:`bot.engine.when`."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from bot.engine.days import _WEEKDAY
from bot.engine.read.vocab import load_time_vocab

_CLOCK = re.compile(
    r"(?:\b(?:at|@|around|about|for)\s*(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s*(?P<ap1>am|pm|a\.m\.|p\.m\.)?"
    r"|\b(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?\s*(?P<ap2>am|pm)\b"
    r"|(?<![£$\d.])\b(?P<h3>[01]?\d|2[0-3])[:.](?P<m3>[0-5]\d)\b(?![.\d]))"
)


_NOON = re.compile(r"\b(?:at\s+)?(?:noon|midday|lunchtime|lunch time)\b")


_MIDNIGHT = re.compile(r"\b(?:at\s+)?midnight\b")


_THIS = re.compile(r"\bthis\s+(?:morning|afternoon|evening)\b")


# The writer's plan to call: "i'll ring it in on monday", "when i ring", "she'll phone".
_PLAN = re.compile(
    r"\bill (?:ring|call|phone|report|refer)\b"  # text-speak "ill ring" (not "she's ill")
    r"|\b(?:i'?ll|i will|we'?ll|we will|she'?ll|he'?ll|they'?ll|she will|he will|going to|gonna"
    r"|planning to|plan to|want to|(?:and|then|so|but) will|when (?:i|we|she|he|they)|once (?:i|we|she|he|they)|if (?:i|we"
    r"|she|he|they) (?:need to|have to|want to))\s+(?:\w+\s+){0,3}?(?:ring|call|phone|report|refer|do it"
    r"|log|rings|calls|phones)\b"
    r"|\bnot back (?:\w+\s+){0,4}?(?:until|till|til)\b"  # "i'm not back at my desk until monday"
    r"|\b(?:i'?ll be|i will be) (?:free|back|around|available|at my desk|in the office)\b"
    r"|\bi'?m free\b"
    # the call told in the present for a time to come: "ringing at 8.45 once i'm at my desk"
    r"|\b(?:ringing|calling|phoning) (?:it in |it through )?(?:at|around|after|tomorrow"
    r"|later|first thing|tonight|this afternoon|in the morning)\b"
)


_CONDITION = re.compile(r"^(?:and\s+|but\s+|so\s+)?(?:if|when|once|in case)\b")


def names_a_time(text: str) -> bool:
    """Whether ``text`` gives a clock time ("at 4.15", "5pm", "noon"), not only a day."""
    return _clock(text.lower()) is not None


_HOUR_WORDS = {
    w: i + 1
    for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())
}


_HOUR = r"(?P<h>\d{1,2}|" + "|".join(_HOUR_WORDS) + r")"


# "half 8", "half past five", "quarter past 5", "quarter to 6", "ten past seven"
_SPOKEN = re.compile(
    r"\b(?:(?P<part>half|quarter|ten|twenty|five)\s+(?P<rel>past|to)\s+|(?P<half>half)\s+)"
    + _HOUR
    + r"\b"
)


# An hour given its part of the day: "4 in the morning" is 04:00, "10 at night" 22:00
_OF_DAY = re.compile(
    r"\b" + _HOUR + r"(?:\s*o'?clock)?\s+(?:in the (?P<part>morning|afternoon|evening)|at night)\b"
)


# A bare hour with a preposition, read only where the writer asks or plans the call:
# "on monday at 10", "about 10", "when she comes out at 7"
_BARE = re.compile(
    r"\b(?:at|about|around|after|for|by)\s+" + _HOUR + r"\b(?![:.]\d|\s*(?:mins?"
    r"|minutes|hours?|hrs|days?|weeks?|months?|years?|yrs?|o'?clock\s+in))"
)


# "the first thing I do" is a step, not "first thing" in the morning
_NOT_A_STEP = r"(?!\s+(?:i|we|you|to|that|he|she|they)\b)"


@lru_cache(maxsize=1)
def _time_words() -> tuple[
    tuple[tuple[re.Pattern[str], dt.time], ...], re.Pattern[str], re.Pattern[str]
]:
    """The parts of the day (bot/engine/vocab/time.yaml) with their moments, longest first,
    and the words that make a bare hour an evening or a morning one."""
    vocab = load_time_vocab()
    parts = tuple(
        (
            re.compile(rf"\b{re.escape(word)}\b{_NOT_A_STEP if ' ' in word else ''}"),
            dt.time.fromisoformat(at),
        )
        for word, at in sorted(vocab.parts_of_day.items(), key=lambda kv: kv[1], reverse=True)
    )

    def any_of(phrases: list[str]) -> re.Pattern[str]:
        return re.compile(
            r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b" if phrases else "(?!)"
        )

    return parts, any_of(vocab.evening_words), any_of(vocab.morning_words)


def _hour(word: str) -> int:
    return int(word) if word.isdigit() else _HOUR_WORDS[word]


def _spoken_clock(text: str) -> dt.time | None:
    """ "half 8", "quarter past five", "about 10": hours as people say them, made pm in
    the evening and for 1 to 7 (office talk: "at 6" is 18:00), am for 8 to 11 otherwise."""
    m = _SPOKEN.search(text)
    minute = 0
    if m:
        h = _hour(m.group("h"))
        part, rel = m.group("part"), m.group("rel")
        if m.group("half"):
            minute = 30
        else:
            minute = {"half": 30, "quarter": 15, "ten": 10, "twenty": 20, "five": 5}[part]
            if rel == "to":
                h, minute = h - 1 if h > 1 else 12, 60 - minute
    else:
        m = _BARE.search(text)
        if not m:
            return None
        h = _hour(m.group("h"))
    if not 1 <= h <= 12:
        return None
    _, evening, morning = _time_words()
    if h < 12 and (evening.search(text) or (h <= 7 and not morning.search(text))):
        h += 12
    return dt.time(h % 24, minute)


# The hours each part of the day covers (from, to)
_PART_HOURS = {"morning": (5, 12), "afternoon": (12, 18), "evening": (17, 23)}


def _in_part_of_day(now: dt.time, text: str) -> bool:
    """Whether ``now`` falls in the part of the day ``text`` names ("this morning" at 08:10)."""
    m = _THIS.search(text)
    return m is not None and _within(now, m.group(0).split()[-1])


_PART = re.compile(r"\b(morning|afternoon|evening)\b")


def _part_going_on(now: dt.time, text: str) -> bool:
    """Whether the part of the day ``text`` names is going on at ``now`` ("friday afternoon"
    said on a Friday at 16:40)."""
    return any(_within(now, m.group(1)) for m in _PART.finditer(text))


def _within(now: dt.time, part: str) -> bool:
    lo, hi = _PART_HOURS.get(part, (0, 0))
    return lo <= now.hour < hi


def _part_of_day(text: str) -> dt.time | None:
    for pattern, moment in _time_words()[0]:
        if pattern.search(text):
            return moment
    return None


def _clock(text: str) -> dt.time | None:
    if _NOON.search(text):
        return dt.time(12, 0)
    if _MIDNIGHT.search(text):
        return dt.time(0, 0)
    spoken = _SPOKEN.search(text)
    if spoken:
        return _spoken_clock(text)
    of_day = _OF_DAY.search(text)
    if of_day and 1 <= _hour(of_day.group("h")) <= 12:
        h = _hour(of_day.group("h")) % 12
        return dt.time(h if of_day.group("part") == "morning" else h + 12, 0)
    for m in _CLOCK.finditer(text):
        hour, minute, ampm = next(
            (m.group(f"h{i}"), m.group(f"m{i}"), m.group(f"ap{i}") if i < 3 else None)
            for i in (1, 2, 3)
            if m.group(f"h{i}")
        )
        if m.group("h1") and not (minute or ampm):
            if _PLAN.search(text) or _CONDITION.search(text) or _WEEKDAY.search(text):
                return _spoken_clock(text)  # "i'll ring it in on monday at 10"
            continue  # "at 3" could be anything; "at 3pm", "at 15:00" cannot
        h, mins = int(hour), int(minute or 0)
        ampm = (ampm or "").replace(".", "")
        if not ampm and 1 <= h <= 7 and not hour.startswith("0"):
            h += 12  # "at 4.45 on a friday": office talk means the afternoon (07:30 is 7am)
        if ampm == "pm" and h < 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
        if h <= 23 and mins <= 59:
            return dt.time(h, mins)
    if _PLAN.search(text) or _CONDITION.search(text):
        return _spoken_clock(text)  # "i'll ring once i'm at my desk around ten"
    return None
