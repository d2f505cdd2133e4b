"""Prometheus metrics of one process (``prometheus_client``), served by :mod:`bot.ops_server`.

    sgbot_answers_total{kind}                      answers given, by kind (contact, glossary ...)
    sgbot_unknown_answers_total                    answers that said the report does not hold it
    sgbot_danger_answers_total                     answers to a message that signalled danger now
    sgbot_answer_duration_seconds                  histogram: time to compute an answer
    sgbot_reminder_deliveries_total{status}        sent, delayed, retried, failed, dropped, blocked
    sgbot_bot_api_errors_total{code}               failed Bot API requests (400, 403, 429 ...,
                                                   "network", "timeout")
    sgbot_dispatcher_seconds_since_last_run        since this process's reminder loop last woke
    sgbot_dispatcher_leader                        1 while this process runs the dispatcher
    sgbot_knowledge_loaded                         1 once the knowledge base is loaded
    process_*, python_*                            the client's process and platform collectors

No label ever holds a chat, a user or a text: each label value is a series kept for the
process's life. One registry per process (not the client's global one), so tests build
their own ``Metrics()``.
"""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)

KINDS = ("contact", "glossary", "board", "actions", "agency", "partnership", "help", "unknown")
DELIVERY_STATUSES = ("sent", "delayed", "retried", "failed", "dropped", "blocked")
API_CODES = ("400", "401", "403", "409", "429", "network", "timeout")
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
ENGINE_METHODS = ("answer", "contact", "define", "board", "boards", "actions", "about", "help")


class Metrics:
    """Every metric of the process, in a registry of its own."""

    def __init__(self, registry: CollectorRegistry | None = None):
        self.registry = r = registry or CollectorRegistry()
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        self.answers = Counter("sgbot_answers", "Answers given, by kind", ["kind"], registry=r)
        for kind in KINDS:
            self.answers.labels(kind)
        self.unknown = Counter(
            "sgbot_unknown_answers", "Answers saying the report does not hold it", registry=r
        )
        self.danger = Counter(
            "sgbot_danger_answers", "Answers to messages that signalled danger now", registry=r
        )
        self.latency = Histogram(
            "sgbot_answer_duration",
            "Time to compute one answer",
            unit="seconds",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.deliveries = Counter(
            "sgbot_reminder_deliveries", "Reminder messages, by outcome", ["status"], registry=r
        )
        for status in DELIVERY_STATUSES:
            self.deliveries.labels(status)
        self.api_errors = Counter(
            "sgbot_bot_api_errors", "Failed Bot API requests, by code", ["code"], registry=r
        )
        for code in API_CODES:
            self.api_errors.labels(code)
        self.started = time.monotonic()
        self.last_run: float | None = None
        since = Gauge(
            "sgbot_dispatcher_seconds_since_last_run",
            "Seconds since this process's reminder loop last woke (since start if never)",
            registry=r,
        )
        since.set_function(self.seconds_since_dispatch)
        self.leader = Gauge(
            "sgbot_dispatcher_leader",
            "1 while this process runs the reminder dispatcher",
            registry=r,
        )
        self.knowledge = Gauge(
            "sgbot_knowledge_loaded", "1 once the knowledge base is loaded", registry=r
        )

    # -- recording -----------------------------------------------------------------------

    def answered(self, answer: Any, seconds: float) -> None:
        """One answer of the engine (an ``Answer``: kind and flags)."""
        kind = getattr(answer, "kind", None)
        if kind is None:
            return
        self.latency.observe(seconds)
        self.answers.labels(kind).inc()
        if kind == "unknown":
            self.unknown.inc()
        if "danger" in getattr(answer, "flags", ()):
            self.danger.inc()

    def delivery(self, status: str) -> None:
        self.deliveries.labels(status).inc()

    def api_error(self, error: BaseException) -> None:
        self.api_errors.labels(api_code(error)).inc()

    def dispatcher_ran(self) -> None:
        self.last_run = time.monotonic()

    def seconds_since_dispatch(self) -> float:
        return time.monotonic() - (self.last_run if self.last_run is not None else self.started)

    # -- reading -------------------------------------------------------------------------

    def exposition(self) -> tuple[bytes, str]:
        """The text format and its content type, for ``GET /metrics``."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    def value(self, name: str, **labels: str) -> float:
        """One sample's value (0 when absent): for tests and the readiness check."""
        found = self.registry.get_sample_value(name, labels or None)
        return found or 0.0


def api_code(error: BaseException) -> str:
    """The label of a failed Bot API request: its HTTP code, or network/timeout."""
    from telegram import error as tg

    for kind, code in (
        (tg.RetryAfter, "429"),
        (tg.Forbidden, "403"),
        (tg.Conflict, "409"),
        (tg.InvalidToken, "401"),
        (tg.BadRequest, "400"),
        (tg.TimedOut, "timeout"),
    ):
        if isinstance(error, kind):
            return code
    return "network"


class MeteredEngine:
    """An ``Engine`` whose answers are counted and timed (the handlers see no difference)."""

    def __init__(self, engine: Any, metrics: Metrics):
        self._engine = engine
        self._metrics = metrics

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:  # e.g. ``engine.checks = ...``: the engine's own attribute
            setattr(self._engine, name, value)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._engine, name)
        if name not in ENGINE_METHODS or not callable(attr):
            return attr
        metrics = self._metrics

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            result = attr(*args, **kwargs)
            metrics.answered(result, time.perf_counter() - start)
            return result

        return timed


METRICS = Metrics()  # the process's metrics
