"""Does a message signal danger now? Then the answer's first line is 999."""

from __future__ import annotations

import re

from bot.engine.read.gate import Gated, split_alternatives
from bot.engine.text import clean

_NEGATED = re.compile(
    r"\b(not|no|isn'?t|aren'?t|wasn'?t|never)\s+(in\s+)?(any\s+)?(immediate\s+|imminent\s+)?(danger|risk|emergency)\b"
    r"(\s+(right\s+)?now|\s+at the moment|\s+currently)?"
)

_PERSON = (
    r"(?:me|him|her|them|us|you|someone|somebody|people|each other|a kid|kids|children"
    r"|(?:a|an|the|my|his|her|their|our|your|this|that|some) (?:\w+ )?"
    r"(?:child|kid|baby|toddler|boy|girl|teen|teenager|lad|lass|woman|man|lady|guy|person"
    r"|wife|husband|partner|mum|mother|dad|father|son|daughter|girlfriend|boyfriend"
    r"|neighbour|friend|pupil|student|patient|resident|client|sister|brother|nan|gran))"
)
_WEAPON = (
    r"(?:knife|knives|gun|guns|weapon|machete|blade|firearm|axe|bat|hammer|bottle|crowbar"
    r"|screwdriver|sword|shotgun|pistol|rifle|acid)"
)
_SIGNALS = [
    r"\bimmediate(ly)? (danger|risk|harm)\b",
    r"\bimminent (danger|risk|harm)\b",
    r"\bin danger\b",
    r"\bdanger(ous)? (right )?now\b",
    r"(?<!open )(?<!opened )\bright now\b(?! for)",
    r"\bat risk (right )?now\b",
    r"\b(is|are|being|been|getting|was|were|got) (being |just )?(?:sexually |physically |badly |seriously )?(shaken|smothered|suffocated|robbed|mugged|hurt|attacked|beaten|assaulted|stabbed|shot|raped|strangled|choked|kicked|punched|hit|abused|threatened|kidnapped|abducted|trafficked|burned|burnt|battered|beaten up|glassed|slashed|run over)\b",
    r"\b(attack|assault|stab|stabbing|shooting|rape|strangling|fight)(ing)? (is )?(happening|going on)\b",
    r"\bhappening (right )?now\b",
    r"\b(been|was|is|there'?s|there is|there has been) an? (stabbing|shooting|attack|assault|rape|kidnapping|abduction)\b",
    r"\b(hitting|beating|punching|kicking|stabbing|strangling|choking|attacking|assaulting|raping"
    r"|smothering|suffocating|battering|slapping|shaking|throttling|hurting|chasing|dragging"
    r"|threatening|beating up) " + _PERSON + r"\b",
    r"\b((has|have|had|holding|carrying|waving|pulled|pulling|brandishing|got|grabbed) (a |an |his |her |their )?|with (a|an) |armed with (a |an )?)(knife|gun|weapon|machete|blade|firearm|axe|shotgun|pistol|rifle|sword|crossbow)\b",
    r"\b(threaten\w*|fight\w*|attack\w*|chas\w*|wav\w*|swing\w*|armed|point\w*|aim\w*) (\w+ ){0,2}(with )?(a |an |his |her |their )?"
    + _WEAPON
    + r"\b",
    r"\b(has |have )?collapsed\b",
    r"\bunconscious\b(?! bias)|\bunresponsive\b|\bnot breathing\b|\bstopped breathing\b|\bcan'?t breathe\b",
    r"\b(not|isn'?t|is not|wont|won'?t|can'?t|cannot|not) (moving|breathing|waking|wake up|respond\w*|conscious)\b",
    r"\b(going|turning|gone|turned|is) blue\b|\b(fitting|having a (fit|seizure))\b|\bchoking\b",
    r"\bbleeding (heavily|badly|a lot|everywhere)\b|\bserious(ly)? (injured|hurt)\b|\blot of blood\b",
    r"\b(overdosed|overdosing|od'd|oded|od-ed)\b|\b(taken|took|had|has|having|taking) (an |a )?(overdose|od)\b|\boverdos\w* (now|right now|just now)\b",
    r"\b(taken|took|swallowed|downed|taking|had) (\d+|loads|lots|a lot|a load|a bunch|a handful|too many|a whole|a packet|a bottle|a box|all) (of )?(\w+ )?(pills|tablets|paracetamol|meds|medication|medicine)\b",
    r"\bswallowed\b",
    r"\b(going|about|trying|threatening|gonna|wants|want|says (he|she|they)'?(ll|will)?|(he|she|they)'?ll|will) (to )?(kill|hurt|harm|stab|jump|shoot|strangle|hang|overdose|od|take an overdose)\b",
    r"\bhanging (from|by|off)\b|\bhanged (himself|herself|themselves)\b",
    r"\bexposing (himself|herself|themselves)\b",
    r"\b(kill|killing|hang|hanging|hurt|hurting|harm|harming|cut|cutting) (himself|herself|themselves|themself|myself)\b",
    r"\b(cut|slit|slashed|cutting|slashing) (his|her|their|my) (wrists?|throat|arms?)\b",
    r"\bend (his|her|their|my) (own )?life\b|\bsuicide attempt\b",
    r"\b(throw|throwing|threw|jump|jumping|jumped) (himself|herself|themselves|myself )?\s*(off|from|in front of)\b",
    r"\b(left|locked|trapped|shut) (alone )?(in|inside) (a|an|the|his|her|their) (hot )?(car|vehicle|van|boot)\b",
    r"\b(forced|dragged|bundled|pushed|thrown|taken) into (a|an|the) (car|van|vehicle|boot)\b",
    r"\bheld (against (his|her|their|my) will|hostage|captive)\b",
    r"\bsuicid(e|al) (attempt|now|right now)\b|\bon the (bridge|ledge|roof)\b",
    r"\b(this is|it'?s) an emergency\b|\bemergency now\b",
    r"\bhelp me now\b|\bsend help\b|\bcall (the )?(police|ambulance) now\b",
    r"\b(missing|run away|ran away) (child|kid|baby|toddler) (now|right now|tonight)\b",
    r"\b(gone|go|goes|went|is|are|has been|have been) missing\b(?! (from )?(school|education|lessons?|class|classes|appointments?|out|meetings?))",
    r"\b(break|breaking|broke|broken|trying to get) (in|into)\b|\bkicking (the )?door\b",
    r"\bsmashing (the |up |things|the place|everything)|\bkicking off\b|\b(getting|being|is|he'?s|she'?s) (really )?(violent|aggressive)\b",
    # harm that is ongoing "right now" ("being sexually exploited right now in a car park")
    r"\b(being|is|are|getting) (\w+ ){0,2}(exploited|groomed|abused|molested|assaulted|trafficked"
    r"|sold|pimped)\b.{0,60}\b(right now|as we speak|at the moment|now)\b",
    r"\b(fgm|female genital mutilation|cut|cutting|forced (into )?marriage|married off)\b.{0,80}"
    r"\b(today|tonight|now|right now|tomorrow|this (morning|afternoon|evening|weekend)|in an hour)\b",
    r"\b(being|is|are|getting|was|were) (taken|sent|flown|shipped) (abroad|overseas|out of the country)\b",
    r"\bflight (leaves|is|goes|departs) (in|at|today|tonight|tomorrow|soon)\b",
    r"\b(can see|there'?s|there is|lots of|thick|black) smoke\b|\bsmoke (coming|pouring|billowing)\b"
    r"|\bsmell of (smoke|burning|gas)\b|\bgas leak\b",
    r"\b(drowning|drowned)\b|\b(alone|unattended|on (his|her|their) own) in the (bath|water|pool)\b",
    r"\bpassed out\b",
    r"\b(on|near|along|by) the (railway|train|tube) (line|lines|tracks?)\b|\bon the (tracks|railway)\b",
    r"\b(hasn'?t|has not|won'?t|will not|can'?t|cannot|didn'?t) (woken|wake)( up| (him|her|them))?\b",
    r"\bunconc?s?ious\b|\bunconcious\b",
    r"\b(trying|tried) to (get|pull|drag|bundle|lure|force) (her|him|them|a child|the child|kids?) "
    r"(in|into)\b|\bfollowing (a|the) (little |young )?(girl|boy|child|kid)\b",
    r"\bfell (through|in|into) (the )?(ice|water|river|lake|canal|pond)\b|\bin the (river|canal) now\b",
    r"\b(texting|text|texted|saying|said|messag\w*) (me )?goodbye\b",
    r"\b(on|from|off) the (bridge|ledge|roof|balcony|edge)\b|\bbalcony ledge\b|\bedge of the \w+( \w+)? roof\b"
    r"|\blegs over the (side|edge)\b",
    r"\bligature\b|\bnoose\b|\b(tied|tying|wrapped) .{0,30}\b(round|around) (her|his|their|my) neck\b",
    r"\b(dragged|dragging|being dragged) (out|away|off|along)\b",
    r"\b(wandered|ran|run|running|walked|crawled) (onto|into|out into) (the )?(road|motorway|traffic|dual carriageway)\b",
    r"\bwandered off\b.{0,60}\b(freezing|dark|night|cold|snow|nightie|pyjamas)\b",
    r"\b(waiting|outside|here|coming|at the (door|gate|school gate))\b.{0,40}\bto (hurt|kill|attack|harm|stab|get) "
    r"(her|him|them|me|us)\b",
    # a threat on its way ("on his way over to hurt her", "says he will drive into the lake")
    r"\b(on (his|her|their) way|coming (over|round|back))\b.{0,30}\b(hurt|kill|attack|harm|beat|stab|get)\b",
    r"\b(says?|said|threaten\w*) (he|she|they)('ll| will| is going to| are going to| wants to)"
    r" (drive|crash|drown|jump|kill|hurt|harm|burn|take)\b",
    r"\blocked (himself|herself|themselves|the kids|the children|them|the baby) in\b",
    # "still inside" with a place or a person ("still inside the flat", "still inside with
    # her"), not "he went to prison, he's still inside"
    r"\b(fire at|fire in)\b|\b(trapped|stuck) (inside|in the (house|flat|building|room))\b"
    r"|\bstill (inside (the|a|his|her|their|with|there)|in the (house|flat|building|room))\b",
    r"\b(on fire|house fire|there'?s a fire|fire (is|has) (started|spreading)|set(ting)? fire to|setting fires?)\b",
]
# A question about numbers, plans or work is a topic, not an emergency ("how many children
# went missing last year", "what is the board doing about children who go missing").
_TOPIC = re.compile(
    r"\b(how many|number of|figures|statistics|rates?|last year|per year|a year|strategy|plan"
    r"|plans|training|awareness|prevention|policy|campaign|board|boards|doing about|work on"
    r"|working on|report on|trends?|data)\b"
)
_WEAK = re.compile(
    r"\b(gone|go|goes|went|is|are|has been|have been) missing\b|\bswallowed\b|\bchoking\b"
    r"|\bbreak(ing)? in\b|\bright now\b"
)
_DANGER = Gated(
    [a for s in _SIGNALS for a in split_alternatives(s)], short=0
)  # searched with the signals whose words are in the text
# Harm told as history ("abused as a child in the 1990s", "stabbed in the summer, he's fine
# now", "died in a fire two years ago") is a concern to pass on, not an emergency.
_HISTORIC = re.compile(
    r"\b((years?|months?) ago|last (month|year|summer|winter|spring|autumn)|in the (summer|spring"
    r"|winter|autumn|past|80s|90s|1980s|1990s|2000s)|in (19|20)\d\d|as a (child|kid|teenager|teen)"
    r"|historic(al)?|(he|she|they)'?s fine now|(he|she|they) (is|are) fine now|years ago)\b"
)
_STILL = re.compile(r"\b(right now|happening now|is being|are being|currently|still|again now)\b")


def floor_reading(message: str) -> tuple[bool, bool]:
    """(near, heard): whether any signal pattern matches anywhere in ``message`` (when none
    does, no part of it can signal danger either), and whether the message signals danger
    now. History and topic words weigh in the sentence of the signal only: "missing
    training a lot" told earlier does not make "the car is waiting for him right now" a
    question about training."""
    text = clean(message)
    if "danger" in text or "risk" in text or "emergency" in text:  # one is in every denial
        text = _NEGATED.sub(" ", text)
    found = list(_DANGER.finditer(text))
    if not found:
        return False, False
    return True, any(_heard(text, m) for m in found)


_SENTENCE_END = re.compile(r"[.!?\n]")


def _heard(text: str, m: re.Match[str]) -> bool:
    """The signal ``m`` says danger now, weighed in its own sentence."""
    start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
    stop = _SENTENCE_END.search(text, m.end())
    sentence = text[start : stop.start() if stop else len(text)]
    if _HISTORIC.search(sentence) and not _STILL.search(sentence):
        return False
    # a topic question: only a signal beyond the weak ones counts
    return not _TOPIC.search(sentence) or not _WEAK.fullmatch(m.group(0))


def signals_danger(message: str) -> bool:
    """True when the message says someone is in danger now (negations excluded)."""
    return floor_reading(message)[1]
