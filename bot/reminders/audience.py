"""Who a firing goes to: the chats subscribed to its board, agency or ``all`` (pure).

A meeting reaches its body's subscribers and its sponsor's; an action's reminders reach the
owner's (and the sponsor's for ``due``, and for ``overdue`` when escalation is on); the
weekly digest reaches every chat following actions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from bot.kb.models import Action, KnowledgeBase
from bot.reminders.occurrences import Firing
from bot.reminders.schedules import Schedules
from bot.reminders.store import Store


def subscribers(store: Store) -> dict[tuple[str, str], set[int]]:
    out: dict[tuple[str, str], set[int]] = defaultdict(set)
    for s in store.subscriptions():
        out[(s.target, s.topic)].add(s.chat_id)
    return out


def sponsor_of(kb: KnowledgeBase, owner: str) -> str | None:
    return next((b.sponsor for b in kb.boards if b.id == owner), None)


def actions_in_scope(
    kb: KnowledgeBase, targets: Iterable[str], statuses: Mapping[str, str]
) -> list[Action]:
    """Open actions a chat subscribed to ``targets`` (topic actions) follows."""
    t = set(targets)
    return [
        a
        for a in kb.actions
        if statuses.get(a.id, a.status) == "open"
        and ("all" in t or a.owner in t or sponsor_of(kb, a.owner) in t)
    ]


def audience(
    f: Firing, subs: Mapping[tuple[str, str], set[int]], kb: KnowledgeBase, sch: Schedules
) -> set[int]:
    """The chats a firing goes to (the digest: every chat following any actions)."""
    if f.kind == "meeting":
        out = subs.get((f.scope, "meetings"), set()) | subs.get(("all", "meetings"), set())
        sponsor = sponsor_of(kb, f.scope)
        if sponsor:
            out |= subs.get((sponsor, "meetings"), set())
        return set(out)
    if f.kind == "digest":
        return {c for (_t, topic), chats in subs.items() if topic == "actions" for c in chats}
    out = subs.get((f.scope, "actions"), set()) | subs.get(("all", "actions"), set())
    sponsor = sponsor_of(kb, f.scope)
    if sponsor:
        if f.kind == "overdue" and sch.overdue.escalate_to == "sponsor" or f.kind == "due":
            out |= subs.get((sponsor, "actions"), set())
    return set(out)
