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

from bot.engine import danger as floor
from bot.engine.read.sentences import Span, clauses, sentences
from bot.engine.read.vocab import DangerVocab, load_danger_vocab
from bot.engine.text import clean

_PROGRESSIVE = re.compile(
    r"\b(?:is|are|s|re|hes|shes|theyre|keeps?|still|currently|now)\s+(?:\w+\s+)?(\w+ing)\b"
)
_STRONG_NOW = re.compile(r"\b(?:right now|rn|as we speak|at the moment|atm|still|now|just)\b")
NEAR = 90  # characters between a harm cue and its now cue


@dataclass(frozen=True, slots=True)
class DangerReading:
    """Whether the message signals danger now, with the cues that said so."""

    now: bool
    because: tuple[str, ...] = ()
    sentence: Span | None = None

    def __bool__(self) -> bool:
        return self.now


NO_DANGER = DangerReading(False)


def read_danger(message: str, vocab: DangerVocab | None = None) -> DangerReading:
    """The danger reading of ``message`` (negations and history excluded)."""
    vocab = vocab or load_danger_vocab()
    text = _mask(clean(message or "")[:4096], vocab)
    for sentence in sentences(text):
        why = _sentence_danger(sentence, vocab)
        if why:
            return DangerReading(True, why, sentence)
    return NO_DANGER


def _mask(text: str, vocab: DangerVocab) -> str:
    """Blank out denials ("not in immediate danger") keeping every offset."""
    return vocab.negation.pattern.sub(lambda m: " " * len(m.group(0)), text)


def _sentence_danger(sentence: Span, vocab: DangerVocab) -> tuple[str, ...]:
    parts = clauses(sentence)
    live = [c for c in parts if not _historic(c.text, vocab)]
    if not live:
        return ()
    text = " | ".join(c.text for c in live)
    nows = [m for m in vocab.now.finditer(text)]
    nows += [m for m in _PROGRESSIVE.finditer(text) if vocab.harm.search(m.group(1))]
    topic = vocab.topic.search(text)
    # a question about the work or a meaning: only an explicit "now" makes it danger
    strong = not topic or any(_STRONG_NOW.fullmatch(m.group(0)) for m in nows)
    acute = vocab.acute.search(text)
    if acute and (strong or nows):
        return (f"{vocab.acute.kind(acute)} {acute.group(0)!r}",)
    for m in vocab.harm.finditer(text) if strong else ():
        for n in nows:
            if n.start() - NEAR <= m.start() <= n.end() + NEAR:
                return (f"{vocab.harm.kind(m)} {m.group(0)!r}", f"now {n.group(0)!r}")
    for c in live:
        if floor.signals_danger(c.text):
            return (f"signal in {c.text[:40]!r}",)
    return ()


def _historic(clause: str, vocab: DangerVocab) -> bool:
    """A clause that dates harm in the past ("two years ago", "as a teenager")."""
    return vocab.history.search(clause) is not None and not re.search(
        r"\b(?:right now|happening now|again now|still)\b", clause
    )
