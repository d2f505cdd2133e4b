"""Cues read together for danger now, and the tenses that date or defer harm: someone
barred from contact and here now, a threat to come back, a line gone dead while harm was
told, a goodbye from a high place; what was told as past, what goes on, what is intended,
a habit, a denial, no one to do the harm, a call put off, the writer's word that it is no
emergency. Used by
:mod:`bot.engine.read.danger`."""

from __future__ import annotations

import re

# Someone a court or the authorities keep away, and their presence now: together, danger.
_BARRED = re.compile(
    r"\b(?:non-?molestation order|restraining order|injunction|protective order|no.?contact order"
    r"|bail conditions?|licence conditions?|(?:not|isn'?t|aren'?t) (?:allowed|supposed|meant)"
    r" (?:to (?:have )?(?:any )?contact|to (?:come |go )?near|near|(?:any )?contact|to know where)"
    r"|banned from|court order (?:saying|says|that says|to keep|against)|barred from)\b"
)
# Whoever did the harm coming back to do more.
_RETURNING = re.compile(
    r"\b(?:coming|come|comes|be) back\b[^.|!?]{0,25}?\b(?:to (?:finish|hurt|kill|sort (?:her|him|them)"
    r" out)|for (?:her|him|them|me|us)\b(?! (?:things|stuff|bags?|keys|clothes)))"
)
# Contact lost while someone was telling of harm.
_CUT_OFF = re.compile(
    r"\b(?:line|phone|call) (?:went|has gone|just went) (?:dead|quiet|silent)\b"
    r"|\b(?:then|and) (?:it|the call|the line|she|he|they) (?:cut off|got cut off|went quiet"
    r"|went silent|hung up)\b"
)
# A goodbye in other words, and a place to fall from or be hit at: together, danger.
_FAREWELL = re.compile(
    r"\b(?:thank(?:s| you| u) for everything(?! (?:you|u|we) (?:did|do|have|'ve|gave))"
    r"|sorry for everything|(?:good)?bye (?:everyone|all"
    r"|forever|for good)|love you all|this is (?:good)?bye|won'?t be around (?:any ?more|much longer)"
    r"|tell (?:my )?(?:mum|mam|dad|family) (?:i'?m sorry|i love)|i'?m sorry for everything)\b"
)
_DROP = re.compile(
    r"\b(?:foot ?bridge|bridge|railway|train tracks?|tracks|roof|rooftop|multi.?storey|cliff"
    r"|ledge|quarry|river|canal|lake|reservoir|motorway|balcony|top floor|viaduct)\b"
)
_BARRED_CUES = (
    "order",
    "injunction",
    "condition",
    "allowed",
    "supposed",
    "meant",
    "banned",
    "barred",
)


def _may_bar(text: str) -> bool:
    """One of the words every match of ``_BARRED`` holds is in ``text``."""
    return any(map(text.__contains__, _BARRED_CUES))


_HERE_NOW = re.compile(
    r"\b(?:is|'s|are|'re|was just|has been) (?:(?:literally|actually|already|still|now|just) )?"
    r"(?:(?:sat|sitting|stood|standing|parked|waiting|"
    r"hanging about|hanging around) )?(?:outside|at the (?:door|gate|window|school gate|front door"
    r"|back door)|here|downstairs|upstairs|in the (?:car park|building|house|flat|garden"
    r"|playground|reception|corridor|waiting room|street)|on (?:his|her|their) way|coming (?:up"
    r"|round|over|in|back))\b|\bat this (?:moment|minute|very moment)\b|\bright now\b"
    r"|\b(?:has|have|'s|'ve) (?:just )?(?:turned up|arrived|shown up|walked in)\b"
)
# A school year names a pupil, not a period: "a year 10 boy" is no "a year" of a figure.
_SCHOOL_YEAR = re.compile(r"\b(?:year|yr)\s?\d{1,2}s?\b")
_TOLD_PAST = re.compile(
    r"\b(?:was|were|had been|(?:i|you|he|she|we|they)'d been|used to|at the time"
    r"|when (?:we|i|they|police|the police|officers)"
    r" (?:arrived|got there|attended|turned up)|(?<!just )rang|phoned us|came in (?:with|for)"
    r"|presented with|was brought in)\b"
)
_HAPPENING = re.compile(
    r"\b(?:right now|as we speak|at the moment|atm|rn)\b|\bjust (?:rung|rang|called|phoned"
    r"|texted|messaged|rung me|told me)\b|\b(?:is|are|'s|'re) (?:there|here|outside|inside|still"
    r" there|still here) now\b"
)
# Harm as a pattern up to now, not an act going on: "her partner has been hitting her"
_PATTERN_SO_FAR = re.compile(r"\b(?:has|have|had|'s|'ve|hes|shes)\s+been\s+(?:\w+\s+)?$")
_SO_FAR_TOLD = re.compile(r"\b(?:has|have|had|'s|'ve|hes|shes)\s+been\s+(?:\w+\s+)?\w+ing(?: \w+)?")
_INTENT = re.compile(
    r"\b(?:(?:is|'s|are|'re|am|'m) (?:going to|gonna|about to)|(?:he|she|they)'ll|(?:he|she|they)"
    r" will)\b"
)
_HABIT = re.compile(
    r"\b(?:every (?:day|week|night|morning|evening|time|weekend)|each (?:day|week)|always"
    r"|some (?:nights|days|evenings|weekends)|most (?:evenings|weekends)"
    r"|regularly|most (?:days|nights|weeks)|on a regular basis"
    # episodes counted: "gone missing after school 3 times this week", "twice this month"
    r"|(?:\d+|two|three|four|five|six|several|a few|a couple of|multiple) times (?:this|last|a"
    r"|in the|in a) (?:week|month|term|year|fortnight)|(?:twice|three times) (?:this|last|a)"
    r" (?:week|month|term|year|fortnight))\b"
)
# A harm word denied in its own clause: "no ongoing abuse", "never on her own".
_DENIED = re.compile(
    r"\b(?:no|not|never|nothing|without|no longer|isn'?t|wasn'?t|aren'?t|weren'?t|hasn'?t"
    r"|haven'?t|doesn'?t|didn'?t|nobody|no one|noone|no-one)\b(?:'s|'re)?(?:\s+\w+){0,3}\s*$"
)
# No one to do the harm: "there's no one in the house who could hurt her right now".
_NO_ONE = re.compile(
    r"\b(?:no one|no-one|noone|nobody|no-body|none of them)\b[^|.!?]{0,40}?"
    r"\b(?:could|can|would|will|might|is going to|to)\s+(?:\w+\s+)?$"
)
# The writer plans to make the call later: no emergency now ("i'll ring it in on monday at
# 10", "I'll phone it through tuesday morning", "i'll ring in the morning").
_DEFERRED = re.compile(
    r"\b(?:i'?ll|i will|we'?ll|we will|i'?m going to|i am going to|i plan to|planning to)"
    r"\s+(?:\w+\s+){0,2}?(?:ring|call|phone|report|refer|log)\b(?!\s+(?:999|the police|police"
    r"|an ambulance))[^.!?]{0,60}\b(?:tomorrow|morning|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|later|after|next|when|once|first thing|tonight)\b"
)

# Someone being driven or taken away now: "hes trying to start the car now with the boy in
# it", "they're driving off with her now"; danger when harm was told just before it
_TAKEN_AWAY_NOW = re.compile(
    r"\b(?:he|she|they|hes|shes|theyre)(?:'s|'re| is| are)?\s+(?:\w+\s+){0,2}?"
    r"(?:trying to |about to |going to |gonna )?(?:start(?:ing)? (?:the|his|her|their) (?:car|van"
    r"|engine)|driv(?:e|ing) (?:off|away)|pull(?:ing)? (?:off|away)|tak(?:e|ing) (?:him|her|them)"
    r" (?:off|away))\b[^.!?]{0,40}\b(?:now|with (?:him|her|them|the \w+))\b"
)

# An overdose taken today is an emergency however well the person seems: "she took about 20
# of her mum's paracetamol before school this morning", "has swallowed a handful of pills"
_OVERDOSE_TAKEN = re.compile(
    r"\b(?:took|taken|swallowed|had|necked|downed)\s+'?(?:about |around |like |maybe |over |at least"
    r" |nearly |almost )?(?:\d+|(?:a|the|her|his|their) (?:whole |full |entire )?(?:load|lot|handful"
    r"|packet|pack|box|strip|bottle|tub)|loads|handfuls?|"
    r"(?:ten|twelve|fifteen|twenty|thirty|forty|fifty))'?\s+(?:of\s+)?(?:(?:her|his|my|their|the"
    r"|[a-z]+'s)\s+){0,2}(?:\w+\s+)?(?:paracetamol|tablets|pills|ibuprofen|co-?codamol|meds"
    r"|medication|painkillers|sleeping pills|antidepressants)\b"
)

# What was told as past: a past-tense verb, "was", "had", "got", "used to".
_PAST = re.compile(
    r"\b(?:was|were|had|(?<!'s )(?<!'ve )(?<!has )(?<!have )got|did|happened|used to)\b"
    r"|\b(?!(?:need|concern|worri|scar|bleed|frighten|terrifi|petrifi|distress|confus|"
    r"clos|open|speed|feed|breed|bed|shed|red)ed\b)[a-z]{3,}ed\b"
)
# the writer's own word that it is not an emergency ("nobody's in danger", "not urgent")
_CALM = re.compile(
    r"\b(?:no|not|nobody'?s?|no one'?s?|isn'?t|aren'?t|nothing'?s?|don'?t think|do not think)\b"
    r"[^.!?]{0,30}"
    r"\b(?:danger\w*|emergency|urgent|immediate|999|at risk|threat|worried for"
    r" (?:his|her|their) safety)\b"
    # nothing happening: the denial governs "happen" ("nothing is happening now", "not
    # happening at the moment"), not "nothing new tbh it happens most weekends"
    r"|\b(?:no|not|nothing'?s?|isn'?t|aren'?t|don'?t think|do not think)\s+(?:(?!it\b|this\b|that\b|he\b|she\b"
    r"|they\b)[\w']+\s+){0,2}happen(?:ing|s)?\b"  # not "nothing happened" (what was done)
    # the person is safe where they are: "he's here with us and fine for now" (not "crew are
    # ok for now")
    r"|\b(?:he|she|they|he'?s|she'?s|they'?re)\b[^.!?]{0,30}\b(?:safe|fine|ok|okay|alright"
    r"|settled)\s+(?:for now|for the moment|at the moment|right now|now|here|with (?:us|me)"
    r"|on the ward|in hospital)\b"  # "he's safe on the ward and won't be going back"
    # the child gone home with family: "he's gone home with his nan"
    r"|\b(?:he|she|they)(?:'s| has|'ve| have) gone home with (?:his|her|their) (?:mum|mom|dad"
    r"|nan|nana|gran|grandma|grandad|grandparents|aunt|auntie|uncle|parents|family|carers?"
    r"|foster carers?)\b"
    # moved away from whoever harmed them: "he's with a different agency now"
    r"|\b(?:he|she|they)(?:'s| is|'re| are) (?:now )?(?:with|at|in) (?:a |an )?(?:different|new"
    r"|another|other) (?:agency|carers?|provider|placement|home|care home|school|family)\b"
    # "she's at home with her mum and safe" (not "she's not safe")
    r"|\b(?:he|she|they)(?:'s| is|'re| are) (?:(?!not\b|never\b)[\w']+ ){0,6}and safe\b"
)  # not "no injuries" (from the fall): a denial of one harm calms no other
# What the person always says, not the writer's view now: "she always says she's fine",
# "dad keeps saying leave it he's fine" (a few words of what is said may come first).
_SAYS_SO = re.compile(
    r"\b(?:always|keeps?|kept|usually|would|will)\s+(?:says?|said|saying|tells? (?:me|us|everyone)"
    r"|insists?|claims?)\s+(?:that\s+)?(?:[\w']+,?\s+){0,3}$"
    # what someone else has just said, brushing it off: "his nephew on the phone just said
    # leave him hes fine" (not the writer's own "i said")
    r"|\b(?!i\b|we\b)[a-z']+\s+(?:just|then)\s+(?:said|says|told (?:me|us))\s+(?:that\s+)?"
    r"(?:[\w']+,?\s+){0,3}$"
)
_CALMING = re.compile(r"danger|emergenc|risk|urgent|safe|fine|ok\b|okay|alright|well\b|999|happen")

# Whoever threatened harm: "said last night he would 'finish him off' if he told"
_THREATENED = re.compile(
    r"\b(?:would|will|'ll|going to|gonna|threaten\w*|said he'?d|said she'?d)\b"
)
# ... and then is here now: "the boyfriend is literally at the gate now waiting"
_THEY_ARE_HERE = re.compile(
    r"^(?:and |but |now )?(?:the |her |his |their |mum'?s |mums |dad'?s |dads )?(?:\w+ )?"
    r"(?:boyfriend|girlfriend|partner|ex|dad|father|stepdad|mum|mother|man|bloke|uncle|he|she"
    r"|they|he's|she's|they're)\b"
)
