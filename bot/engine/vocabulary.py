"""The words the bot knows, so that stored text keeps those and masks every other word.

A name typed in lower case looks like any other word, so :mod:`bot.engine.masking`
does not try to spot names: it keeps a word only when the bot itself uses it. The
vocabulary is derived, not listed by hand:

* the knowledge base's words: glossary terms, expansions and notes, definitions,
  board, agency and contact names, aliases, remits, actions ... (never the fields
  that name people: chairs, the scrutineer, attendance rows, nor addresses, emails,
  phone numbers or web sites);
* the bot's own words: every string literal in ``bot/engine``, ``bot/reminders`` and
  ``bot/adapters`` (the engine's cue lists, patterns and answers, the commands' replies;
  docstrings are left out, and so are this module's and the masking's name lists);
* a short floor of English function words, for a knowledge base that happens to lack
  one (pronouns, auxiliaries, prepositions, question words).

Some names are also English words the bot uses ("will", "may", "young"). Given names
in ``GIVEN_NAME_WORDS`` that reach the vocabulary are masked anyway (unless inside a
phrase of the knowledge base, e.g. "young people"); surnames in ``SURNAME_WORDS`` are
masked next to another masked word ("tom young").
"""

from __future__ import annotations

import ast
import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.kb.models import KnowledgeBase

BOT_DIR = Path(__file__).resolve().parent.parent
# the bot's own words: the engine's cue lists and answers, the chat commands' replies
WORD_SOURCES = ("engine", "reminders", "adapters")
NOT_WORD_SOURCES = frozenset({"vocabulary.py", "masking.py", "fake_bot_api.py"})
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_ESCAPE = re.compile(r"\\[A-Za-z]")

FUNCTION_WORDS = frozenset(
    """a i about above after again against all am an and any anyone anything are as at back
    be because been before being below between both but by can can't cannot could couldn't
    did didn't do does doesn't don't down during each either else every everyone few for
    from further get gets got had hasn't has have haven't having he her here hers herself
    him himself his how i'd i'll i'm i've if in into is isn't it it's its itself just me
    might more most must my myself need needs neither no nobody none nor not now of off on
    once only or other our ours out over own please same she should shouldn't so some
    someone something still such than that that's the their theirs them themselves then
    there these they they're this those through to too under until up upon us very was
    wasn't we we're were what what's whats when where which while who who's whom whose why
    will with won't would wouldn't yes yet you you're your yours yourself call called child
    children adult adults worried worry concern concerned help report contact number phone
    open closed today tonight tomorrow weekend""".split()
)

# Given names that are also English words: masked even where the bot knows the word.
GIVEN_NAME_WORDS = frozenset(
    """will bill mark grace hope faith joy rose lily daisy holly ivy poppy ruby amber jade
    pearl crystal dawn april may june august summer autumn sky river storm star angel honey
    sunny sandy rusty frank ernest victor guy rob bob pat sue kit jack max ray art drew
    chase hunter mason carter cooper miles dean glen heath cliff dale brook iris heather
    fern hazel olive violet willow bonnie carol eve jean patience prudence charity
    constance harmony melody destiny trinity liberty precious blessing honour prince duke
    earl pierce lance grant gene nick don dot penny peggy sally bailey parker piper harper
    sage rowan ash aspen reed rocky sterling ebony ivory scarlett ginger cherry candy misty
    gem justice mercy verity unity nova lucky robin jay sonny bunny tiger""".split()
)

# Surnames that are also English words: masked next to another masked word.
SURNAME_WORDS = frozenset(
    """brown white black green grey gray young king wood woods hill clark wright hall walker
    baker cook price bell banks lane marsh fox bird day house field fields cross rich short
    long little small strong hart hunt best good sharp bush ford stone rivers waters brooks
    church bishop knight page porter butler turner carpenter smith fisher shepherd miller
    taylor gardner marshall judge law moss frost snow gold silver ball booth hay lamb bull
    crane swan finch hawk drake nash pope sweet wise moody bright bold cash pound love
    hope mark english french welsh scott moore rose mills parks holmes lord north west
    east south jones williams davies evans wilson thomas johnson roberts robinson thompson
    edwards hughes lewis harris clarke patel jackson turner martin cooper ward morris allen
    james phillips watson davis parker bennett griffiths mitchell kelly carter richardson
    bailey collins shaw murphy cox richards khan anderson simpson ellis adams singh begum
    ali ahmed hussain rahman kaur campbell stewart reid murray morgan""".split()
)


@lru_cache(maxsize=1)
def engine_words() -> frozenset[str]:
    """Words of every string literal in the bot's modules (docstrings left out)."""
    found: set[str] = set()
    paths = [p for d in WORD_SOURCES for p in sorted((BOT_DIR / d).glob("*.py"))]
    for path in paths:
        if path.name in NOT_WORD_SOURCES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                if isinstance(body[0].value, ast.Constant):
                    docstrings.add(id(body[0].value))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                found.update(_words(_ESCAPE.sub(" ", node.value)))
    return frozenset(found)


def _words(text: str) -> set[str]:
    """Lower-case words of a text, hyphenated words whole and in parts; no lone letters."""
    out: set[str] = set()
    for token in _WORD.findall(text.replace("\u2019", "'").lower()):
        out.add(token)
        out.update(re.split(r"['-]", token))
    return {w for w in out if len(w) > 1 or w in ("a", "i")}


def _kb_texts(kb: KnowledgeBase) -> tuple[list[str], list[str]]:
    """(names: terms, names and aliases, which also make phrases; other text)."""
    names: list[str] = []
    texts: list[str] = []
    for t in kb.terms:
        names += [t.term, t.expansion, *t.aliases]
        texts.append(t.note)
    for d in kb.definitions:
        names += [d.term, *d.aliases]
        texts.append(d.text)
    for c in kb.contacts:
        names += [c.label, c.service, *c.aliases]
        texts += [c.purpose, c.hours_text, c.outside or ""]
    for b in kb.boards:
        names += [b.name, *b.aliases, *b.panels]
        texts += [b.remit, b.summary, b.sponsor_note, b.membership_note, b.meetings_note]
        texts += [*b.core_membership, *b.done, *b.learning]
    for a in kb.agencies:
        names += [a.name, *a.aliases]
        texts += [a.description, *a.done]
    for act in kb.actions:
        texts += [act.text, act.due_text]
    p = kb.partnership
    names += [p.name, p.area, *p.boroughs]
    texts += [p.report_title, p.report_period, p.description, *p.priorities]
    return names, texts


@dataclass(frozen=True)
class Vocabulary:
    """Words to keep, the knowledge base's phrases, and the name words to watch."""

    words: frozenset[str]
    phrases: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    given_names: frozenset[str] = GIVEN_NAME_WORDS
    surnames: frozenset[str] = SURNAME_WORDS

    def knows(self, word: str) -> bool:
        return word.lower() in self.words


def build_vocabulary(kb: KnowledgeBase | None) -> Vocabulary:
    """The vocabulary of this knowledge base and the engine (the engine's alone for None)."""
    words = set(engine_words()) | FUNCTION_WORDS
    phrases: dict[str, list[tuple[str, ...]]] = {}
    if kb is not None:
        names, texts = _kb_texts(kb)
        for text in [*names, *texts]:
            words |= _words(text)
        for name in names:
            # whole tokens too, so "A&E" or "CP-IS" is kept as written
            words.update(w.strip(".,;:()'\"").lower() for w in name.split() if len(w) > 1)
            phrase = tuple(_WORD.findall(name.replace("\u2019", "'").lower()))
            if len(phrase) >= 2 and phrase not in phrases.get(phrase[0], []):
                phrases.setdefault(phrase[0], []).append(phrase)
    return Vocabulary(frozenset(words), phrases)


_CACHE: dict[int, tuple[weakref.ref, Vocabulary]] = {}


def vocabulary_for(kb: KnowledgeBase | None) -> Vocabulary:
    """``build_vocabulary(kb)``, built once per knowledge-base object."""
    key = id(kb)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is kb:
        return hit[1]
    vocab = build_vocabulary(kb)
    if kb is not None:
        for k in [k for k, (ref, _v) in _CACHE.items() if ref() is None]:
            del _CACHE[k]
        _CACHE[key] = (weakref.ref(kb), vocab)
    return vocab
