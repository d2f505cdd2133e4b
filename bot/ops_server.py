"""Liveness, readiness and metrics over HTTP, in polling and webhook modes.

``SGBOT_METRICS_PORT`` (on ``SGBOT_METRICS_LISTEN``, default 127.0.0.1) serves:

    GET /metrics   Prometheus text format (:mod:`bot.metrics`)
    GET /healthz   200 {"ok": true} while the bot runs (liveness: restart it when not)
    GET /readyz    200 when every check holds, else 503; the body names each check:
                   running, knowledge (loaded), database (SELECT 1 answered), dispatcher
                   (this process's reminder loop woke within three intervals)

The webhook server serves /healthz and /readyz too (not /metrics: it faces the proxy).
The database being away makes /readyz 503 while the bot keeps answering: route traffic on
/healthz, gate deployments and alert on /readyz.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from http import HTTPStatus
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.metrics import Metrics

log = logging.getLogger("sgbot.ops")
DATABASE_CHECK_SECONDS = 5.0  # a scrape every few seconds must not hammer the database


class Health:
    """The checks behind /healthz and /readyz for one PTB application."""

    def __init__(self, application: Any, metrics: Metrics, dispatch_interval: float):
        self.application = application
        self.metrics = metrics
        self.dispatch_interval = dispatch_interval
        self._database: tuple[float, bool] | None = None

    def live(self) -> bool:
        return bool(self.application.running)

    async def ready(self) -> tuple[bool, dict[str, bool]]:
        context = self.application.bot_data.get("sgbot")
        checks = {
            "running": self.live(),
            "knowledge": context is not None and context.kb.kb is not None,
            "database": await self.database(),
            "dispatcher": self.metrics.seconds_since_dispatch() <= 3 * self.dispatch_interval + 5,
        }
        return all(checks.values()), checks

    async def database(self) -> bool:
        keeper = self.application.bot_data.get("reminders_keeper")
        if keeper is None:
            return True  # no reminders plugin: nothing here needs the database
        now = time.monotonic()
        if self._database and now - self._database[0] < DATABASE_CHECK_SECONDS:
            return self._database[1]
        ok = await asyncio.to_thread(_ping, keeper.store.engine)
        self._database = (now, ok)
        return ok


def _ping(engine: Any) -> bool:
    from sqlalchemy import text

    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # unavailable for now: the check says so, the bot carries on
        return False


class LiveHandler(tornado.web.RequestHandler):
    """``GET /healthz``: 200 while the application runs, 503 otherwise."""

    SUPPORTED_METHODS = ("GET", "HEAD")  # type: ignore[assignment]

    def initialize(self, health: Health) -> None:
        self.health = health

    def get(self) -> None:
        ok = self.health.live()
        self.set_status(HTTPStatus.OK if ok else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": ok}))

    def head(self) -> None:
        self.set_status(HTTPStatus.OK if self.health.live() else HTTPStatus.SERVICE_UNAVAILABLE)
        self.finish()


class ReadyHandler(tornado.web.RequestHandler):
    """``GET /readyz``: 200 when every check holds, else 503, with the checks."""

    def initialize(self, health: Health) -> None:
        self.health = health

    async def get(self) -> None:
        ok, checks = await self.health.ready()
        self.set_status(HTTPStatus.OK if ok else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": ok, **checks}))


class MetricsHandler(tornado.web.RequestHandler):
    def initialize(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def get(self) -> None:
        body, content_type = self.metrics.exposition()
        self.set_header("Content-Type", content_type)
        self.finish(body)


def health_routes(health: Health) -> list[Any]:
    return [
        ("/healthz", LiveHandler, {"health": health}),
        ("/readyz", ReadyHandler, {"health": health}),
    ]


class _QuietApp(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: scrapes every few seconds would drown the log."""


class OpsServer:
    """/metrics, /healthz and /readyz on ``listen:port``; ``await start()`` returns the port."""

    def __init__(self, health: Health, metrics: Metrics, listen: str, port: int):
        routes = [*health_routes(health), ("/metrics", MetricsHandler, {"metrics": metrics})]
        self._server = HTTPServer(_QuietApp(routes))
        self.listen, self.port = listen, port

    async def start(self) -> int:
        sockets = bind_sockets(self.port, address=self.listen)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        log.info(
            "metrics and health on %s:%s (/metrics, /healthz, /readyz)", self.listen, self.port
        )
        return self.port

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
