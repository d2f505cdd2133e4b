"""Does a message signal danger now? Then the answer's first line is 999."""

from __future__ import annotations

import re

from bot.engine.text import clean

_NEGATED = re.compile(
    r"\b(not|no|isn'?t|aren'?t|wasn'?t|never)\s+(in\s+)?(any\s+)?(immediate\s+|imminent\s+)?(danger|risk|emergency)\b"
)

_SIGNALS = [
    r"\bimmediate(ly)? (danger|risk|harm)\b",
    r"\bimminent (danger|risk|harm)\b",
    r"\bin danger\b",
    r"\bdanger(ous)? (right )?now\b",
    r"\bright now\b",
    r"\bat risk (right )?now\b",
    r"\b(is|are|being|been|getting|was) (being )?(hurt|attacked|beaten|assaulted|stabbed|shot|raped|strangled|choked|kicked|punched|hit|abused|threatened|kidnapped|abducted|trafficked|burned|burnt)\b",
    r"\b(attack|assault|stab|stabbing|shooting|rape|strangling|fight)(ing)? (is )?(happening|going on)\b",
    r"\bhappening (right )?now\b",
    r"\b((has|have|had|holding|carrying|waving|pulled|pulling|brandishing|got|grabbed) (a |an |his |her |their )?|with (a|an) )(knife|gun|weapon|machete|blade|firearm|axe)\b",
    r"\b(has |have )?collapsed\b",
    r"\bunconscious\b|\bunresponsive\b|\bnot breathing\b|\bstopped breathing\b",
    r"\bbleeding (heavily|badly|a lot)\b|\bserious(ly)? (injured|hurt)\b",
    r"\b(overdos(e|ed|ing)|taken an overdose)\b",
    r"\b(going|about|trying|threatening) to (kill|hurt|harm|stab|jump)\b",
    r"\bsuicid(e|al) (attempt|now|right now)\b|\bon the (bridge|ledge|roof)\b",
    r"\b(this is|it'?s) an emergency\b|\bemergency now\b",
    r"\bhelp me now\b|\bsend help\b|\bcall (the )?(police|ambulance) now\b",
    r"\b(missing|run away|ran away) (child|kid|baby|toddler) (now|right now|tonight)\b",
    r"\b(on fire|house fire|there'?s a fire|fire (is|has) (started|spreading)|set(ting)? fire to|setting fires?)\b",
]
_DANGER = re.compile("|".join(f"(?:{s})" for s in _SIGNALS))


def signals_danger(message: str) -> bool:
    """True when the message says someone is in danger now (negations excluded)."""
    text = clean(message)
    text = _NEGATED.sub(" ", text)
    return _DANGER.search(text) is not None
