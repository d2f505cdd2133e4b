"""Exceptions raised by safeguarding-bot.

    SgbotError
     ├── ConfigError          a setting in the environment is missing or malformed
     │    └── SchemaOutdated  the database's schema is not this version's (sgbot db upgrade)
     ├── DataError            a YAML data directory is invalid (carries every Problem)
     │    ├── KnowledgeError  knowledge/ (glossary, contacts, boards, ...)
     │    └── ScheduleError   schedules/ (meetings, reminders)
     ├── DatabaseUnavailable  the database cannot be reached for now (answers still go out)
     └── ChatBlocked          a chat has blocked the bot (Telegram's 403): unsubscribe it

A ``DataError`` is printed as one ``path:line: message`` line per problem, never as a
traceback: the CLI and the bot refuse to start with exactly those lines.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file, located by path and (1-based) line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class SgbotError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(SgbotError):
    """A setting is missing or malformed."""


class SchemaOutdated(ConfigError):
    """The database's schema is not this version's: a human must migrate (or upgrade)."""


class DataError(SgbotError):
    """A data directory failed validation; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class KnowledgeError(DataError):
    """The knowledge base is invalid."""


class ScheduleError(DataError):
    """The schedules are invalid."""


class DatabaseUnavailable(SgbotError):
    """The database cannot be reached for now (refused, gone, cannot be opened).

    Answering never needs it: recording is skipped, commands that need it say so in one
    line, and ``sgbot run`` keeps retrying (see :mod:`bot.database`).
    """

    MESSAGE = "the database is unavailable for now, try again later"


class ChatBlocked(SgbotError):
    """A sender was refused because the chat blocked the bot (Telegram's 403)."""

    def __init__(self, chat_id: int):
        super().__init__(f"chat {chat_id} blocked the bot")
        self.chat_id = chat_id


class VocabularyError(DataError):
    """A reading vocabulary (bot/engine/vocab/*.yaml) is invalid."""
