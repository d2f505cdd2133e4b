"""Who a message is about (a child or an adult) and the words that ask for a contact.

Vocabulary, not questions: words and short phrases for children and adults in two tiers
(a "strong" word names the person at the centre, a "weak" one is often only context: the
mum of a baby, the son who takes an old man's money), ages ("she's 87", "14yo", "year 9"),
and typo folding so "chidl safegaurding numbr" reads as "child safeguarding number".
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.engine.read.vocab import (
    AudienceExamples,
    AudienceVocab,
    AudienceWords,
    line_of,
    load_audience_vocab,
)
from bot.engine.text import words
from bot.errors import Problem, VocabularyError

# The words and phrases for each audience are data a safeguarding lead reviews:
# bot/engine/vocab/audience.yaml, checked at load (a problem stops start-up at path:line,
# through audience_problems(), as the danger vocabulary's do).
try:
    _VOCAB = load_audience_vocab()
    _PROBLEMS: list[Problem] = []
except VocabularyError as err:
    _VOCAB = AudienceVocab("", AudienceWords(), AudienceWords(), AudienceExamples())
    _PROBLEMS = list(err.problems)
CHILD_STRONG = frozenset(_VOCAB.children.strong)
CHILD_WEAK = frozenset(_VOCAB.children.weak)
CHILD_PHRASES = tuple(_VOCAB.children.phrases)
ADULT_STRONG = frozenset(_VOCAB.adults.strong)
ADULT_WEAK = frozenset(_VOCAB.adults.weak)
ADULT_PHRASES = tuple(_VOCAB.adults.phrases)


def audience_problems(vocab: AudienceVocab | None = None) -> list[Problem]:
    """The audience vocabulary's problems, and each example (of ``vocab``, else the
    shipped one) that reads otherwise."""
    if _PROBLEMS and vocab is None:
        return list(_PROBLEMS)
    vocab = vocab or _VOCAB
    out = []
    for expected, examples in (
        ("children", vocab.examples.children),
        ("adults", vocab.examples.adults),
    ):
        for text in examples:
            got = audience_of(text.lower(), words(text.lower()))
            if got != expected:
                out.append(
                    Problem(
                        vocab.path,
                        line_of(vocab.path, text),
                        f"example reads as {got or 'unclear'}, not {expected}: {text!r}",
                    )
                )
    return out


# Ages: "14 yr old", "15yo", "aged 87", "she's 9", "he is 45".
_AGE = re.compile(
    r"\b(\d{1,3})[\s-]*(?:yo|yos|yo's|y/o|yrs?[\s-]old|years?[\s-]olds?)\b"
    r"|\b(?:in (?:his|her)|early|mid|late)[\s-]+(\d)0'?s\b"  # "in his 40s" (not "men in their 20s")
    r"|\b(?:aged?|(?:he|she|they)(?:'s| is| are)|hes|shes|who is|who's|whos)\s+"
    r"(?:about\s+|around\s+|roughly\s+|maybe\s+|probably\s+)?(\d{1,3})\b"
    r"(?!\s*(?:weeks?|wks?|months?|mths?|minutes?|mins?|hours?|hrs?|days?|miles?|stone|kg))"
    r"|\b(?:is|was) (\d{1,3})(?= and\b|\s*[,.;(]|$| now\b)"
    # a birthday had: "she had her 18th last week"
    r"|\b(?:had|celebrated|turned) (?:his|her|their) (\d{1,2})(?:st|nd|rd|th)\b"
    r"|\b(?:just |recently )?turned (\d{1,3})\b"
    r"|\b(?:can'?t be|cannot be|no|not) (?:more|older) than (\d{1,2})\b"  # "can't be more than 14"
    r"|\b(?:about|around|roughly|maybe) (\d{1,2}) and \d{1,2}\b(?!\s*(?:am|pm|mins?|minutes|hours))"
    # an age guessed from how someone looks: "she looks about 13", "appears to be around 15"
    r"|\b(?:looks?|looking|seems?|appears?)(?: to be)?(?: about| around| roughly| maybe| like)?"
    r" (\d{1,2})\b(?!\s*(?:am|pm|mins?|minutes|hours?|hrs|days?|weeks?|months?|[:.]\d))"
    r"|\b(?:is|s|was) now (\d{1,3})\b(?!\s*(?:weeks?|wks?|months?|mths?))"  # "now 30 weeks": gestation
    r"|\((\d)0'?s(?=[,)\s])"  # "one of our regulars (60s, lives alone)"
    r"|\b[\w']+ \((\d{1,2})(?:\)|,)"  # "a care leaver (19)", "mum (64, MS)", "12b (19)"
    r"|\b(?:lad|boy|girl|kid|child|son|daughter|lass|man|woman|lady|pt|patient|client|resident"
    r"|tenant|student|pupil|learner)\s+(?:of\s+|aged\s+)?(\d{1,2})\b"
    r"(?!\s*(?:mins?|minutes|hours?|hrs|days?|weeks?|months?|years|pm|am|[:.]\d"
    r"|doors?|houses?|flats?|floors?|streets?|roads?|miles?|times?|of\b))"  # "lad 15"
    r"|\b(?:patient|pt|man|woman|lady|gent|gentleman|resident|tenant|client|mum|dad|boy|girl|lad"
    r"|son|daughter|child|person|neighbour|husband|wife|victim|user|leaver|member|student|pupil)s?"
    r",\s*(\d{1,3})"
    r"\s*[,.;)]"  # "a patient, 82, admitted"
)
_WHICH = re.compile(
    r"\b(?:adults?|adult'?s|asc)\s+or\s+(?:child(?:ren)?'?s?|kids)\b(?:\s+(?:team|services?|line))?"
    r"|\b(?:child(?:ren)?'?s?|kids)\s+or\s+(?:adults?|adult'?s|asc)\b(?:\s+(?:team|services?|line))?"
)
# People said to be absent: "no children in the picture", "no kids at home".
_NONE_OF = re.compile(
    r"\b(?:no|without|not any|never had)\s+(?:\w+\s+)?(?:children|kids|child|baby|babies)\b"
)
# Babies' ages: "6wk old", "8 months old", "3 week old baby".
_BABY_AGE = re.compile(
    r"\b\d{1,2}[\s-]*(?:days?|wks?|weeks?|mths?|months?|mo)(?:[\s-]*old\b|\s+(?:baby|babies|boy|girl|son"
    r"|daughter|infant|newborn|twins?)\b)"
)
# Phrases that say who the person is without naming them, and are then set aside:
# harm dated to childhood is an adult's now ("raped as a teenager"); a grown-up relation
# of someone ("her son", "the resident's nephew") makes that someone the adult; a parent
# or a parent's partner ("her mum's boyfriend", "his stepdad") makes them the child.
_NOW_ADULT = re.compile(
    r"\b(?:as an? (?:child|kid|teenager|teen|youngster|young person|girl|boy|little one|baby)"
    r"|when (?:she|he|they|i) (?:was|were) (?:little|young|small|a child|a kid|a teenager|a teen"
    r"|at school|\d{1,2})|in (?:her|his|their|my) (?:childhood|teens)|childhood)\b"
)
_GROWN_RELATION = re.compile(
    r"(?<!and )(?<!with )(?<!\bor )\b(?:her|his|their|[a-z]+'?s) (?:adult |grown up |grown-up |eldest |youngest |own )?"
    r"(?:sons?|daughters?|grandsons?|granddaughters?|grandchildren|grandkids?|nephews?|nieces?"
    r"|son-in-law|daughter-in-law|stepsons?|stepdaughters?)\b"
    # a son with a tutor or a class is a pupil: "her son's tutor", "his daughter's school"
    r"(?!'?s?\s+(?:form\s+)?(?:tutor|teacher|school|class|classroom|nursery|head of year|senco"
    r"|year\s?\d))"
)
_PARENT_RELATION = re.compile(
    r"\b(?:her|his|their|[a-z]+'?s) (?:birth |real |own )?(?:mum|mom|mummy|mother|dad|daddy|father"
    r"|parents?|step-?dad|step-?mum|step-?father|step-?mother|foster (?:carers?|mum|dad|parents?))"
    r"(?:'?s (?:boyfriend|girlfriend|partner|new partner|fella|husband|wife))?\b"
)
# Letters every match of the relation patterns holds (a quick test before the pattern).
_GROWN_CUE = ("son", "daughter", "grand", "nephew", "niece")
_PARENT_CUE = ("mum", "mom", "mother", "dad", "father", "parent", "foster")
# School years and school students are children: "year 9 student", "student at school".
_SCHOOL = SCHOOL_WORDS = re.compile(
    r"\b(?:(?:year|yr)\s?|y)\d{1,2}s?\b(?!\s*(?:old|yo))|\b(?:students?|pupils?)\b.*\b(?:school|class|college|sixth form|primary|secondary)\b"
    r"|\b(?:school|class|primary|secondary)\b.*\bstudents?\b"
)

_BY = re.compile(
    r"\bby (?:an? |the |his |her |their |my |some |other |older |two |three |several )*\w+"
)
# "one of our pupils' gran", "the gran of one of my pupils": the gran is who it is about
_CHILDS_ADULT = (
    r"(?:gran|grandma|granny|nan|nana|nanna|grandad|granddad|grandfather|grandmother|grandparent"
    r"|great[- ]gran)"
)
_RELATIVE_OF = re.compile(
    r"\b(?:one of )?(?:our|my|the|a) (?:pupil|student|child|kid|boy|girl)s?'s? ("
    + _CHILDS_ADULT
    + r")\b"
    r"|\b(" + _CHILDS_ADULT + r") of (?:one of )?(?:our|my|the|a) (?:pupils?|students?|children"
    r"|child|kids?|boys?|girls?)\b"
)


# "I haven't heard an adult voice all day", "no adult at home": an adult missing, who it is
# about is the child left
_NO_ADULT = re.compile(
    r"\b(?:an?|no|any) adults? (?:voice|voices|around|about|present|in the house|at home|there"
    r"|with (?:them|him|her))\b"
)


def _others_set_aside(text: str) -> str:
    """``text`` without the people it names who are not the person it is about: an adult
    missing ("no adult at home"), a child whose gran it is ("one of our pupils' gran"), a
    client's son ("a client whose son ..."), and whoever does the harm ("abused by her son")."""
    text = _NO_ADULT.sub(" ", _RELATIVE_OF.sub(lambda m: m.group(1) or m.group(2), text))
    return _BY.sub(" ", _WHOSE.sub(r"\1", text))


# "a client whose son has started controlling her benefits": the son is another person, the
# client's (not "a mum whose older child is on a plan": the child is who it is about)
_WHOSE = re.compile(
    r"\b(client|tenant|patient|lady|woman|man|gent|person|pensioner|resident)\s+whose"
    r" (?:\w+ )?(?:son|daughter|grandson|granddaughter|boyfriend|girlfriend|partner|husband|wife"
    r"|carer|nephew|niece|brother|sister|lodger|ex)\b"
)

# Words that ask for a contact, and the words typos are folded to.
CONTACT_VOCAB = (
    "safeguarding",
    "number",
    "numbers",
    "referral",
    "referrals",
    "refer",
    "contact",
    "email",
    "phone",
    "telephone",
    "hours",
    "concern",
    "concerned",
    "worried",
    "report",
    "children",
    "child",
    "adult",
    "adults",
    "address",
    "website",
    "helpline",
)
# Real words one letter away from a contact word: never "corrected".
NOT_TYPOS = frozenset(
    "house houses contract contracts concert resort chili adulthood reporter reporters phony "
    "childs refers".split()
)
# Short forms and text-speak with one meaning (folded before anything else).
ABBREVIATIONS = {
    "hrs": "hours",
    "hr": "hours",
    "num": "number",
    "nr": "number",
    "nums": "numbers",
    "tel": "phone",
    "fone": "phone",
    "ph": "phone",
    "ring": "call",
    "calls": "call",
    "emial": "email",
    "emai": "email",
    "mail": "email",
    "addy": "address",
    "wat": "what",
    "wot": "what",
    "abt": "about",
    "re": "about",
    "2": "to",
    "u": "you",
    "pls": "please",
    "plz": "please",
    "ppl": "people",
    "sg": "safeguarding",
    "kiddo": "kid",
    "teenaged": "teenage",
}
_VOCAB_SET = frozenset(CONTACT_VOCAB)
_KNOWN = CHILD_STRONG | CHILD_WEAK | ADULT_STRONG | ADULT_WEAK | _VOCAB_SET


@lru_cache(maxsize=4096)
def fold(token: str) -> str:
    """A token with abbreviations expanded and a typo of a contact word corrected."""
    token = ABBREVIATIONS.get(token, token)
    if len(token) < 4 or token in _KNOWN or token in NOT_TYPOS or not token.isalpha():
        return token
    best = process.extractOne(
        token, CONTACT_VOCAB, scorer=fuzz.ratio, score_cutoff=80 if len(token) > 5 else 75
    )
    if best is None or best[0][0] != token[0]:
        return token
    return best[0]


def fold_all(tokens: list[str]) -> list[str]:
    return [fold(t) for t in tokens]


# Numbers written as words, read as digits before ages are: "eldest about seven",
# "turned eighteen", "in her seventies".
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
        fifteen sixteen seventeen eighteen nineteen twenty""".split()
    )
} | {
    f"{w}ies": f"{n}0s"
    for w, n in (
        ("twent", 2),
        ("thirt", 3),
        ("fort", 4),
        ("fift", 5),
        ("sixt", 6),
        ("sevent", 7),
        ("eight", 8),
        ("ninet", 9),
    )
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")
# A number word is an age after these, or before "year old": not "two lads", "one of them".
_AGE_WORD = re.compile(
    r"\b(?:aged?|about|around|is|was|turned|turns|eldest|youngest|(?:in|early|mid|late)(?: (?:his|her|their))?)"
    r"\s+("
    + "|".join(_NUMBER_WORDS)
    + r")\b|\b("
    + "|".join(_NUMBER_WORDS)
    + r")[\s-]+years?[\s-]+olds?\b"
)


# An age the person had when something began ("with her boyfriend since she was 15"): not
# their age now, which the message gives elsewhere ("my client turned 18 last week") or not.
_PAST_AGE = re.compile(
    r"\b(?:ever since|since|from when|by the time)\s+(?:she|he|they|i|we|you)\s+(?:was|were)"
    r"\s+(?:about\s+|around\s+|only\s+)?\d{1,3}\b"
)


_DIGIT = re.compile(r"\d")
_WORD_RUN = re.compile(r"\w+")


# A birthday to come: "16 in sept", "(18th is in august)", "turns 18 next month": one less now
_TO_COME = re.compile(
    r"(?<!turned )(?<!was )(?<!turned)\b(?:turns |turning |will be |(?:she|he|they)(?:'s|'ll be| is"
    r"| will be) )?(\d{1,2})(?:st|nd|rd"
    r"|th)?(?: birthday)?(?: is)? (?:in|next|this coming) (?:jan|feb|mar|apr|may|jun|jul|aug|sep"
    r"|oct|nov|dec|month|year|week|summer|spring|autumn|winter)\w*\b"
    r"|\b(?:(?:she|he|they)(?:'s| is| are)|hes|shes|is) (?:nearly|almost|not quite) (\d{1,2})\b"
    r"(?!\s*(?:mins?|minutes|hours?|hrs|days?|weeks?|months?|[:.]\d))"
)


def ages(text: str) -> list[int]:
    """The ages told of people in ``text`` ("a 14 year old", "mum (64)", "turned 18"), not
    an age someone had when something began."""
    # every age holds a digit or a number word (a whole word): without either, none
    if not _DIGIT.search(text) and _NUMBER_WORDS.keys().isdisjoint(_WORD_RUN.findall(text)):
        return []
    text = _PAST_AGE.sub(" ", text)
    coming = [int(m.group(1) or m.group(2)) - 1 for m in _TO_COME.finditer(text)]
    text = _TO_COME.sub(" ", text) if coming else text
    text = _AGE_WORD.sub(
        lambda m: m.group(0).replace(
            m.group(1) or m.group(2), _NUMBER_WORDS[m.group(1) or m.group(2)]
        ),
        text,
    )
    out = []
    for m in _AGE.finditer(text):
        n = int(next(g for g in m.groups() if g))
        if m.group(0).endswith("s") and re.search(r"\d0'?s$", m.group(0)):
            n *= 10 if n < 10 else 1
        if n <= 110:
            out.append(n)
    return out + [n for n in coming if 0 < n <= 110]


def implied_audience(text: str, parents: bool = True) -> tuple[str, str | None]:
    """``text`` without the phrases that imply who the person is, and what they imply
    (``parents``: whether "his dad" still says the person is a child)."""
    votes = set()
    for pattern, aud, cue in (
        (_NOW_ADULT, "adults", None),
        (_GROWN_RELATION, "adults", _GROWN_CUE),
        (_PARENT_RELATION, "children", _PARENT_CUE),
    ):
        if cue is not None and not any(map(text.__contains__, cue)):
            continue  # none of the words every match holds: nothing to take out
        text, n = pattern.subn(" ", text)
        if n and (parents or aud != "children"):
            votes.add(aud)
    return text, (votes.pop() if len(votes) == 1 else None)


def audience_of(text: str, tokens: list[str]) -> str | None:
    """children, adults or None (none or both named), from words, phrases and ages."""
    return audience_evidence(text)[0]


# A line named ("the adult safeguarding no.", "children's services") is the line the writer
# guesses at, not who the person is: "the adults number for a 17 year old" is about a child.
_LINE_NAME = re.compile(
    r"\b(?:adults?'?s?|child(?:ren)?'?s?)\s+(?:safeguarding\s+|social\s+)?(?:care|services?"
    r"|team|line|number|no|duty|out of hours|ooh|mash|hub|social work)\b"
    r"|\b(?:adults?'?s?|child(?:ren)?'?s?)\s+safeguarding\b"
    r"|\b(?:counts?|classed|treated|seen|class(?:ed)?)\s+as\s+(?:an?\s+)?(?:adults?|child(?:ren)?)\b"
)


def audience_evidence(text: str) -> tuple[str | None, bool]:
    """The audience and whether strong evidence (an age, a strong word) decided it; the
    person told of decides over a line named, when the person alone says who they are."""
    if _LINE_NAME.search(text):
        person = _audience_evidence(_LINE_NAME.sub(" ", text))
        if person[0] is not None and person[1]:
            return person
    return _audience_evidence(text)


def _audience_evidence(text: str) -> tuple[str | None, bool]:
    # people named who are not the person ("abused by her son", "one of our pupils' gran")
    text = _others_set_aside(text)
    text = _WHICH.sub(" ", text)  # "do i ring adults or childrens": a question, no evidence
    baby = bool(_BABY_AGE.search(text))
    text, implied = implied_audience(text)
    if baby:
        implied = "children"
    tokens = words(text)
    t = set(tokens) | set(fold_all(tokens))
    child_strong = bool(t & CHILD_STRONG) or any(p in text for p in CHILD_PHRASES)
    child_strong = child_strong or bool(_SCHOOL.search(text))
    adult_strong = bool(t & ADULT_STRONG) or any(p in text for p in ADULT_PHRASES)
    years = ages(text)
    if years:
        child_strong = child_strong or any(a < 18 for a in years)
        adult_strong = adult_strong or any(a >= 18 for a in years)
        if any(a < 18 for a in years) and not t & ADULT_STRONG:
            adult_strong = False  # "a 14 year old in a care home", "13 with a 25 year old"
        if all(a >= 18 for a in years) and not t & CHILD_STRONG:
            child_strong = False
    if child_strong != adult_strong:
        return ("children" if child_strong else "adults"), True
    if child_strong:
        return implied, True
    if implied:
        return implied, True
    child_weak, adult_weak = bool(t & CHILD_WEAK), bool(t & ADULT_WEAK)
    if child_weak != adult_weak:
        return ("children" if child_weak else "adults"), False
    return None, False


def age_audience(age: int) -> str:
    return "children" if age < 18 else "adults"


def audience_weights(text: str, parents: bool = True) -> tuple[float, float]:
    """The weight of the evidence for a child and for an adult in ``text`` (one sentence):
    an age or a school year 3, a strong word 2, an implied relation or a weak word 1.
    ``parents=False`` when the message has named a grown son or daughter: its "his dad" is
    the same family seen from the other end, no sign of a child."""
    text = _NONE_OF.sub(" ", _WHICH.sub(" ", _others_set_aside(text)))
    baby = bool(_BABY_AGE.search(text))
    years = ages(text)  # before the relations go: "his daughter (7)"
    # phrases too: "my foster daughter's mum" names a foster daughter
    child_phrase = any(map(text.__contains__, CHILD_PHRASES))
    adult_phrase = any(map(text.__contains__, ADULT_PHRASES))
    text, implied = implied_audience(text, parents)
    tokens = words(text)
    t = set(tokens) | set(fold_all(tokens))
    if implied == "adults" and (t & CHILD_STRONG or baby or any(a < 18 for a in years)):
        implied = None  # "grabbed the baby ... nobody is taking his daughter": the baby is she
    # an age or a school year weighs 3; year 12 or 13 weighs 2 (a sixth former may be 18)
    school = _SCHOOL.search(text)
    sixth = school is not None and re.search(r"\b(?:(?:year|yr)\s?|y)1[23]\b", school.group(0))
    child = 3.0 * (any(a < 18 for a in years) or baby) or (2.0 if sixth else 3.0) * bool(school)
    adult = 3.0 * any(a >= 18 for a in years)
    child += 2.0 * (bool(t & CHILD_STRONG) or child_phrase)
    adult += 2.0 * (bool(t & ADULT_STRONG) or adult_phrase)
    child += 1.0 * (implied == "children") + 1.0 * bool(t & CHILD_WEAK)
    adult += 1.0 * (implied == "adults") + 1.0 * bool(t & ADULT_WEAK)
    if (
        (any(a < 18 for a in years) or school and not sixth)
        and not t & ADULT_STRONG
        # an old person beside the child is a person told of too ("in her 60s ... her
        # granddaughter (12)"); a young adult is the other party ("13, her boyfriend is 19")
        and not any(a >= 60 for a in years)
    ):
        # "a 14 year old in a care home", "13 year old, her boyfriend is 19": the adult is
        # the other party; only weak words still count for an adult
        adult = 1.0 * bool(t & ADULT_WEAK)
    if years and all(a >= 18 for a in years) and not t & CHILD_STRONG and not school:
        child = 0.0  # "a man (19) and his mum" (not "a yr 7 ... her bf is 23")
    return child, adult


def names_grown_relation(text: str) -> bool:
    """ "her son", "the resident's nephew": a grown relation of an adult is named."""
    return _GROWN_RELATION.search(text) is not None
