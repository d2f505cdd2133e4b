"""Who a message is about (a child or an adult) and the words that ask for a contact.

Vocabulary, not questions: words and short phrases for children and adults in two tiers
(a "strong" word names the person at the centre, a "weak" one is often only context: the
mum of a baby, the son who takes an old man's money), ages ("she's 87", "14yo", "year 9"),
and typo folding so "chidl safegaurding numbr" reads as "child safeguarding number".
Ages are read in :mod:`bot.engine.read.ages`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.engine.read.ages import _AGE, _AGE_WORD, _DIGIT, _NUMBER_WORDS, ages  # noqa: F401
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
    r"|\((?:\d{1,2})[\s-]*(?:days?|wks?|weeks?|mths?|months?)\)"  # "twins (10 months)"
    # "alfie is 8 months"
    r"|\b(?:is|was|aged) \d{1,2}[\s-]*(?:days?|wks?|weeks?|mths?|months?)\b(?!\s*(?:pregnant|gone"
    r"|ago|later|on|into))"
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
    # "with her son" may be a mother with her boy; "with her grown up son" is grown
    r"(?:(?<!and )(?<!with )(?<!\bor )\b(?:her|his|their|[a-z]+'?s'?) (?:eldest |youngest |own )?"
    r"|\b(?:her|his|their|[a-z]+'?s'?) (?:adult|grown up|grown-up) )"
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
_NOW_ADULT_CUE = ("as a", "when ", "childhood", "teens")
_GROWN_CUE = ("son", "daughter", "grand", "nephew", "niece")
_PARENT_CUE = ("mum", "mom", "mother", "dad", "father", "parent", "foster")
# What every match of the relation patterns holds: the end of "her", "his", "their" or
# "x's", a space, then the relation's first letters (a pattern that opens with a character
# set: ``re`` skips to the r's and s's)
_GROWN_NEAR = re.compile(
    r"[rs]'? (?:adult |grown up |grown-up |eldest |youngest |own )?(?:son|daughter|grand|nephew"
    r"|niece|step)"
)
_PARENT_NEAR = re.compile(
    r"[rs] (?:birth |real |own )?(?:mum|mom|mother|dad|father|parent|step|foster )"
)
# School years and school students are children: "year 9 student", "student at school".
_SCHOOL = SCHOOL_WORDS = re.compile(
    r"\b(?:(?:year|yr)\s?|y)\d{1,2}s?\b(?!\s*(?:old|yo))|\b(?:students?|pupils?)\b.*\b(?:school|class|college|sixth form|primary|secondary)\b"
    r"|\b(?:school|class|primary|secondary)\b.*\bstudents?\b"
)

# one is in every match of _SCHOOL ("y5", "y10": a "y" and a digit)
_SCHOOL_CUE = ("year", "yr", "student", "pupil", *(f"y{d}" for d in range(1, 10)))


def _names_both(text: str) -> bool:
    """An adult's word and a child's are both in ``text``: every match of _WHICH holds both."""
    return ("adult" in text or "asc" in text) and ("child" in text or "kids" in text)


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
    # each pattern only where the word every match of it holds occurs
    if "gran" in text or "nan" in text:
        text = _RELATIVE_OF.sub(lambda m: m.group(1) or m.group(2), text)
    if "adult" in text:
        text = _NO_ADULT.sub(" ", text)
    if "whose" in text:
        text = _WHOSE.sub(r"\1", text)
    if "goodbye" in text or "bye to" in text:
        text = _FAREWELL_TO.sub(" ", text)
    return _BY.sub(" ", text) if "by " in text else text


# Whom a goodbye is said to is not whoever is at risk: "says he's said goodbye to his kids and
# he's standing on the bridge" is about him
_FAREWELL_TO = re.compile(
    r"\b(?:said|saying|say|says|texted|sent|messaged)\s+(?:his |her |their )?(?:goodbyes?|bye)"
    r"\s+to\s+(?:his|her|their|the|my)\s+[\w']+(?:\s+and\s+[\w']+)?"
)


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


def with_folds(tokens: list[str]) -> set[str]:
    """``set(tokens) | set(fold_all(tokens))``, each distinct token folded once."""
    return (distinct := set(tokens)).union(map(fold, distinct))


def implied_audience(text: str, parents: bool = True) -> tuple[str, str | None]:
    """``text`` without the phrases that imply who the person is, and what they imply
    (``parents``: whether "his dad" still says the person is a child)."""
    votes = set()
    for pattern, aud, cue, near in (
        (_NOW_ADULT, "adults", _NOW_ADULT_CUE, None),
        (_GROWN_RELATION, "adults", _GROWN_CUE, _GROWN_NEAR),
        (_PARENT_RELATION, "children", _PARENT_CUE, _PARENT_NEAR),
    ):
        if not any(map(text.__contains__, cue)) or near and near.search(text) is None:
            continue  # not what every match holds: nothing to take out
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
    t = with_folds(tokens)
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


def _by_first_word(phrases: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    groups: dict[str, list[str]] = {}
    for p in phrases:
        groups.setdefault((p.split() or [p])[0], []).append(p)
    return tuple((k, tuple(v)) for k, v in groups.items())


# A phrase's first word is in every text that holds the phrase: one test for each first word
_CHILD_PHRASE_GROUPS = _by_first_word(CHILD_PHRASES)
_ADULT_PHRASE_GROUPS = _by_first_word(ADULT_PHRASES)


def _holds_phrase(text: str, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    """Whether ``text`` holds one of the phrases where a word starts (not "in care" inside
    "her main carer"; a phrase may end inside a word: "learning disabilit"), tested group by
    group."""
    for first, phrases in groups:
        if first in text:
            for p in phrases:
                if p in text and _starts_word(text, p):
                    return True
    return False


def _starts_word(text: str, phrase: str) -> bool:
    at = text.find(phrase)
    while at >= 0:
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            return True
        at = text.find(phrase, at + 1)
    return False


_CARED_FOR = re.compile(
    r"\b(?:well|properly|nicely|being|been|getting|gets|get) looked after\b"
    r"|\blooked after (?:by|well|properly)\b"
)
_OLD_ONE = re.compile(r"\bold (?:boy|lad|girl|lass)\b")
# A grown man or woman whose parent is named: the parent is no sign of a child
_GROWN_OWNER = re.compile(
    r"\b(?:man|woman|bloke|guy|gent|gentleman|fella|husband|wife)\b(?:(?! and )[^.|]){0,40}?"
    r"\b(?:his|her) (?:elderly |old |disabled |frail )?(?:mum|mom|mother|dad|father|parents?)\b"
)


def audience_weights(text: str, parents: bool = True) -> tuple[float, float]:
    """The weight of the evidence for a child and for an adult in ``text`` (one sentence):
    an age or a school year 3, a strong word 2, an implied relation or a weak word 1.
    ``parents=False`` when the message has named a grown son or daughter: its "his dad" is
    the same family seen from the other end, no sign of a child."""
    text = _others_set_aside(text)
    if _names_both(text):
        text = _WHICH.sub(" ", text)
    if "child" in text or "kids" in text or "bab" in text:
        text = _NONE_OF.sub(" ", text)
    baby = _DIGIT.search(text) is not None and _BABY_AGE.search(text) is not None
    years = ages(text)  # before the relations go: "his daughter (7)"
    if "looked after" in text:  # "he's well looked after now": cared for, not in care
        text = _CARED_FOR.sub(" ", text)
    # phrases too: "my foster daughter's mum" names a foster daughter
    child_phrase = _holds_phrase(text, _CHILD_PHRASE_GROUPS)
    adult_phrase = _holds_phrase(text, _ADULT_PHRASE_GROUPS)
    if parents and _GROWN_OWNER.search(text):
        parents = False  # "man in the flat below lives with his mum": his mum is an old lady
    text, implied = implied_audience(text, parents)
    tokens = words(text)
    t = with_folds(tokens)
    if implied == "adults" and (t & CHILD_STRONG or baby or any(a < 18 for a in years)):
        implied = None  # "grabbed the baby ... nobody is taking his daughter": the baby is she
    # an age or a school year weighs 3; year 12 or 13 weighs 2 (a sixth former may be 18)
    school = _SCHOOL.search(text) if any(map(text.__contains__, _SCHOOL_CUE)) else None
    sixth = school is not None and re.search(r"\b(?:(?:year|yr)\s?|y)1[23]s?\b", school.group(0))
    child = 3.0 * (any(a < 18 for a in years) or baby) or (2.0 if sixth else 3.0) * bool(school)
    adult = 3.0 * any(a >= 18 for a in years)
    child += 2.0 * (bool(t & CHILD_STRONG) or child_phrase)
    adult += 2.0 * (bool(t & ADULT_STRONG) or adult_phrase)
    if adult_phrase and "old " in text:  # "an old boy", "old lad": an old man, no boy
        t -= {"boy", "lad", "girl", "lass"} - set(_OLD_ONE.sub(" ", text).split())
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
    if years and all(a >= 18 for a in years) and not t & CHILD_STRONG and (not school or sixth):
        # "one of my year 13s (she turned 18 in october)": the age told beats the school year
        child = 0.0  # "a man (19) and his mum" (not "a yr 7 ... her bf is 23")
    return child, adult


def names_grown_relation(text: str) -> bool:
    """ "her son", "the resident's nephew": a grown relation of an adult is named."""
    return _GROWN_NEAR.search(text) is not None and _GROWN_RELATION.search(text) is not None
