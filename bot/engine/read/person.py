"""Who a message is about, weighed: the sentences that tell of harm count double.

A story names many people: the woman whose partner threatens her and, in passing, "patients
in the waiting room including kids"; the foster daughter of 14 and the "older men" in the
car. Each sentence's evidence is weighed (:func:`bot.engine.audience.audience_weights`: an
age or a school year over a strong word over a weak one), doubled in the sentences that
tell of harm or a worry, and the audience is the side with clearly more; a message of one
sentence is read as a whole (:func:`bot.engine.audience.audience_of`).
"""

from __future__ import annotations

from functools import lru_cache

from bot.engine.audience import audience_of, audience_weights
from bot.engine.concern import CONCERN
from bot.engine.read.sentences import sentences
from bot.engine.read.vocab import load_danger_vocab

FOCUS = 2.0  # the weight of a sentence that tells of harm, against 1 for the rest
CLEAR = 1.5  # one side must weigh this many times the other
CHILD_AT_RISK = 2.0  # a child named where harm is told: children's services must know


def weighed_audience(text: str, tokens: list[str]) -> str | None:
    """children, adults or None (no evidence, or as much for both)."""
    return _weighed(text, tuple(tokens))


@lru_cache(maxsize=2048)
def _weighed(text: str, tokens: tuple[str, ...]) -> str | None:
    spans = sentences(text)
    if len(spans) < 2:
        return audience_of(text, list(tokens))
    vocab = load_danger_vocab()
    child = adult = 0.0
    for s in spans:
        c, a = audience_weights(s.text)
        harm = vocab.harm.search(s.text) or vocab.acute.search(s.text)
        weight = FOCUS if harm or CONCERN.search(s.text) else 1.0
        child += c * weight + (CHILD_AT_RISK if harm and c >= 2 else 0.0)
        adult += a * weight
    if child > 0 and child >= CLEAR * adult:
        return "children"
    if adult > 0 and adult >= CLEAR * child:
        return "adults"
    return audience_of(text, list(tokens)) if not (child or adult) else None
