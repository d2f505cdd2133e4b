"""Contact answers: the right line for the moment, or exactly the detail asked for."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from bot.engine.boroughs import borough_keys, borough_named
from bot.engine.hours import Calendar, is_open, is_time_bound, stamp, why_closed
from bot.engine.text import compact
from bot.kb.models import Contact, KnowledgeBase

AUDIENCE_NOUN = {"children": "a child", "adults": "an adult"}
AUDIENCE_TITLE = {"children": "Children", "adults": "Adults"}
AUDIENCE_SERVICE = {"children": "children's safeguarding", "adults": "adult safeguarding"}
_ELSEWHERE = {"children": "the children's services", "adults": "the adult social care service"}

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
    borough: str | None = None  # the partnership's borough asked about ("an adult in X")


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
        p = kb.partnership
        self.partnership = p.name
        self.boroughs = list(p.boroughs)
        self._borough_keys = borough_keys(p.boroughs)
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
        self.untimed: dict[str, list[Contact]] = {}  # lines the report gives no hours for
        for audience in ("children", "adults"):
            lines = [
                c for c in kb.contacts if c.audience == audience and c.phone and not c.emergency
            ]
            self.phones[audience] = lines
            timed = [c for c in lines if is_time_bound(c)]
            self.untimed[audience] = [c for c in lines if c not in timed]
            plain = dataclasses.replace(cal, country="")  # a plain Sunday: no holidays needed
            sunday = plain.local(_SUNDAY_NOON)
            self.out_of_hours[audience] = [
                c for c in timed if is_open(c, sunday, plain, self.by_id)
            ]
            self.daytime[audience] = [c for c in timed if c not in self.out_of_hours[audience]]
        # whom the partnership safeguards: as it says, else whoever its lines are for
        self.serves = set(p.serves) or {a for a in ("children", "adults") if self.phones[a]}

    # -- boroughs ---------------------------------------------------------------------

    def borough_in(self, text: str) -> str | None:
        """The partnership's borough a question names ("an adult in Middlesbrough")."""
        return borough_named(text, self._borough_keys)

    def areas(self, audience: str) -> list[str]:
        """The boroughs with a line of their own for ``audience``, in the partnership's order."""
        tagged = {b for c in self.phones[audience] for b in c.boroughs}
        return [b for b in self.boroughs if b in tagged]

    def serving(self, audience: str, borough: str | None) -> list[Contact]:
        """``audience``'s lines for ``borough`` (its own and the partnership-wide ones)."""
        return [c for c in self.phones[audience] if _serves(c, borough)]

    def open_lead(
        self, first: Contact, moment: dt.datetime, later: bool, borough: str | None = None
    ) -> str | None:
        """The line to lead with when ``first`` is closed at ``moment`` while another line
        for the same person in the same area (``borough``, else ``first``'s) is open; None
        when ``first`` is fine (open, or without stated hours: not known to be closed); a
        line without stated hours counts as one to try.
        With several areas and none known, each area's line to call."""
        if not is_time_bound(first) or is_open(first, moment, self.cal, self.by_id):
            return None
        if borough is None and len(first.boroughs) == 1:
            borough = first.boroughs[0]
        others = self.serving(first.audience, borough)
        untimed = self.untimed[first.audience]  # not known closed: a line to try
        if not any(is_open(c, moment, self.cal, self.by_id) or c in untimed for c in others):
            return None
        block = self.right_now(first.audience, moment, later, borough)
        if borough is None and len(self.areas(first.audience)) > 1:
            return "\n".join(block[: 1 + len(self.areas(first.audience))])
        return block[0]

    def emergency_line(self, who: str = "anyone") -> str:
        number = self.emergency.phone if self.emergency else "999"
        return f"If {who} is in immediate danger, call {number} now."

    def _of(self, audience: str | None, pred) -> list[Contact]:
        return [
            c for c in self.contacts if (audience is None or c.audience == audience) and pred(c)
        ]

    # -- answers ----------------------------------------------------------------------

    def right_now(
        self, audience: str, now: dt.datetime, later: bool = False, borough: str | None = None
    ) -> list[str]:
        """Lines for one audience (in ``borough``, if given), the line open now (or
        ``later``: then) first, with why; each borough's when the partnership has several
        and none is asked; what the knowledge has when it holds no line for ``audience``."""
        when = stamp(now, self.cal, dated=later)
        if not self.phones[audience]:
            return self._none_for(audience, now, later)
        if borough is None and len(self.areas(audience)) > 1:
            return self._each_area(audience, now, later)
        lines = self.serving(audience, borough)
        out = [f"{when}: {self._lead(audience, lines, now)}"]
        out.extend(self._listing(audience, lines, now, later))
        for c in self._of(audience, lambda c: c.email and not c.phone and _serves(c, borough)):
            out.append(f"Email (not urgent): {c.email}")
        return out

    def _lead(self, audience: str, lines: list[Contact], now: dt.datetime) -> str:
        """Which of ``lines`` to call at ``now``, and why; an area's own line before the
        lines for every area."""
        lines = sorted(lines, key=lambda c: not c.boroughs)
        open_now = [c for c in lines if is_open(c, now, self.cal, self.by_id)]
        closed = [c for c in self.daytime[audience] if c in lines]
        reason = f"{_name(closed[0])} {why_closed(closed[0], now, self.cal)}, so " if closed else ""
        if open_now:
            lead = open_now[0]
            if lead in self.daytime[audience]:
                return f"{_name(lead)} is open, so call {phone_label(lead)}."
            return f"{reason}call {_name(lead)} on {phone_label(lead)}."
        untimed = [c for c in lines if c in self.untimed[audience]]
        if untimed:  # no stated hours: never "open now", but the line to try
            lead = untimed[0]
            return f"{reason}call {_name(lead)} on {phone_label(lead)} (hours not stated)."
        return f"no {audience} line is open at this moment; see the numbers below."

    def _listing(
        self,
        audience: str,
        lines: list[Contact],
        now: dt.datetime,
        later: bool,
        areas: bool = False,
    ) -> list[str]:
        """One line per phone line: its hours and whether it is open (when they are known)."""
        out = []
        for c in lines:
            where = (", ".join(c.boroughs) if c.boroughs else "All areas") + ": " if areas else ""
            if c in self.untimed[audience]:
                hours = c.hours_text or "hours not stated"
                out.append(f"{where}{c.label}: {phone_label(c)} ({hours}).")
                continue
            tag = "Out of hours" if c in self.out_of_hours[audience] else "Daytime"
            state = _state(is_open(c, now, self.cal, self.by_id), later)
            out.append(
                f"{where}{tag}: {c.label}: {phone_label(c)} "
                f"({hours_note(c) or 'see hours'}; {state})."
            )
        return out

    def _each_area(self, audience: str, now: dt.datetime, later: bool) -> list[str]:
        """No borough asked: the line to call in each borough, or the one open for all."""
        when = stamp(now, self.cal, dated=later)
        areas = self.areas(audience)
        lines = self.phones[audience]
        own_open = any(is_open(c, now, self.cal, self.by_id) for c in lines if c.boroughs)
        wide_open = [c for c in lines if not c.boroughs and is_open(c, now, self.cal, self.by_id)]
        if wide_open and not own_open:  # evenings and weekends: the line for every area
            lead = wide_open[0]
            out = [f"{when}: {_name(lead)} is open for every area, so call {phone_label(lead)}."]
        else:
            example = f"{AUDIENCE_NOUN[audience]} in {areas[0]}"
            out = [
                f"{when}: {self.partnership} covers {len(areas)} areas, each with its own line: "
                f'call the one where the person lives (or ask me "{example}").'
            ]
            out.extend(
                f"{a}: {self._lead(audience, self.serving(audience, a), now)}" for a in areas
            )
        out.extend(self._listing(audience, lines, now, later, areas=True))
        for c in self._of(audience, lambda c: c.email and not c.phone):
            where = f"{', '.join(c.boroughs)}: " if c.boroughs else ""
            out.append(f"Email (not urgent): {where}{c.email}")
        return out

    def _none_for(self, audience: str, now: dt.datetime, later: bool) -> list[str]:
        """The knowledge holds no line for ``audience``: say so, then what it does hold."""
        others = [a for a in ("children", "adults") if a != audience and self.phones[a]]
        covers = (
            f"{self.partnership} safeguards {' and '.join(sorted(self.serves))} only"
            if self.serves and audience not in self.serves
            else f"the {self.partnership} report gives none"
        )
        out = [
            f"I hold no {AUDIENCE_SERVICE[audience]} line: {covers}. For "
            f"{AUDIENCE_NOUN[audience]}, contact {_ELSEWHERE[audience]} of the council where "
            "they live."
        ]
        anyone = [
            c for c in self.contacts if c.audience == "anyone" and c.phone and not c.emergency
        ]
        for c in anyone:
            out.append(
                f"{c.label}: {phone_label(c)}" + (f" ({c.hours_text})." if c.hours_text else ".")
            )
        for other in others:
            out.append(f"The lines I hold are for {other} at risk:")
            out.extend(self.right_now(other, now, later))
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
        held = [a for a in ("children", "adults") if self.phones[a]] or ["children", "adults"]
        audiences = [ask.audience] if ask.audience else held
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
                for c in self.serving(audience, ask.borough):
                    used.append(c)
                    if c in self.untimed[audience]:
                        hours = c.hours_text or "hours not stated"
                        lines.append(f"{c.label} ({phone_label(c)}): {hours}.")
                        continue
                    state = _state(is_open(c, now, self.cal, self.by_id), later)
                    lines.append(f"{c.label} ({phone_label(c)}): {c.hours_text} ({state}).")
            return lines, used
        if ask.channel in ("out_of_hours", "daytime"):
            table = self.out_of_hours if ask.channel == "out_of_hours" else self.daytime
            for audience in audiences:
                for c in table[audience]:
                    if not _serves(c, ask.borough):
                        continue
                    used.append(c)
                    state = _state(is_open(c, now, self.cal, self.by_id), later)
                    title = f"{AUDIENCE_TITLE[audience]}: " if len(audiences) > 1 else ""
                    hours = "; ".join(x for x in (hours_note(c), state) if x)
                    lines.append(f"{title}{c.label}: {phone_label(c)} ({hours}).")
            return lines, used
        for audience in audiences:
            block = self.right_now(audience, now, later, ask.borough)
            used.extend(self.serving(audience, ask.borough))
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
            out.append(f"For: {c.purpose.rstrip('.')}.")
        return out


def _serves(c: Contact, borough: str | None) -> bool:
    """Whether a line serves ``borough`` (every line serves when none is asked)."""
    return borough is None or not c.boroughs or borough in c.boroughs


def _state(is_open_: bool, later: bool) -> str:
    return ("open" if is_open_ else "closed") + (" then" if later else " now")


def _name(c: Contact) -> str:
    """ "the MASH", "the Emergency Social Work Team"."""
    label = c.label.split(" (")[0]
    last = label.split()[-1].lower()
    if not (label.isupper() or last in ("team", "hub", "service", "services", "line")):
        label += " line"
    return label if label.lower().startswith("the ") else f"the {label}"
