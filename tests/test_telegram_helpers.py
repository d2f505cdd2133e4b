"""Shared helpers for the Telegram tests: a knowledge directory, settings, a running bot."""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from fake_bot_api import FakeBotAPI

from bot.config import ROOT, Settings
from bot.errors import KnowledgeError
from bot.testing import FixedClock

TOKEN = "123456:TEST-secret-token-value"
REPORT = ROOT / "tests" / "data" / "mk-together-safeguarding-annual-report-2019-20.md"
NOW = "2026-12-01T11:00"  # a Tuesday morning: the MASH is open
USER = 42


def knowledge_copy(target: Path) -> Path:
    """The shipped knowledge base copied to ``target`` (built from the report if incomplete)."""
    from bot.kb.loader import load_knowledge

    source = Settings().knowledge_dir
    try:
        load_knowledge(source)
        shutil.copytree(source, target)
    except KnowledgeError:
        from bot.kb import build

        names = Path(__file__).resolve().parent.parent / "knowledge" / "names.yaml"
        build.write(build.build(REPORT, names), target, str(REPORT))
    return target


@pytest.fixture(name="knowledge_dir")
def knowledge_dir_fixture(tmp_path: Path) -> Path:
    return knowledge_copy(tmp_path / "knowledge")


@pytest.fixture(name="api")
def api_fixture() -> FakeBotAPI:
    with FakeBotAPI(token=TOKEN) as server:
        yield server


@pytest.fixture(name="timedelta_retry_after", autouse=True)
def timedelta_retry_after_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns when RetryAfter is built unless it may use timedelta (the future default)
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


def bot_settings(knowledge_dir: Path, api: FakeBotAPI, tmp_path: Path, **kw) -> Settings:
    """Settings pointing the bot at the fake server, with a private SQLite database."""
    return Settings(
        knowledge_dir=knowledge_dir,
        database_url=f"sqlite:///{tmp_path / 'sgbot.sqlite3'}",
        telegram_token=api.token,
        telegram_api_url=api.base_url,
        cache_dir=None,
        **kw,
    )


@asynccontextmanager
async def running_bot(
    settings: Settings,
    clock: FixedClock | None = None,
    plugins: Sequence = (),
    concurrent: int = 1,
) -> AsyncIterator:
    """The real Application, long polling the fake server (post_init called by hand).

    One update at a time unless ``concurrent`` says otherwise: ``settle`` relies on updates
    being handled in the order they arrive, across chats."""
    from bot.adapters.telegram import build_application

    settings = dataclasses.replace(settings, concurrent_updates=concurrent)
    app = build_application(settings, clock=clock or FixedClock(NOW), plugins=plugins)
    async with app:
        await app.post_init(app)
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
            if app.post_shutdown is not None:  # as run_polling does (stops the metrics server)
                await app.post_shutdown(app)


MARKER = 999_999  # a chat whose answers show that every earlier update was handled


async def settle(api: FakeBotAPI, update: dict, timeout: float = 5) -> None:
    """Push ``update``, then a marker; wait for the marker's answer (updates run in order)."""
    seen = len(api.sent_texts(MARKER))
    api.push_update(update)
    api.push_update(api.make_message(MARKER, "/about"))
    deadline = asyncio.get_running_loop().time() + timeout
    while len(api.sent_texts(MARKER)) <= seen:
        assert asyncio.get_running_loop().time() < deadline, "the bot did not get to the marker"
        await asyncio.sleep(0.01)
