"""Contact answers: the right line for the moment, or exactly the detail asked for."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from bot.engine.hours import Calendar, is_open, is_time_bound, stamp, why_closed
from bot.engine.text import compact
from bot.kb.models import Contact, KnowledgeBase

AUDIENCE_NOUN = {"children": "a child", "adults": "an adult"}
AUDIENCE_TITLE = {"children": "Children", "adults": "Adults"}
AUDIENCE_SERVICE = {"children": "children's safeguarding", "adults": "adult safeguarding"}

# Reference moments used to tell a daytime line from an out-of-hours line from the data:
# a line open at noon on a Sunday is an out-of-hours line.
_SUNDAY_NOON = dt.datetime(2024, 6, 2, 12, 0)


@dataclass(frozen=True)
class ContactAsk:
    """What a contact question asks for."""

    audience: str | None = None  # children | adults | None (unclear)
    # call | email | address | hours | website | out_of_hours | daytime | fax
    channel: str = "call"
    named: tuple[str, ...] = ()  # contact ids named explicitly (MASH, ...)
    also_email: bool = False  # "mash phone and email": the number, and the email to use


def hours_note(c: Contact) -> str:
    """The hours text without what the label already says: "Emergency Social Work Team (out
    of office hours)" + "out of office hours (whenever the MASH is closed, ...)" gives
    "whenever the MASH is closed, ..."."""
    text = c.hours_text.strip()
    m = re.search(r"\(([^()]+)\)\s*$", c.label)
    if not m or not text.lower().startswith(m.group(1).strip().lower()):
        return text
    rest = text[len(m.group(1).strip()) :].strip(" ,;:-")
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        rest = rest[1:-1].strip()
    return rest


def phone_label(c: Contact) -> str:
    phones = [p for p in [c.phone, *c.other_phones] if p]
    return " or ".join(phones)


class ContactBook:
    """Contacts of a knowledge base, classified once (daytime, out-of-hours, email...)."""

    def __init__(self, kb: KnowledgeBase, cal: Calendar):
        self.cal = cal
        self.contacts = list(kb.contacts)
        self.by_id = {c.id: c for c in kb.contacts}
        self.emergency = next((c for c in kb.contacts if c.emergency and c.phone), None)
        # Aliases as compact keys ("multiagencysafeguardinghub"), matched against word runs.
        self.alias_keys = [(compact(a), c.id) for c in kb.contacts for a in c.aliases if compact(a)]
        # every number's digits, to find the line a question quotes ("what is 253772")
        self.phone_digits = [
            (digits, c.id)
            for c in kb.contacts
            for p in (c.phone, *c.other_phones)
            if len(digits := "".join(ch for ch in (p or "") if ch.isdigit())) >= 6
        ]
        self.phones: dict[str, list[Contact]] = {}
        self.out_of_hours: dict[str, list[Contact]] = {}
        self.daytime: dict[str, list[Contact]] = {}
        for audience in ("children", "adults"):
            lines = [
                c
                for c in kb.contacts
                if c.audience == audience and c.phone and not c.emergency and is_time_bound(c)
            ]
            self.phones[audience] = lines
            plain = dataclasses.replace(cal, country="")  # a plain Sunday: no holidays needed
            sunday = plain.local(_SUNDAY_NOON)
            self.out_of_hours[audience] = [
                c for c in lines if is_open(c, sunday, plain, self.by_id)
            ]
            self.daytime[audience] = [c for c in lines if c not in self.out_of_hours[audience]]

    def emergency_line(self, who: str = "anyone") -> str:
        number = self.emergency.phone if self.emergency else "999"
        return f"If {who} is in immediate danger, call {number} now."

    def _of(self, audience: str | None, pred) -> list[Contact]:
        return [
            c for c in self.contacts if (audience is None or c.audience == audience) and pred(c)
        ]

    # -- answers ----------------------------------------------------------------------

    def right_now(self, audience: str, now: dt.datetime, later: bool = False) -> list[str]:
        """Lines for one audience, the line open now (or ``later``: then) first, with why."""
        lines = self.phones[audience]
        open_now = [c for c in lines if is_open(c, now, self.cal, self.by_id)]
        when = stamp(now, self.cal, dated=later)
        out: list[str] = []
        if open_now:
            lead = open_now[0]
            if lead in self.daytime[audience]:
                out.append(f"{when}: {_name(lead)} is open, so call {phone_label(lead)}.")
            else:
                closed = self.daytime[audience]
                reason = (
                    f"{_name(closed[0])} {why_closed(closed[0], now, self.cal)}, so "
                    if closed
                    else ""
                )
                out.append(f"{when}: {reason}call {_name(lead)} on {phone_label(lead)}.")
        else:
            out.append(f"{when}: no {audience} line is open at this moment; see the numbers below.")
        for c in lines:
            tag = "Out of hours" if c in self.out_of_hours[audience] else "Daytime"
            state = _state(c in open_now, later)
            out.append(
                f"{tag}: {c.label}: {phone_label(c)} ({hours_note(c) or 'see hours'}; {state})."
            )
        for c in self._of(audience, lambda c: c.email and not c.phone):
            out.append(f"Email (not urgent): {c.email}")
        return out

    def answer_lines(
        self, ask: ContactAsk, now: dt.datetime, later: bool = False
    ) -> tuple[list[str], list[Contact]]:
        """The text lines and the contacts they used; ``later``: ``now`` is a moment asked
        about ("on Saturday"), so the lines say "open then", and the first one says when."""
        lines, used = self._lines(ask, now, later)
        if later and (ask.named or ask.channel != "call"):  # the "call" block says it itself
            lines.insert(0, f"On {stamp(now, self.cal, dated=True)}:")
        return lines, used

    def _lines(
        self, ask: ContactAsk, now: dt.datetime, later: bool
    ) -> tuple[list[str], list[Contact]]:
        audiences = [ask.audience] if ask.audience else ["children", "adults"]
        used: list[Contact] = []
        lines: list[str] = []
        if ask.channel == "fax":  # the report gives none: say so, then what it does give
            who = f" for {_name(self.by_id[ask.named[0]])}" if ask.named else ""
            lines.append(f"The report gives no fax number{who}; call or email instead:")
            rest, used = self._lines(dataclasses.replace(ask, channel="call"), now, later)
            return lines + rest, used
        if ask.named:
            for cid in ask.named:
                c = self.by_id[cid]
                if ask.channel in ("email", "address", "website") and not getattr(c, ask.channel):
                    # "MASH email": the MASH has none, its audience's email is the one to use
                    kin = self._of(c.audience, lambda x, ch=ask.channel: bool(getattr(x, ch)))
                    if kin:
                        for k in kin:
                            used.append(k)
                            lines.extend(self._describe(k, ask.channel, now, later))
                        continue
                used.append(c)
                lines.extend(self._describe(c, ask.channel, now, later))
                if ask.also_email and not c.email:
                    kin = self._of(c.audience, lambda x: bool(x.email) and not x.phone)
                    used.extend(kin)
                    lines.extend(f"Email (not urgent): {k.email}" for k in kin)
                if ask.channel == "call" and not c.phone and c.audience in self.phones:
                    # "access team number": that team is reached through its service's lines
                    used.extend(self.phones[c.audience])
                    block = self.right_now(c.audience, now, later)
                    lines.extend(x for x in block if not x.startswith("Email (not urgent)"))
            if ask.channel in ("call", "hours"):
                lines.extend(self._open_instead(ask.named, now, later, used))
            return lines, used
        if ask.channel == "email":
            for c in self._of(ask.audience, lambda c: bool(c.email) and c.audience != "anyone"):
                used.append(c)
                lines.append(f"{c.label}: {c.email}")
            return lines, used
        if ask.channel in ("address", "website"):
            if ask.audience and not self._of(ask.audience, lambda c: bool(getattr(c, ask.channel))):
                noun = "postal address" if ask.channel == "address" else "website"
                lines.append(
                    f"The report gives no {noun} for {AUDIENCE_SERVICE[ask.audience]}; "
                    "this is the partnership's (not for referrals):"
                )
            for c in self._of(None, lambda c: bool(c.address or c.website)):
                used.append(c)
                lines.extend(self._describe(c, ask.channel, now, later))
            return lines, used
        if ask.channel == "hours":
            for audience in audiences:
                for c in self.phones[audience]:
                    used.append(c)
                    state = _state(is_open(c, now, self.cal, self.by_id), later)
                    lines.append(f"{c.label} ({phone_label(c)}): {c.hours_text} ({state}).")
            return lines, used
        if ask.channel in ("out_of_hours", "daytime"):
            table = self.out_of_hours if ask.channel == "out_of_hours" else self.daytime
            for audience in audiences:
                for c in table[audience]:
                    used.append(c)
                    state = _state(is_open(c, now, self.cal, self.by_id), later)
                    title = f"{AUDIENCE_TITLE[audience]}: " if len(audiences) > 1 else ""
                    hours = "; ".join(x for x in (hours_note(c), state) if x)
                    lines.append(f"{title}{c.label}: {phone_label(c)} ({hours}).")
            return lines, used
        for audience in audiences:
            block = self.right_now(audience, now, later)
            used.extend(self.phones[audience])
            if len(audiences) > 1:
                block[0] = f"{AUDIENCE_TITLE[audience]}: {block[0]}"
            lines.extend(block)
        return lines, used

    def _open_instead(
        self, named: tuple[str, ...], now: dt.datetime, later: bool, used: list[Contact]
    ) -> list[str]:
        """When every named line is closed at the moment, the line of its audience that is
        open ("is the mash open on saturdays": no, call the Emergency Social Work Team)."""
        lines = [self.by_id[c] for c in named]
        timed = [c for c in lines if is_time_bound(c)]
        if not timed or any(is_open(c, now, self.cal, self.by_id) for c in timed):
            return []
        out = []
        for audience in dict.fromkeys(c.audience for c in timed if c.audience in self.phones):
            for c in self.phones[audience]:
                if c not in lines and is_open(c, now, self.cal, self.by_id):
                    used.append(c)
                    when = "then" if later else "now"
                    out.append(f"Open {when} instead: {c.label}: {phone_label(c)}.")
                    break
        return out

    def _describe(
        self, c: Contact, channel: str, now: dt.datetime, later: bool = False
    ) -> list[str]:
        out = []
        if channel == "email" and c.email:
            return [f"{c.label}: {c.email}"]
        if channel == "address" and c.address:
            return [f"{c.label}: {c.address}"]
        if channel == "website" and c.website:
            return [f"{c.label}: {c.website}"]
        if c.phone:
            state = ""
            if is_time_bound(c):
                state = _state(is_open(c, now, self.cal, self.by_id), later)
            hours = "; ".join(x for x in (hours_note(c), state) if x)
            out.append(f"{c.label}: {phone_label(c)}" + (f" ({hours})." if hours else "."))
        for kind, value in (("Email", c.email), ("Address", c.address), ("Website", c.website)):
            if value:
                out.append(f"{kind}: {value}")
        if c.purpose:
            out.append(f"For: {c.purpose}.")
        return out


def _state(is_open_: bool, later: bool) -> str:
    return ("open" if is_open_ else "closed") + (" then" if later else " now")


def _name(c: Contact) -> str:
    """ "the MASH", "the Emergency Social Work Team"."""
    label = c.label.split(" (")[0]
    if not (label.isupper() or label.split()[-1] in ("Team", "Hub", "Service", "Services", "line")):
        label += " line"
    return label if label.lower().startswith("the ") else f"the {label}"
