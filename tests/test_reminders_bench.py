"""Smoke run of bench/reminder_fanout.py: a kill -9 mid fan-out loses nothing."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "reminder_fanout.py"
PG_URL = os.environ.get(
    "SGBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _bench():
    spec = importlib.util.spec_from_file_location("reminder_fanout", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(database_url: str | None):
    bench = _bench()
    argv = ["--chats", "60", "--limit", "400", "--rate", "300", "--kill-after", "25"]
    if database_url:
        argv += ["--database-url", database_url]
    return bench, argv


@pytest.mark.parametrize(
    "database_url",
    [None, pytest.param(PG_URL, marks=pytest.mark.postgres)],
    ids=["sqlite", "postgres"],
)
def test_fanout_with_a_kill_loses_nothing(database_url, capsys):
    """60 chats, sender killed after 25 messages and restarted: all 60 get the reminder."""
    bench, argv = _run(database_url)
    rc = bench.main(argv + ["--json"])
    import json

    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["kills"] == 1
    assert result["lost"] == 0
    # a duplicate is only possible for a message in flight at the kill (the at-least-once window)
    assert result["duplicates"] <= result["child"]["recovered"]
    assert result["db_counts"] == {"sent": 60}
    assert rc == (0 if result["duplicates"] == 0 else 1)


def test_a_kill_between_delivery_and_its_record_duplicates_only_that_message(capsys):
    """Killed by the server after it accepted message 25, before the reply: that one twice."""
    bench, argv = _run(None)
    bench.main(argv + ["--kill-mode", "after-send", "--json"])
    import json

    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["kills"] == 1 and result["lost"] == 0
    assert 1 <= result["duplicates"] <= result["child"]["recovered"]
    assert result["db_counts"] == {"sent": 60}
