"""Is a message a worry about someone (answer: who to call now), or a contact ask for
something the report has no line for (answer: unknown)?

Vocabulary and sentence shapes only: "who do I tell", "worried about", harm words, person
words, and the shape of a question about the report itself (boards, plans, training).
"""

from __future__ import annotations

import re

from bot.engine.audience import (
    ADULT_STRONG,
    ADULT_WEAK,
    CHILD_STRONG,
    CHILD_WEAK,
    CONTACT_VOCAB,
    fold_all,
)
from bot.engine.read.gate import gate
from bot.engine.read.shape import TELL_ASK
from bot.engine.text import STOPWORDS

# "who do I tell", "who to ring", "where can I report", "what should I do", "how do I refer".
ASK = re.compile(
    r"\bwho\s+(?:do|should|can|shall|would|could|will|must|to)\s+(?:i\s+|we\s+|you\s+|one\s+)?"
    r"(?:call|ring|phone|contact|tell|speak|talk|report|refer|go|inform|notify|email|turn|alert"
    r"|pass|hand|send|flag|raise|escalate|let|share|forward|take|give|get in touch)"
    r"|\bwho\b[^.?!]{0,25}?\b(?:needs|should|has|ought|would need|must)\s+(?:to\s+)?"
    r"(?:know|be told|hear)"
    r"|\bwho\s+(?:handles|deals with|covers|takes|looks after|picks up|sorts)\s+"
    r"(?:that|this|it|these|those)\b"
    r"|\bwho\s+(?:do|should|can)\s+(?:i|we)\s+\w+\s+(?:it|this|that)\s+(?:on\s+)?(?:to|with)\b"
    r"|\b(?:and|or|but)\s+who\s+to\b|\bwho\s+to\s*[?.]*$|\bto\s+whom?\s*[?.!]*$"
    r"|\b(?:do|should|would|will)\s+(?:i|we)\s+(?:need|have)\s+to\s+(?:report|refer|tell|ring|call"
    r"|contact|pass|share|raise|flag|log)\b"
    r"|\bwhich\s+(?:number|no|line|team|service|phone|one do i)\b"
    # not a comparison of the report's: "which service was most popular"
    r"(?!\s+(?:was|were|is|are|had|has|got|did|received)\s+(?:the\s+)?(?:most|least|best|biggest|top"
    r"|more|fewer)\b)"
    r"|(?:^|[,.?!]\s*|\b(?:and|so|then)\s+)(?:do|should|can|shall)\s+(?:i|we)\s+"
    r"(?:ring|call|phone|contact|report|refer|tell)\b"
    r"|\badults?\s+or\s+child(?:ren)?'?s?\b|\bchild(?:ren)?'?s?\s+or\s+adults?\b"
    r"|\bor\s+(?:is\s+it\s+|do\s+i\s+need\s+|should\s+i\s+(?:use|ring|call)\s+)?(?:the\s+)?"
    r"(?:out\s+of\s+hours|ooh|emergency (?:duty|social work) team)\b"
    r"|\b(?:open|mash|daytime|office)\s+or\s+(?:the\s+)?(?:out\s+of\s+hours|ooh)\b"
    r"|\bwho\s+(?:is|s)\s+open\b"
    r"|\bwhere\s+(?:do|can|should|would|could)\s+(?:i|we)\s+(?:report|refer|go|turn|call|ring)"
    r"|\bwhat\s+(?:do|should|can|shall|must)\s+(?:i|we)\s+(?:be\s+)?do(?:ing)?\b"
    r"|\bwhat(?:'s|s| is)? (?:the )?(?:right|best) thing to do\b|\b(?:not sure|unsure|no idea"
    r"|don'?t know) what to do\b"
    r"|\bhow\s+(?:do|can|should|would)\s+(?:i|we)\s+(?:report|refer|raise|make|get help|alert)"
    r"|\b(?:report|refer|escalate|pass on)\s+(?:this|it|him|her|them|a concern|concerns|abuse|neglect)\b"
    r"|\b(?:log|report|pass|flag|raise|share|record)\s+(?:it|this|that)\s+(?:on\s+)?(?:with|to)\s+"
    r"(?:someone|somebody|the right (?:person|people|team))\b"
    r"|\b(?:make|making|do|submit)\s+a\s+(?:safeguarding\s+)?referral\b"
    # the writer about to pass it on, no question: "want to report now", "i want to tell
    # someone now", "calling it in now"
    r"|\b(?:want|need|have|got)\s+to\s+(?:report|refer|tell|inform|notify)\s+(?:it|this|someone"
    r"|somebody|now|today|tonight|straight away|asap)\b"
    r"|\b(?:calling|ringing|phoning|reporting)\s+(?:it|this)\s+in\b"
    r"|\b(?:i'?m|i am|we'?re|we are)\s+(?:ringing|calling|phoning)\s+(?:now|today|tonight|straight"
    r" away|them now)\b|\bwho(?:'s| is) it (?:for|i (?:ring|call|phone|need))\b"
    r"|\b(?:need|want|get|seek\w*|ask\w*|looking for)\s+(?:some\s+|for\s+)?advice\b"
    r"|\b(?:need|want|looking for|get hold of)\s+(?:the\s+|a\s+)?(?:safeguarding|social work|duty)"
    r"\s+(?:team|line|service|hub|worker|lead)"
    r"|\b(?:need|want|get|contact|speak to|talk to|call|ring)\s+(?:a\s+|the\s+)?(?:social care|"
    r"social services|social worker|children'?s services|adult services)"
)
# A worry about a person: concern words and harm words (stems).
CONCERN = re.compile(
    r"\b(?:worr|concern|disclos|suspect|abus|neglect|exploit|groom|bruis|injur|hurt|harm|"
    r"scam|assault|slap|punch|kick|beat|starv|hungry|dirty|smell|unkempt|cruel|controll|coerc|"
    r"traffick|radicali|rape|sexual|drunk|violen|threat|bull(?:y|ied)|burn|frighten|scared|"
    r"afraid|unsafe|at risk|danger|struggl|not coping|can'?t cope|not managing|safeguarding (?:issue|concern|matter|worry|problem)|welfare|steal|stole|theft|fraud|isolat|wander|"
    r"self.?harm|suicid|mistreat|ill.?treat|left alone|home alone|marks on|crying|screaming|"
    r"missing|runaway|ran away|fgm|forced marriage|county lines|cuckoo|broken|broke\b|fractur|wound|"
    r"unexplained|suspicious|doesn'?t add up|marks|scald|confus|malnourish|underweight|"
    r"hits?\b|hitting|smack|squalor|filth|bank card|pension|savings|"
    r"(?:tak|took|using|us(?:es|ed)|steal|stole|borrow|spend|spent|help\w* (?:him|her|them)sel\w* to"
    r"|hand\w* over|has|had|kept|keep)\w*\b[^.|?!]{0,40}\b(?:money|cash|cards?|benefits|pension"
    r"|purse|wallet|savings)|"
    r"touch(?:es|ed|ing)?\b|lock(?:s|ed|ing)? (?:\w+ ){0,3}?(?:in|up|out)\b|punish|homeless|sofa.?surf|sleeping rough|kicked out|thrown out|no food|"
    r"no heating|no care|not (?:being )?(?:fed|washed|cared for)|discharged|victim|domestic|da\b|dv\b|kill|going to die|threaten|explicit|nudes?\b|sexting"
    r"|indecent|sextort|dealing\b|drug runs|(?:carry|carrying|running) drugs"
    # neglect and verbal abuse by whoever cares for them: "leaving her in bed in soiled
    # sheets for days", "shouts at him"
    r"|soiled|(?:leav\w*|left) (?:her|him|them) (?:in (?:bed|the|a|soiled|wet|dirty)|on (?:the|her|his)"
    r" (?:floor|own)|without)|shout(?:s|ed|ing)? at (?:her|him|them))"
)
PERSON = frozenset(
    """someone somebody person people friend friends neighbour neighbours neighbor client
    clients family man woman lady guy gentleman he she him her they them mate mates""".split()
)
# The shape of a question about the report itself, not about a person.
KNOWLEDGE = re.compile(
    r"\b(?:board|boards|panel|panels|strategy|strategies|plan|plans|planned|training|policy|"
    r"policies|priorit\w*|sponsor\w*|chair\w*|actions?|next steps|figures|statistics|data|"
    r"annual report|how many|how much|campaign\w*|audit\w*|review\w*|guidance|funding|budget|"
    r"partnership|stand for|acronym|meaning|working on|work on|doing about|doing on|"
    r"tackl\w*|address(?:ing)? the|lead(?:s|ing)? on|responsible for|deals? with|"
    r"do(?:ing)? (?:any|some)thing|(?:any|some)thing (?:being )?done|done (?:any|some)thing|oversee\w*|in charge of|commission\w*|events?|"
    r"pathways?|running|organis\w*|organiz\w*|hosting|pilot\w*|schemes?|initiatives?|projects?"
    r"|programmes?|tool ?kits?|where (?:does|do) .+ "
    r"(?:sit|belong|go))\b"
)
# A question about a topic ("what is child neglect", "how are children protected") is not a
# worry about a person, unless the writer says it is theirs ("I'm worried", "told me").
QUESTION_SHAPE = re.compile(
    r"^(?:what|whats|how|why|explain|tell me|define|describe|is there|are there|which|when)\b"
)
WORRY_MARKER = re.compile(
    r"\b(?:i'?m|i am|we'?re|we are|i think|i suspect|i'?ve|worried|concerned|concerns? (?:about|re|for)"
    r"|told me|disclosed|my|our|need to report|want to report)\b"
)
# long messages: each searched with only the alternatives whose words are in the text
ASK, CONCERN, KNOWLEDGE = gate(ASK), gate(CONCERN), gate(KNOWLEDGE)
# Words that are part of any contact ask: never the "thing" it is about.
CONTACT_WORDS = frozenset(CONTACT_VOCAB) | frozenset(
    """call ring phone phoned telephone contact contacts number numbers tel email mail hours
    open opening opens close closes closing shut helpline line lines details detail time times
    now today tonight tomorrow weekend weekends night evening morning afternoon overnight
    daytime weekday weekdays day office address postcode website located location out ooh
    after outside duty team service services safeguarding safeguard concern concerns concerned
    worried worry worrying report reporting referral referrals refer referring help urgent
    urgently quickly asap speak talk someone somebody anyone person who pls please thanks
    thank hi hello hey ok okay right best local council social care worker
    reach raise make get hold need needs fax monday tuesday wednesday thursday friday saturday
    sunday mon tue tues wed thu thur thurs fri sat sun holiday holidays bank christmas xmas
    easter boxing new year eve am pm oclock web site url webpage www link still yet currently
    available staffed answering closed busy second other another alternative alternate backup
    extra main direct different mondays tuesdays wednesdays thursdays fridays saturdays sundays
    cover covers covering covered based run runs manages managed operates operated takes take
    answers answer picks pick ending ends days write one whats both late early start starts
    finish finishes over post letter postal send""".split()
)


def wants_contact(text: str, tokens: list[str], audience: str | None) -> bool:
    """A message about a person at risk, or asking who to tell: answer with the lines."""
    if ASK.found_in(text) or TELL_ASK.search(text) or ASK.found_in(" ".join(fold_all(tokens))):
        return True
    person = audience is not None or bool(set(tokens) & (PERSON | CHILD_WEAK))
    if not person or not CONCERN.found_in(text) or KNOWLEDGE.found_in(text):
        return False
    return not QUESTION_SHAPE.search(text) or bool(WORRY_MARKER.search(text))


def worry_about_person(text: str, tokens: list[str], audience: str | None) -> bool:
    """A person named (or their audience known) and a worry or an ask about them: "yr 4
    boy told me ... who do i pass it on to", not "who do i call about a pothole"."""
    person = audience is not None or bool(set(tokens) & (PERSON | CHILD_WEAK))
    return person and wants_contact(text, tokens, audience)


def worry_or_ask(text: str) -> bool:
    """The writer's own worry or ask ("I'm worried", "who do I tell") is in the message."""
    return bool(WORRY_MARKER.search(text) or ASK.found_in(text))


def off_topic(text: str, tokens: list[str], audience: str | None, known: set[str]) -> bool:
    """A contact ask about something else ("number for the dentist", "when does tesco
    close"): no audience, no worry, no person, and a word the report knows nothing of."""
    if audience is not None or CONCERN.found_in(text):
        return False
    folded = fold_all(tokens)
    if set(tokens) & (PERSON | CHILD_WEAK):
        return False
    other = [
        w
        for w, f in zip(tokens, folded, strict=True)
        if w not in STOPWORDS
        and f not in CONTACT_WORDS
        and w not in CONTACT_WORDS
        and w not in known
        and not re.fullmatch(r"\d+(?:am|pm)?", w)  # "4pm"
        and len(w) > 2
    ]
    return bool(other)


# Who a safeguarding question is about, in general words ("elderly people", "vulnerable
# adults", "children at risk"): no topic of its own beyond the person.
PERSON_WORDS = (
    CHILD_STRONG
    | CHILD_WEAK
    | ADULT_STRONG
    | ADULT_WEAK
    | PERSON
    | frozenset(
        """people persons vulnerable risk protection protect protecting safety safe young
        old older elder elders aged age""".split()
    )
)


def only_person_words(tokens: list[str], names: set[str]) -> bool:
    """Every content word is a contact word or names the person ("safeguarding for elderly
    people", "child protection"): a topic question on that is a contact ask."""
    content = [f for w, f in zip(tokens, fold_all(tokens), strict=True) if w not in STOPWORDS]
    return bool(content) and all(
        f in CONTACT_WORDS or f in names or f in PERSON_WORDS or w in PERSON_WORDS
        for w, f in zip(tokens, fold_all(tokens), strict=True)
        if w not in STOPWORDS
    )


def only_contact_words(tokens: list[str], names: set[str]) -> bool:
    """Every content word is a contact word or part of a contact's name ("safeguarding")."""
    content = [f for w, f in zip(tokens, fold_all(tokens), strict=True) if w not in STOPWORDS]
    return bool(content) and all(f in CONTACT_WORDS or f in names for f in content)
