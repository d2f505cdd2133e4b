"""Three `sgbot run` webhook instances on one PostgreSQL database (the multi-instance set-up).

Any instance answers; exactly one runs the reminder dispatcher; when it is killed mid
fan-out another takes over, no reminder is lost, only the dead leader's in-flight ones may
go twice, and the whole bot stays within Telegram's 30 messages/second.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from fake_bot_api import FakeBotAPI
from instances import FIRST_CHAT, Cluster, max_per_second, summary
from sqlalchemy import create_engine, select, text
from test_reminders_helpers import PG_URL

from bot.reminders.store import Store

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]
CHATS = 150
DELAY = 0.2  # seconds per send: 8 in flight, the 29/s pace is what limits


@pytest.fixture(name="pg_url")
def pg_url_fixture():
    """A PostgreSQL URL with a schema of its own (the instances' tables have no prefix)."""
    schema = f"inst_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _counts(url: str) -> dict[str, int]:
    store = Store(url)
    try:
        return store.delivery_counts()
    finally:
        store.close()


def _in_flight(url: str, pid: int) -> set[int]:
    store = Store(url)
    d = store.deliveries.c
    with store.engine.connect() as c:
        rows = c.execute(select(d.chat_id).where(d.status == "sending", d.owner.like(f"%:{pid}:%")))
        out = {int(r[0]) for r in rows}
    store.close()
    return out


def test_three_instances_one_dispatcher_takeover_after_a_kill(pg_url, tmp_path):
    """Kill the leader mid fan-out: 0 lost, doubles only its in-flight, <= 30 msg/s overall."""
    store = Store(pg_url)
    chats = [FIRST_CHAT + i for i in range(CHATS)]
    store.subscribe_many(((c, "risk", "meetings") for c in chats), dt.datetime.now(dt.UTC))
    store.close()
    with FakeBotAPI(limit_per_second=30) as api:
        api.delay["sendMessage"] = DELAY
        cluster = Cluster(api, pg_url, tmp_path)
        try:
            cluster.start()
            for i in range(3):  # any instance answers
                assert cluster.post(i, api.make_message(100 + i, "what is MARAC")) == 200
            deadline = time.monotonic() + 30
            while len(summary(api, chats)["times"]) < 40:  # mid fan-out
                assert time.monotonic() < deadline, cluster.log.read_text(errors="replace")
                time.sleep(0.01)
            leaders = cluster.leaders()
            assert len(leaders) == 1, "exactly one instance runs the dispatcher"
            (leader,) = leaders
            pid = cluster.procs[leader].pid
            cluster.kill(leader)
            killed = time.time()
            in_flight = _in_flight(pg_url, pid)
            deadline = time.monotonic() + 90
            while summary(api, chats)["lost"] or _counts(pg_url) != {"sent": CHATS}:
                assert time.monotonic() < deadline, f"not all sent: {_counts(pg_url)}"
                time.sleep(0.1)
            took_over = [i for i in cluster.leaders() if i != leader]
            codes = cluster.stop()
        except BaseException:
            cluster.stop()
            raise
        answered = {int(c["params"]["chat_id"]) for c in api.calls_to("sendMessage", ok_only=True)}
        result = summary(api, chats)
    assert {100, 101, 102} <= answered
    assert len(took_over) == 1, "another instance took the dispatcher over"
    assert [c for i, c in enumerate(codes) if i != leader] == [0, 0]
    after = [t for t in result["times"] if t > killed]
    assert after and after[0] - killed < 60, "takeover within a minute"
    assert result["lost"] == []
    assert set(result["doubled"]) <= in_flight and len(in_flight) <= 8
    assert max_per_second(result["times"]) <= 30
