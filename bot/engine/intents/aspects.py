"""Which aspect of a board or agency a question asks about: next, done, sponsor, chair,
meetings, members, panels, remit (else the overview)."""

from __future__ import annotations

import re

from bot.engine.intents.cues import ASPECTS
from bot.engine.intents.parse import Parsed


def aspect_cues(q: Parsed) -> list[str]:
    """The aspects the question's words ask for, the strongest first (read once a question:
    several readers ask)."""
    found = q.memo.get("aspects")
    if found is None:
        found = q.memo["aspects"] = _aspect_cues(q)
    return list(found)


def _aspect_cues(q: Parsed) -> list[str]:
    t = set(q.tokens)
    if "coming" in t and not _COMING_UP.search(q.text):
        t.discard("coming")  # "a child coming into A&E" is no "coming up"
    if "doing" in t and len(_OWN_DOING.findall(q.text)) == q.tokens.count("doing"):
        t.discard("doing")  # "doing my safeguarding refresher": the writer's, no board's work
    if "next" in t and own_next(q):
        t.discard("next")  # "on the way to my next visit": the writer's day, no board's plans
    if t & {"plan", "plans"} and _A_PLAN_FOR_SOMEONE.search(q.text):
        t -= {"plan", "plans"}  # "on a child protection plan" is no plan of the board's
    found = [name for name, cues in ASPECTS if t & cues]
    if "how many times" in q.text or "how often" in q.text:
        found.insert(0, "meetings")
    if _MEMBERS_ASKED.search(q.text):
        found.insert(0, "members")
    elif re.search(
        r"^(?:is|are|does|do)\b.+\b(?:on|part of|in|sit on)\s+the\s+.+\b(?:board|partnership)\b",
        q.text,
    ):
        found.insert(0, "members")  # "is the police on the health and wellbeing board"
    elif re.search(r"^(?:does|do|is|are)\b.+\binclud(?:e|es|ing)\b", q.text):
        found.insert(0, "members")  # "does the hwb include the voluntary sector"
    if "in charge" in q.text and re.search(r"\bin charge\b", q.text):
        found.insert(0, "chair")
    if "next" not in found and _SAID_THEY_WOULD.search(q.text):
        found.insert(0, "next")  # "did adult social care say they'd do anything to help"
    return found


_OWN_DOING = re.compile(
    r"\bdoing (?:my|our|a|an|some|his|her|their)\b"
    r"|\b(?:i|we)(?:'m|'re| am| are| be| should be| must be) doing\b"  # "what should i be doing"
)
_SOMEONES_NEXT = re.compile(r"\b(?:my|our|your|his|her|their) next\b")
# "who is on", "who sits on", "how many on", "who represents": each opens with its first
# word (the word boundary before it a lookbehind one word longer), so ``re`` skips to a "w"
# or an "h" at C speed.
_MEMBERS_ASKED = re.compile(
    r"who(?<!\wwho)(?:(?:\s+is|\s+are|'s|s)?\s+(?:on|sits on|sit on)\b| represents\b)"
    r"|how many(?<!\whow many) (?:people |are )?on\b"
)
_COMING_UP = re.compile(r"\bcoming (?:year|years|months|weeks|up|period|twelve|term)\b")
_A_PLAN_FOR_SOMEONE = re.compile(
    r"\b(?:protection|cp|care|safety|risk|pathway|support|personal|child in need|cin)\s+plans?\b"
)
# What a body said it would do is its plans: "did they say they'd do anything about X".
_SAID_THEY_WOULD = re.compile(
    r"\b(?:they|it|she|he|we)(?:'d| would|'ll| will| are going to|'re going to| is going to)"
    r"\s+(?:do|be doing|look at|look into|work on|tackle|set up|bring in|introduce)\b"
)


def own_next(q: Parsed) -> bool:
    """Every "next" is someone's ("my next visit", "her next appointment"): no plans asked."""
    return len(_SOMEONES_NEXT.findall(q.text)) == q.tokens.count("next")


def board_aspect(q: Parsed) -> str:
    found = aspect_cues(q)
    if (
        "next" in found
        and "done" in found
        and "done" in q.text
        and re.search(r"\b(has|have)\b.*\bdone\b", q.text)
    ):
        return "done"
    if "chair" in found and "meetings" in found:
        return "chair"
    if "meetings" in found and re.search(r"\bnext\s+(?:\w+\s+){0,4}meeting", q.text):
        return "meetings"  # "when is the next management board meeting"
    if found and found[0] == "remit" and "next" in q.tokens:
        return "next"
    return found[0] if found else "overview"
