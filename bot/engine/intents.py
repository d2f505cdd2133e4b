"""What a question asks: parse it against the indexes, then classify.

The rules read cue words ("who do I call", "stand for", "sponsor", "next") and the
knowledge a question names (terms, boards, agencies, contacts); they never list
particular questions. The order of :func:`classify` is the priority of intents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.audience import audience_of, fold_all
from bot.engine.concern import KNOWLEDGE
from bot.engine.contacts import ContactAsk, ContactBook
from bot.engine.index import KnowledgeIndex, Match, Ref
from bot.engine.text import STOPWORDS, clean, compact, content_stems, words
from bot.engine.when import asking_part
from bot.kb.models import Term

# Audience words here only keep owner hints off them; who a message is about is decided
# in bot.engine.audience (tiers, ages, typos).
CHILD_WORDS = frozenset(
    [
        "child",
        "children",
        "childs",
        "kid",
        "kids",
        "baby",
        "babies",
        "infant",
        "infants",
        "toddler",
        "toddlers",
        "teen",
        "teens",
        "teenager",
        "teenagers",
        "youngster",
        "youngsters",
        "pupil",
        "pupils",
        "schoolchild",
        "boy",
        "boys",
        "girl",
        "girls",
        "son",
        "daughter",
        "minor",
        "minors",
        "adolescent",
        "adolescents",
        "newborn",
        "newborns",
        "juvenile",
        "juveniles",
        "stepchild",
        "grandchild",
        "nephew",
        "niece",
        "unborn",
    ]
)
ADULT_WORDS = frozenset(
    [
        "adult",
        "adults",
        "elderly",
        "older",
        "pensioner",
        "pensioners",
        "patient",
        "patients",
        "resident",
        "residents",
        "grandmother",
        "grandfather",
        "grandma",
        "grandad",
        "granddad",
        "nan",
        "dementia",
        "carer",
        "carers",
        "disabled",
        "asc",
        "vulnerable-adult",
    ]
)

STRONG_CONTACT = frozenset(
    [
        "call",
        "ring",
        "phone",
        "phoned",
        "telephone",
        "contact",
        "contacts",
        "number",
        "numbers",
        "tel",
        "email",
        "e-mail",
        "mail",
        "hours",
        "open",
        "opening",
        "helpline",
        "refer",
        "referral",
        "referrals",
        "worried",
        "concern",
        "concerned",
        "concerns",
        "worry",
        "reach",
        "speak",
        "talk",
        "ooh",
        "close",
        "closes",
        "closing",
        "opens",
        "shut",
        "address",
        "postcode",
        "website",
        "located",
    ]
)
CONTACT_PHRASES = (
    "who do i",
    "who should i",
    "who can i",
    "where do i",
    "how do i report",
    "out of hours",
    "out-of-hours",
    "after hours",
    "get hold of",
    "report abuse",
    "report a concern",
    "report concern",
    "raise a concern",
    "make a referral",
)
GLOSSARY_PATTERNS = [
    re.compile(
        r"^(?:what|wat|wot|whats|what's)\s*(?:is|are|does|do|s)?\s+(?:an?\s+|the\s+)?(?P<s>.+?)(?:\s+(?:stand|stands)\s+for|\s+mean|\s+means|\s+short\s+for|\s+refer\s+to)?$"
    ),
    re.compile(
        r"^(?:define|definition of|meaning of|explain|expand|decode|abbreviation|acronym)\s+(?P<s>.+)$"
    ),
    re.compile(
        r"^(?P<s>.+?)\s+(?:meaning|definition|means|mean|stands for|stand for|acronym|abbreviation)$"
    ),
]
REVERSE_PATTERNS = [
    re.compile(
        r"\b(?:acronyms?|acroynm|acronim|ab+re?v\w*|abbr|initials|short form|shorthand|short name)\s+(?:for|of|4)\s+(?:an?\s+|the\s+)?(?P<s>.+)$"
    ),
    re.compile(r"^(?:how do (?:you|i|we) abbreviate|how is)\s+(?P<s>.+?)(?:\s+abbreviated)?$"),
    re.compile(
        r"\b(?:acronyms?|ab+re?v\w*|initials|short form|short name)\s+(?:used|given|that stands?)\s+"
        r"(?:for|to)\s+(?:an?\s+|the\s+)?(?P<s>.+)$"
    ),
    re.compile(
        r"^(?:what|how)\s+(?:do|does|would)\s+(?:they|you|people|ppl|we|i)\s+(?:abbreviate|shorten)\s+"
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
    re.compile(
        r"^(?:(?:what|whats|what's)\s+(?:is|are|s)?\s*)?(?:an?\s+|the\s+)?(?P<s>.+?)\s+"
        r"(?:(?:called|known as|written)\s+)?(?:for short|in short|shortened|abbreviated)$"
    ),
    # "family drug and alcohol court short form", "care quality commission initials"
    re.compile(
        r"^(?:the\s+)?(?P<s>.{8,}?)\s+(?:short form|short name|short|initials|abbrev|abbr"
        r"|abbreviation|abbreviated|acronym)\??$"
    ),
]
WHICH_BOARD = [
    re.compile(
        r"\b(?:which|what|whose)\s+(?:board|boards|body|bodies|group|panel|partnership|affiliated board)\s+(?:is\s+|are\s+)?(?P<s>.+)$"
    ),
    re.compile(
        r"\bwho\s+(?:handles|deals with|is responsible for|looks after|covers|leads on|oversees|owns|is in charge of"
        r"|commissions|manages|monitors|co-?ordinates|runs|organi[sz]es|conducts|carries out|"
        r"delivers|looks at|looks into|investigates|scrutini[sz]es|audits|tackles|addresses|leads|works on"
        r"|supports|helps|protects|reviews|checks)"
        r"\s+(?P<s>.+)$"
    ),
    re.compile(r"\bwhere (?:does|do|would)\s+(?P<s>.+?)\s+(?:sit|sits|go|belong|belongs)\b"),
    re.compile(
        r"^(?:the\s+|a\s+)?(?:board|boards|group|panel)\s+(?:for|on|about|covering)\s+(?P<s>.+)$"
    ),
    re.compile(
        r"\b(?:is there|are there|do we have|do you have|have we got|have you got)\s+"
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
        r"\b(?:who|which agenc(?:y|ies)|which organisations?|any\s?one|any\s?body|some\s?one)(?:\s+is|\s+are|'s|s)?\s+(?:working|doing|planning|tackling|addressing|focusing|focussing|looking|producing|developing|writing|drafting|creating|launching|reviewing|updating|introducing|setting up)\s+(?:(?:any|some)thing\s+|work\s+)?(?:on|at|about|to)?\s*(?P<s>.+)$"
    ),
    re.compile(
        r"\b(?:what|anything|something)(?:\s+is|\s+are|'s|s)?\s+(?:planned|being done|being planned|happening|going on|the plans?|next)\s+(?:on|about|for|around|regarding|with)\s+(?P<s>.+)$"
    ),
    re.compile(r"^when(?:\s+is|\s+are|'s|s)\s+(?:the\s+)?(?P<s>.+?)\s+due$"),
    re.compile(r"\b(?:deadline|due date)\s+(?:for|of|on)\s+(?:the\s+)?(?P<s>.+)$"),
    re.compile(
        r"\b(?:plans?|actions?|next steps)\s+(?:on|about|for|around|regarding)\s+(?P<s>.+)$"
    ),
]
# A question for a person's name in a post ("who is the chief executive of mkuhft"): the
# report gives posts (who attended, who chairs) but names no one but its scrutineer.
PERSON_ROLE = re.compile(
    r"\b(?:who is|who's|whos|name of|named|called|who are)\s+(?:the\s+|a\s+)?(?P<role>"
    r"chief executive|ceo|(?:medical |executive |strategic )?director(?: of [a-z' ]+?)?|leader"
    r"|head(?: of [a-z' ]+?)?|manager|mayor|chief constable|chief nurse|chief officer"
    r"|designated (?:safeguarding )?(?:doctor|nurse|lead|officer|professional)|lado"
    r"|safeguarding lead|cabinet member|councillor|superintendent|chief inspector|chief exec)"
    r"(?=\s+(?:of|for|at|in)\b|\s*$|\?)"
)
# A question for a figure ("how many children are on plans", "what percentage of ..."): the
# report's figures are its boards, members, meetings, actions, attendance and budget only.
FIGURES = re.compile(
    r"\b(?:how many|number of|numbers of|what percentage|percentage of|proportion of|"
    r"statistics|stats|figures? (?:on|for|of)|rates? of)\b"
)
FIGURE_FACTS = frozenset(
    """board boards bord brd member members membership meeting meetings meet times action
    actions term terms acronym acronyms agency agencies partner partners priority priorities
    panel panels contact contacts number numbers line lines hours hour days open phone""".split()
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
BOARD_WORDS = frozenset(["board", "boards", "bord", "baord", "brd", "borad"])
_BOARD_TYPO = re.compile(r"\b(?:bd|brd|bord|baord|borad|boad)\b")
HELP_WORDS = frozenset(
    ["help", "start", "hi", "hello", "hey", "menu", "commands", "options", "about"]
)
SEARCH_NOISE = frozenset(
    {
        "speak",
        "talk",
        "ask",
        "contact",
        "call",
        "ring",
        "email",
        "number",
        "pick",
        "would",
        "should",
        "board",
        "boar",
        "body",
        "group",
        "deal",
        "handl",
        "responsibl",
        "look",
        "after",
        "cover",
        "lead",
        "plan",
        "work",
        "next",
        "produc",
        "doing",
        "who",
        "which",
        "affiliat",
        "partnership",
        "oversee",
        "own",
        "charg",
        "go",
        "sit",
        "belong",
        "agency",
        "agenci",
        "abbreviat",
        "acronym",
        "initial",
        "short",
        "anyth",
        "someth",
        "due",
        "deadlin",
    }
)
NEXT_CUES = frozenset(
    [
        "next",
        "plan",
        "plans",
        "planned",
        "planning",
        "will",
        "future",
        "actions",
        "action",
        "promise",
        "promised",
        "commit",
        "committed",
        "upcoming",
        "coming",
        "outstanding",
        "todo",
        "priority",
        "priorities",
        "doing",
        "going",
        "intend",
        "intends",
    ]
)
DONE_CUES = frozenset(
    [
        "done",
        "did",
        "achieved",
        "achievements",
        "accomplished",
        "completed",
        "delivered",
        "highlights",
    ]
)
ASPECTS = [
    ("next", NEXT_CUES),
    ("done", DONE_CUES),
    ("sponsor", frozenset(["sponsor", "sponsors", "sponsored", "sponsoring", "sponsorship"])),
    (
        "chair",
        frozenset(
            [
                "chair",
                "chairs",
                "chaired",
                "chairing",
                "chairperson",
                "chairman",
                "chairwoman",
                "vice",
                "lead",
                "leads",
                "led",
                "head",
                "heads",
                "runs",
                "manages",
            ]
        ),
    ),
    (
        "meetings",
        frozenset(
            [
                "meet",
                "meets",
                "meeting",
                "meetings",
                "often",
                "frequency",
                "frequently",
                "times",
                "annually",
                "yearly",
            ]
        ),
    ),
    (
        "members",
        frozenset(
            [
                "member",
                "members",
                "membership",
                "sits",
                "sit",
                "seat",
                "seats",
                "places",
                "representative",
                "representatives",
                "attend",
                "attends",
                "attendees",
                "represented",
            ]
        ),
    ),
    ("panels", frozenset(["panel", "panels", "oversee", "oversees", "oversight"])),
    (
        "remit",
        frozenset(
            [
                "do",
                "does",
                "remit",
                "role",
                "purpose",
                "responsible",
                "responsibility",
                "responsibilities",
                "job",
                "function",
                "about",
            ]
        ),
    ),
]
ASPECT_WORDS = frozenset().union(*(cues for _, cues in ASPECTS))
DEFINE_CUE = re.compile(
    r"\b(?:stands? for|mean|means|meaning|define|definition|abbreviation|acronym|short for)\b"
)
BUDGET_CUES = frozenset(
    "contribute contributed contributes contribution contributions budget budgets spend spent "
    "underspent underspend overspent funding funded income expenditure money cost costs paid pay "
    "finance finances financial".split()
)
PARTNERSHIP_CUES = frozenset(
    [
        "partner",
        "partners",
        "priority",
        "priorities",
        "scrutineer",
        "scrutiny",
        "scrutinises",
        "scrutinizes",
        "scrutinise",
        "scrutinize",
        "partnership",
    ]
)


@dataclass
class Parsed:
    raw: str
    text: str  # cleaned, lower case
    tokens: list[str]
    matches: list[Match]
    audience: str | None
    subject: str | None  # the thing asked about ("marac" in "what is marac")
    glossary_cue: bool
    reverse_cue: bool
    owner_hint: Ref | None = None  # a board or agency named by a distinctive word only
    partnership: bool = False  # names the partnership or its scrutineer
    action_ids: tuple[str, ...] = ()  # action ids named ("assurance-03")


def parse(question: str, index: KnowledgeIndex) -> Parsed:
    text = re.sub(r"\s+", " ", clean(question)).strip()
    text = re.sub(r"^/\w+(@\w+)?\s*", "", text)  # a command prefix
    text = re.sub(r"\bto[- ]do(?: list)?\b", "todo", text)  # "tasking board to-do list"
    text = re.sub(r"(?<![\w'’])s\.?\s?(\d{2,3})\b", r"section \1", text)  # "the s175 thing"
    text = re.sub(r"\binfo\b", "information", text)
    if "asb" not in index.term_keys:  # an everyday short form the glossary lacks
        text = re.sub(r"\basb\b", "anti-social behaviour", text)
    text = _BOARD_TYPO.sub(
        lambda m: m.group(0) if m.group(0) in index.term_keys else "board", text
    )  # "review bd", "risk brd" (unless the glossary has the short form as a term)
    bare = text.strip(" ?!.")
    tokens = words(bare)
    matches = index.scan(tokens)
    subject, glossary_cue, reverse_cue = None, False, False
    for pat in REVERSE_PATTERNS:
        m = pat.search(bare)
        if m:
            subject, reverse_cue = _trim(m.group("s")), True
            break
    if not reverse_cue:
        for pat in GLOSSARY_PATTERNS:
            m = pat.search(bare)
            if m:
                subject, glossary_cue = _trim(m.group("s")), True
                break
    hint = next(
        (
            index.owner_words[t]
            for t in tokens
            if t in index.owner_words and t not in ASPECT_WORDS | CHILD_WORDS | ADULT_WORDS
        ),
        None,
    )
    joined = "".join(tokens)
    p = index.kb.partnership
    names = [p.name, p.name.removesuffix(" Partnership")]
    if p.scrutineer:
        names.append(p.scrutineer.name)
    partnership = any(compact(n) and compact(n) in joined for n in names)
    action_ids = tuple(
        index.action_keys[k]
        for k in ("".join(tokens[i : i + n]) for n in (2, 3) for i in range(len(tokens) - n + 1))
        if k in index.action_keys
    )
    return Parsed(
        question,
        bare,
        tokens,
        matches,
        _audience(bare, tokens),
        subject,
        glossary_cue,
        reverse_cue,
        hint,
        partnership,
        action_ids,
    )


def _trim(s: str) -> str:
    s = re.sub(r"^(?:the|a|an)\s+", "", s.strip(" ?!.'\""))
    return s


def _audience(text: str, tokens: list[str]) -> str | None:
    return audience_of(text, tokens)


def has_contact_cue(q: Parsed) -> bool:
    """Contact words, typos and short forms included ("numbr", "referal", "hrs")."""
    folded = fold_all(q.tokens)
    return bool(set(folded) & STRONG_CONTACT) or any(
        p in q.text or p in " ".join(folded) for p in CONTACT_PHRASES
    )


def refs(q: Parsed, kinds: tuple[str, ...], weak: bool = False) -> list[Ref]:
    out = []
    for m in q.matches:
        for r in m.refs:
            if r.kind in kinds and (r.strong or weak) and r not in out:
                out.append(r)
    return out


def first_ref(q: Parsed, kinds: tuple[str, ...], weak: bool = False) -> Ref | None:
    found = refs(q, kinds)
    if not found and weak:
        found = refs(q, kinds, weak=True)
    return found[0] if found else None


def owner_ref(q: Parsed) -> Ref | None:
    """The board or agency a question is about (a named board wins over an agency)."""
    strong = refs(q, ("board", "agency"))
    if strong:
        boards = [r for r in strong if r.kind == "board"]
        return boards[0] if boards and "board" in q.tokens else strong[0]
    short = len([t for t in q.tokens if t not in STOPWORDS]) <= 4
    if "board" in q.tokens or short or aspect_cues(q) or q.glossary_cue:
        at_risk = {  # "children at risk": a person at risk, not the Risk Board
            r for m in q.matches if m.start > 0 and q.tokens[m.start - 1] == "at" for r in m.refs
        }
        weak = [r for r in refs(q, ("board", "agency"), weak=True) if r not in at_risk or r.strong]
        if weak:  # not "the council tax band", "the voice of the child"
            return None if q.glossary_cue and weak_part(q, ("board", "agency")) else weak[0]
        return q.owner_hint
    return None


OWNER_TOPIC = re.compile(
    r"\b(?:doing|planning|plans?|working|work|actions?|next)\s+(?:on|about|around|regarding|for|with|to tackle)\s+(?P<s>.+)$"
)


def owner_topic(q: Parsed) -> str | None:
    """The topic of "what is the tasking board doing about knife crime": "knife crime"."""
    m = OWNER_TOPIC.search(q.text)
    return m.group("s") if m else None


def topic_subject(q: Parsed) -> str:
    """The topic of "who is working on X" / "which board handles X": X, else the subject."""
    for pat in (*TOPIC_ACTIONS, *WHICH_BOARD):
        m = pat.search(q.text)
        if m:
            return m.group("s")
    return q.subject or q.text


def weak_part(q: Parsed, kinds: tuple[str, ...] = ("term",)) -> bool:
    """Only a weak name ("mk", "council") names a small part of the subject: "best pizza
    in mk", "the council tax band for my house"."""
    if any(r.strong for m in q.matches for r in m.refs if r.kind in kinds):
        return False
    matched = {t for m in q.matches for t in q.tokens[m.start : m.end]}
    content = [w for w in words(q.subject or q.text) if w not in STOPWORDS]
    if "term" in kinds:
        return sum(w not in matched for w in content) > len(content) / 2
    content = [w for w in content if w not in ASPECT_WORDS | BOARD_WORDS]  # "bord", "next"
    return sum(w not in matched for w in content) >= len(content) / 2 > 0  # "voice of the child"


def aspect_cues(q: Parsed) -> list[str]:
    t = set(q.tokens)
    found = [name for name, cues in ASPECTS if t & cues]
    if "how many times" in q.text or "how often" in q.text:
        found.insert(0, "meetings")
    if re.search(
        r"\bwho(?:\s+is|\s+are|'s|s)?\s+(?:on|sits on|sit on)\b|\bhow many (?:people |are )?on\b|\bwho represents\b",
        q.text,
    ):
        found.insert(0, "members")
    elif re.search(
        r"^(?:is|are|does|do)\b.+\b(?:on|part of|in|sit on)\s+the\s+.+\b(?:board|partnership)\b",
        q.text,
    ):
        found.insert(0, "members")  # "is healthwatch on the health and wellbeing board"
    elif re.search(r"^(?:does|do|is|are)\b.+\binclud(?:e|es|ing)\b", q.text):
        found.insert(0, "members")  # "does the hwb include the voluntary sector"
    if re.search(r"\bin charge\b", q.text):
        found.insert(0, "chair")
    return found


def board_aspect(q: Parsed) -> str:
    found = aspect_cues(q)
    if "next" in found and "done" in found and re.search(r"\b(has|have)\b.*\bdone\b", q.text):
        return "done"
    if "chair" in found and "meetings" in found:
        return "chair"
    if "meetings" in found and re.search(r"\bnext\s+(?:\w+\s+){0,4}meeting", q.text):
        return "meetings"  # "when is the next management board meeting"
    if found and found[0] == "remit" and "next" in q.tokens:
        return "next"
    return found[0] if found else "overview"


def terms_in(q: Parsed, index: KnowledgeIndex, fuzzy: bool) -> list[Term]:
    """Glossary terms named in the question (weak ones only in short questions).

    With ``fuzzy``, typos are tried word by word and on the whole subject ("cr-maarac"),
    and the closer of the two wins over a short exact word that covers only part of it.
    """
    content = [t for t in q.tokens if t not in STOPWORDS]
    short = len(content) <= 3 or q.glossary_cue
    found: list[Term] = []
    covered: set[int] = set()
    for m in q.matches:
        for r in m.refs:
            if r.kind == "term" and (r.strong or short) and index.terms[r.id] not in found:
                found.append(index.terms[r.id])
                covered.update(range(m.start, m.end))
    if not fuzzy or not short:
        return found
    uncovered = [t for i, t in enumerate(q.tokens) if i not in covered and t not in STOPWORDS]
    if found and not uncovered:
        return found
    subject = q.subject or " ".join(q.tokens)
    whole_key = compact(subject)
    whole = index.fuzzy_term(whole_key, cutoff=85) if whole_key not in content else []
    if whole:
        return [t for key, _ in whole[:1] for t in index.terms_for(key)]
    if found:
        return found
    matched = {t for m in q.matches for t in q.tokens[m.start : m.end]}
    for token in words(subject):
        if token in matched or token in STOPWORDS:
            continue
        for key, _score in index.fuzzy_term(token):
            found.extend(t for t in index.terms_for(key) if t not in found)
    return found


def typed_terms(q: Parsed) -> list[Ref]:
    """Terms typed in capitals ("whats an ACE"): named, however everyday their letters."""
    capitals = {compact(c) for c in re.findall(r"\b[A-Z][A-Z&-]{1,9}\b", q.raw)}
    return [
        r
        for m in q.matches
        for r in m.refs
        if r.kind == "term" and "".join(q.tokens[m.start : m.end]) in capitals
    ]


def classify(q: Parsed) -> str:
    t = set(q.tokens)
    content = [w for w in q.tokens if w not in STOPWORDS]
    if not content and (t & HELP_WORDS or not q.tokens):
        return "help"
    asked = words(q.subject or "") if q.glossary_cue else []
    meaning_of = (  # "what is early help", not "what can you help with"
        any(w not in STOPWORDS and w not in HELP_WORDS for w in asked)
        and not set(asked) & {"you", "u", "me", "i", "bot"}
    )
    if (t & HELP_WORDS) and len(content) <= 2 and not q.matches and "about" not in t:
        if not meaning_of:  # "what is early help" asks for a meaning, not for the menu
            return "help"
    if q.raw.strip().lower() in ("/start", "/help"):
        return "help"
    owner = owner_ref(q)
    typed = typed_terms(q)
    named_terms = [r for m in q.matches for r in m.refs if r.kind == "term" and r.strong]
    named_terms += [r for r in typed if r not in named_terms]
    phone_words = {"number", "phone", "call", "ring", "email", "line", "contact", "address"}
    phone_words |= {"hours", "open", "opening", "opens", "close", "closes", "closing"}
    named_owner_words = {r.id for r in refs(q, ("agency", "board"), weak=True)}
    plain = [r for r in typed if r.id not in named_owner_words]  # not "TVP plans"
    cue = q.glossary_cue or re.search(r"\bwhat(?:'s| is| does)? (?:it|that|this)\b", q.text)
    short = len([w for w in q.tokens if w not in STOPWORDS]) <= 3
    if typed and (cue or (plain and short)) and not t & phone_words and not aspect_cues(q):
        return "glossary"  # "NAI in a case review, what is it", "LPA police"
    if q.action_ids:
        return "action"  # "what is the status of assurance-03"
    if q.reverse_cue:
        return "reverse"
    if named_terms and DEFINE_CUE.search(q.text):
        return "glossary"
    aspects = aspect_cues(q)
    board_fact = "board" in t and aspects and aspects[0] in ("chair", "sponsor", "members")
    how_much = "how much" in q.text and owner is not None  # not "how much is a bus ticket"
    if re.match(
        r"^(?:who|which \w+)\s+(?:funded|funds|paid for|pays for|agreed funding for)\b", q.text
    ):
        # "who funded hazard alley": the work or the body, not the partnership's budget
        return "owner" if owner else "topic_actions"
    if (t & BUDGET_CUES or how_much) and not board_fact:  # not "who chairs the finance board"
        return "budget"
    if t & {"attended", "attendance", "attending"} or (
        t & {"came", "come", "turned", "attend"} and (t & {"meeting", "meetings", "did"})
    ):
        return "attendance"
    if t & {"due", "deadline", "deadlines"} and re.search(r"\b20\d\d\b", q.text) and not owner:
        return "due_in"  # "what is due in 2021", "deadlines in january 2021"
    if aspects and aspects[0] == "sponsor" and owner is not None and owner.kind == "agency":
        if not refs(q, ("board",)):  # "which boards does mkc sponsor": not "who sponsors X"
            return "sponsored_by"
    if (
        FIGURES.search(q.text)
        and not t & FIGURE_FACTS
        and not set(aspects) - {"next", "done"}
        and not (owner and owner.kind == "board")  # "how many on the csp": its members
    ):
        return "figures"  # "how many children are on child protection plans": not in the report
    contact = has_contact_cue(q) and not re.match(  # "which board should i speak to about X"
        r"^(?:which|what)\s+(?:board|boards|body|bodies|group|panel)\b", q.text
    )
    if contact and not (owner and aspects and aspects[0] != "remit"):
        return "contact"
    if MEMBER_OF.search(q.text.rstrip("?")):
        return "member_of"
    if LIST_BOARDS.search(q.text) and not (owner and owner.strong):
        return "boards"  # "what boards sit under mk together", "what boards are there"
    if any(p.search(q.text) for p in DOER) and not set(aspects) - {"next", "done"}:
        return "topic_actions"
    if (
        any(p.search(q.text) for p in WHICH_BOARD)
        and not (owner and owner.strong and aspects)
        and not t
        & (PARTNERSHIP_CUES - {"partnership", "partner", "partners"})  # "who scrutinises mk"
    ):
        return "which_board"
    if any(p.search(q.text) for p in TOPIC_ACTIONS) and not (owner and owner.strong):
        return "topic_actions"
    if q.text.endswith(" boards") or (
        "boards" in t and (t & {"list", "all", "affiliated", "which", "what", "many"})
    ):
        if not owner or owner.kind != "board":
            return "boards"
    if q.partnership and "board" not in t and not (aspects and aspects[0] != "remit"):
        return "partnership"
    if owner is not None:
        bare = all(
            any(m.start <= i < m.end and any(r.kind == "term" for r in m.refs) for m in q.matches)
            for i, w in enumerate(q.tokens)
            if w not in STOPWORDS
        )
        term_first = named_terms and (q.glossary_cue or bare) and not aspects
        if not term_first or owner.kind == "board" and "board" in t:
            return "owner"
    if (t & PARTNERSHIP_CUES or q.partnership) and not named_terms:
        return "partnership"
    if q.glossary_cue or named_terms:
        return "glossary"
    if q.audience and ("safeguarding" in t or "abuse" in t or "neglect" in t or len(content) <= 3):
        if not KNOWLEDGE.search(q.text):  # not "who commissions safeguarding adult reviews"
            return "contact"
    if len(content) <= 3:
        return "glossary"  # a bare word: try the glossary, with typos
    if t & NEXT_CUES:
        return "topic_actions"
    if t & {"child", "children", "kid", "kids"} and t & {"adult", "adults"} and len(content) <= 6:
        return "contact"  # "children at risk and adults at risk": both sets of lines
    return "unknown"


def phone_named(q: Parsed, book: ContactBook) -> list[str]:
    """Contacts whose number or email the question quotes ("what is 253772")."""
    emails = {e.lower() for e in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", q.raw)}
    if emails:  # "what is access.team@milton-keynes.gov.uk for"
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
    # the channel is read from the clauses that ask, not from the story ("just left an
    # address where ..., which number", "night shift", "every night")
    asked = words(asking_part(q.text))
    folded = fold_all(asked)
    t = set(asked) | set(folded)
    text = " ".join(folded)
    grams = {
        "".join(q.tokens[i : i + n])
        for n in range(1, min(6, len(q.tokens)) + 1)
        for i in range(len(q.tokens) - n + 1)
    }
    named: list[str] = list(phone_named(q, book))  # "whose number is 01908 265545"
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
            "office",
            "based",
            "write",
            "postal",
            "letter",
        }
        and "hours" not in t
        and "out of office" not in text  # "adult social care out of office number"
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
    elif re.search(r"\bafter (?:\d{1,2}(?:[:.]\d\d)?\s*(?:pm)?|five|six|dark|midnight)\b", text):
        channel = "out_of_hours"  # "number after 5"
    elif (
        t & {"hours", "opening", "opens", "times", "closes", "close", "closing", "late", "early"}
        or (re.search(r"\b(?:take|takes|taking) over\b|\buntil when\b|\btill when\b", text))
        or ("open" in t and (named or t & {"when", "time", "until", "till"}))
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


def suggestions(q: Parsed, index: KnowledgeIndex, limit: int = 3) -> list[str]:
    """Close things the user may have meant, as questions the engine answers."""
    out: list[str] = []
    content = [t for t in q.tokens if t not in STOPWORDS][:12]
    for token in content:
        if index.is_expansion_word(token) and not index.terms_for(token):
            continue  # a word of the glossary's own expansions ("agency") is no typo of a term
        for key, _ in index.fuzzy_term(token, cutoff=70):
            for term in index.terms_for(key):
                s = f"what is {term.term}"
                if s not in out:
                    out.append(s)
    for ref, _ in index.fuzzy_names(" ".join(content), cutoff=70):
        name = (index.boards.get(ref.id) or index.agencies.get(ref.id)).name
        if name not in out:
            out.append(name)
    stems = [s for s in content_stems(" ".join(content)) if s not in SEARCH_NOISE]
    for board_id, _ in index.board_search.search(stems, limit=1):
        search = index.board_search
        if (
            search.coverage(stems, board_id) >= 0.5
            and search.weighted_coverage(stems, board_id) >= 0.5
        ):
            out.append(index.boards[board_id].name)
    return out[:limit]
