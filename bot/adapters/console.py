"""Console adapter: ``sgbot ask`` (one answer, ``--json``, ``--jsonl``) and ``sgbot chat``.

Run it:  .venv/bin/sgbot chat        (or ``make run`` without TELEGRAM_BOT_TOKEN)
         .venv/bin/sgbot ask --at 2026-12-04T16:45 "who do I call about a child"

Like the Telegram adapter it only renders: the answer comes from the engine.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Callable
from typing import TextIO

from bot.adapters.render import source_line
from bot.adapters.telegram_logging import describe_error
from bot.config import Settings
from bot.engine.core import Engine
from bot.engine.types import Answer
from bot.errors import ConfigError, DatabaseUnavailable
from bot.inputs import clean_text, parse_at
from bot.kb.cache import load_knowledge_cached

log = logging.getLogger("sgbot.console")
__all__ = ["cmd_ask", "cmd_chat", "load_engine", "parse_at", "render_plain"]


def load_engine(settings: Settings) -> Engine:
    return Engine(load_knowledge_cached(settings.knowledge_dir, settings.cache_dir))


def render_plain(answer: Answer) -> str:
    out = [answer.text]
    if answer.sources:
        out.append(source_line(answer.sources))  # each section once, as in Telegram
    return "\n".join(out)


def cmd_ask(settings: Settings, args) -> int:
    engine = load_engine(settings)
    tz = engine.cal.tz
    if args.jsonl:
        return _jsonl(engine, sys.stdin, sys.stdout)
    question = clean_text(" ".join(args.question))
    if not question.strip():
        print("sgbot ask: give a question (or --jsonl)", file=sys.stderr)
        return 2
    try:
        now = parse_at(args.at, tz)
    except ValueError as exc:
        print(f"sgbot ask: --at {exc}", file=sys.stderr)
        return 2
    answer = engine.answer(question, now)
    if "provenance" in answer.flags:  # it shows numbers: say when they were last checked
        engine.checks = _checks(settings)
        answer = engine.answer(question, now)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
    else:
        print(render_plain(answer), flush=True)
    if answer.kind == "unknown":  # after the answer is out: recording is best effort
        _record_unanswered(settings, question, now, engine)
    return 0


def _checks(settings: Settings):
    """The checks admins recorded (never raises: {} without a database)."""
    from bot.checks.store import latest_checks

    return latest_checks(settings)


def _jsonl(engine: Engine, stdin: TextIO, stdout: TextIO) -> int:
    tz = engine.cal.tz
    status = 0
    for line in stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            question = clean_text(_question_of(req))
            now = parse_at(req.get("at"), tz)
        except (ValueError, AttributeError, TypeError) as exc:
            out = {"error": f"bad request line: {exc}"}
            status = 1
        else:
            try:
                out = engine.answer(question, now).to_dict()
            except Exception as exc:  # one line never ends the batch
                log.error("a --jsonl line could not be answered: %s", describe_error(exc))
                out = {"error": f"could not answer this line ({type(exc).__name__})"}
                status = 1
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return status


def _question_of(req: object) -> str:
    """The "question" of a --jsonl request: a non-empty string, else ValueError."""
    if not isinstance(req, dict):
        raise ValueError("a line must be a JSON object")
    question = req.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError('"question" must be a non-empty string')
    return question


_RECORDING = {"failed": False}


def _record_unanswered(settings: Settings, question: str, now: dt.datetime, engine: Engine) -> None:
    """Keep the masked question if the database is there; one warning per outage."""
    from bot.engine.unanswered import record

    try:
        record(settings, question, now, engine.kb)
    except (DatabaseUnavailable, ConfigError) as exc:
        if not _RECORDING["failed"]:
            log.warning("unanswered questions are not recorded (%s): %s", exc, _why(exc))
        _RECORDING["failed"] = True
    else:
        _RECORDING["failed"] = False


def _why(exc: Exception) -> str:
    return DatabaseUnavailable.MESSAGE if isinstance(exc, DatabaseUnavailable) else str(exc)


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
    engine.checks = _checks(settings)
    tz = engine.cal.tz
    clock = clock or (lambda: dt.datetime.now(tz))
    interactive = stdin.isatty()
    stop = _start_reminders(settings, engine, stdout) if reminders else None
    if stop:
        print("Reminders on: due reminders of every board are printed here.", file=stdout)
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
            question = clean_text(line).strip()
            if not question:
                continue
            if question.lower() in ("quit", "exit", "bye", "/quit"):
                break
            if question.isdigit() and 1 <= int(question) <= len(suggestions):
                question = suggestions[int(question) - 1]
            now = clock()
            answer = engine.answer(question, now)
            print(render_plain(answer), file=stdout)
            if answer.kind == "unknown":  # after the answer is out: best effort
                _record_unanswered(settings, question, now, engine)
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
