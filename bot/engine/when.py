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

from bot.engine.clock import (  # noqa: F401 - the hour readers, used here and by tests
    _CONDITION,
    _OF_DAY,
    _PLAN,
    _THIS,
    _clock,
    _in_part_of_day,
    _part_going_on,
    _part_of_day,
    _spoken_clock,
    _time_words,
    names_a_time,
)
from bot.engine.days import (  # noqa: F401 - the day readers, used here and by tests
    _ANY_HOLIDAY,
    _DATES,
    _DAYS,
    _NAMED_HOLIDAYS,
    _SHORT,
    _TOMORROW,
    _WEEKDAY,
    _WEEKEND,
    _calendar_date,
    _weekday,
    day_named,
)
from bot.engine.hours import Calendar
from bot.engine.read.sentences import clauses, sentences
from bot.engine.read.shape import shape
from bot.engine.text import word_opening as _opening

_IN_THE = re.compile(
    r"\b(?:in the|this|first thing in the)\s+(?:morning|afternoon|evening)\b"
    r"|\bfirst thing\b|\bwhen the office opens\b"
)
_TONIGHT = re.compile(r"\b(?:tonight|tonite|2nite|this evening)\b")
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
    # "asking for a Monday appt": the day of an appointment, not of the call
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow'?s?)\s+(?:appt"
    r"|appointment|booking|slot|clinic|visit|review|session|class)s?\b"
    r"|on\s+(?:nights|lates|earlies|days)|(?:every|each|most|some|other|last|the other)"
    r"\s+(?:night|nights|day|days|morning|evening|weekend|week|time)s?"
    r"|at\s+night|at\s+weekends|(?:this|yesterday|that|sunday|monday|tuesday|wednesday"
    r"|thursday|friday|saturday)\s+(?:morning|afternoon|night|evening)\b(?=.*\b(?<!'ve )"
    r"(?<!have )(?:was|were|said|told|happened|came|went|had|did|saw|found|got)\b))"
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
_DONE_FIRST = re.compile(
    r"\b(?:when|once|after|as soon as) (?:i|we)(?:'ve| have) (?:\w+ ){0,6}?\w+"
    r"(?=\s*(?:$|[,;-]))|\b(?:when|once|after|as soon as) (?:i|we)(?:'ve| have) [^,;|]*"
)
_TELLS_PAST = re.compile(rf"{_PAST.pattern}|\b(?!(?:{_EXCUSED})\b){_PAST_ED.pattern[2:]}")


_DAY_SAID = re.compile(
    r"\b(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)


def _free_at(busy: re.Match[str], text: str) -> str:
    """The call the writer makes when free, with the day said beside the hour: "on duty til
    quarter to five tomorrow (friday) so will ring after that" is tomorrow at 16:45."""
    day = _DAY_SAID.search(text, busy.end(), busy.end() + 30)
    return f"i'll call at {busy.group('t')}" + (f" {day.group(0)}" if day else "")


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
        return _free_at(busy, text)
    timed = [c for c in keep if _TIME_WORD.search(c)]
    asks_set = set(asking)
    plans = []  # a plan to the end of its sentence: "i'll ring in the morning when ..., about 10"
    # a sentence's plan is a plan of the whole text (its neighbours are no word characters):
    # a text without one has no sentence to look at
    for s in sentences(untold) if _PLAN.search(untold) else ():
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
            plans.append(_free_at(busy, s.text))
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
    untold = _NOT_WAITING.sub(" ", _DESCRIPTIVE.sub(" ", text))
    # a sentence the words taken out left as it was is split as the message's own (once a
    # message, for every reader): its clauses are the same
    same = {s.text: s for s in sentences(text)} if untold != text else {}
    text = untold
    keep = []
    for sentence in sentences(text):
        for clause in clauses(same.get(sentence.text, sentence)):
            c = clause.text
            # "which number will be answered": a future passive tells no past event
            told = _PASSIVE.sub(" ", c) if " be " in c else c
            if "'ve" in told or " have " in told:
                # "when i've had a chance to write it up": a step done before the call to come
                told = _DONE_FIRST.sub(" ", told)
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
    day = day_named(text, local.date(), cal)
    clock = _clock(text)
    if clock is None and _TONIGHT.search(text) and day in (None, local.date()):
        now_clock = local.time().replace(second=0, microsecond=0)
        # tonight is today's night, a Saturday's too (not the next working day's); asked in
        # the small hours it is the night going on now
        clock = now_clock if local.hour < 5 else max(dt.time(21, 0), now_clock)
        day = local.date()
    if clock is None and (day is not None or _IN_THE.search(text)):
        clock = _part_of_day(text)  # "saturday night", "tuesday morning", "in the morning"
        if clock is not None and day == local.date() and _part_going_on(local.time(), text):
            return None  # "friday afternoon, who takes it at this time" on a Friday at 16:40
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
