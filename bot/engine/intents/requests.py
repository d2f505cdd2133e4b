"""What a message requests, read from its words: a look-up of a person or their records, a
question about what is done on a topic, a meaning asked of something named before, a name
typed with capitals, and harm named as the subject of work rather than of a person."""

from __future__ import annotations

import re

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
    # what a thing is called now: "what's the CMET meeting called now"
    r"|\bwhat(?:'s| is|s| are) (?:it|they|the [\w-]+(?: [\w-]+){0,2}|[\w-]+) (?:called|known as)\b"
    # the name of a thing the work made: "what's the name of the new domestic abuse strategy"
    r"|\bwhat(?:'s|s| is| was| are) (?:the )?names? of (?:the|their|its|this|that|our)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:strategy|strategies|plan|scheme|campaign|programme|program|toolkit|tool|policy|procedure"
    r"|protocol|framework|review|project|service|course|training|app|system|pathway|guidance)\b"
)

# A look-up of a person or their records: "can you check if tyler is on a cp plan", "has mrs
# lowe had any previous referrals", "the home address of the mum of the girl". Every ask
# opens a word with a small letter: the word boundary and that letter are tested once, before
# the asks (``re`` tries the many asks only there).
LOOKUP = re.compile(
    r"\b(?=[a-z])(?:"
    r"(?:can|could|would) you (?:please |pls )?(?:(?:check|look up|find out|search|confirm)"
    r" (?:if|whether|who|what|where)|tell me (?:if|whether))\b|(?:has|have|is|was)\b[^.?!]{0,40}\b(?:had|got|been) any "
    r"(?:previous|prior|past|other)\b|(?:home |current )?address (?:of|for) (?:the|a|this|that"
    r"|my|his|her|their) (?:man|woman|lady|mum|dad|mother|father|girl|boy|child|family|person"
    r"|ex|ex-partner|ex partner|partner|boyfriend|girlfriend|husband|wife|son|daughter"
    r"|neighbour|client|patient|tenant|parent|guy|bloke|fella)\b|(?:is|are) (?:he|she|they|the"
    r" \w+|(?:mr|mrs|ms|miss|dr) \w+) (?:already |currently |still )?(?:known to|open to|on the"
    r" (?:register|system|list))\b"
    r"|(?:direct|personal|private) mobile\b"  # a person's own phone: no service line has one
    # where a referral has got to: "i referred X last tuesday, has anyone been allocated yet"
    r"|referr\w*\b[^?]{0,120}\b(?:has|have|was|were|is)\b[^.?!|]{0,30}\b(?:allocated|assigned"
    r"|picked up|actioned|progressed|screened|looked at)\b"
    r"|(?:is|are) (?!there\b|it\b|\w+ing\b)[^.?!]{0,40}\bon (?:any|a|the) (?:safeguarding|sex offenders?"
    r"|child protection|cp|at.risk|risk|police|social care|social services'?|council'?s?)"
    r" (?:list|register|database|system)\b"  # "is mrs p at 14 leys road on any safeguarding list"
    r"|who(?:'s| is) (?:his|her|their|the child's|the family's) (?:social worker|key worker"
    r"|allocated worker|case worker)\b"
    r"|(?:give me|send me|what(?:'s| is)|have you got|do you have|can i have) (?:(?:her|his)"
    r" (?:home |current |personal |full |mobile )?(?:address|phone number|mobile|number|name)"
    r"|their (?:home address|mobile|full name|personal number))\b"
    # whether a person was referred: "has my client mr p already been referred to asc"
    r"|(?:has|have|was|were|is) (?:my |our |the |this )?(?:client|patient|tenant|resident|he"
    r"|she|they|family|child|mr|mrs|ms|miss)\b[^.?!]{0,40}\b(?:already |ever |previously |yet )?"
    r"been (?:referred|reported|flagged|assessed)\b"
    # whether a person's case was closed or opened: "did her social worker ever close her case"
    r"|(?:close|closed|open|opened|reopen|reopened|shut)\s+(?:his|her|their) (?:case|file"
    r"|referral|enquiry)\b"
    # a named person's own line or plan: "what's her direct line", "his new risk plan"
    r"|(?:what(?:'s| is| was)|whats|check|see|tell me|give me|send me|has|have)\b[^.?!]{0,30}"
    r"\b(?:her|his) (?:own |personal |work )?(?:direct (?:line|number|dial)|extension)\b"
    r"|(?:what(?:'s| is| was)|whats|check|see|tell me|give me|send me|has|have)\b[^.?!]{0,30}"
    r"\b(?:his|her|their) (?:new |current |latest |updated )?(?:risk plan|risk management plan"
    r"|mappa level|risk level|safety plan|care plan|cp plan|child protection plan|pathway plan)\b"
    r"|(?:has|have|is|are|does|do)\b[^.?!]{0,40}\b(?:got|had|have|got an?|has an?) (?:an? )?(?:open|current"
    r"|active|ongoing) (?:adult |child |children's )?(?:safeguarding )?(?:enquiry|case|referral|plan"
    r"|investigation|file)\b"
    r"|(?:mobile|phone|direct|direct mobile|personal|personal mobile) (?:number |no )?(?:of|for) the"
    r" (?:(?!duty\b)\w+ ){0,2}(?:social worker"
    r"|worker|nurse|teacher|officer|health visitor|key worker|head|manager|lead|director|chief"
    r"|designated)\b"
    # a person's records fetched or checked: "can you pull up the case notes for X", "what's
    # on his file", "is my neighbour Darren on the sex offenders register"
    r"|(?:pull up|bring up|access|open|show me|look at|look through|read out|send me|get me)"
    r" (?:the|his|her|their|a|any) (?:case notes|notes|file|files|records?|case history"
    r"|history|care plan|chronology)\b"
    r"|[a-z]+'s (?:personal |own |work )?(?:mobile|mob|home address|personal (?:number|email)"
    r")\b"  # "can you give me sarah's mobile number" (a person's, not "the mash's line")
    # the progress of one referral or case: "whats happening with the referral for K", "any
    # update on my referral" (not "what happens after a referral")
    r"|\b(?:what(?:'s| is)|whats) (?:happening|going on) with (?:the|my|our|his|her|their|this|that)"
    r" (?:referral|case|enquiry|report|investigation)\b"
    r"|\b(?:update|news|progress|outcome|status|feedback) (?:on|about|with|of) (?:the|my|our|his|her"
    r"|their|this|that) (?:referral|case|enquiry|investigation)\b"
    r"|\b(?:has|have|was|is|were) (?:his|her|their|my client'?s|the family'?s) (?:case|referral)"
    r" (?:been |yet been |already been )?(?:heard|discussed|listed|allocated|picked up|looked at"
    r"|seen|reviewed|closed|opened)\b"
    r"|what(?:'s| is| was) (?:on|in) (?:his|her|their|the child's|the family's) (?:file|record"
    r"|records|notes|system)\b"
    r"|(?:is|are) (?:my|his|her|their|our|this|that|the) \w+(?: \w+)? (?:known to|open to|on"
    r" (?:the|a) (?:[\w'-]+ ){0,2}(?:register|system|list|database))\b"
    r")"
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
