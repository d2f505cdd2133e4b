"""Shared fixtures: the shipped knowledge base and an engine over it (built once)."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.kb.loader import load_knowledge


@pytest.fixture(scope="session")
def kb():
    return load_knowledge(Settings.from_env().knowledge_dir)


@pytest.fixture(scope="session")
def engine(kb):
    from bot.engine.core import Engine

    return Engine(kb)
