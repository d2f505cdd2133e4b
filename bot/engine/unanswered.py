"""Questions the bot could not answer, counted for the knowledge-base editors.

Only the redacted text is stored (names, dates, numbers, addresses replaced), so what
``sgbot kb unanswered`` shows never holds personal details.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, select

from bot.config import Settings
from bot.database import engine_for
from bot.engine.personal import redact
from bot.engine.text import clean

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


def normalise(question: str) -> str:
    return " ".join(clean(redact(question)).split())[:300]


def record(settings: Settings, question: str, now: dt.datetime) -> None:
    key = normalise(question)
    if not key:
        return
    engine = _engine(settings.database_url)
    with engine.begin() as conn:
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
    for question, count, last in rows:
        print(f"{count:5d}  {last:%Y-%m-%d}  {question}")
    return 0
