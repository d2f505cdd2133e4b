"""Console adapter: ``sgbot ask`` (one answer, ``--json``, ``--jsonl``) and ``sgbot chat``.

Run it:  .venv/bin/sgbot chat        (or ``make run`` without TELEGRAM_BOT_TOKEN)
         .venv/bin/sgbot ask --at 2026-12-04T16:45 "who do I call about a child"

Like the Telegram adapter it only renders: the answer comes from the engine.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.engine.core import Engine
from bot.engine.types import Answer
from bot.kb.cache import load_knowledge_cached


def load_engine(settings: Settings) -> Engine:
    return Engine(load_knowledge_cached(settings.knowledge_dir, settings.cache_dir))


def parse_at(value: str | None, tz: ZoneInfo) -> dt.datetime:
    """``--at`` is local time (an explicit offset is honoured); default: now."""
    if not value:
        return dt.datetime.now(tz)
    when = dt.datetime.fromisoformat(value)
    return when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)


def render_plain(answer: Answer) -> str:
    out = [answer.text]
    if answer.sources:
        out.append("Source: " + "; ".join(answer.sources))
    return "\n".join(out)


def cmd_ask(settings: Settings, args) -> int:
    engine = load_engine(settings)
    tz = engine.cal.tz
    if args.jsonl:
        return _jsonl(engine, sys.stdin, sys.stdout)
    question = " ".join(args.question)
    if not question.strip():
        print("sgbot ask: give a question (or --jsonl)", file=sys.stderr)
        return 2
    try:
        now = parse_at(args.at, tz)
    except ValueError:
        print(f"sgbot ask: --at {args.at!r} is not an ISO date-time", file=sys.stderr)
        return 2
    answer = engine.answer(question, now)
    if answer.kind == "unknown":
        _record_unanswered(settings, question, now, engine)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        print(render_plain(answer))
    return 0


def _jsonl(engine: Engine, stdin: TextIO, stdout: TextIO) -> int:
    tz = engine.cal.tz
    status = 0
    for line in stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            question = str(req.get("question", ""))
            now = parse_at(req.get("at"), tz)
            out = engine.answer(question, now).to_dict()
        except (ValueError, AttributeError, TypeError) as exc:
            out = {"error": f"bad request line: {exc}"}
            status = 1
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return status


def _record_unanswered(settings: Settings, question: str, now: dt.datetime, engine: Engine) -> None:
    from bot.engine.unanswered import record

    record(settings, question, now, engine.kb)


def cmd_chat(
    settings: Settings,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    clock: Callable[[], dt.datetime] | None = None,
    reminders: bool = True,
) -> int:
    """An interactive chat on the engine; a number picks a "did you mean" suggestion."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    engine = load_engine(settings)
    tz = engine.cal.tz
    clock = clock or (lambda: dt.datetime.now(tz))
    interactive = stdin.isatty()
    stop = _start_reminders(settings, engine, stdout) if reminders else None
    p = engine.kb.partnership
    print(
        f"{p.name} safeguarding assistant (console). Ask a question; 'quit' to leave.", file=stdout
    )
    print(engine.book.emergency_line() + " This is not a referral route.", file=stdout)
    suggestions: list[str] = []
    try:
        while True:
            if interactive:
                stdout.write("> ")
                stdout.flush()
            line = stdin.readline()
            if not line:
                break
            question = line.strip()
            if not question:
                continue
            if question.lower() in ("quit", "exit", "bye", "/quit"):
                break
            if question.isdigit() and 1 <= int(question) <= len(suggestions):
                question = suggestions[int(question) - 1]
            now = clock()
            answer = engine.answer(question, now)
            if answer.kind == "unknown":
                _record_unanswered(settings, question, now, engine)
            print(render_plain(answer), file=stdout)
            suggestions = answer.suggestions
            for i, s in enumerate(suggestions, 1):
                print(f"  {i}. {s}", file=stdout)
            stdout.flush()
    finally:
        if stop:
            stop()
    return 0


def _start_reminders(settings: Settings, engine: Engine, stdout: TextIO):
    from bot.reminders.service import start_console_reminders

    def emit(text: str) -> None:
        print(f"\n[reminder] {text}", file=stdout, flush=True)

    return start_console_reminders(settings, engine.kb, emit)
