"""The patterns of whole asks: a meaning, an acronym for, which board, who is doing, a post
holder, a figure, a board's members, the list of boards. Each captures the subject as ``s``.

Patterns searched over a whole message open with a literal where they can (``re`` skips to
it at C speed): a word boundary before a first word is then a lookbehind one word longer
("who(?<!\\wwho)" is "\\bwho"), alternatives are split by their first letter the same way,
and a pattern that cannot open so is :class:`Guarded` by a word every match holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.engine.read.literals import group_end, split_alternatives


class Guarded:
    """A pattern tried only where a cheap test of the text says it can match (a word every
    match holds, or the words every match ends with): a long message skips it at once."""

    def __init__(self, pattern: re.Pattern[str], can_match: Callable[[str], bool]) -> None:
        self.pattern = pattern
        self.can_match = can_match

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.can_match(text) else None


class WordAsks:
    """``\\b(?=[a-z])(?:a|b|...)``: asks that each open a word with a small letter, searched one
    at a time in a long message, each only where the words every match of it holds are
    written (per ask, groups of words: one of each group held; a word without a space or an
    apostrophe is a whole word of the text, found in its set of words, where every match has
    it between characters that are neither letters nor digits). The first match is the same
    (the leftmost, and at it the earliest ask) while a long message skips most asks at once.
    An ask that opens with its words ("(?:has|have) ...") opens with their letters, the word
    boundary a lookbehind after the first one (the same test), so ``re`` skips to them."""

    _OPENING = r"\b(?=[a-z])"

    def __init__(self, asks: list[tuple[str, tuple[tuple[str, ...], ...]]]) -> None:
        self.pattern = re.compile(self._OPENING + "(?:" + "|".join(a for a, _ in asks) + ")")
        self._each = [
            (
                re.compile(_opened(a, self._OPENING)),
                [
                    (
                        frozenset(w for w in g if w.isalnum()),
                        tuple(w for w in g if not w.isalnum()),
                    )
                    for g in groups
                ],
            )
            for a, groups in asks
        ]

    def search(self, text: str) -> re.Match[str] | None:
        if len(text) < 400 or not text.isascii():  # short: one pass over it is quicker
            return self.pattern.search(text)
        held = set(text.translate(_NOT_ALNUM).split())
        first = None
        for pattern, groups in self._each:
            if all(
                not held.isdisjoint(named) or any(p in text for p in phrases)
                for named, phrases in groups
            ):
                m = pattern.search(text)
                if m is not None and (first is None or m.start() < first.start()):
                    first = m
        return first


# Every ASCII character but a small letter or a digit made a space: the words of a text.
_NOT_ALNUM = str.maketrans(
    {chr(i): " " for i in range(128) if not ("a" <= chr(i) <= "z" or "0" <= chr(i) <= "9")}
)


def _opened(ask: str, opening: str) -> str:
    """``opening + ask`` written to open with the letters its first words open with."""
    ask = ask.removeprefix(r"\b")
    if ask[:1].isalpha():  # "who(?:'s| is) ...": a word
        return f"{ask[0]}(?<!\\w{ask[0]}){ask[1:]}"
    if ask.startswith("(?:"):
        close = group_end(ask)
        if close is None:
            raise ValueError(ask)
        branches = split_alternatives(ask[3:close])
        if ask[close + 1 : close + 2] not in ("?", "*", "{") and all(
            b[:1].isalpha() for b in branches
        ):
            return (
                "(?:"
                + "|".join(f"{b[0]}(?<!\\w{b[0]}){b[1:]}" for b in branches)
                + ")"
                + ask[close + 1 :]
            )
    return opening + ask


def _ends_with(*endings: str) -> Callable[[str], bool]:
    """The text ends with one of ``endings`` (before any "?" and line break: ``$`` and ``\\??$``
    match there too)."""
    return lambda text: text.rstrip("\n?").endswith(endings)


def _says(*words: str) -> Callable[[str], bool]:
    """The text holds one of ``words`` (each match of the pattern holds one)."""
    return lambda text: any(w in text for w in words)


_ABBREV = re.compile(r"ab+re?v")


def _names_short_form(text: str) -> bool:
    """A word for a short form: acronym (and its typos), abbreviation, initials, short ..."""
    return any(w in text for w in ("acro", "abbr", "initials", "short")) or bool(
        _ABBREV.search(text)
    )


GLOSSARY_PATTERNS = [
    re.compile(
        r"^(?:what|wat|wot|whats|what's)\s*(?:is|are|does|do|s)?\s+(?:an?\s+|the\s+)?(?P<s>.+?)(?:\s+(?:stand|stands)\s+for|\s+mean|\s+means|\s+short\s+for|\s+refer\s+to)?$"
    ),
    re.compile(
        r"^(?:define|definition of|meaning of|explain|expand|decode|abbreviation|acronym)\s+(?P<s>.+)$"
    ),
    Guarded(
        re.compile(
            r"^(?P<s>.+?)\s+(?:meaning|definition|means|mean|stands for|stand for|acronym"
            r"|abbreviation)$"
        ),
        _ends_with(
            "meaning",
            "definition",
            "means",
            "mean",
            "stands for",
            "stand for",
            "acronym",
            "abbreviation",
        ),
    ),
]
REVERSE_PATTERNS = [
    Guarded(
        re.compile(
            r"\b(?:acronyms?|acroynm|acronim|ab+re?v\w*|abbr|initials|short form|shorthand"
            r"|short name)(?:[\s/]+(?!for\b|of\b)[\w'/]+){0,5}?\s+(?:for|of|4)\s+"
            r"(?:an?\s+|the\s+)?(?P<s>.+)$"
        ),
        _names_short_form,
    ),
    re.compile(r"^(?:how do (?:you|i|we) abbreviate|how is)\s+(?P<s>.+?)(?:\s+abbreviated)?$"),
    Guarded(
        re.compile(
            r"\b(?:acronyms?|ab+re?v\w*|initials|short form|short name)\s+"
            r"(?:used|given|that stands?)\s+(?:for|to)\s+(?:an?\s+|the\s+)?(?P<s>.+)$"
        ),
        _names_short_form,
    ),
    re.compile(
        r"^(?:what|how)\s+(?:do|does|would)\s+(?:they|you|people|ppl|we|i)\s+(?:\w+ly\s+)?"
        r"(?:abbreviate|shorten)\s+"
        r"(?:an?\s+|the\s+)?(?P<s>.+?)(?:\s+to)?$"
    ),
    # "what do they call the hospital recording system" (a name, not a phone call)
    re.compile(
        r"^(?:what|wat)\s+(?:do|does|did)\s+(?:they|you|people|ppl|we|staff|it)\s+call\s+"
        r"(?:an?\s+|the\s+)?(?P<s>.+)$"
    ),
    re.compile(r"^what is (?:the\s+)?(?P<s>.+?)\s+(?:short for|abbreviated (?:as|to))$"),
    re.compile(r"^(?:what(?:'s|s| is)?\s+)?short\s+for\s+(?:an?\s+|the\s+)?(?P<s>.+)$"),
    # "what do people call the violence reduction taskforce for short", "... in short"
    re.compile(
        r"^(?:what|how)\s+(?:do|does|would|should|can)\s+(?:you|i|we|they|people|ppl|it|one)?\s*"
        r"(?:call|write|say|refer to|shorten|abbreviate)\s+(?:an?\s+|the\s+)?(?P<s>.+?)\s+"
        r"(?:for short|in short|as an acronym|as initials|abbreviated|shortened)$"
    ),
    Guarded(
        re.compile(
            r"^(?:(?:what|whats|what's)\s+(?:is|are|s)?\s*)?(?:an?\s+|the\s+)?(?P<s>.+?)\s+"
            r"(?:(?:called|known as|written)\s+)?(?:for short|in short|shortened|abbreviated)$"
        ),
        _ends_with("for short", "in short", "shortened", "abbreviated"),
    ),
    # "family drug and alcohol court short form", "care quality commission initials"
    Guarded(
        re.compile(
            r"^(?:the\s+)?(?P<s>.{8,}?)\s+(?:short form|short name|short|initials|abbrev|abbr"
            r"|abbreviation|abbreviated|acronym)\??$"
        ),
        _ends_with(
            "short form",
            "short name",
            "short",
            "initials",
            "abbrev",
            "abbr",
            "abbreviation",
            "abbreviated",
            "acronym",
        ),
    ),
]
WHICH_BOARD = [
    re.compile(
        # "which board", "what sub-group" (not "what did the pqi subgroup ask": a board named)
        r"wh(?<!\wwh)(?:ich|at|ose)\s+(?:(?:(?!(?:did|does|do|has|have|had|will|was|were)\b)"
        r"[\w'-]+\s+){0,4}?(?:board|boards|panel|sub-?group)|body"
        r"|bodies|group|partnership|affiliated board)\s+(?:is\s+|are\s+)?(?P<s>.+)$"
    ),
    re.compile(
        r"who(?<!\wwho)(?:'s|s)?\s+(?:handles|deals with|is responsible for|responsible for|looks after|covers|leads on|oversees|owns|is in charge of"
        r"|commissions|manages|monitors|co-?ordinates|runs|organi[sz]es|conducts|carries out|"
        r"delivers|looks at|looks into|investigates|scrutini[sz]es|audits|tackles|addresses|leads|works on"
        r"|supports|helps|protects|reviews|checks)"
        r"\s+(?P<s>.+)$"
    ),
    re.compile(
        r"where(?<!\wwhere) (?:does|do|would)\s+(?P<s>.+?)\s+(?:sit|sits|go|belong|belongs)\b"
    ),
    # "who sponsors the board that reviews child deaths": a board known by what it does
    re.compile(
        r"the(?<!\wthe) (?:board|sub-?group|group|panel|body) (?:that|which|who)\s+(?P<s>.+)$"
    ),
    re.compile(
        r"^(?:the\s+|a\s+)?(?:board|boards|group|panel)\s+(?:for|on|about|covering)\s+(?P<s>.+)$"
    ),
    re.compile(
        r"(?:i(?<!\wi)s there|a(?<!\wa)re there|d(?<!\wd)o we have|d(?<!\wd)o you have"
        r"|h(?<!\wh)ave we got|h(?<!\wh)ave you got)\s+"
        r"(?:a|an|any)\s+(?:board|boards|body|bodies|group|groups|panel|panels)\s+"
        r"(?:for|on|about|that (?:covers|deals with|handles|looks at)|covering|dealing with|"
        r"looking at)\s+(?P<s>.+)$"
    ),
]
# "who is piloting a sanctuary scheme", "which board will convert the child death pathway",
# "which agency wants to appoint an IDVA": who does a thing is asked of the next actions, and
# a board, agency or acronym named inside the thing is part of it, not the one asked about.
_DOERS = (
    r"^(?:so\s+|and\s+)?(?:who|which\s+(?:board|boards|agency|agencies|organisations?|services?"
    r"|teams?|partners?|body|bodies))"
)
DOER = [
    re.compile(
        _DOERS + r"(?:\s+is|\s+are|'s|s)\s+(?:now\s+|currently\s+|also\s+|quality\s+)?"
        r"(?!(?:leading|handling|dealing|covering|overseeing|chairing|sponsoring|meeting"
        r"|open|closed|responsible|in charge)\b)\w{3,}ing\s+(?P<s>.+)$"
    ),
    re.compile(
        _DOERS + r"\s+(?:will|wants? to|plans? to|intends? to|(?:has |have )?promised to"
        r"|(?:is|are) (?:going|planning|due|about) to|(?:is|are) to|aims? to|hopes? to)"
        r"\s+(?!(?:meet|chair|sponsor)\b)(?P<s>.+)$"
    ),
]
TOPIC_ACTIONS = [
    *DOER,
    re.compile(
        r"(?:w(?<!\ww)h(?:o|ich agenc(?:y|ies)|ich organisations?)|a(?<!\wa)(?:ny\s?one|ny\s?body)"
        r"|s(?<!\ws)ome\s?one)(?:\s+is|\s+are|'s|s)?\s+(?:working|doing|planning|tackling|addressing|focusing|focussing|looking|producing|developing|writing|drafting|creating|launching|reviewing|updating|introducing|setting up)\s+(?:(?:any|some)thing\s+|work\s+)?(?:on|at|about|to)?\s*(?P<s>.+)$"
    ),
    Guarded(
        re.compile(
            r"\b(?:what|anything|something)(?:\s+is|\s+are|'s|s)?\s+(?:planned|being done"
            r"|being planned|happening|going on|the plans?|next)\s+(?:on|about|for|around|regarding"
            r"|with)\s+(?P<s>.+)$"
        ),
        _says("planned", "being done", "happening", "going on", "the plan", "next"),
    ),
    re.compile(r"^when(?:\s+is|\s+are|'s|s)\s+(?:the\s+)?(?P<s>.+?)\s+due$"),
    Guarded(
        re.compile(r"\b(?:deadline|due date)\s+(?:for|of|on)\s+(?:the\s+)?(?P<s>.+)$"),
        _says("deadline", "due date"),
    ),
    Guarded(
        re.compile(
            r"\b(?:plans?|actions?|next steps)\s+(?:on|about|for|around|regarding)\s+(?P<s>.+)$"
        ),
        _says("plan", "action", "next steps"),
    ),
]
# A question for a person's name in a post ("who is the chief executive of the trust"): the
# report gives posts (who attended, who chairs) but names no one but its scrutineer.
PERSON_ROLE = re.compile(
    r"(?:w(?<!\ww)ho is|w(?<!\ww)ho's|w(?<!\ww)hos|n(?<!\wn)ame of|n(?<!\wn)amed|c(?<!\wc)alled"
    r"|w(?<!\ww)ho are)\s+(?:the\s+|a\s+)?"
    # the post qualified first: "who's the current MASH team manager"
    r"(?:(?:current|new|acting|interim|duty|permanent|present)\s+)?(?:[\w-]+\s+){0,2}?(?P<role>"
    r"chief executive|ceo|(?:medical |executive |strategic )?director(?: of [a-z' ]+?)?|leader"
    r"|head(?: of [a-z' ]+?)?|manager|mayor|chief constable|chief nurse|chief officer"
    r"|designated (?:safeguarding )?(?:doctor|nurse|lead|officer|professional)|lado"
    r"|safeguarding lead|dsl|deputy dsl|headteacher|head teacher|cabinet member|councillor"
    r"|superintendent|chief inspector|chief exec)"
    r"(?=\s+(?:of|for|at|in)\b|\s*$|\?)"
)
# A question for a figure ("how many children are on plans", "what percentage of ..."): the
# report's figures are its boards, members, meetings, actions, attendance and budget only.
FIGURES = re.compile(
    r"\b(?:how many|number of|numbers of|what percentage|percentage of|proportion of|"
    r"statistics|stats|figures? (?:on|for|of)|rates? of)\b"
)
# "which boards is the director of children's services on": boards by their members
MEMBER_OF = re.compile(
    r"^(?:which|what)\s+(?:boards?|bodies|partnerships?|groups?)\s+(?:is|are|does|do|has|have)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?P<s>.+?)\s+(?:on|sit on|sits on|attend|attends|a member of"
    r"|members of|represented on|part of)$"
)
LIST_BOARDS = re.compile(
    r"\b(?:what|which|how many)\s+boards\s+(?:are there|sit|exist|does|do|has|have|belong|report"
    r"|make up|are in|are part)\b|^(?:what|which)\s+boards\??$"
)
BOARD_TYPOS = ("bd", "brd", "bord", "baord", "borad", "boad")
BOARD_TYPO = re.compile(r"\b(?:" + "|".join(BOARD_TYPOS) + r")\b")
DEFINE_CUE = Guarded(
    re.compile(
        r"\b(?:stands? for|mean|means|meaning|define|definition|abbreviation|acronym|short for)\b"
    ),
    _says("stand", "mean", "defin", "abbreviation", "acronym", "short for"),
)
OWNER_TOPIC = re.compile(
    r"\b(?:doing|planning|plans?|working|work|actions?|next)\s+(?:on|about|around|regarding|for|with|to tackle)\s+(?P<s>.+)$"
)
# A question for a timetable, not for one moment ("how late is the mash open on thursdays").
TIMETABLE = re.compile(
    r"\b(how late|how early|what time|when does|when do|until when|till when|takes? over"
    r"|opening hours|hours)\b"
)
# Matters an annual report does not hold (checked against the knowledge's own words first).
NOT_HELD = re.compile(
    r"\b(ofsted|cqc|hmicfrs|whistleblowing|whistle-blowing|minutes|agendas?|vacanc(?:y|ies)|jobs"
    r"|job (?:at|with|in|vacanc\w*|application)"
    r"|careers?|salary|salaries|complaints?|complain|foi|gdpr|parking|council tax|wi-?fi|passwords?"
    r"|next train|train (?:times|to|from)|bus (?:times|to|from)|what bus|which bus|buses"
    r"|weather|forecast|snow|rain|raining|traffic|roadworks|annual leave|sick days|sick pay"
    r"|holiday entitlement|pay rise|overtime|waiting times?|waiting lists?|wait times?"
    r"|dbs(?: checks?)?|disclosure and barring|allowances?"
    # legal advice on the writer's own case: "could my neighbour sue me personally"
    r"|sue|suing|sued|legal advice|solicitor|lawyer|liable|liability|legally|custody row"
    r"|custody dispute"
    # a rate: the report's figures are a year's ("how much does the council pay foster
    # carers a week")
    r"|how much\b[^.?!]{0,60}\b(?:a|per|an) (?:week|hour|day|month|night)"
    r"|how much\b[^.?!]{0,60}\b(?:get paid|are paid|is paid|earn|earns)"
    # a course's dates and bookings: "when is the next DSL refresher and how do I book a place"
    r"|how (?:do|can) (?:i|we) book|book(?:ing)? (?:a |onto (?:a |the )?|on (?:a |the )?)?(?:place|course"
    r"|session|training)|sign (?:up|on) (?:for|to))\b"
)
