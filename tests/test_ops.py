"""Observability and concurrency: metrics, /healthz and /readyz, JSON logs, quiet logs,
and updates of different chats handled at once (in order within a chat)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import sys

import pytest
from fake_bot_api import get
from instances import free_port
from prometheus_client import CollectorRegistry
from tcp_proxy import closed_port
from test_telegram_helpers import (  # noqa: F401 - fixtures
    TOKEN,
    USER,
    api_fixture,
    bot_settings,
    knowledge_dir_fixture,
    running_bot,
    timedelta_retry_after_fixture,
)

from bot.adapters import telegram_logging
from bot.adapters.telegram_logging import JsonFormatter
from bot.metrics import METRICS, MeteredEngine, Metrics


def test_metrics_count_answers_by_kind_unknown_and_danger(engine):
    """Each answer counts under its kind; unknown and danger answers have their own counters."""
    metrics = Metrics(CollectorRegistry())
    metered = MeteredEngine(engine, metrics)
    now = engine_now()
    metered.answer("what is MARAC", now)
    metered.answer("zzqx unknown thing", now)
    metered.answer("he has a knife and is hitting her right now", now)
    metered.define("MASH")
    assert metrics.value("sgbot_answers_total", kind="glossary") == 2
    assert metrics.value("sgbot_answers_total", kind="unknown") == 1
    assert metrics.value("sgbot_unknown_answers_total") == 1
    assert metrics.value("sgbot_danger_answers_total") == 1
    assert metrics.value("sgbot_answer_duration_seconds_count") == 4
    body, content_type = metrics.exposition()
    assert content_type.startswith("text/plain")
    assert b'sgbot_reminder_deliveries_total{status="sent"} 0.0' in body  # pre-created
    assert b"sgbot_dispatcher_seconds_since_last_run" in body
    assert metered.kb is engine.kb  # everything else passes through


def engine_now():
    import datetime as dt
    from zoneinfo import ZoneInfo

    return dt.datetime(2026, 12, 1, 11, 0, tzinfo=ZoneInfo("Europe/London"))


def test_json_log_lines_are_one_object_each_and_redact_secrets():
    """SGBOT_LOG_FORMAT=json: one JSON object a line; the token is redacted, stack kept."""
    formatter = JsonFormatter([TOKEN])
    try:
        raise ValueError(f"rejected {TOKEN}")
    except ValueError:
        record = logging.LogRecord(
            "sgbot.telegram", logging.ERROR, __file__, 1, "failed with %s", (TOKEN,), sys.exc_info()
        )
    line = formatter.format(record)
    assert "\n" not in line and TOKEN not in line
    data = json.loads(line)
    assert data["level"] == "ERROR" and data["logger"] == "sgbot.telegram"
    assert data["message"] == "failed with [REDACTED]"
    assert data["time"].endswith("+00:00")
    assert "ValueError" in data["error"]


def test_the_job_queue_logs_only_at_debug():
    """The wake-up's two INFO lines a minute are hidden at INFO and shown at DEBUG."""
    scheduler = logging.getLogger("apscheduler.executors.default")
    root = logging.getLogger()
    saved = root.level, [h.formatter for h in root.handlers]
    try:
        telegram_logging.configure("INFO", [])
        assert not scheduler.isEnabledFor(logging.INFO)
        assert scheduler.isEnabledFor(logging.WARNING)
        telegram_logging.configure("DEBUG", [])
        assert scheduler.isEnabledFor(logging.DEBUG)
    finally:
        root.setLevel(saved[0])
        for handler, formatter in zip(root.handlers, saved[1], strict=False):
            handler.setFormatter(formatter)
        logging.getLogger("apscheduler").setLevel(logging.NOTSET)


@pytest.mark.e2e
async def test_polling_serves_metrics_health_and_readiness(knowledge_dir, api, tmp_path):
    """Long polling with SGBOT_METRICS_PORT: /healthz, /readyz and /metrics after an answer."""
    from bot.reminders.telegram_commands import register

    port = free_port()
    settings = bot_settings(knowledge_dir, api, tmp_path, metrics_port=port)
    before = METRICS.value("sgbot_answers_total", kind="glossary")
    async with running_bot(settings, plugins=[register]) as app:
        api.push_update(api.make_message(USER, "what is MARAC"))
        await api.await_for("sendMessage", 1)
        base = f"http://127.0.0.1:{port}"
        health = await asyncio.to_thread(get, base + "/healthz")
        ready = await asyncio.to_thread(get, base + "/readyz")
        for _ in range(40):  # readiness settles once the dispatcher has ticked (slow CI)
            if ready[0] == 200:
                break
            await asyncio.sleep(0.25)
            ready = await asyncio.to_thread(get, base + "/readyz")
        metrics = await asyncio.to_thread(get, base + "/metrics")
        assert app.bot_data["sgbot_ops"].port == port
    assert health == (200, b'{"ok": true}')
    assert ready[0] == 200
    assert json.loads(ready[1]) == {
        "ok": True,
        "running": True,
        "knowledge": True,
        "database": True,
        "dispatcher": True,
    }
    assert metrics[0] == 200
    assert METRICS.value("sgbot_answers_total", kind="glossary") == before + 1
    assert b"sgbot_answer_duration_seconds_bucket" in metrics[1]


@pytest.mark.e2e
async def test_readiness_fails_while_the_database_is_away_but_liveness_holds(
    knowledge_dir, api, tmp_path
):
    """Database refused: /readyz 503 naming it, /healthz 200, and the bot still answers."""
    from bot.reminders.telegram_commands import register

    port = free_port()
    settings = dataclasses.replace(
        bot_settings(knowledge_dir, api, tmp_path, metrics_port=port),
        database_url=f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/test",
    )
    async with running_bot(settings, plugins=[register]):
        api.push_update(api.make_message(USER, "what is MARAC"))
        await api.await_for("sendMessage", 1)
        ready = await asyncio.to_thread(get, f"http://127.0.0.1:{port}/readyz")
        health = await asyncio.to_thread(get, f"http://127.0.0.1:{port}/healthz")
    assert ready[0] == 503 and json.loads(ready[1])["database"] is False
    assert json.loads(ready[1])["knowledge"] is True
    assert health[0] == 200
    assert "Multi-Agency Risk Assessment Conference" in api.sent_texts(USER)[0]


def _slow_plugin(release: asyncio.Event):
    """A /slow command that waits for ``release``: a stand-in for one slow answer."""

    def plugin(app, _context):
        from telegram.ext import CommandHandler

        async def slow(update, _ctx):
            await release.wait()
            await update.effective_message.reply_text("slow done")

        app.add_handler(CommandHandler("slow", slow))
        return [("slow", "a slow command (test)")]

    return plugin


@pytest.mark.e2e
async def test_a_slow_answer_holds_up_only_its_own_chat(knowledge_dir, api, tmp_path):
    """Chat A waits on a slow answer: chat B is answered meanwhile; A's next waits its turn."""
    release = asyncio.Event()
    settings = bot_settings(knowledge_dir, api, tmp_path)
    other = USER + 1
    async with running_bot(settings, plugins=[_slow_plugin(release)], concurrent=8):
        api.push_update(api.make_message(USER, "/slow"))
        api.push_update(api.make_message(USER, "what is MARAC"))
        api.push_update(api.make_message(other, "what is MASH"))
        await api.await_for("sendMessage", 1)
        await asyncio.sleep(0.2)  # give chat A's second message every chance to jump the queue
        first = [
            (int(c["params"]["chat_id"]), c["params"]["text"]) for c in api.calls_to("sendMessage")
        ]
        release.set()
        await api.await_for("sendMessage", 3)
    assert [chat for chat, _ in first] == [other]
    assert api.sent_texts(USER)[0] == "slow done"
    assert "Multi-Agency Risk Assessment Conference" in api.sent_texts(USER)[1]
