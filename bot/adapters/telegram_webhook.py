"""Webhook mode: our own small tornado server in front of a PTB ``Application``.

PTB's ``Updater.start_webhook`` builds a fixed tornado app with one route, so there is no
place for a health check. This server has two routes:

    POST <path of SGBOT_WEBHOOK_URL>   Telegram's updates; the X-Telegram-Bot-Api-Secret-Token
                                       header must equal SGBOT_WEBHOOK_SECRET (else 403);
                                       the update goes to ``application.update_queue``
    GET  /healthz                      200 {"ok": true, ...} while the bot is running
    GET  /readyz                       200 when ready, else 503 (see bot.ops_server)

Updates are processed by ``application.start()`` (the same path as polling). Nothing of an
update is logged.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import urllib.parse
from http import HTTPStatus
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.config import Settings
from bot.errors import ConfigError
from bot.ops_server import health_routes

log = logging.getLogger("sgbot.telegram")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token
HEALTH_PATH = "/healthz"
MAX_BODY = 1 << 20


def check_webhook_settings(settings: Settings) -> str:
    """The URL path to listen on; ConfigError when the webhook is not safely configured."""
    if not settings.webhook_url:
        raise ConfigError("SGBOT_WEBHOOK_URL is not set")
    if not settings.webhook_secret:
        raise ConfigError(
            "SGBOT_WEBHOOK_SECRET is required in webhook mode (1-256 characters: A-Z a-z 0-9 _ -)"
        )
    if not SECRET_RE.match(settings.webhook_secret):
        raise ConfigError("SGBOT_WEBHOOK_SECRET may only hold A-Z a-z 0-9 _ - (1-256 characters)")
    url = urllib.parse.urlparse(settings.webhook_url)
    if url.scheme not in ("https", "http") or not url.netloc:
        raise ConfigError(f"SGBOT_WEBHOOK_URL is not an http(s) URL: {settings.webhook_url!r}")
    path = url.path.rstrip("/") or "/telegram"
    if path in (HEALTH_PATH, "/readyz"):
        raise ConfigError(f"SGBOT_WEBHOOK_URL must not end in {path}")
    return path


class UpdateHandler(tornado.web.RequestHandler):
    """Accepts one update from Telegram (secret checked in constant time)."""

    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, bot_app: Any, secret: str) -> None:
        self.bot_app = bot_app
        self.secret = secret

    async def post(self) -> None:
        from telegram import Update

        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook: request without the right secret token refused (403)")
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        content_type = self.request.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type != "application/json":
            raise tornado.web.HTTPError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot_app.bot)
        except Exception:  # a malformed body: say so, log nothing of it
            log.warning("webhook: an update could not be decoded (400)")
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        if update is not None:
            await self.bot_app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)
        self.finish()


class HealthHandler(tornado.web.RequestHandler):
    """``GET /healthz``: 200 while the application runs, 503 otherwise."""

    SUPPORTED_METHODS = ("GET", "HEAD")  # type: ignore[assignment]

    def initialize(self, bot_app: Any) -> None:
        self.bot_app = bot_app

    def get(self) -> None:
        running = bool(self.bot_app.running)
        self.set_status(HTTPStatus.OK if running else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": running}))

    def head(self) -> None:
        self.set_status(HTTPStatus.OK if self.bot_app.running else 503)
        self.finish()


class _QuietApp(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: the path is harmless but the habit of logging requests is not."""


class WebhookServer:
    """The tornado server for one PTB application. ``await start()`` returns the port."""

    def __init__(self, application: Any, settings: Settings):
        self.path = check_webhook_settings(settings)
        self.settings = settings
        self.application = application
        assert settings.webhook_secret is not None
        routes: list[Any] = [
            (
                re.escape(self.path) + "/?",
                UpdateHandler,
                {"bot_app": application, "secret": settings.webhook_secret},
            ),
        ]
        health = (
            application.bot_data.get("sgbot_health") if hasattr(application, "bot_data") else None
        )
        if health is not None:
            routes += health_routes(health)  # /healthz and /readyz
        else:
            routes.append((HEALTH_PATH, HealthHandler, {"bot_app": application}))
        self._server = HTTPServer(_QuietApp(routes), max_body_size=MAX_BODY)
        self.port: int | None = None

    async def start(self) -> int:
        sockets = bind_sockets(self.settings.webhook_port, address=self.settings.webhook_listen)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        log.info(
            "webhook server on %s:%s (path %s, health %s)",
            self.settings.webhook_listen,
            self.port,
            self.path,
            HEALTH_PATH,
        )
        return self.port

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
