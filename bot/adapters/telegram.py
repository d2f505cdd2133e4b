"""The Telegram bot: ``run(settings)`` for ``sgbot run``; ``build_application`` for tests.

    TELEGRAM_BOT_TOKEN=... sgbot run                       long polling
    ... SGBOT_WEBHOOK_URL=https://host/tg SGBOT_WEBHOOK_SECRET=... sgbot run
                                                           webhook (+ GET /healthz), see
                                                           bot.adapters.telegram_webhook
    SGBOT_TELEGRAM_API_URL=http://127.0.0.1:8081/bot       another Bot API server

Modules: ``render`` (HTML + splitting), ``telegram_handlers`` (commands, free text,
buttons, inline), ``telegram_context`` (``BotContext``), ``telegram_webhook`` (server),
``telegram_logging`` (token redaction).

Plugins
-------
``build_application(settings, clock=..., plugins=[...])`` calls each
``plugin(application, context) -> list[(command, description)]`` *before* adding the core
handlers: a plugin registers its own handlers (and jobs) and returns menu entries for
``setMyCommands``. A command a plugin returns is the plugin's (the core skips its own
handler of that name: the reminders plugin's /actions shows live statuses). ``context`` is
a :class:`~bot.adapters.telegram_context.BotContext`:

    context.settings          Settings
    context.kb.kb             the current KnowledgeBase   (swapped by /reload: read it
    context.kb.engine         the current Engine           at every update)
    context.clock()           aware "now" in the partnership's time zone
    context.is_admin(user_id) True for ids in SGBOT_ADMINS

``run`` uses ``default_plugins()``: ``bot.reminders.telegram_commands.register`` when that
module exists.

Hooks: unanswered questions go to ``bot.engine.unanswered.record`` (when present) through
``BotContext.record_unanswered``; action statuses come from
``bot.reminders.service.action_statuses`` through ``BotContext.action_statuses``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib.util
import logging
import signal
import warnings
from collections.abc import Callable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    Defaults,
)

from bot.adapters import telegram_logging
from bot.adapters.telegram_context import BotContext, Clock, KnowledgeHolder, load_kb
from bot.adapters.telegram_fit import fit
from bot.adapters.telegram_handlers import COMMANDS, NO_PREVIEW, Handlers
from bot.adapters.telegram_menu import set_menus
from bot.adapters.telegram_webhook import WebhookServer, check_webhook_settings
from bot.config import Settings
from bot.errors import ConfigError, DatabaseUnavailable
from bot.metrics import METRICS, MeteredEngine
from bot.ops_server import Health, OpsServer

log = logging.getLogger("sgbot.telegram")
Plugin = Callable[[Application, BotContext], list[tuple[str, str]]]
MAX_RETRIES = 3

__all__ = ["BotContext", "build_application", "default_plugins", "run", "serve_webhook"]


class RetryingRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` (30/s overall, 20/min per group, RetryAfter honoured up to
    ``max_retries`` times) that also retries server errors (5xx, connection refused).

    Not retried: ``TimedOut`` (the request may have arrived: a retry could double a
    message) and ``BadRequest`` (it would fail again).
    """

    def __init__(self, *, max_retries: int = 3, network_retries: int = 3, backoff: float = 0.25):
        super().__init__(max_retries=max_retries)
        self.network_retries = network_retries
        self.backoff = backoff

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):  # type: ignore[no-untyped-def]
        """Every request of the bot passes here: made to fit Telegram's limits, then sent."""
        result = None
        for part in fit(endpoint, data):  # a text over 4,096 becomes several messages
            result = await self._send(
                callback, (endpoint, part), kwargs, endpoint, part, rate_limit_args
            )
        return result

    async def _send(self, callback, args, kwargs, endpoint, data, rate_limit_args):  # type: ignore[no-untyped-def]
        async def counted(*a, **kw):  # type: ignore[no-untyped-def]
            try:  # every attempt, the 429s the limiter waits out included
                return await callback(*a, **kw)
            except TelegramError as exc:
                METRICS.api_error(exc)
                raise

        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(
                    counted, args, kwargs, endpoint, data, rate_limit_args
                )
            except (TimedOut, BadRequest):
                raise
            except NetworkError as exc:
                if attempt == self.network_retries:
                    raise
                wait = self.backoff * 2**attempt
                log.warning("%s failed (%s); retrying in %.2f s", endpoint, exc, wait)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover


class PerChatUpdates(BaseUpdateProcessor):
    """Up to ``limit`` updates at once (one slow answer never holds up other chats), but
    one at a time within a chat, so a chat's replies keep its messages' order."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.chats: dict[int, tuple[asyncio.Lock, list[int]]] = {}  # lock, [users]

    async def do_process_update(self, update: object, coroutine) -> None:  # type: ignore[no-untyped-def]
        chat = getattr(getattr(update, "effective_chat", None), "id", 0)
        lock, users = self.chats.setdefault(chat, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                await coroutine
        finally:
            users[0] -= 1
            if not users[0]:  # nobody else waits for this chat: no lock kept per chat seen
                del self.chats[chat]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def file_url(base_url: str) -> str:
    """The file URL of a Bot API server from its base URL (``.../bot`` -> ``.../file/bot``)."""
    base = base_url.rstrip("/")
    if base.endswith("/bot"):
        return base[: -len("/bot")] + "/file/bot"
    return base + "/file/bot"


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    plugins: Sequence[Plugin] = (),
) -> Application:
    """A configured PTB Application (not started). Raises ConfigError/KnowledgeError."""
    if not settings.telegram_token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    kb = load_kb(settings)
    tz = ZoneInfo(kb.partnership.timezone)
    if clock is None:

        def clock() -> dt.datetime:
            return dt.datetime.now(tz)

    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .rate_limiter(RetryingRateLimiter(max_retries=MAX_RETRIES))
        .defaults(Defaults(tzinfo=tz, link_preview_options=NO_PREVIEW))
        .concurrent_updates(PerChatUpdates(settings.concurrent_updates))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_api_url:
        builder = builder.base_url(settings.telegram_api_url).base_file_url(
            file_url(settings.telegram_api_url)
        )
    app = builder.build()
    context = BotContext(settings, KnowledgeHolder(kb, lambda e: MeteredEngine(e, METRICS)), clock)
    app.bot_data["sgbot"] = context
    app.bot_data["sgbot_health"] = Health(app, METRICS, settings.dispatch_interval)
    METRICS.knowledge.set(1)
    plugin_commands: dict[str, str] = {}
    for plugin in plugins:
        for command, description in plugin(app, context):
            plugin_commands.setdefault(command, description)
    Handlers(context).register(app, taken=set(plugin_commands))
    app.bot_data["sgbot_commands"] = menu(plugin_commands)
    return app


def menu(plugin_commands: dict[str, str]) -> list[tuple[str, str]]:
    """The command menu: core commands (a plugin's description wins), then the plugins'."""
    core = [(c, plugin_commands.get(c, d)) for c, d in COMMANDS]
    names = {c for c, _ in core}
    return core + [(c, d) for c, d in plugin_commands.items() if c not in names]


async def _post_init(app: Application) -> None:
    """Register the command menus (admin-only commands only in admins' chats)."""
    context: BotContext | None = app.bot_data.get("sgbot")
    admins = context.settings.admins if context else ()
    await set_menus(app.bot, app.bot_data.get("sgbot_commands", []), admins)
    if context is not None and context.settings.metrics_port and "sgbot_ops" not in app.bot_data:
        s = context.settings
        ops = OpsServer(app.bot_data["sgbot_health"], METRICS, s.metrics_listen, s.metrics_port)
        await ops.start()
        app.bot_data["sgbot_ops"] = ops


async def _post_shutdown(app: Application) -> None:
    """Stop the metrics server and give up the dispatcher's lead (polling: run_polling
    calls this; webhook: serve_webhook)."""
    ops = app.bot_data.pop("sgbot_ops", None)
    if ops is not None:
        await ops.stop()
    leadership = app.bot_data.pop("reminders_leadership", None)
    if leadership is not None:
        await asyncio.to_thread(leadership.close)


def default_plugins() -> list[Plugin]:
    """The reminders plugin when ``bot.reminders.telegram_commands`` exists, and the
    checks plugin (/verify, /checks, the monthly reminder) when ``bot.checks`` does."""
    plugins: list[Plugin] = []
    if importlib.util.find_spec("bot.reminders.telegram_commands") is not None:
        from bot.reminders.telegram_commands import register

        plugins.append(register)
    if importlib.util.find_spec("bot.checks.telegram") is not None:
        from bot.checks.telegram import register as register_checks

        plugins.append(register_checks)
    return plugins


async def serve_webhook(
    app: Application,
    settings: Settings,
    stop: asyncio.Event | None = None,
    on_ready: Callable[[WebhookServer], Any] | None = None,
) -> None:
    """Run ``app`` behind our webhook server until ``stop`` is set (or SIGINT/SIGTERM)."""
    server = WebhookServer(app, settings)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    handled: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
            handled.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
            pass
    try:
        async with app:
            if app.post_init is not None:
                await app.post_init(app)
            await server.start()
            try:
                await app.bot.set_webhook(
                    settings.webhook_url or "",
                    secret_token=settings.webhook_secret,
                    allowed_updates=Update.ALL_TYPES,
                )
                await app.start()
                log.info("bot running (webhook)")
                if on_ready is not None:
                    on_ready(server)
                await stop.wait()
            finally:
                await server.stop()
                if app.running:
                    await app.stop()
                await _post_shutdown(app)
    finally:
        for sig in handled:
            loop.remove_signal_handler(sig)


def _check_schema(settings: Settings) -> None:
    """Refuse to start on an outdated schema (SchemaOutdated: one line, exit 2); a new
    database is migrated here. A database that is away does not stop the start."""
    from bot.database import engine_for
    from bot.schema import ensure_schema

    engine = engine_for(settings.database_url)
    try:
        ensure_schema(engine)
    except DatabaseUnavailable as exc:
        log.warning("no database at start-up (%s): its schema is checked when it is back", exc)
    finally:
        engine.dispose()


def run(settings: Settings) -> int:
    """``sgbot run`` with a token: polling, or webhook when SGBOT_WEBHOOK_URL is set."""
    telegram_logging.configure(
        settings.log_level, [settings.telegram_token, settings.webhook_secret], settings.log_format
    )
    # PTB 22 warns once about RetryAfter.retry_after becoming a timedelta; we never read it
    warnings.filterwarnings("ignore", message=r".*retry_after.*", module=r"telegram\..*")
    if settings.webhook_url:
        check_webhook_settings(settings)  # ConfigError before any network call
    _check_schema(settings)
    app = build_application(settings, plugins=default_plugins())
    try:
        if settings.webhook_url:
            asyncio.run(serve_webhook(app, settings))
        else:
            log.info("bot running (long polling)")
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        log.error("the Bot API server rejected the bot token (TELEGRAM_BOT_TOKEN)")
        return 1
    except TelegramError as exc:
        log.error("the bot stopped: %s: %s", type(exc).__name__, exc)
        return 1
    log.info("bot stopped")
    return 0
