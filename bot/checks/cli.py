"""``sgbot kb verify CONTACT`` and the stale-contact warnings of ``sgbot kb check``.

The command line reads the clock (the core never does) and the database; a check it
records names the person given with ``--by`` (default "command line") and a masked note.
"""

from __future__ import annotations

import datetime as dt
import sys
from zoneinfo import ZoneInfo

from bot.checks.due import checkables, due, due_lines, resolve
from bot.checks.store import Check, CheckStore, latest_checks
from bot.config import Settings
from bot.engine.masking import mask
from bot.engine.vocabulary import vocabulary_for
from bot.kb.models import KnowledgeBase


def today_in(kb: KnowledgeBase) -> dt.date:
    return dt.datetime.now(ZoneInfo(kb.partnership.timezone)).date()


def warn_due(kb: KnowledgeBase, settings: Settings, max_age_days: int | None = None) -> int:
    """Print one warning line per contact due a check (before the OK: the directory is
    valid, so nothing goes to stderr); return how many."""
    age = settings.check_max_age_days if max_age_days is None else max_age_days
    items = due(kb, latest_checks(settings), today_in(kb), age)
    for line in due_lines(items, today_in(kb)):
        print(f"warning: not checked for more than {age} days: {line[2:]}")
    return len(items)


def cmd_verify(settings: Settings, args) -> int:
    """Record that a contact's number was checked at its source (an audit row)."""
    from bot.kb.cache import load_knowledge_cached

    kb = load_knowledge_cached(settings.knowledge_dir, settings.cache_dir)
    target = resolve(kb, args.contact)
    if target is None:
        print(f"sgbot kb verify: unknown contact {args.contact!r}", file=sys.stderr)
        known = [c.id for c in checkables(kb, {})]
        print("known contacts: " + ", ".join(known), file=sys.stderr)
        return 1
    on = today_in(kb)
    if args.on:
        try:
            on = dt.date.fromisoformat(args.on)
        except ValueError:
            print(f"sgbot kb verify: --on {args.on!r}: use YYYY-MM-DD", file=sys.stderr)
            return 2
        if on > today_in(kb):
            print("sgbot kb verify: --on is in the future", file=sys.stderr)
            return 2
    note = mask(" ".join(args.note or []), vocabulary_for(kb)) if args.note else ""
    store = CheckStore(settings.database_url)
    try:
        store.record(
            Check(
                target.id, on, dt.datetime.now(dt.UTC), None, args.by or "command line", "cli", note
            )
        )
    finally:
        store.close()
    print(f"Recorded: {target.label} ({target.id}, {target.number}) checked on {on.isoformat()}.")
    return 0
