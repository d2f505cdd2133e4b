"""The cue words a question is read by: who it is about, contact asks, aspects, report asks.

Word sets only; the patterns of whole asks are in :mod:`bot.engine.intents.patterns`.
"""

from __future__ import annotations

# Audience words here only keep owner hints off them; who a message is about is decided
# in bot.engine.audience (tiers, ages, typos).
CHILD_WORDS = frozenset(
    """child children childs kid kids baby babies infant infants toddler toddlers teen teens
    teenager teenagers youngster youngsters pupil pupils schoolchild boy boys girl girls son
    daughter minor minors adolescent adolescents newborn newborns juvenile juveniles stepchild
    grandchild nephew niece unborn""".split()
)
ADULT_WORDS = frozenset(
    """adult adults elderly older pensioner pensioners patient patients resident residents
    grandmother grandfather grandma grandad granddad nan dementia carer carers disabled asc
    vulnerable-adult""".split()
)

STRONG_CONTACT = frozenset(
    """call ring phone phoned telephone contact contacts number numbers tel email e-mail mail
    hours open opening helpline refer referral referrals worried concern concerned concerns
    worry reach speak talk ooh close closes closing opens shut address postcode website
    located""".split()
)
CONTACT_PHRASES = (
    "who do i",
    "who should i",
    "who can i",
    "where do i",
    "someone i should",  # "is there someone i should tell", "anyone we should let know"
    "anyone i should",
    "somebody i should",
    "anybody i should",
    "someone we should",
    "anyone we should",
    "where does this go",
    "where does it go",
    "where should this go",
    "where should it go",
    "where would this go",
    "where do i send",
    "where should i send",
    "where do we send",
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
    "direct line",
    "still answering",
    "answering at",
    "answering now",
    "taking calls",
    "who's answering",
    "whos answering",
    "can i still get",
    "can i still call",
    "can i still ring",
    "can i still reach",
    "still get through",
    "phone line",
    "main line",
    "duty line",
)

# Report facts a "how many" question may ask for (anything else is a figure it lacks).
FIGURE_FACTS = frozenset(
    """board boards bord brd member members membership meeting meetings meet times action
    actions term terms acronym acronyms agency agencies partner partners priority priorities
    panel panels contact contacts number numbers line lines hours hour days open phone""".split()
)
BOARD_WORDS = frozenset(["board", "boards", "bord", "baord", "brd", "borad"])
HELP_WORDS = frozenset(
    ["help", "start", "hi", "hello", "hey", "menu", "commands", "options", "about"]
)
# Stems that say how something is asked, not what about: left out of topic searches.
SEARCH_NOISE = frozenset(
    """speak talk ask contact call ring email number pick would should board boar body group
    deal handl responsibl look after cover lead plan work next produc doing who which affiliat
    partnership oversee own charg go sit belong agency agenci abbreviat acronym initial short
    anyth someth due deadlin forward onward focus focu year sort out organis arrang moment now
    current currently present""".split()
)

# What is asked of a board or agency: its aspects, each with its cue words.
NEXT_CUES = frozenset(
    """next plan plans planned planning will future actions action promise promised commit
    committed upcoming coming outstanding todo priority priorities doing going intend
    intends""".split()
)
DONE_CUES = frozenset(
    "done did achieved achievements accomplished completed delivered highlights".split()
)
ASPECTS = [
    ("next", NEXT_CUES),
    ("done", DONE_CUES),
    ("sponsor", frozenset(["sponsor", "sponsors", "sponsored", "sponsoring", "sponsorship"])),
    (
        "chair",
        frozenset(
            """chair chairs chaired chairing chairperson chairman chairwoman vice lead leads led
            head heads runs manages""".split()
        ),
    ),
    (
        "meetings",
        frozenset(
            "meet meets meeting meetings often frequency frequently times annually yearly".split()
        ),
    ),
    (
        "members",
        frozenset(
            """member members membership sits sit seat seats places representative
            representatives attend attends attendees represented""".split()
        ),
    ),
    ("panels", frozenset(["panel", "panels", "oversee", "oversees", "oversight"])),
    (
        "remit",
        frozenset(
            """do does remit role purpose responsible responsibility responsibilities job
            function about""".split()
        ),
    ),
]
ASPECT_WORDS = frozenset().union(*(cues for _, cues in ASPECTS))

BUDGET_CUES = frozenset(
    "contribute contributed contributes contribution contributions budget budgets spend spent "
    "underspent underspend overspent funding funded income expenditure money cost costs paid pay "
    "finance finances financial".split()
)
PARTNERSHIP_CUES = frozenset(
    """partner partners priority priorities scrutineer scrutiny scrutinises scrutinizes
    scrutinise scrutinize partnership""".split()
)
