"""Several real `sgbot reminders send-due` processes on one database: each reminder goes once.

The processes talk to the fake Bot API over HTTP with 0.5 s per send, so a fan-out is always
in flight when the next process starts or when one is killed with SIGKILL.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from fake_bot_api import FakeBotAPI
from sqlalchemy import create_engine, select, text
from test_reminders_helpers import PG_URL, sqlite_url, write_knowledge, write_schedules

from bot.config import ROOT
from bot.reminders.store import Store

SGBOT = Path(sys.executable).parent / "sgbot"
AT = "2026-10-26T09:00"  # the Risk Board's 7-day reminder (meeting Monday 2 Nov 2026)
DELAY = 0.5  # seconds per send: 8 in flight at a time, 16 messages/second
LEASE = 2  # seconds: how long a dead sender's in-flight rows wait before a re-send
FIRST_CHAT = 500_000


@pytest.fixture(
    name="database", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def database_fixture(request, tmp_path):
    """A database URL for the processes: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    schema = f"t{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _env(api: FakeBotAPI, tmp_path: Path, url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SGBOT_", "TELEGRAM_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        SGBOT_TELEGRAM_API_URL=api.base_url,
        SGBOT_KNOWLEDGE_DIR=str(write_knowledge(tmp_path / "knowledge")),
        SGBOT_SCHEDULES_DIR=str(write_schedules(tmp_path / "schedules")),
        SGBOT_DATABASE_URL=url,
        SGBOT_NO_CACHE="1",
        SGBOT_SEND_LEASE_SECONDS=str(LEASE),
    )
    return env


def _subscribe(url: str, n: int) -> list[int]:
    chats = [FIRST_CHAT + i for i in range(n)]
    store = Store(url)
    store.subscribe_many(((c, "risk", "meetings") for c in chats), dt.datetime.now(dt.UTC))
    store.close()
    return chats


def _send_due(env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("ab") as err:
        return subprocess.Popen(
            [str(SGBOT), "reminders", "send-due", "--at", AT],
            env=env,
            cwd=ROOT,
            stdout=err,
            stderr=err,
        )


def _wait_for(api: FakeBotAPI, method: str, count: int, procs: list[subprocess.Popen]) -> float:
    """Wait until the server answered ``count`` calls of ``method``; the time of the last."""
    deadline = time.monotonic() + 60
    while len(calls := api.calls_to(method, ok_only=True)) < count:
        assert time.monotonic() < deadline, f"no {count} {method} calls"
        assert any(p.poll() is None for p in procs), "every sender exited early"
        time.sleep(0.01)
    return calls[count - 1]["time"]


def _finish(procs: list[subprocess.Popen], log: Path) -> None:
    for p in procs:
        try:
            p.wait(timeout=90)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            raise AssertionError(log.read_text(errors="replace")) from None


def _delivered(api: FakeBotAPI) -> Counter[int]:
    return Counter(int(c["params"]["chat_id"]) for c in api.calls_to("sendMessage", ok_only=True))


def test_two_overlapping_send_due_processes_send_each_reminder_once(database, tmp_path):
    """A second send-due started while the first is mid fan-out: 0 duplicates, 0 lost."""
    chats = _subscribe(database, 80)
    log = tmp_path / "senders.log"
    with FakeBotAPI() as api:
        api.delay["sendMessage"] = DELAY
        env = _env(api, tmp_path, database)
        first = _send_due(env, log)
        _wait_for(api, "sendMessage", 4, [first])
        second = _send_due(env, log)
        started = _wait_for(api, "getMe", 2, [second])  # the second one is up
        _finish([first, second], log)
        calls = api.calls_to("sendMessage", ok_only=True)
    # the overlap really happened: the first was still sending when the second came up
    assert sum(c["time"] > started for c in calls) >= 16
    assert first.returncode == 0 and second.returncode == 0, log.read_text(errors="replace")
    got = Counter(int(c["params"]["chat_id"]) for c in calls)
    assert sorted(got) == chats, "lost"
    assert [c for c, n in got.items() if n > 1] == [], "duplicates"
    assert not any(c["params"]["text"].startswith("<b>(Re-sent") for c in calls)
    store = Store(database)
    assert store.delivery_counts() == {"sent": len(chats)}
    store.close()


def _in_flight_of(url: str, pid: int) -> set[int]:
    """Chats whose row the process ``pid`` had in flight (``sending``, owned by it)."""
    store = Store(url)
    d = store.deliveries.c
    stmt = select(d.chat_id).where(d.status == "sending")
    if "owner" in d:  # (the code before leases had no owner: any row in flight)
        stmt = stmt.where(d.owner.like(f"%:{pid}:%"))
    with store.engine.connect() as c:
        out = {int(r[0]) for r in c.execute(stmt)}
    store.close()
    return out


def test_three_processes_and_a_kill_lose_nothing_and_duplicate_only_in_flight(database, tmp_path):
    """Three send-due processes, one SIGKILLed mid fan-out: none lost, only its in-flight twice."""
    chats = _subscribe(database, 100)
    log = tmp_path / "senders.log"
    with FakeBotAPI() as api:
        api.delay["sendMessage"] = DELAY
        env = _env(api, tmp_path, database)
        first = _send_due(env, log)
        _wait_for(api, "sendMessage", 4, [first])
        others = [_send_due(env, log), _send_due(env, log)]
        started = _wait_for(api, "getMe", 3, [first, *others])  # all three are up
        sent = len(api.calls_to("sendMessage", ok_only=True))
        _wait_for(api, "sendMessage", sent + 8, [first, *others])
        os.kill(first.pid, signal.SIGKILL)
        killed = time.monotonic()
        first.wait(timeout=10)
        in_flight = _in_flight_of(database, first.pid)
        _finish(others, log)
        time.sleep(max(0.0, killed + LEASE + 0.2 - time.monotonic()))  # its leases expired
        later = _send_due(env, log)  # a later run (cron, or `sgbot run`'s next minute)
        _finish([later], log)
        got = _delivered(api)
        calls = api.calls_to("sendMessage", ok_only=True)
    assert sum(c["time"] > started for c in calls) >= 16  # killed mid fan-out
    assert first.returncode == -signal.SIGKILL
    assert all(p.returncode == 0 for p in [*others, later]), log.read_text(errors="replace")
    assert sorted(got) == chats, "lost"
    doubled = {c for c, n in got.items() if n > 1}
    assert doubled <= in_flight, "duplicates outside the dead sender's in-flight rows"
    assert max(got.values()) <= 2
    assert len(in_flight) <= 8  # at most the sender's concurrency
    for chat in doubled:  # the second copy says so
        texts = [c["params"]["text"] for c in calls if c["params"]["chat_id"] == chat]
        assert sum(t.startswith("<b>(Re-sent") for t in texts) == 1
    store = Store(database)
    assert store.delivery_counts() == {"sent": len(chats)}
    store.close()
