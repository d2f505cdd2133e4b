"""Questions the bot could not answer, counted for the knowledge-base editors.

Only the masked text is stored (:mod:`bot.engine.masking`: every word the bot does not
know, every number, date, email, handle and address is replaced by «…»), so what
``sgbot kb unanswered`` shows never holds personal details. A question is kept for
``settings.unanswered_retention_days`` after it was last asked: recording purges older
rows, and ``sgbot kb purge`` does it on demand (and masks again what an older version
stored).
"""

from __future__ import annotations

import datetime as dt
import sys

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    select,
)

from bot.config import Settings
from bot.database import engine_for
from bot.engine.masking import mask
from bot.engine.vocabulary import Vocabulary, vocabulary_for
from bot.kb.models import KnowledgeBase

metadata = MetaData()
unanswered = Table(
    "unanswered_questions",
    metadata,
    Column("question", String(300), primary_key=True),
    Column("count", Integer, nullable=False, default=1),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)


def _engine(url: str):
    engine = engine_for(url)  # an outage raises DatabaseUnavailable
    metadata.create_all(engine)
    return engine


def normalise(question: str, vocabulary: Vocabulary) -> str:
    """The question as stored: masked, lower case, one space between words."""
    return " ".join(mask(question, vocabulary).lower().split())[:300]


def _vocabulary(settings: Settings, kb: KnowledgeBase | None) -> Vocabulary:
    if kb is None:
        from bot.kb.cache import load_knowledge_cached

        kb = load_knowledge_cached(settings.knowledge_dir, settings.cache_dir)
    return vocabulary_for(kb)


def record(
    settings: Settings, question: str, now: dt.datetime, kb: KnowledgeBase | None = None
) -> None:
    """Count a question the bot could not answer (masked), and forget expired ones."""
    key = normalise(question, _vocabulary(settings, kb))
    if not key:
        return
    engine = _engine(settings.database_url)
    with engine.begin() as conn:
        conn.execute(delete(unanswered).where(unanswered.c.last_seen < _cutoff(settings, now)))
        row = conn.execute(select(unanswered.c.count).where(unanswered.c.question == key)).first()
        if row is None:
            conn.execute(
                unanswered.insert().values(question=key, count=1, first_seen=now, last_seen=now)
            )
        else:
            conn.execute(
                unanswered.update()
                .where(unanswered.c.question == key)
                .values(count=row.count + 1, last_seen=now)
            )
    engine.dispose()


def _cutoff(settings: Settings, now: dt.datetime, days: float | None = None) -> dt.datetime:
    keep = settings.unanswered_retention_days if days is None else days
    return now - dt.timedelta(days=keep)


def purge(
    settings: Settings,
    now: dt.datetime,
    days: float | None = None,
    kb: KnowledgeBase | None = None,
) -> tuple[int, int]:
    """Delete questions last asked more than ``days`` ago (default: the retention) and
    mask the others again; (deleted, re-masked)."""
    vocabulary = _vocabulary(settings, kb)
    engine = _engine(settings.database_url)
    with engine.begin() as conn:
        deleted = conn.execute(
            delete(unanswered).where(unanswered.c.last_seen < _cutoff(settings, now, days))
        ).rowcount
        merged: dict[str, list] = {}
        changed = 0
        for row in conn.execute(select(unanswered)).all():
            key = normalise(row.question, vocabulary)
            changed += key != row.question
            m = merged.setdefault(key, [0, row.first_seen, row.last_seen])
            m[0] += row.count
            m[1], m[2] = min(m[1], row.first_seen), max(m[2], row.last_seen)
        if changed:
            conn.execute(delete(unanswered))
            rows = [
                {"question": k, "count": c, "first_seen": f, "last_seen": last}
                for k, (c, f, last) in merged.items()
                if k
            ]
            if rows:
                conn.execute(unanswered.insert(), rows)
    engine.dispose()
    return deleted, changed


def top(settings: Settings, limit: int = 50) -> list[tuple[str, int, dt.datetime]]:
    engine = _engine(settings.database_url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(unanswered.c.question, unanswered.c.count, unanswered.c.last_seen)
            .order_by(unanswered.c.count.desc(), unanswered.c.last_seen.desc())
            .limit(limit)
        ).all()
    engine.dispose()
    return [(r.question, r.count, r.last_seen) for r in rows]


def cmd_unanswered(settings: Settings, args) -> int:
    rows = top(settings, args.limit)
    if not rows:
        print("No unanswered questions recorded.")
        return 0
    print(f"{'asked':>5}  {'last asked':10}  question (masked)")
    for question, count, last in rows:
        print(f"{count:5d}  {last:%Y-%m-%d}  {question}")
    return 0


def cmd_purge(settings: Settings, args) -> int:
    days = settings.unanswered_retention_days if args.older_than is None else args.older_than
    if days < 0:
        print("sgbot kb purge: --older-than must be 0 or more days", file=sys.stderr)
        return 2
    from zoneinfo import ZoneInfo

    from bot.kb.cache import load_knowledge_cached

    kb = load_knowledge_cached(settings.knowledge_dir, settings.cache_dir)
    now = dt.datetime.now(ZoneInfo(kb.partnership.timezone))  # as the adapters record
    deleted, masked = purge(settings, now, days, kb)
    print(f"Deleted {deleted} unanswered question(s) older than {days:g} days; masked {masked}.")
    return 0
