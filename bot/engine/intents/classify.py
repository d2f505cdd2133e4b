"""What kind of question it is: help, glossary, reverse, contact, owner, ... (an intent).

The order of :func:`classify` is the priority of intents; the policy
(:mod:`bot.engine.policy`) weighs the intent with the other readings of the question.
"""

from __future__ import annotations

import re

from bot.engine.concern import KNOWLEDGE
from bot.engine.intents.aspects import aspect_cues, own_next
from bot.engine.intents.cues import (
    BUDGET_CUES,
    FIGURE_FACTS,
    HELP_WORDS,
    NEXT_CUES,
    PARTNERSHIP_CUES,
)
from bot.engine.intents.names import owner_ref, refs, typed_terms
from bot.engine.intents.parse import Parsed, has_contact_cue
from bot.engine.intents.patterns import (
    DEFINE_CUE,
    DOER,
    FIGURES,
    LIST_BOARDS,
    MEMBER_OF,
    TOPIC_ACTIONS,
    WHICH_BOARD,
)
from bot.engine.text import STOPWORDS, words

# A word every match of FIGURES holds ("how many", "number of", "stats", "rates of").
_MAY_ASK_FIGURES = re.compile(r"how many|number|percentage|proportion|stat|figure|rate").search
# the groups under a board, in the plural: "what sub-groups are there"
SUB_GROUPS = re.compile(r"\bsub[- ]?groups\b|\bcommittees\b")


_SOMEONES_PARTNER = re.compile(
    r"\b(?:her|his|my|their|your|our|mum'?s|dad'?s|new|ex|ex-|abusive|violent|current|former)"
    r"[\s-]*partners?\b"
)
# (The patterns opening with "what" test the character before it with a lookbehind one word
# longer, the same test as a word boundary: ``re`` then skips to each "what" at C speed.)
_FUNDED_ON = re.compile(
    r"what(?<!\wwhat)\b[^.?!]{0,40}\b(?:fund|funded|funds|paid for|pay for|commissioned)\s+(?:around|on"
    r"|about|for|to (?:tackle|prevent|address|help with))\b"
)
# "who delivered", "which agency ran" opening the text or a sentence (two patterns: the one
# after a sentence opens with its ". " so ``re`` skips to the ends of sentences)
_WHO_DID = (
    re.compile(r"^(?:who|which \w+)\s+(?:delivered|ran|provided|made|led)\b"),
    re.compile(r"[.?!] (?:who|which \w+)\s+(?:delivered|ran|provided|made|led)\b"),
)
_WHAT_IT = re.compile(r"what(?<!\wwhat)(?:'s| is| does)? (?:it|that|this)\b")
_WHICH_NAMED = re.compile(r"\bwhich\s+((?:[\w&'-]+\s+){1,3}?)(?:board|boards|panel|sub-?group)\b")


def _qualifies_which(q: Parsed, owner) -> bool:  # noqa: ANN001 - a Ref
    """The owner is named inside "which NAME board" (it qualifies the boards asked about:
    "which XY Together board is responsible for X"), or in what the board asked about does
    ("which board runs the public consultation for the community safety partnership"): it
    is not the board asked of."""
    does = WHICH_BOARD[0].search(q.text)
    if does is not None and any(
        owner in match.refs and match.text in does.group("s") for match in q.matches
    ):
        return True
    m = _WHICH_NAMED.search(q.text)
    named = m.group(1).strip() if m else ""
    return bool(named) and any(
        owner in match.refs and (match.text in named or match.text.startswith(named))
        for match in q.matches
    )


def classify(q: Parsed) -> str:
    t = set(q.tokens)
    content = [w for w in q.tokens if w not in STOPWORDS]
    if not content and (t & HELP_WORDS or not q.tokens):
        return "help"
    asked = words(q.subject or "") if q.glossary_cue else []
    meaning_of = (  # "what is early help", not "what can you help with"
        any(w not in STOPWORDS and w not in HELP_WORDS for w in asked)
        and not set(asked) & {"you", "u", "me", "i", "bot"}
    )
    if (t & HELP_WORDS) and len(content) <= 2 and not q.matches and "about" not in t:
        if not meaning_of:  # "what is early help" asks for a meaning, not for the menu
            return "help"
    if q.raw.strip().lower() in ("/start", "/help"):
        return "help"
    owner = owner_ref(q)
    typed = typed_terms(q)
    named_terms = [r for m in q.matches for r in m.refs if r.kind == "term" and r.strong]
    named_terms += [r for r in typed if r not in named_terms]
    phone_words = {"number", "phone", "call", "ring", "email", "line", "contact", "address"}
    phone_words |= {"hours", "open", "opening", "opens", "close", "closes", "closing"}
    named_owner_words = {r.id for r in refs(q, ("agency", "board"), weak=True)}
    plain = [r for r in typed if r.id not in named_owner_words]  # not "NVP plans"
    cue = q.glossary_cue or _WHAT_IT.search(q.text)
    short = len(content) <= 3
    if typed and (cue or (plain and short)) and not t & phone_words and not aspect_cues(q):
        return "glossary"  # "NAI in a case review, what is it", "LPA police"
    if q.action_ids:
        return "action"  # "what is the status of assurance-03"
    if q.reverse_cue:
        return "reverse"
    if named_terms and DEFINE_CUE.search(q.text):
        return "glossary"
    aspects = aspect_cues(q)
    board_fact = "board" in t and aspects and aspects[0] in ("chair", "sponsor", "members")
    how_much = "how much" in q.text and owner is not None  # not "how much is a bus ticket"
    if re.match(
        r"^(?:who|which \w+)\s+(?:funded|funds|paid for|pays for|agreed funding for|delivered"
        r"|ran|provided|made|set up|organised|organized)\b",
        q.text,
    ) or any(p.search(q.text) for p in _WHO_DID):
        # "who funded the knife crime sessions": the work or the body, not the partnership's budget
        return "owner" if owner else "topic_actions"
    if _FUNDED_ON.search(q.text) and not how_much:
        # "what has the partnership funded around knife crime": the work, not the budget
        return (
            "partnership"
            if (q.partnership or "partnership" in t) and not owner
            else "topic_actions"
        )
    if (t & BUDGET_CUES or how_much) and not board_fact:  # not "who chairs the finance board"
        return "budget"
    if t & {"attended", "attendance", "attending"} or (
        t & {"came", "come", "turned", "attend"} and (t & {"meeting", "meetings", "did"})
    ):
        return "attendance"
    if t & {"due", "deadline", "deadlines"} and re.search(r"\b20\d\d\b", q.text) and not owner:
        return "due_in"  # "what is due in 2021", "deadlines in january 2021"
    if aspects and aspects[0] == "sponsor" and owner is not None and owner.kind == "agency":
        if not refs(q, ("board",)):  # "which boards does the council sponsor": not "who sponsors X"
            return "sponsored_by"
    if (
        _MAY_ASK_FIGURES(q.text)
        and FIGURES.search(q.text)
        and not t & FIGURE_FACTS
        and not set(aspects) - {"next", "done"}
        and not (owner and owner.kind == "board")  # "how many on the csp": its members
    ):
        return "figures"  # "how many children are on child protection plans": not in the report
    contact = has_contact_cue(q) and not re.match(  # "which board should i speak to about X"
        r"^(?:which|what)\s+(?:board|boards|body|bodies|group|panel)\b", q.text
    )
    if contact and not (owner and aspects and aspects[0] != "remit"):
        return "contact"
    if MEMBER_OF.search(q.text.rstrip("?")):
        return "member_of"
    if "boards" in q.text and LIST_BOARDS.search(q.text) and not (owner and owner.strong):
        return "boards"  # "what boards sit under the partnership", "what boards are there"
    if any(p.search(q.text) for p in DOER) and not set(aspects) - {"next", "done"}:
        return "topic_actions"
    if (
        any(p.search(q.text) for p in WHICH_BOARD)
        and not (owner and owner.strong and aspects and not _qualifies_which(q, owner))
        and not t
        & (PARTNERSHIP_CUES - {"partnership", "partner", "partners"})  # "who scrutinises nv"
    ):
        return "which_board"
    if any(p.search(q.text) for p in TOPIC_ACTIONS) and not (owner and owner.strong):
        return "topic_actions"
    if (
        q.text.endswith(" boards")
        or ("boards" in t and (t & {"list", "all", "affiliated", "which", "what", "many"}))
        or (
            ("groups" in q.text or "committees" in q.text)
            and SUB_GROUPS.search(q.text)
            and not owner
        )  # "how often do the sub-groups meet"
    ):
        if not owner or owner.kind != "board":
            return "boards"
    if q.partnership and "board" not in t and not (aspects and aspects[0] != "remit"):
        return "partnership"
    if owner is not None:
        bare = all(
            any(m.start <= i < m.end and any(r.kind == "term" for r in m.refs) for m in q.matches)
            for i, w in enumerate(q.tokens)
            if w not in STOPWORDS
        )
        term_first = named_terms and (q.glossary_cue or bare) and not aspects
        if not term_first or owner.kind == "board" and "board" in t:
            return "owner"
    partner_cues = t & PARTNERSHIP_CUES
    if (
        partner_cues <= {"partner", "partners"}
        and "partner" in q.text
        and _SOMEONES_PARTNER.search(q.text)
    ):
        partner_cues = set()  # "her partner is in the car park": a person, not the partnership
    if (partner_cues or q.partnership) and not named_terms:
        return "partnership"
    if q.glossary_cue or named_terms:
        return "glossary"
    if q.audience and ("safeguarding" in t or "abuse" in t or "neglect" in t or len(content) <= 3):
        if not KNOWLEDGE.search(q.text):  # not "who commissions safeguarding adult reviews"
            return "contact"
    if len(content) <= 3:
        return "glossary"  # a bare word: try the glossary, with typos
    if t & NEXT_CUES and not (t & NEXT_CUES == {"next"} and own_next(q)):
        return "topic_actions"
    if t & {"child", "children", "kid", "kids"} and t & {"adult", "adults"} and len(content) <= 6:
        return "contact"  # "children at risk and adults at risk": both sets of lines
    return "unknown"
