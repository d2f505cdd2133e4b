"""The moment a contact question asks about when it is not now: "on Saturday", "tomorrow",
"on bank holidays", "on Christmas Day", "at 3am", "Friday at 4.45pm", "tonight".

Pure: ``asked_moment(text, now, cal)`` reads no clock. A day without a time means midday
(a representative daytime moment) unless it is today, when the time is now's; a time
without a day means today. "tonight" and "the weekend" also pick the out-of-hours lines
(the contact channel), and are answered as of that moment:
"tonight" is 21:00 today (or now, if later), "the weekend" is Saturday midday (or now).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from bot.engine.hours import Calendar
from bot.engine.read.sentences import clauses, sentences
from bot.engine.read.shape import shape
from bot.engine.read.vocab import load_time_vocab
from bot.engine.text import word_opening as _opening

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4}
_SHORT |= {"sat": 5, "sun": 6}
_WEEKDAY = re.compile(
    r"\b(?P<next>next\s+)?(?P<day>" + "|".join(_DAYS) + r")s?\b"
    r"|\bon\s+(?P<short>" + "|".join(_SHORT) + r")\b"
)
_CLOCK = re.compile(
    r"(?:\b(?:at|@|around|about|for)\s*(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s*(?P<ap1>am|pm|a\.m\.|p\.m\.)?"
    r"|\b(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?\s*(?P<ap2>am|pm)\b"
    r"|(?<![£$\d.])\b(?P<h3>[01]?\d|2[0-3])[:.](?P<m3>[0-5]\d)\b(?![.\d]))"
)
_NOON = re.compile(r"\b(?:at\s+)?(?:noon|midday|lunchtime|lunch time)\b")
_MIDNIGHT = re.compile(r"\b(?:at\s+)?midnight\b")
# (pattern, a word every match holds, month, day) for fixed dates (a text without the word is
# not searched); the same with the holiday's name for bank holidays found by name
_DATES: list[tuple[re.Pattern[str], str, int, int]] = [
    (re.compile(r"\b(?:christmas|xmas)\s+eve\b"), "eve", 12, 24),
    (re.compile(r"\b(?:christmas|xmas)(?:\s+day)?\b"), "mas", 12, 25),
    (re.compile(r"\bboxing\s+day\b"), "boxing", 12, 26),
    (re.compile(r"\bnew\s+year'?s?\s+eve\b"), "eve", 12, 31),
    (re.compile(r"\bnew\s+year'?s?(?:\s+day)?\b"), "year", 1, 1),
]
_NAMED_HOLIDAYS = [
    (re.compile(r"\bgood\s+friday\b"), "good", "good friday"),
    (re.compile(r"\beaster(?:\s+monday)?\b"), "easter", "easter monday"),
    (re.compile(r"\bmay\s+day\b|\bearly\s+may\b"), "may", "may day"),
    (re.compile(r"\bspring\s+bank\s+holiday\b"), "spring", "spring bank holiday"),
    (
        re.compile(r"\bsummer\s+bank\s+holiday\b|\baugust\s+bank\s+holiday\b"),
        "bank",
        "summer bank holiday",
    ),
]
_ANY_HOLIDAY = re.compile(r"\bbank\s+hol(?:iday)?s?\b|\bpublic\s+holidays?\b")
_THIS = re.compile(r"\bthis\s+(?:morning|afternoon|evening)\b")
_IN_THE = re.compile(
    r"\b(?:in the|this|first thing in the)\s+(?:morning|afternoon|evening)\b"
    r"|\bfirst thing\b|\bwhen the office opens\b"
)
_TOMORROW = re.compile(r"\b(?:tomorrow|tmrw|tmr|tomoz|2moro|2morrow)\b")
_TONIGHT = re.compile(r"\b(?:tonight|tonite|2nite|this evening)\b")
_WEEKEND = re.compile(r"\b(?:week\s?ends?)\b")
_LOOKAHEAD_DAYS = 400
# A day that dates something that happened ("she told me on Friday", "last Saturday") is no
# moment to call at: the right line is the one open now.
_PAST = re.compile(
    r"\b(?:yesterday|last|ago|was|were|told|said|says|disclosed|happened|did|had|saw|seen|"
    r"noticed|came|went|left|(?<!'ve )(?<!have )(?<!i )(?<!we )got|found|heard|reported|since"
    r"|been|rang|took|gave|brought|sent|ran|spoke|wrote|woke|fell|broke|threw|just now)\b"
)


# Words that describe the writer's shift or a habit, not a moment to call at. (Each opens with
# a digit or one of the letters in the lookahead: ``re`` tries the many others only there.)
_DESCRIPTIVE = re.compile(
    r"\b(?=[\dadeflmnopstwy])(?:(?:parents'?|open) evenings?\b"  # an event, not a time
    r"|(?:night|nights|early|late|day|long|weekend|evening|morning|twilight|sleep-in|waking)"
    r"\s+(?:shift|shifts|staff|carer|carers|nurse|worker|workers|duty|rota|cover)"
    r"|\b\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?\s+(?:call|calls|visit|visits|slot|appointment|meeting"
    r"|shift|round|run|clinic|class|session)\b"  # "rang from her 8am call": which call, not when
    r"|\bas far as (?:i|we) (?:can tell|know|can see)\b"  # a hedge, no "tell" asked
    r"|on\s+(?:nights|lates|earlies|days)|(?:every|each|most|some|other|last|the other)"
    r"\s+(?:night|nights|day|days|morning|evening|weekend|week|time)s?"
    r"|at\s+night|at\s+weekends|(?:this|yesterday|that|sunday|monday|tuesday|wednesday"
    r"|thursday|friday|saturday)\s+(?:morning|afternoon|night|evening)\b(?=.*\b(?:was|were|"
    r"said|told|happened|came|went|had|did|saw|found|got)\b))"
)
# A clause in the past tense dates an event ("she was assaulted on sunday night", "he
# handled her roughly at 5am"): its times are no moment to call at.
_PAST_ED = re.compile(r"\b[a-z]{3,}ed\b")
# An ask that points back to a moment named before it: "who do i ring on the day".
_BACK_TO = re.compile(
    r"\b(?:on the day|that day|that night|that evening|that morning|then|at that point"
    r"|at that time|at the time|on that day)\b"
)


# A moment the writer will not wait for ("rather than wait for monday", "instead of monday")
# or cannot call at ("i can't call today"). Each alternative opens with its first word:
# "(?:a|b) rest" is written "a rest|b rest", the same matches tried in the same order.
_DAY_AFTER = r"day after (?:the )?(?:bank holiday|weekend|holidays?)\b"
_CALL_NOW = (
    r"\s+(?:call|ring|phone)\s+(?:\w+\s+)?(?:today|now|tonight"
    r"|this (?:morning|afternoon|evening))\b"
)
_WAIT_FOR = (
    r"\s+(?:wait\w*\s+)?(?:for\s+|until\s+|till\s+|til\s+)?(?:\w+\s+){0,3}?(?:monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday|tomorrow|the morning|the weekend"
    r"|(?:all|over the) weekend|next week|after the weekend)\b"
)
_CANT = "can'?t|cannot|can not|won'?t be able to|am not going to|'m not going to|won'?t|will not"
_WITHOUT = "rather than|instead of|not|don'?t want to|without"
_NOT_WAITING = re.compile(
    "|".join(
        [
            _opening("the ") + r"(?:first \w+ of the )?" + _DAY_AFTER,
            _opening("first ") + r"\w+ of the " + _DAY_AFTER,
            _opening(_DAY_AFTER),
            _opening("between ") + r"(?:xmas|christmas) and (?:the )?new year\b",
            *(_opening(cant) + _CALL_NOW for cant in _CANT.split("|")),
            *(_opening(without) + _WAIT_FOR for without in _WITHOUT.split("|")),
        ]
    )
)
_UNTIL = re.compile(
    r"\b(?:till|until|til)\s+\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)\b"  # "goes missing till 2am"
    r"|\b(?:till|until|til|since|from)\s+(?:\w+\s+){0,2}?(?:monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|tomorrow|tonight|the weekend|next week|christmas)\b"
)
_ASKING = re.compile(
    r"\b(?:who|call|ring|(?<!answer the )(?<!answers the )(?<!answering the )(?<!pick up the )phone"
    r"|contact|(?<!my )(?<!his )(?<!her )(?<!their )(?<!our )number|line"
    r"|open|refer|report|tell|speak|talk)\b|\?"
)  # not "he has my number": whose number it is, no ask
# The writer's plan to call: "i'll ring it in on monday", "when i ring", "she'll phone".
_PLAN = re.compile(
    r"\bill (?:ring|call|phone|report|refer)\b"  # text-speak "ill ring" (not "she's ill")
    r"|\b(?:i'?ll|i will|we'?ll|we will|she'?ll|he'?ll|they'?ll|she will|he will|going to|gonna"
    r"|planning to|plan to|want to|(?:and|then|so) will|when (?:i|we|she|he|they)|once (?:i|we|she|he|they)|if (?:i|we"
    r"|she|he|they) (?:need to|have to|want to))\s+(?:\w+\s+){0,3}?(?:ring|call|phone|report|refer|do it"
    r"|log|rings|calls|phones)\b"
    r"|\bnot back (?:\w+\s+){0,4}?(?:until|till|til)\b"  # "i'm not back at my desk until monday"
    r"|\b(?:i'?ll be|i will be) (?:free|back|around|available|at my desk|in the office)\b"
    r"|\bi'?m free\b"
)
# Busy until a moment, the call planned after it: the moment is when the writer is free.
_BUSY_UNTIL = re.compile(
    r"\b(?:till|until|til|up to|up until)\s+"
    # "til my last one finishes at half 5", "until the clinic ends at 6"
    r"(?:(?:my|the|our|i|we|it)\s+(?:[\w']+\s+){0,4}?(?:finish(?:es)?|ends?|is over|get out|gets out"
    r"|am done|'m done|done)\s+(?:at\s+)?)?"
    r"(?P<t>(?:about |around )?(?:(?:quarter|ten|twenty|five|twenty five)"
    r" (?:past|to) \w+"
    r"|half (?:past )?\w+|\d{1,2}(?:[:.]\d\d)?(?:\s*(?:am|pm))?|noon|midday|lunch\s?time"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tonight))(?!\w)"
)
# The writer's own next step, not a question: "i'll speak to her first thing".
_OWN_DOING = re.compile(
    r"\b(?:i'?ll|i will|we'?ll|we will|i'?m going to|i am going to)\s+(?:\w+\s+){0,2}?"
    r"(?:speak|talk|tell|see|check|look|meet|ask)\b"
)
_AFTER_BUSY = re.compile(
    r"\bafter (?:the|my|this|that|our) (?:meeting|shift|class|clinic|visit|session|call|lesson"
    r"|training|appointment)\b|\bafterwards\b|\bafter that\b"
    r"|\b(?:once|as soon as|when) i'?m (?:out|done|free|finished|back)\b"
)
# A time of day without its hour: "around quarter past" (the hour the writer is busy until).
_NO_HOUR = re.compile(
    r"\b(?:quarter|half|ten|twenty|five) (?:past|to)\b(?!\s+\w*\d|\s+(?:one|two"
    r"|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)"
)
_CONDITION = re.compile(r"^(?:and\s+|but\s+|so\s+)?(?:if|when|once|in case)\b")
_TIME_WORD = re.compile(
    r"\b(?:half \w+|quarter (?:past|to)|(?:at|about|around|after) (?:\d{1,2}|one|two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|twelve)|today|now|tonight|tomorrow|weekend|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|christmas|xmas|bank hol\w*|easter|\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)|\d\d:\d\d"
    r"|noon|midday|midnight|morning|afternoon|evening|night|boxing day|new year\w*|good friday"
    r"|first thing|when the office opens|(?<![£$\d.])\d{1,2}[:.][0-5]\d(?![\d.])"
    r"|may day|\d{1,2}(?:st|nd|rd|th)|\d{1,2}/\d{1,2}|january|february|march|april|june|july"
    r"|august|september|october|november|december)\b"
)
_PASSIVE = re.compile(r"\b(?:will|would|can|could|should|must|to|going to) be \w+ed\b")
_NOT_PAST_ED = frozenset(
    "closed opened concerned worried interested supposed based staffed need needed scared "
    "unstaffed required advised suggested recommended bed red shed".split()
)
# A clause telling a past event: a past word, or a word in -ed that is none of the above
# (the same as _PAST or a word of _PAST_ED outside _NOT_PAST_ED: one pass over the clause).
_EXCUSED = "|".join(sorted(_NOT_PAST_ED))
_TELLS_PAST = re.compile(rf"{_PAST.pattern}|\b(?!(?:{_EXCUSED})\b){_PAST_ED.pattern[2:]}")


@lru_cache(maxsize=2048)
def asking_part(text: str) -> str:
    """The clauses of ``text`` that ask, without those telling an event or describing the
    writer's shift: where the ask is read from ("which number", "out of hours")."""
    _, kept, asking = _read_clauses(text.lower())
    return " | ".join(asking or kept) or text.lower()


@lru_cache(maxsize=2048)
def _asked_part(text: str) -> str:
    """The clauses of ``text`` that can name the moment of the call, in this order: the
    clauses that ask ("who do i ring today"); the writer's plan to call ("i'll ring it in
    on monday at 10"); a condition in a sentence that asks ("if he turns up on saturday
    night ... who do i ring"); else the clauses that tell no event (a story's "she's going
    back there tonight" is no moment to call when the ask names none)."""
    untold, keep, asking = _read_clauses(text)
    if any(_asks_now(c) for c in asking) or (
        "now before" in text
        and any(_BEFORE_CLOSING.search(s.text) and _ASKING.search(s.text) for s in sentences(text))
    ):
        return ""  # "who do i call before the weekend?", "want to report it now before the weekend"
    busy = _BUSY_UNTIL.search(text)
    if busy and any(_AFTER_BUSY.search(c) for c in asking):
        # "stuck in a meeting till half five ... who do i ring after the meeting?"
        return f"i'll call at {busy.group('t')}"
    timed = [c for c in keep if _TIME_WORD.search(c)]
    asks_set = set(asking)
    plans = []  # a plan to the end of its sentence: "i'll ring in the morning when ..., about 10"
    for s in sentences(untold):
        if not _PLAN.search(s.text):
            continue  # a clause matches only where its sentence does
        parts = [c.text for c in clauses(s)]
        first = next((i for i, c in enumerate(parts) if _PLAN.search(c)), None)
        if first is None:
            continue
        tail = " ".join(parts[first:])
        busy = _BUSY_UNTIL.search(" ".join(parts[: first + 1]))
        if _TIME_WORD.search(tail) and not (
            busy and _clock(tail) is None and _NO_HOUR.search(tail)
        ):
            plans.append(tail)
        elif busy:
            # "i'm in class until quarter to 5 and then i'll call", "out on visits till 6 so
            # i'll ring after that": the call comes when the writer is free
            plans.append(f"i'll call at {busy.group('t')}")
    for wanted in (
        [c for c in timed if c in asks_set and not (_PLAN.search(c) or _OWN_DOING.search(c))],
        plans,
        [c for c in timed if _CONDITION.search(c) and _asks_nearby(c, text)],
    ):
        if wanted:
            return " | ".join(wanted)
    if _asks_now(text):
        return ""
    # else only the sentences that ask: a story's "going home to mum tonight" is no moment
    # unless the ask points back to a moment named before ("who do i ring on the day");
    # the clauses that ask as the shape reader finds them, not every "who" or "call" ("her
    # boyfriend, who wouldn't leave", "he stepped out to take a call")
    asks = shape(text).asks
    asking = [s.text for s in sentences(text) if any(a in s.text for a in asks)] or [
        s.text for s in sentences(text) if _ASKING.search(s.text)
    ]
    if asking and not any(_BACK_TO.search(a) for a in asking):
        keep = tuple(c for c in keep if any(c in a or a in c for a in asking))
    return " | ".join(keep)


def _asks_nearby(clause: str, text: str) -> bool:
    """The sentence holding ``clause`` asks too."""
    return any(clause in s.text and _ASKING.search(s.text) for s in sentences(text))


# Calling before a line closes: "want to report it now before the weekend"
_BEFORE_CLOSING = re.compile(
    r"\bnow before (?:the )?(?:weekend|holidays?|bank holiday|break|end of the day|they close"
    r"|it closes|close)\b"
    r"|\b(?:ring|call|phone|report) it (?:through |in )?now before (?:my|our|the|i)\b"  # "now before my first visit at 9.15"
)


def _asks_now(text: str) -> bool:
    """The message asks without naming a moment and says the writer calls soon (searched
    only where "before", "right now" or "asap" is written: every match holds one)."""
    return ("before" in text or "right now" in text or "asap" in text) and bool(
        re.search(
            r"\bbefore i (?:finish|leave|go)\b|\bright now\b|\basap\b|\bbefore (?:the )?(?:weekend"
            r"|holidays?|bank holiday|break|end of the day|they close|it closes|close)\b",
            text,
        )
    )


@lru_cache(maxsize=2048)
def _read_clauses(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """``text`` with shift and habit words, and moments the writer will not wait for, taken
    out; its clauses that tell no past event; and those of them that ask. Read once for
    both readers of a message (the asking part and the moment asked)."""
    text = _NOT_WAITING.sub(" ", _DESCRIPTIVE.sub(" ", text))
    keep = []
    for sentence in sentences(text):
        for clause in clauses(sentence):
            c = clause.text
            # "which number will be answered": a future passive tells no past event
            told = _PASSIVE.sub(" ", c) if " be " in c else c
            if not _TELLS_PAST.search(told):
                until = "til" in c or "since" in c or "from" in c  # a word every match holds
                keep.append(_UNTIL.sub(" ", c) if until else c)
    return text, tuple(keep), tuple(c for c in keep if _ASKING.search(c))


def asked_moment(text: str, now: dt.datetime, cal: Calendar) -> dt.datetime | None:
    """The local moment ``text`` asks about, or None when it asks about now (also when
    that moment would fall outside the calendar: "tomorrow" on 31 December 9999).

    Times in clauses that tell an event ("the assault was on sunday night", "last night")
    and words that describe a shift or a habit ("night shift", "every night") are not asked
    about: only the clauses left can name a moment.
    """
    try:
        return _asked_moment(text, now, cal)
    except (OverflowError, ValueError):  # date arithmetic past year 1 or 9999
        return None


def _asked_moment(text: str, now: dt.datetime, cal: Calendar) -> dt.datetime | None:
    local = cal.local(now)
    text = _asked_part(text.lower())
    day = _day(text, local.date(), cal)
    clock = _clock(text)
    if clock is None and _TONIGHT.search(text) and day in (None, local.date()):
        now_clock = local.time().replace(second=0, microsecond=0)
        # tonight is today's night, a Saturday's too (not the next working day's); asked in
        # the small hours it is the night going on now
        clock = now_clock if local.hour < 5 else max(dt.time(21, 0), now_clock)
        day = local.date()
    if clock is None and (day is not None or _IN_THE.search(text)):
        clock = _part_of_day(text)  # "saturday night", "tuesday morning", "in the morning"
        if clock is not None and day is None:  # "in the morning": the next one
            later = local.time() >= clock and not _THIS.search(text)
            day = local.date() + dt.timedelta(days=1 if later else 0)
            if day == local.date():  # "this afternoon": now, if it has begun
                clock = max(clock, local.time().replace(second=0, microsecond=0))
                if _THIS.search(text) and _in_part_of_day(local.time(), text):
                    return None  # "this morning" said in the morning: now
    if day is None and clock is None:
        return None
    if day is None and _OF_DAY.search(text):
        # "at 4 in the morning" with no day: the coming one, the hour going on now if it is
        start = dt.datetime.combine(local.date(), clock, tzinfo=cal.tz)
        if start <= local.replace(tzinfo=cal.tz) < start + dt.timedelta(hours=1):
            return None
        day = local.date() + dt.timedelta(days=1 if start < local else 0)
    if day is None and clock is not None and _PLAN.search(text):
        # "i'll phone in the morning around 10" said at 23:00: the next 10:00, whatever day
        day = local.date() + dt.timedelta(days=1 if clock < local.time() else 0)
    if day is None and clock is not None:
        # "is the adult line open at 8am" asked on a Sunday: about a working day's hours
        day = local.date()
        while day.weekday() >= 5 or cal.bank_holiday(day):
            day += dt.timedelta(days=1)
    day = day or local.date()
    if clock is None:
        if day == local.date():
            return None
        clock = dt.time(12, 0)
    moment = dt.datetime.combine(day, clock, tzinfo=cal.tz)
    return None if moment == local.replace(second=0, microsecond=0) else moment


def names_a_time(text: str) -> bool:
    """Whether ``text`` gives a clock time ("at 4.15", "5pm", "noon"), not only a day."""
    return _clock(text.lower()) is not None


def _day(text: str, today: dt.date, cal: Calendar) -> dt.date | None:
    m = _WEEKDAY.search(text)
    after = _AFTER.match(text, m.end()) if m else None
    if m and after:
        # "monday morning after christmas": the first such day after the day named
        anchor = _day(text[after.end() :], today, cal)
        if anchor is not None:
            weekday = _DAYS.index(m.group("day")) if m.group("day") else _SHORT[m.group("short")]
            return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    if _TOMORROW.search(text):
        return today + dt.timedelta(days=1)
    given = _calendar_date(text, today)
    if given is not None:  # "on the 28th", "28 december", "28/12"
        return given
    named = _WEEKDAY.search(text)
    if named:
        holidays = [p.search(text) for p, w, _ in _NAMED_HOLIDAYS if w in text]
        holidays.append(_ANY_HOLIDAY.search(text))
        dated = any(w in text and p.search(text) for p, w, _, _ in _DATES)  # "monday 28 dec"
        if not dated and all(h is None or h.start() > named.start() for h in holidays):
            # the day named first is the day of the call: "i'll call tuesday at 11 (monday's
            # a bank hol)"; a holiday named first is ("bank holiday monday")
            return _weekday(named, today)
    for pattern, word, name in _NAMED_HOLIDAYS:
        if word in text and pattern.search(text):
            found = _next_holiday(today, cal, name)
            if found:
                return found
    for pattern, word, month, day in _DATES:
        if word in text and pattern.search(text):
            date = dt.date(today.year, month, day)
            return date if date >= today else dt.date(today.year + 1, month, day)
    if _ANY_HOLIDAY.search(text):
        return _next_holiday(today, cal, "")
    if _WEEKEND.search(text) and not _WEEKDAY.search(text):
        return today + dt.timedelta(days=max(0, 5 - today.weekday()))  # Saturday, or today
    m = _WEEKDAY.search(text)
    return _weekday(m, today) if m else None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember"
    r"|ober|ember)?\b"
)
_DATE_GIVEN = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+"
    + _MONTH
    + r"\b"
    + r"|\b"
    + _MONTH.replace("?P<m>", "?P<m2>")
    + r"\s+(?:the\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?!\s*(?:am|pm|[:.]\d))"
    r"|\b(?:on|by|from|until|till|after) the (?P<d3>\d{1,2})(?:st|nd|rd|th)\b"
    r"|\b(?!24/7\b)(?P<d4>\d{1,2})/(?P<m4>\d{1,2})(?:/\d{2,4})?\b"  # not "24/7"
)


def _calendar_date(text: str, today: dt.date) -> dt.date | None:
    """A day of the calendar named: "the 28th" (this month, or the next if it has gone),
    "28 december", "jan 4th", "28/12" (the next such day)."""
    m = _DATE_GIVEN.search(text)
    if m is None:
        return None
    day = int(m.group("d") or m.group("d2") or m.group("d3") or m.group("d4"))
    name = m.group("m") or m.group("m2")
    month = _MONTHS.index(name) + 1 if name else int(m.group("m4")) if m.group("m4") else None
    candidates = []
    for year in (today.year, today.year + 1):
        for mo in [month] if month else [today.month, today.month % 12 + 1]:
            y = year + (1 if not month and mo < today.month else 0)
            try:
                candidates.append(dt.date(y, mo, day))
            except ValueError:
                continue
    ahead = sorted(d for d in candidates if d >= today)
    return ahead[0] if ahead else None


def _weekday(m: re.Match[str], today: dt.date) -> dt.date:
    weekday = _DAYS.index(m.group("day")) if m.group("day") else _SHORT[m.group("short")]
    ahead = (weekday - today.weekday()) % 7
    if m.group("next") and ahead == 0:
        ahead = 7
    return today + dt.timedelta(days=ahead)


_AFTER = re.compile(
    r"\s+(?:(?:morning|afternoon|evening|night|first thing)\s+)?(?:straight\s+)?after\b"
)


def _next_holiday(today: dt.date, cal: Calendar, name: str) -> dt.date | None:
    """The next bank holiday from today (today included) whose name has ``name``."""
    for i in range(_LOOKAHEAD_DAYS):
        day = today + dt.timedelta(days=i)
        holiday = cal.bank_holiday(day)
        if holiday and name in holiday.lower():
            return day
    return None


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


@lru_cache(maxsize=1)
def _time_words() -> tuple[
    tuple[tuple[re.Pattern[str], dt.time], ...], re.Pattern[str], re.Pattern[str]
]:
    """The parts of the day (bot/engine/vocab/time.yaml) with their moments, longest first,
    and the words that make a bare hour an evening or a morning one."""
    vocab = load_time_vocab()
    parts = tuple(
        (re.compile(rf"\b{re.escape(word)}\b"), dt.time.fromisoformat(at))
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


def _in_part_of_day(now: dt.time, text: str) -> bool:
    """Whether ``now`` falls in the part of the day ``text`` names ("this morning" at 08:10)."""
    spans = {"morning": (5, 12), "afternoon": (12, 18), "evening": (17, 23)}
    m = _THIS.search(text)
    part = m.group(0).split()[-1] if m else ""
    lo, hi = spans.get(part, (0, 0))
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
