"""What a message requests, read from its words: a look-up of a person or their records, a
question about what is done on a topic, a meaning asked of something named before, a name
typed with capitals, and harm named as the subject of work rather than of a person."""

from __future__ import annotations

import re

from bot.engine.intents.patterns import WordAsks
from bot.engine.text import word_opening

# A question about what exists or is done: "is there a toolkit", "anything on hoarding".
TOPIC_ASK = re.compile(
    r"\bwhat(?:'s|s| (?:\w+ )?(?:has|have)) been done\b|\b(?:any|some) (?:[\w-]+ ){0,3}work\b"
    r"|^(?:is|are) there\b|\b(?:any|some)(?:thing|one|body)\b|\bwhat(?:'s|s| (?:has|have|did|do|does|is|are))"
    r"\b.*\b(?:done|doing|do|did|made|offer|offers|provide|provides|run|runs|fund|funded)\b"
    r"|\b(?:working on|work on|tackl\w*|plans? for|planning)\b"
    # what reviews found: "what came out of the reviews about X", "what was learned from"
    r"|\bwhat (?:came|has come|come) out of\b|\bwhat (?:was|were|has been|have been|did \w+) learn"
    r"|\blessons? (?:learned|learnt)\b|\bwhat did (?:the |they |it |those )?(?:[\w-]+ ){0,3}?(?:find|show|ask|say|look at"
    r"|decide|agree|recommend)\b"
    r"|\bwhy (?:is|are|does|do|did|has|have|was|were)\b"  # "why is the hospital collecting ..."
    r"|\bwho (?:made|created|produced|wrote|launched|developed|designed|delivers|delivered"
    r"|funded|funds|set up|started|runs|ran)\b"
    # what a body made: "what is the safeguarding competency framework they launched"
    r"|\b(?:they|it|we|the board|the partnership) (?:have |has |had )?(?:launched|developed|produced"
    r"|introduced|created|published|commissioned|rolled out|brought in)\b"
    # "what work has happened on self neglect", "what has happened about the crisis hub"
    r"|\bwhat work\b|\bwhat (?:has|have) happened (?:on|about|with|around)\b"
    # "what support is there for children affected by domestic abuse"
    r"|\bwhat (?:support|help|services?|provision|resources?) (?:is|are) (?:there|available)\b"
    # work done asked yes or no: "has the partnership actually published one"
    r"|\b(?:has|have|did) (?:the partnership|they|we|anyone|the board|the council)"
    r" (?:\w+ )?(?:published|produced|done|run|held|launched|commissioned|delivered)\b"
    # what a thing is called now: "what's the CMET meeting called now"
    r"|\bwhat(?:'s| is|s| are) (?:it|they|the [\w-]+(?: [\w-]+){0,2}|[\w-]+) (?:called|known as)\b"
    # the name of a thing the work made: "what's the name of the new domestic abuse strategy"
    r"|\bwhat(?:'s|s| is| was| are) (?:the )?names? of (?:the|their|its|this|that|our)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:strategy|strategies|plan|scheme|campaign|programme|program|toolkit|tool|policy|procedure"
    r"|protocol|framework|review|project|service|course|training|app|system|pathway|guidance)\b"
)

# A look-up of a person or their records: "can you check if tyler is on a cp plan", "has mrs
# lowe had any previous referrals", "the home address of the mum of the girl". Every ask
# opens a word with a small letter (the word boundary and that letter tested before it) and
# is tried only where the words every match of it holds are written (one word of each group):
# a long story holds few of them.
# The words some asks below hold (one of each group): what is asked to be given, a plan
# named, a phone "of the" someone, a record opened, a person's case.
_ASKS_GIVEN = (
    "give me ",
    "send me ",
    "what's ",
    "what is ",
    "have you got ",
    "do you have ",
    "can i have ",
)
_PLANS_NAMED = (
    "risk plan",
    "risk management plan",
    "mappa level",
    "risk level",
    "safety plan",
    "care plan",
    "cp plan",
    "child protection plan",
    "pathway plan",
)
_PHONE_OF_THE = tuple(
    f"{w} {n}{p} the "
    for w in ("mobile", "phone", "direct", "personal")
    for n in ("", "number ", "no ")
    for p in ("of", "for")
)
_RECORDS_OPENED = (
    "pull up ",
    "bring up ",
    "access ",
    "open ",
    "show me ",
    "look at ",
    "look through ",
    "read out ",
    "send me ",
    "get me ",
)
_STAFF = (
    "worker",
    "nurse",
    "teacher",
    "officer",
    "visitor",
    "head",
    "manager",
    "lead",
    "director",
    "chief",
    "designated",
)
_DONE_TO_CASE = (
    "heard",
    "discussed",
    "listed",
    "allocated",
    "picked",
    "looked",
    "seen",
    "reviewed",
    "closed",
    "opened",
)
_ONES_CASE = tuple(
    f"{p} {n}" for p in ("his", "her", "their") for n in ("case", "file", "referral", "enquiry")
)
LOOKUP = WordAsks(
    [
        (
            r"(?:can|could|would) you (?:please |pls )?(?:(?:check|look up|find out|search|confirm)"
            r" (?:if|whether|who|what|where)|tell me (?:if|whether))\b",
            (
                ("you",),
                ("if", "whether", "who", "what", "where"),
                ("can you ", "could you ", "would you "),
            ),
        ),
        (
            r"(?:has|have|is|was)\b[^.?!]{0,40}\b(?:had|got|been) any "
            r"(?:previous|prior|past|other)\b",
            (
                ("previous", "prior", "past", "other"),
                ("any previous", "any prior", "any past", "any other"),
            ),
        ),
        (
            r"(?:home |current )?address (?:of|for) (?:the|a|this|that"
            r"|my|his|her|their) (?:man|woman|lady|mum|dad|mother|father|girl|boy|child|family|person"
            r"|ex|ex-partner|ex partner|partner|boyfriend|girlfriend|husband|wife|son|daughter"
            r"|neighbour|client|patient|tenant|parent|guy|bloke|fella)\b",
            (("address",), ("address of ", "address for ")),
        ),
        (
            r"(?:is|are) (?:he|she|they|the"
            r" \w+|(?:mr|mrs|ms|miss|dr) \w+) (?:already |currently |still )?(?:known to|open to|on the"
            r" (?:register|system|list))\b",
            (
                ("known", "open", "register", "system", "list"),
                ("known to", "open to", "on the register", "on the system", "on the list"),
            ),
        ),
        # a person's own phone: no service line has one
        (
            r"(?:direct|personal|private) mobile\b",
            (("mobile",), ("direct mobile", "personal mobile", "private mobile")),
        ),
        # where a referral has got to: "i referred X last tuesday, has anyone been allocated yet"
        (
            r"referr\w*\b[^?]{0,120}\b(?:has|have|was|were|is)\b[^.?!|]{0,30}\b(?:allocated|assigned"
            r"|picked up|actioned|progressed|screened|looked at)\b",
            (("allocated", "assigned", "picked", "actioned", "progressed", "screened", "looked"),),
        ),
        # whether a named child's case is open: "is kayden in year 5's case still open to
        # social care"
        (
            r"(?:is|was) (?:[\w']+ ){1,8}?(?:case|file|referral) (?:still |already |currently )?"
            r"(?:open|closed)\b",
            (("case", "file", "referral"), ("open", "closed")),
        ),
        # "is mrs p at 14 leys road on any safeguarding list"
        (
            r"(?:is|are) (?!there\b|it\b|\w+ing\b)[^.?!]{0,40}\bon (?:any|a|the) (?:safeguarding|sex offenders?"
            r"|child protection|cp|at.risk|risk|police|social care|social services'?|council'?s?)"
            r" (?:list|register|database|system)\b",
            (("list", "register", "database", "system"), ("on any ", "on a ", "on the ")),
        ),
        (
            r"who(?:'s| is) (?:his|her|their|the child's|the family's) (?:social worker|key worker"
            r"|allocated worker|case worker)\b",
            (("worker",), ("who's ", "who is ")),
        ),
        (
            r"(?:give me|send me|what(?:'s| is)|have you got|do you have|can i have) (?:(?:her|his)"
            r" (?:home |current |personal |full |mobile )?(?:address|phone number|mobile|number|name)"
            r"|their (?:home address|mobile|full name|personal number))\b",
            (("address", "number", "mobile", "name"), _ASKS_GIVEN),
        ),
        # whether a person was referred: "has my client mr p already been referred to asc"
        (
            r"(?:has|have|was|were|is) (?:my |our |the |this )?(?:client|patient|tenant|resident|he"
            r"|she|they|family|child|mr|mrs|ms|miss)\b[^.?!]{0,40}\b(?:already |ever |previously |yet )?"
            r"been (?:referred|reported|flagged|assessed)\b",
            (
                ("referred", "reported", "flagged", "assessed"),
                ("been referred", "been reported", "been flagged", "been assessed"),
            ),
        ),
        # whether a person's case was closed or opened: "did her social worker ever close her case"
        (
            r"(?:close|closed|open|opened|reopen|reopened|shut)\s+(?:his|her|their) (?:case|file"
            r"|referral|enquiry)\b",
            (
                ("close", "closed", "open", "opened", "reopen", "reopened", "shut"),
                ("case", "file", "referral", "enquiry"),
                _ONES_CASE,
            ),
        ),
        # a named person's own line or plan: "what's her direct line", "his new risk plan"
        (
            r"(?:what(?:'s| is| was)|whats|check|see|tell me|give me|send me|has|have)\b[^.?!]{0,30}"
            r"\b(?:her|his) (?:own |personal |work )?(?:direct (?:line|number|dial)|extension)\b",
            (
                ("extension", "direct"),
                ("direct line", "direct number", "direct dial", "extension"),
            ),
        ),
        (
            r"(?:what(?:'s| is| was)|whats|check|see|tell me|give me|send me|has|have)\b[^.?!]{0,30}"
            r"\b(?:his|her|their) (?:new |current |latest |updated )?(?:risk plan|risk management plan"
            r"|mappa level|risk level|safety plan|care plan|cp plan|child protection plan|pathway plan)\b",
            (("plan", "level"), _PLANS_NAMED),
        ),
        (
            r"(?:has|have|is|are|does|do)\b[^.?!]{0,40}\b(?:got|had|have|got an?|has an?) (?:an? )?(?:open|current"
            r"|active|ongoing) (?:adult |child |children's )?(?:safeguarding )?(?:enquiry|case|referral|plan"
            r"|investigation|file)\b",
            (
                ("open", "current", "active", "ongoing"),
                ("enquiry", "case", "referral", "plan", "investigation", "file"),
                (" open ", " current ", " active ", " ongoing "),
            ),
        ),
        (
            r"(?:mobile|phone|direct|direct mobile|personal|personal mobile) (?:number |no )?(?:of|for) the"
            r" (?:(?!duty\b)\w+ ){0,2}(?:social worker"
            r"|worker|nurse|teacher|officer|health visitor|key worker|head|manager|lead|director|chief"
            r"|designated)\b",
            (
                ("mobile", "phone", "direct", "personal"),
                _STAFF,
                _PHONE_OF_THE,
            ),
        ),
        # a person's records fetched or checked: "can you pull up the case notes for X", "what's
        # on his file", "is my neighbour Darren on the sex offenders register"
        (
            r"(?:pull up|bring up|access|open|show me|look at|look through|read out|send me|get me)"
            r" (?:the|his|her|their|a|any) (?:case notes|notes|file|files|records?|case history"
            r"|history|care plan|chronology)\b",
            (
                ("pull", "bring", "access", "open", "show", "look", "read", "send", "get"),
                ("notes", "file", "files", "record", "records", "history", "plan", "chronology"),
                _RECORDS_OPENED,
            ),
        ),
        # "can you give me sarah's mobile number" (a person's, not "the mash's line")
        (
            r"[a-z]+'s (?:personal |own |work )?(?:mobile|mob|home address|personal (?:number|email)"
            r")\b",
            (
                ("mobile", "mob", "address", "number", "email"),
                ("s",),
                ("'s mob", "'s home address", "'s personal ", "'s own ", "'s work "),
            ),
        ),
        # the progress of one referral or case: "whats happening with the referral for K", "any
        # update on my referral" (not "what happens after a referral")
        (
            r"\b(?:what(?:'s| is)|whats) (?:happening|going on) with (?:the|my|our|his|her|their|this|that)"
            r" (?:referral|case|enquiry|report|investigation)\b",
            (("happening", "going"), ("happening with ", "going on with ")),
        ),
        (
            r"\b(?:update|news|progress|outcome|status|feedback) (?:on|about|with|of) (?:the|my|our|his|her"
            r"|their|this|that) (?:referral|case|enquiry|investigation)\b",
            (
                ("update", "news", "progress", "outcome", "status", "feedback"),
                ("referral", "case", "enquiry", "investigation"),
            ),
        ),
        (
            r"\b(?:has|have|was|is|were) (?:his|her|their|my client'?s|the family'?s) (?:case|referral)"
            r" (?:been |yet been |already been )?(?:heard|discussed|listed|allocated|picked up|looked at"
            r"|seen|reviewed|closed|opened)\b",
            (
                _DONE_TO_CASE,
                ("s case ", "r case ", "s referral ", "r referral "),
            ),
        ),
        (
            r"what(?:'s| is| was) (?:on|in) (?:his|her|their|the child's|the family's) (?:file|record"
            r"|records|notes|system)\b",
            (
                ("file", "record", "records", "notes", "system"),
                tuple(f"what{v} {p} " for v in ("'s", " is", " was") for p in ("on", "in")),
            ),
        ),
        (
            r"(?:is|are) (?:my|his|her|their|our|this|that|the) \w+(?: \w+)? (?:known to|open to|on"
            r" (?:the|a) (?:[\w'-]+ ){0,2}(?:register|system|list|database))\b",
            (
                ("known", "open", "register", "system", "list", "database"),
                ("known to", "open to", "on the ", "on a "),
                ("known to", "open to", " register", " system", " list", " database"),
            ),
        ),
    ],
)
# A meaning asked of something named before: "what's the full name?", "what does it stand for"
MEANING_ASKED = re.compile(
    r"\b(?:full name|full form|stand for|stands for|short for|what does (?:it|that|this) mean"
    r"|what(?:'s| is) (?:it|that|this)(?: short for)?|spelt out|in full)\b"
)


# Two to five capitalised words inside a sentence: a name ("the Graded Care Profile").
TITLE_CASE = re.compile(r"(?<=[a-z,] )(?:[A-Z][a-z]+\s+){1,4}[A-Z][a-z]+\b")


# Harm named as the subject of work, not told of a person: "did some domestic abuse training
# for salons", "our neglect strategy".
# ("(?:kind )?(?:harm)" written one alternative a first word, each opening with its first
# letter: the same matches in the same order, and ``re`` skips to those letters.)
_HARMS = (
    "abuse|violence|exploitation|neglect|harm|grooming|trafficking|radicali[sz]ation|self.?harm"
)
_AS_WORK = (
    r"\s+(?:awareness |prevention )?(?:training|awareness|course|courses|sessions?|campaigns?"
    r"|policy|policies|strategy|toolkit|workshops?|conference|leads?|champions?|board|sub-?group"
    r"|procedures?|guidance|e-?learning)\b"
)
WORK_ON_HARM = re.compile(
    "|".join(
        [
            *(
                word_opening(kind) + f"(?:{_HARMS})" + _AS_WORK
                for kind in ("domestic ", "child ", "sexual ", "financial ", "elder ", "adult ")
            ),
            *(word_opening(harm) + _AS_WORK for harm in _HARMS.split("|")),
        ]
    )
)
# A word every match of WORK_ON_HARM holds from each of its two parts (the harm, the work).
_HARM_WORDS = ("abuse", "violence", "exploitation", "neglect", "harm", "grooming", "trafficking")
_HARM_WORDS += ("radicali",)
_WORK_WORDS = (
    "training",
    "awareness",
    "course",
    "session",
    "campaign",
    "polic",
    "strategy",
    "toolkit",
    "workshop",
    "conference",
    "lead",
    "champion",
    "board",
    "group",
    "procedure",
    "guidance",
    "learning",
)


def without_work_on_harm(text: str) -> str:
    """``text`` with harm named as the subject of work made a space (searched only where a
    harm word and a work word are both written)."""
    if any(w in text for w in _HARM_WORDS) and any(w in text for w in _WORK_WORDS):
        return WORK_ON_HARM.sub(" ", text)
    return text
