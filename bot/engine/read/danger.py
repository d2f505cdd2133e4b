"""Danger now: does a message say that someone is in danger now or about to be?

Read per sentence, not per message, so a history told in one sentence ("she was stabbed
last year") never cancels a danger told in the next ("he is outside with a knife now").
Within a sentence, a clause that dates harm as history or denies it is set aside, and
then any of these is danger now:

- an *acute* cue: a state that is an emergency whenever it is happening ("not breathing",
  "on the bridge", "has a knife", "locked in");
- a *harm* cue near a *now* cue ("hurt" + "right now", "kill" + "says he will", a harm
  verb in the present progressive: "is hitting", "'s dragging");
- one of the long-standing signal patterns of :mod:`bot.engine.danger` (the floor);
- the learned scorer of :mod:`bot.engine.read.danger_model`, when it is confident.

A sentence that asks about the partnership's work, figures or a meaning ("how many
children went missing", "what is the board doing about knife crime") needs a now cue.
The vocabulary is ``bot/engine/vocab/danger.yaml``; the reading names the cues it used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.engine import danger as floor
from bot.engine.read.danger_cues import (
    _BARRED,
    _CALM,
    _CALMING,
    _CUT_OFF,
    _DEFERRED,
    _DENIED,
    _DROP,
    _FAREWELL,
    _HABIT,
    _HAPPENING,
    _HERE_NOW,
    _INTENT,
    _NO_ONE,
    _OVERDOSE_TAKEN,
    _PAST,
    _PATTERN_SO_FAR,
    _RETURNING,
    _SAYS_SO,
    _SCHOOL_YEAR,
    _SO_FAR_TOLD,
    _TAKEN_AWAY_NOW,
    _THEY_ARE_HERE,
    _THREATENED,
    _TOLD_PAST,
    _may_bar,
)
from bot.engine.read.danger_model import load_danger_model
from bot.engine.read.sentences import Span, clauses, sentences
from bot.engine.read.vocab import DangerVocab, PhraseSet, line_of, load_danger_vocab, load_spelling
from bot.engine.text import clean
from bot.errors import Problem

_PROGRESSIVE = re.compile(
    r"\b(?:is|are|s|re|hes|shes|theyre|keeps?|still|currently|now)\s+(?:\w+\s+)?(\w+ing)\b"
)
_STRONG_NOW = re.compile(r"\b(?:right now|rn|as we speak|at the moment|atm|still|now|just \w+)\b")
# "just" places harm now before a verb of action ("he's just hit her", "just texted me"),
# not in "i just want advice", "just a heated argument", "just to check".
_JUST = re.compile(
    r"\bjust\s+(?!(?:want|wanted|need|needs|needed|wonder\w*|check\w*|ask\w*|a|an|the|to|for|so"
    r"|in|curious|thought|think|like|concern\w*|worr\w*|unsure|not|one|some|had|been told"
    r"|found out|heard|learn\w*|read|seen|noticed|realised|realized|arguments?|shouting|words"
    r"|started|begun|joined|moved)\b)"
    r"[a-z']+"
)
NEAR = 90
TOPIC_CUT = 0.9
UNCUED_CUT = 0.75
HISTORY_CUT = 0.7  # the learned scorer's cut when every harm sentence is dated as history
_BOARDISH = re.compile(
    r"\b(?:board|boards|panel|panels|sponsor\w*|stand for|stands for|mean)\b"
)  # characters between a harm cue and its now cue


@dataclass(frozen=True, slots=True)
class DangerReading:
    """Whether the message signals danger now, with the cues that said so."""

    now: bool
    because: tuple[str, ...] = ()
    sentence: Span | None = None
    probability: float | None = None  # the learned scorer's, when only it said so

    def __bool__(self) -> bool:
        return self.now


NO_DANGER = DangerReading(False)
# A harm named as what work is about: "what's the quality board doing about exploitation at the
# moment" (the work is now, no harm is)
_WORKED_ON = re.compile(
    r"\b(?:doing|done|working|work|plans?|planning|tackling|tackle|strategy|training)\s+"
    r"(?:about|on|around|to tackle|to address|for)\s+(?:[\w-]+\s+){0,2}$"
)
_ONGOING_SINCE = re.compile(
    r"\W*(?:[\w']+\W+){0,2}?since (?:lunch\w*|this morning|breakfast|earlier|last night|she woke"
    r"|he woke|they woke|\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?\b)"
)


def read_danger(
    message: str, vocab: DangerVocab | None = None, use_model: bool = True
) -> DangerReading:
    """The danger reading of ``message`` (negations and history excluded)."""
    if vocab is None and use_model:
        return _read_cached(message)
    return _read(message, vocab, use_model)


@lru_cache(maxsize=1024)
def _read_cached(message: str) -> DangerReading:
    return _read(message, None, True)


def _read(message: str, vocab: DangerVocab | None, use_model: bool) -> DangerReading:
    vocab = vocab or load_danger_vocab()
    folded = load_spelling().apply(clean(message or "")[:4096])
    denials = list(vocab.negation.finditer(folded))  # read once: blanked, and weighed for calm
    text = _mask(folded, vocab, denials)
    calm = (
        any(
            _CALMING.search(m.group(0))
            and not _SAYS_SO.search(folded, 0, m.start())
            # "i logged it twice and nothing happened": what was done then, no calm now
            and not (m.group(0).endswith("happened") and _STRONG_NOW.search(folded, m.end()))
            for m in denials
        )
        or any(not _SAYS_SO.search(folded, 0, m.start()) for m in _CALM.finditer(folded))
        or _DEFERRED.search(folded) is not None
    )
    if calm:
        return _read_calm(text, vocab)
    # only sentences holding a harm or acute word can signal danger by rule, unless the old
    # signal patterns (the floor: "a baby is being shaken") hear something in the message
    # a harm word denied where it stands ("nobody's threatening him") cues nothing
    cued = _harm_at(text, vocab) + _at(_BARRED, text, _may_bar(text))
    cued += _at(_FAREWELL, text) + _at(_RETURNING, text)
    for cut in _CUT_OFF.finditer(text):
        # the line went dead while someone told of harm going on: "she was whispering that her
        # ex had got in with a knife, then the line went dead"
        told = [s for s in sentences(text) if s.start <= cut.start() < s.end + 2]
        if told and any(told[0].start - 300 <= at <= cut.start() for at in cued):
            return DangerReading(True, ("line went dead while harm was told",), told[0])
    cued += _at(vocab.acute, text)
    floor_near, floor_heard = floor.floor_reading(text)
    for sentence in sentences(text):
        if not floor_heard and not _holds(sentence, cued):
            continue
        why = _sentence_danger(sentence, vocab, calm, floor_near)
        if why:
            return DangerReading(True, why, sentence)
    for s in (
        sentences(text)
        if any(w in text for w in ("took", "taken", "swallow", "had", "neck", "down"))
        else ()
    ):
        # an overdose taken (not dated as history) is an emergency whatever is said of it
        if _OVERDOSE_TAKEN.search(s.text) and not _historic(s.text, vocab):
            return DangerReading(True, ("overdose taken",), s)
    if not calm and "now" in text:
        told = sentences(text)
        for i, after in enumerate(told):
            # harm threatened (even last night), and whoever threatened it is here now: "said
            # last night he would finish him off ... the boyfriend is at the gate now"
            if (
                i
                and _THEY_ARE_HERE.search(after.text)
                and _HERE_NOW.search(after.text)
                and any(_holds(b, cued) and _THREATENED.search(b.text) for b in told[:i])
            ):
                return DangerReading(True, ("threatened harm and here now",), after)
    if not calm and ("now" in text or " with " in text):
        told = sentences(text)
        for before, after in zip(told, told[1:], strict=False):
            # harm told, then the one harmed driven or taken away now: "dragged him to the
            # car, lad was crying. hes trying to start the car now with the boy in it"
            if (
                _TAKEN_AWAY_NOW.search(after.text)
                and _holds(before, cued)
                and not _historic(before.text, vocab)
            ):
                return DangerReading(True, ("taken away now after harm",), after)
    model = load_danger_model() if use_model else None
    if model is not None and not calm:
        p = model.probability(text)
        # a question about the work, a meaning or a board needs the model to be sure
        # and so does a message without any harm word of the vocabulary
        cut = model.threshold
        if vocab.topic.found_in(_SCHOOL_YEAR.sub(" ", text)) or _BOARDISH.search(text):
            cut = TOPIC_CUT
        elif not cued:
            cut = UNCUED_CUT
        elif all(
            _historic(s.text, vocab) or _so_far(s.text, vocab)
            for s in sentences(text)
            if _holds(s, cued)
        ):
            # every harm word sits in a sentence the rules dated as history ("was stabbed
            # last yr"): the model must be surer than usual
            cut = HISTORY_CUT
        if p >= max(cut, model.threshold):
            return DangerReading(True, (f"model {p:.2f}",), None, p)
    return NO_DANGER


_UNSPANNED = re.compile("[.!?\u2013]")  # no phrase of the vocabulary matches one


def _read_calm(text: str, vocab: DangerVocab) -> DangerReading:
    """The reading of a message whose writer said it is no emergency: only an acute cue told
    now counts (see ``_sentence_danger``), so only a sentence that may hold one is read, and
    one that signals is kept when it holds a cue or the floor hears the message, as ``_read``
    keeps it (each worked out once, and only when a sentence needs it)."""
    finders = [
        lambda: _at(vocab.acute, text),
        lambda: _harm_at(text, vocab),
        lambda: _at(_BARRED, text, _may_bar(text)),
        lambda: _at(_FAREWELL, text),
        lambda: _at(_RETURNING, text),
        # the floor hears the message: every sentence is read
        lambda: [s.start for s in sentences(text)] if floor.floor_reading(text)[1] else [],
    ]
    found: list[list[int]] = []
    spans = sentences(text)
    for n, sentence in enumerate(spans):
        if not vocab.acute.may_match(sentence.text):
            continue
        why = _sentence_danger(sentence, vocab, True)
        if not why:
            continue
        # it holds an acute cue (its clause's matches where it stands in the sentence too),
        # which the message's reading of acute cues finds there when no phrase can run into
        # the sentence from before it: a phrase spans no full stop, "!", "?" or en dash, and
        # none starts in the spaces after one
        *ended, after = _UNSPANNED.split(text[spans[n - 1].end if n else 0 : sentence.start])
        if (ended or not n) and "-" not in after:
            return DangerReading(True, why, sentence)
        for k, finder in enumerate(finders):
            if k == len(found):
                found.append(finder())
            if _holds(sentence, found[k]):
                return DangerReading(True, why, sentence)
    return NO_DANGER


def _harm_at(text: str, vocab: DangerVocab) -> list[int]:
    """Where the harm words of ``text`` start, those denied where they stand left out."""
    return [m.start() for m in vocab.harm.finditer(text) if not _denied(text, m)]


def _at(cues: re.Pattern[str] | PhraseSet, text: str, may: bool = True) -> list[int]:
    """Where the matches of ``cues`` in ``text`` start (none when not ``may``)."""
    return [m.start() for m in cues.finditer(text)] if may else []


def _mask(text: str, vocab: DangerVocab, denials: list[re.Match[str]] | None = None) -> str:
    """Blank out denials ("not in immediate danger"; ``denials``: their matches in ``text``,
    when already found) and ordinary life that reads like harm ("lives alone"), keeping
    every offset."""
    if denials is None:
        denials = list(vocab.negation.finditer(text))
    for m in denials:
        text = f"{text[: m.start()]}{' ' * (m.end() - m.start())}{text[m.end() :]}"
    return vocab.ordinary.pattern.sub(lambda m: " " * len(m.group(0)), text)


def _sentence_danger(
    sentence: Span, vocab: DangerVocab, calm: bool, floor_near: bool = True
) -> tuple[str, ...]:
    """Why ``sentence`` signals danger now, or () when it does not. ``calm``: the writer
    said somewhere that it is not an emergency, so only an acute cue told now counts."""
    # a clause holds a history or acute phrase only if its sentence may
    acute_words = vocab.acute.may_match(sentence.text)
    if calm and not acute_words:
        return ()
    parts = clauses(sentence)
    dated = vocab.history.may_match(sentence.text)
    live = [c for c in parts if not _historic(c.text, vocab)] if dated else list(parts)
    if not live:
        return ()
    text = " | ".join(c.text for c in live)
    # an acute cue told in the past tense ("the little one was hiding in the wardrobe when
    # we arrived") is history, unless its clause says it goes on now
    acute = acute_words and next(
        (
            m
            for c in live
            for m in vocab.acute.finditer(c.text)
            if _STRONG_NOW.search(c.text)
            # a state going on since a time today: "baby's been floppy since lunchtime"
            or _ONGOING_SINCE.match(c.text, m.end())
            or not (
                _TOLD_PAST.search(_governing(c.text, m))
                or _PATTERN_SO_FAR.search(c.text, 0, m.start())
            )
        ),
        None,
    )
    if calm:  # only an acute cue told now counts
        return (
            (f"{vocab.acute.kind(acute)} {acute.group(0)!r}",)
            if acute and _now_cues(text, vocab)
            else ()
        )
    nows = _now_cues(text, vocab)
    topic = vocab.topic.found_in(_SCHOOL_YEAR.sub(" ", text))
    # a question about the work or a meaning: only an explicit "now" makes it danger
    strong = not topic or any(_STRONG_NOW.fullmatch(m.group(0)) for m in nows)
    if acute and (strong or nows):
        return (f"{vocab.acute.kind(acute)} {acute.group(0)!r}",)
    if _RETURNING.search(sentence.text):
        # whoever did the harm is coming back to do more: "he's coming back at 7 to finish it"
        return ("coming back to harm",)
    bye = _FAREWELL.search(sentence.text)
    if bye and _DROP.search(sentence.text, bye.end(), bye.end() + 80):
        # a goodbye sent from a place to fall or be hit: "'thank u for everything, sorry' and a
        # pic from the footbridge"
        return ("farewell from a high or dangerous place",)
    if _may_bar(sentence.text) and _BARRED.search(sentence.text) and _HERE_NOW.search(text):
        # someone barred from contact is at the door now: "her ex, who is subject to a
        # non-molestation order, is outside the block at this moment"
        return ("barred from contact and here now",)
    # a clause telling a past event ("a lad got punched", "he was assaulted") is no
    # danger now without a now cue of its own
    # ("attended a lady tonight for a fall": "tonight" dates the event; "right now" does not);
    # and a habit ("every day", "keeps") is a pattern to refer, not harm happening now
    # a clause with harm going on ("is shouting") or intended ("she's going to end it") is
    # present, whatever else in it is past ("has pushed", "she told us")
    # a sentence told as happening now ("he's just rung saying the nephew is there now, has
    # taken his keys, pushed him over") keeps its recent past with it
    happening = _HAPPENING.search(sentence.text) is not None
    present = [
        c
        for c in live
        if (
            happening
            or not _PAST.search(c.text)
            or _STRONG_NOW.search(c.text)
            or _INTENT.search(c.text)
            or "ing" in c.text
            and any(vocab.harm.found_in(m.group(1)) for m in _PROGRESSIVE.finditer(c.text))
        )
        and not _HABIT.search(c.text)
    ]
    text = " | ".join(c.text for c in present)
    nows = _now_cues(text, vocab)
    denied = set()  # clauses whose harm is denied: no signal of the floor counts there
    harms = list(vocab.harm.finditer(text)) if strong else []
    said_not = {_root(m.group(0)) for m in harms if _denied(text, m)}
    for m in harms:
        if _WORKED_ON.search(text, max(0, m.start() - 40), m.start()):
            continue  # "what's the board doing about exploitation": a topic of work
        if _denied(text, m) or _root(m.group(0)) in said_not:
            # "there's no ongoing abuse", "never on her own now", "no one who could"; and a
            # harm denied once is denied in the whole sentence ("she's been cutting, no
            # fresh cuts")
            denied.add(text.count(" | ", 0, m.start()))
            continue
        for n in nows:
            if n.start() - NEAR <= m.start() <= n.end() + NEAR:
                return (f"{vocab.harm.kind(m)} {m.group(0)!r}", f"now {n.group(0)!r}")
    for i, c in enumerate(present) if strong and floor_near else ():  # the floor
        told = c.text if _STRONG_NOW.search(c.text) else _SO_FAR_TOLD.sub(" ", c.text)
        if i not in denied and floor.signals_danger(told):
            return (f"signal in {c.text[:40]!r}",)
    return ()


def _root(word: str) -> str:
    """ "cutting", "cuts", "cut" -> "cut": one harm however it is inflected."""
    root = re.sub(r"(?:ing|ed|es|s)$", "", word.split()[0]) if " " not in word else word
    return root[:-1] if len(root) > 3 and root[-1] == root[-2] else root


def _denied(text: str, m: re.Match[str]) -> bool:
    """The harm word ``m`` is denied in its own clause."""
    before = text[max(0, m.start() - 60) : m.start()].rsplit("|", 1)[-1]
    return bool(_DENIED.search(before[-30:]) or _NO_ONE.search(before))


def _governing(clause: str, m: re.Match[str]) -> str:
    """The part of ``clause`` that tells the cue ``m``: from the last "that", "and", "but" or
    "so" before it to the clause's end ("as i was packing up he whispered that the nephew
    told him he'd set the flat on fire": the threat, not the packing, tells the fire)."""
    head = clause[: m.start()]
    cut = max(head.rfind(f" {w} ") for w in ("that", "and", "but", "so"))
    return clause[cut + 1 if cut >= 0 else 0 :]


_AGE_NOW = re.compile(
    r"\s+(?:aged\s+)?\d{1,3}\b|\s+in (?:his|her|their) (?:early |mid |late )?(?:\d0'?s|twenties"
    r"|thirties|forties|fifties|sixties|seventies|eighties|nineties|teens)\b"
)


def _holds(sentence: Span, at: list[int]) -> bool:
    return any(sentence.start <= i < sentence.end for i in at)


def _now_cues(text: str, vocab: DangerVocab) -> list[re.Match[str]]:
    """Words that place harm now: the vocabulary's, a harm verb in the present
    progressive ("is hitting"), and "just" before a verb of action ("just hit")."""
    # "now 79", "is now 14": an age, not the time of the harm
    nows = [m for m in vocab.now.finditer(text) if not _AGE_NOW.match(text, m.end())]
    if "ing" in text:  # every progressive ends "-ing"
        nows += [m for m in _PROGRESSIVE.finditer(text) if vocab.harm.found_in(m.group(1))]
    return nows + list(_JUST.finditer(text))


# "asleep since yesterday afternoon and won't wake up": going on since then, to now
_SINCE = re.compile(r"\bsince\s+$")


def _so_far(sentence: str, vocab: DangerVocab) -> bool:
    """Every harm word of ``sentence`` tells a pattern up to now ("has been hitting her")."""
    found = list(vocab.harm.finditer(sentence))
    return bool(found) and all(_PATTERN_SO_FAR.search(sentence, 0, m.start()) for m in found)


def _historic(clause: str, vocab: DangerVocab) -> bool:
    """A clause that dates harm in the past ("two years ago", "as a teenager")."""
    dated = [m for m in vocab.history.finditer(clause) if not _SINCE.search(clause, 0, m.start())]
    return bool(dated) and not re.search(r"\b(?:right now|happening now|again now|still)\b", clause)


def example_problems(vocab: DangerVocab | None = None) -> list[Problem]:
    """Every example of the danger vocabulary that reads against its label, located by
    path:line: the vocabulary's own check, run when the engine starts."""
    vocab = vocab or load_danger_vocab()
    problems = []
    for label, examples in (
        ("danger", vocab.examples.danger),
        ("not_danger", vocab.examples.not_danger),
    ):
        for example in examples:
            if bool(read_danger(example, vocab)) != (label == "danger"):
                wrong = "no danger" if label == "danger" else "danger"
                problems.append(
                    Problem(
                        vocab.path,
                        line_of(vocab.path, example),
                        f"{label} example reads as {wrong}: {example!r}",
                    )
                )
    return problems
