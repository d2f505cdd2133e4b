"""What a question asks: parse it against the indexes, then classify.

The rules read cue words ("who do I call", "stand for", "sponsor", "next") and the
knowledge a question names (terms, boards, agencies, contacts); they never list
particular questions. Cue words: ``cues``; patterns of whole asks: ``patterns``.
"""

from bot.engine.intents.aspects import aspect_cues, board_aspect
from bot.engine.intents.classify import classify
from bot.engine.intents.contact_ask import contact_ask, phone_named
from bot.engine.intents.names import (
    first_ref,
    owner_ref,
    owner_topic,
    refs,
    terms_in,
    topic_subject,
    typed_terms,
    weak_part,
)
from bot.engine.intents.parse import Parsed, has_contact_cue, parse
from bot.engine.intents.suggest import suggestions

__all__ = [
    "Parsed", "aspect_cues", "board_aspect", "classify", "contact_ask", "first_ref",
    "has_contact_cue", "owner_ref", "owner_topic", "parse", "phone_named", "refs",
    "suggestions", "terms_in", "topic_subject", "typed_terms", "weak_part",
]  # fmt: skip
