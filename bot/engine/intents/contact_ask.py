"""A contact ask: which line (named by alias, number or email), which channel (call, email,
address, website, hours, out of hours, daytime) and for whom."""

from __future__ import annotations

import re

from bot.engine.audience import fold_all
from bot.engine.contacts import ContactAsk, ContactBook
from bot.engine.index import KnowledgeIndex
from bot.engine.intents.parse import Parsed
from bot.engine.text import compact, words
from bot.engine.when import asking_part

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def phone_named(q: Parsed, book: ContactBook) -> list[str]:
    """Contacts whose number or email the question quotes ("what is 253772"), read once a
    question and book."""
    key = ("phone_named", id(book))
    if key not in q.memo:
        q.memo[key] = (book, _phone_named(q, book))  # the book kept: its id stays its own
    return list(q.memo[key][1])


def _phone_named(q: Parsed, book: ContactBook) -> list[str]:
    # an email holds an "@": a long message without one is not scanned for them
    emails = {e.lower() for e in _EMAIL.findall(q.raw)} if "@" in q.raw else set()
    if emails:  # "what is access.team@council.gov.uk for"
        return [c.id for c in book.contacts if c.email and c.email.lower() in emails]
    if not re.search(r"\d{3}", q.text):
        return []
    quoted = set(re.findall(r"\d{6,}", re.sub(r"(?<=\d)[ -](?=\d)", "", q.text)))
    return list(
        dict.fromkeys(
            cid for digits, cid in book.phone_digits if any(digits.endswith(d) for d in quoted)
        )
    )


def contact_ask(q: Parsed, index: KnowledgeIndex, book: ContactBook) -> ContactAsk:
    """What the question asks of the contact lines, read once a question, index, book and
    audience (several readers ask it; the audience may be filled in after parsing)."""
    key = ("contact_ask", id(index), id(book), q.audience)
    if key not in q.memo:  # the index and book kept: their ids stay their own
        q.memo[key] = (index, book, _contact_ask(q, index, book))
    return q.memo[key][2]


def _contact_ask(q: Parsed, index: KnowledgeIndex, book: ContactBook) -> ContactAsk:
    # the channel is read from the clauses that ask, not from the story ("just left an
    # address where ..., which number", "night shift", "every night")
    asked = words(asking_part(q.text))
    folded = fold_all(asked)
    t = set(asked) | set(folded)
    text = " ".join(folded)
    # a line is named where the message asks, not in a greeting or the story ("Dear NV
    # Together, ... which number should I use?", "I rang the MASH earlier")
    ask_tokens = asked if len(asked) < len(q.tokens) and asked else q.tokens
    grams = {
        "".join(ask_tokens[i : i + n])
        for n in range(1, min(6, len(ask_tokens)) + 1)
        for i in range(len(ask_tokens) - n + 1)
    }
    named: list[str] = list(phone_named(q, book))  # "whose number is 01632 960999"
    for key, cid in book.alias_keys:
        if key in grams and cid not in named:
            named.append(cid)
    phone_words = {"phone", "number", "numbers", "tel", "telephone", "call", "ring", "no"}
    if t & {"fax", "faxes", "faxed"}:
        channel = "fax"
    elif (t & {"email", "mail", "emails"} or "e-mail" in q.text) and not t & phone_words:
        channel = "email"  # "phone and email" is the lines, which give the email too
    elif t & {"website", "web", "url", "webpage", "websites"}:
        channel = "website"
    elif (
        t
        & {
            "address",
            "postcode",
            "located",
            "location",
            *(
                ()
                if re.search(
                    r"\b(?:in|at|from|back to|into) the office\b|\boffice (?:number|phone|line)",
                    text,
                )
                else ("office",)
            ),
            "based",
            "write",
            "postal",
            "letter",
        }
        and "hours" not in t
        and "out of office" not in text  # "adult social care out of office number"
        # "I'll phone ... when the office is quiet. which number should I use?": a line
        and (
            not t & {"number", "numbers", "phone", "ring", "call"}
            or (t & {"address", "postcode", "postal", "letter", "write"} and "number" not in t)
        )
    ):
        channel = "address"
    elif t & {"day", "days", "daytime"} and t & {"night", "nights", "evening", "evenings", "ooh"}:
        channel = "call"  # "numbers for day and night": both lines
    elif any(
        p in text
        for p in (
            "out of hours",
            "out-of-hours",
            "after hours",
            "outside office",
            "outside of office",
            "out of office",
        )
    ) or t & {
        "ooh",
        "night",
        "evening",
        "weekend",
        "weekends",
        "overnight",
        "nighttime",
        "tonight",
    }:
        channel = "out_of_hours"
    elif re.search(
        r"\bafter (?:(?:[1-7]|1[2-9]|2[0-3])(?:[:.]\d\d)?\s*(?:pm)?|(?:8|9|10|11)(?:[:.]\d\d)?\s*pm"
        r"|five|six|seven|dark|midnight)\b(?!\s*am)",
        text,
    ):
        channel = "out_of_hours"  # "number after 5" (not "after 9" in the morning)
    elif (
        (t - _own_hours(text)) & _HOURS_WORDS
        or re.search(r"\bwhat time (?:does|do|is|will)\b", text)
        or (re.search(r"\b(?:take|takes|taking) over\b|\buntil when\b|\btill when\b", text))
        or ("open" in t and (named or t & {"when", "until", "till"} or "what time" in text))
    ):
        channel = "hours"  # "who's open?" asks for the line open now, not a timetable
    elif t & {"daytime", "weekday", "weekdays"}:
        channel = "daytime"
    else:
        channel = "call"
    audience = q.audience
    if audience is None and named:
        auds = {book.by_id[c].audience for c in named} - {"anyone"}
        if len(auds) == 1:
            audience = auds.pop()
    if channel in ("email", "address", "website") and not named and audience is None:
        named = [
            c.id
            for c in book.contacts
            if c.audience == "anyone"
            and getattr(c, channel, None)
            and any(compact(a) in compact(q.text) for a in c.aliases)
        ]
    if named and channel in ("out_of_hours", "daytime", "hours") and len(named) > 1:
        named = []
    if channel in ("out_of_hours", "daytime") and named:
        named = []
    also_email = channel == "call" and bool(t & {"email", "mail", "emails"})
    return ContactAsk(audience=audience, channel=channel, named=tuple(named), also_email=also_email)


# Words that ask for a line's hours (not the writer's own: see _own_hours)
_HOURS_WORDS = frozenset(
    "hours opening opens times closes close closing late early shut shuts".split()
)
# The writer's own hours, not a line's: "i'll ring after we close at 6", "once i finish"
_OWN_HOURS = re.compile(
    r"\b(?:we|i|they|the (?:shop|pharmacy|surgery|school|office|club|nursery|centre))"
    r"(?:'ve| have| are| 've)?\s+(close|closes|closed|shut|shuts|open|opens|opening|closing)\b"
)


def _own_hours(text: str) -> set[str]:
    return {m.group(1) for m in _OWN_HOURS.finditer(text)}
