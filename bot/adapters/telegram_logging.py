"""Logging for every ``sgbot`` command: secrets redacted, no message contents, quiet HTTP.

``bot.cli.main`` configures it before any command runs (and prints an uncaught error as
one redacted line), so ``sgbot reminders send-due`` on cron is covered like ``sgbot run``.

httpx logs every request URL at INFO and the URL holds the bot token; PTB's
``InvalidToken`` message quotes the token; PTB's webhook handler logs update bodies at
DEBUG. So: ``httpx``/``httpcore`` at WARNING, ``telegram`` never below INFO, and every
handler of the root logger formats through ``RedactingFormatter``, which replaces the
token (and the webhook secret) wherever they appear, tracebacks included.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
from collections.abc import Iterable

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[REDACTED]"


class RedactingFormatter(logging.Formatter):
    """A formatter that removes secrets from the formatted record (message and traceback)."""

    def __init__(self, secrets: Iterable[str], fmt: str = FORMAT):
        super().__init__(fmt)
        self.secrets = secrets_to_hide(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


class JsonFormatter(RedactingFormatter):
    """One JSON object a line (``SGBOT_LOG_FORMAT=json``): time (UTC), level, logger,
    message and, for an error, its stack; secrets redacted like the text format."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            out["error"] = self.formatException(record.exc_info)
        return redact(json.dumps(out, ensure_ascii=False), self.secrets)


def secrets_to_hide(secrets: Iterable[str | None]) -> list[str]:
    """The secrets and, for a bot token ``id:key``, its key part alone; longest first."""
    out: set[str] = set()
    for secret in secrets:
        if not secret:
            continue
        out.add(secret)
        if ":" in secret:
            key = secret.split(":", 1)[1]
            if len(key) >= 8:
                out.add(key)
    return sorted(out, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


def quiet_libraries(level: int) -> None:
    """HTTP clients at WARNING (their URLs hold the token); telegram never at DEBUG."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(max(level, logging.INFO))
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    # the job queue logs two INFO lines per wake-up (2,900 a day): only at DEBUG; the
    # dispatcher logs its own line when it sent something
    quiet = logging.DEBUG if level <= logging.DEBUG else logging.WARNING
    logging.getLogger("apscheduler").setLevel(quiet)
    logging.getLogger("alembic").setLevel(quiet)  # bot.schema logs what a migration did


def configure(level_name: str, secrets: Iterable[str | None], fmt: str = "text") -> None:
    """Root logging to stderr through the redacting formatter (every command); ``fmt``
    "json" writes one JSON object a line."""
    level = logging.getLevelName(level_name.upper())
    if not isinstance(level, int):
        level = logging.INFO
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler())
    root.setLevel(level)
    kept = [s for s in secrets if s]
    formatter = JsonFormatter(kept) if fmt == "json" else RedactingFormatter(kept)
    for handler in root.handlers:
        handler.setFormatter(formatter)
    quiet_libraries(level)


def describe_error(error: BaseException | None) -> str:
    """An exception as its type and stack, without its message (which may quote a user)."""
    if error is None:
        return "unknown error"
    name = f"{type(error).__module__}.{type(error).__qualname__}"
    stack = "".join(traceback.format_tb(error.__traceback__)) if error.__traceback__ else ""
    return f"{name}\n{stack}".rstrip()
