"""Plain-text reminder messages (Telegram's 4,096-character limit respected)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from bot.kb.models import Action, KnowledgeBase
from bot.reminders.action_pages import ActionList, digest_summary
from bot.reminders.occurrences import Firing, Occurrence
from bot.reminders.schedules import Schedules

MAX_TEXT = 4096


def when_text(start: dt.datetime, end: dt.datetime | None = None) -> str:
    day = f"{start:%A} {start.day} {start:%B %Y}"
    span = f"{start:%H:%M}" + (f"-{end:%H:%M}" if end is not None else "")
    return f"{day}, {span} (UK time)"


def date_text(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _in_days(lead: int) -> str:
    return {0: "today", 1: "tomorrow"}.get(lead, f"in {lead} days")


def meeting_text(kb: KnowledgeBase, schedules: Schedules, m: Occurrence, lead: int) -> str:
    s = schedules.for_body(m.body)
    name = kb.owner_name(m.body)
    lines = [f"Reminder: the {name} meets {_in_days(lead)}: {when_text(m.start, m.end)}."]
    if m.moved and m.note:
        lines.append(f"Note: {m.note}.")
    if s is not None:
        if s.location:
            lines.append(f"Where: {s.location}")
        if s.link:
            lines.append(f"Link: {s.link}")
        if s.placeholder:
            lines.append(
                "This date comes from a default cycle: the partnership has not confirmed it."
            )
    return "\n".join(lines)


def due_text(kb: KnowledgeBase, a: Action, lead: int) -> str:
    assert a.due is not None
    return (
        f"Action {a.id} ({kb.owner_name(a.owner)}) is due {_in_days(lead)}, on "
        f"{date_text(a.due)}:\n{a.text}\nAn admin can mark it done with /done {a.id}."
    )


def overdue_text(kb: KnowledgeBase, a: Action, sponsor: str | None) -> str:
    assert a.due is not None
    lines = [
        f"Overdue: action {a.id} ({kb.owner_name(a.owner)}) was due on {date_text(a.due)} "
        f"and is still open:",
        a.text,
    ]
    if sponsor:
        lines.append(f"Escalated to the board's sponsor, {kb.owner_name(sponsor)}.")
    lines.append(f"An admin can mark it done with /done {a.id}.")
    return "\n".join(lines)


def digest_text(
    kb: KnowledgeBase, actions: Sequence[Action], statuses: Mapping[str, str], today: dt.date
) -> str:
    """The weekly digest: a short summary; the list comes in pages behind its button."""
    return digest_summary(ActionList(kb, actions, statuses, today))


DIGEST_BUTTON = "Show the actions"
DIGEST_PAGES = "acts:sub"  # callback data: page 1 of the actions this chat follows


def send_extras(reminder_key: str) -> dict[str, object]:
    """What a sender adds to a reminder: the digest gets its "Show the actions" button
    (``buttons``: rows of (label, callback data); senders without buttons ignore it)."""
    if reminder_key == "digest":
        return {"buttons": [[(DIGEST_BUTTON, DIGEST_PAGES)]]}
    return {}


def clip(lines: list[str], tail: str) -> str:
    """Join lines, cutting the list so the text fits one Telegram message."""
    out: list[str] = []
    size = len(tail) + 40
    for i, line in enumerate(lines):
        if size + len(line) + 1 > MAX_TEXT:
            out.append(f"... and {len(lines) - i} more.")
            break
        out.append(line)
        size += len(line) + 1
    if tail:
        out.append(tail)
    return "\n".join(out)


def firing_label(kb: KnowledgeBase, f: Firing) -> str:
    """One line describing a firing, for lists."""
    if f.kind == "meeting" and f.meeting is not None:
        return f"{kb.owner_name(f.scope)} meeting {when_text(f.meeting.start)} ({f.lead_days}-day reminder)"
    if f.kind == "due" and f.action is not None:
        return f"action {f.action.id} due {f.occurrence} ({f.lead_days}-day reminder)"
    if f.kind == "overdue" and f.action is not None:
        return f"action {f.action.id} overdue since {f.action.due} (escalation)"
    return "weekly digest of open actions"
