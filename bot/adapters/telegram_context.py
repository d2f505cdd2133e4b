"""What the Telegram handlers (ours and plugins') share: ``BotContext`` and the kb holder."""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.config import Settings
from bot.engine.core import Engine
from bot.errors import KnowledgeError
from bot.kb.models import KnowledgeBase

log = logging.getLogger("sgbot.telegram")
Clock = Callable[[], dt.datetime]


class KnowledgeHolder:
    """The current knowledge base and its engine; ``/reload`` swaps both at once."""

    def __init__(self, kb: KnowledgeBase, wrap: Callable[[Engine], Engine] | None = None):
        self._lock = threading.Lock()
        self._wrap = wrap or (lambda engine: engine)  # e.g. bot.metrics.MeteredEngine
        self._kb = kb
        self._engine = self._wrap(Engine(kb))

    @property
    def kb(self) -> KnowledgeBase:
        return self._kb

    @property
    def engine(self) -> Engine:
        return self._engine

    def swap(self, kb: KnowledgeBase) -> None:
        engine = Engine(kb)
        engine.checks = self._engine.checks  # the last recorded checks outlive a /reload
        engine = self._wrap(engine)
        with self._lock:
            self._kb, self._engine = kb, engine


def load_kb(settings: Settings) -> KnowledgeBase:
    """The knowledge base from ``settings.knowledge_dir`` (cached by file stat)."""
    from bot.kb.cache import load_knowledge_cached

    return load_knowledge_cached(settings.knowledge_dir, settings.cache_dir)


@dataclass
class BotContext:
    """Handed to plugins: ``plugin(application, context) -> [(command, description)]``.

    ``settings``  the Settings the bot runs with
    ``kb``        a ``KnowledgeHolder``: ``.kb`` (KnowledgeBase) and ``.engine`` (Engine),
                  both swapped by /reload - read them at each update, don't keep them
    ``clock``     ``clock() -> aware datetime`` in the partnership's time zone
    ``is_admin``  ``is_admin(user_id) -> bool`` (``settings.admins``)
    """

    settings: Settings
    kb: KnowledgeHolder
    clock: Clock
    _recording_failed: bool = field(default=False, repr=False)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admins

    def is_allowed(self, chat_id: int | None, user_id: int | None) -> bool:
        """Chats on the allow-list (empty: everyone) and admins may use the bot."""
        if not self.settings.allowed_chats or self.is_admin(user_id):
            return True
        return chat_id is not None and chat_id in self.settings.allowed_chats

    def now(self) -> dt.datetime:
        return self.clock()

    def reload(self) -> KnowledgeBase:
        """Re-read and re-check the knowledge base; keep the old one on KnowledgeError."""
        kb = load_kb(self.settings)
        self.kb.swap(kb)
        return kb

    def action_statuses(self) -> Mapping[str, str] | None:
        """Action statuses set by admins (reminders store), or None without that module."""
        if importlib.util.find_spec("bot.reminders.service") is None:
            return None
        try:
            from bot.reminders.service import action_statuses

            return action_statuses(self.settings)
        except Exception as exc:  # the answer still works with the report's statuses
            log.warning("action statuses unavailable: %s", type(exc).__name__)
            return None

    def record_unanswered(self, question: str, now: dt.datetime) -> None:
        """Hook: keep a redacted copy of a question the engine could not answer."""
        if importlib.util.find_spec("bot.engine.unanswered") is None:
            return
        try:
            from bot.engine.unanswered import record

            record(self.settings, question, now, self.kb.kb)
        except Exception as exc:  # never lose the answer over the statistics
            if not self._recording_failed:  # once per outage, not once per question
                log.warning("unanswered questions are not recorded (%s)", type(exc).__name__)
            self._recording_failed = True
        else:
            self._recording_failed = False


@dataclass
class SuggestionKeys:
    """Callback data for "did you mean" buttons, within Telegram's 64 bytes.

    A suggestion that fits travels as ``q:<text>`` (survives restarts); a longer one gets
    ``s:<n>`` mapped here, the newest ``size`` kept.
    """

    size: int = 1024
    _keys: OrderedDict[str, str] = field(default_factory=OrderedDict)
    _next: int = 0

    def key(self, suggestion: str) -> str:
        direct = "q:" + suggestion
        if len(direct.encode("utf-8")) <= 64:
            return direct
        self._next += 1
        key = f"s:{self._next}"
        self._keys[key] = suggestion
        while len(self._keys) > self.size:
            self._keys.popitem(last=False)
        return key

    def question(self, data: str) -> str | None:
        if data.startswith("q:"):
            return data[2:]
        if data.startswith("s:"):
            return self._keys.get(data)
        return None


__all__ = ["BotContext", "KnowledgeError", "KnowledgeHolder", "SuggestionKeys", "load_kb"]
