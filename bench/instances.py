"""Several `sgbot run` webhook instances on one PostgreSQL database: fan-out, kill, takeover.

    .venv/bin/python bench/instances.py                       # 3 instances, 1,000 chats
    .venv/bin/python bench/instances.py --chats 300 --instances 5 --interval 60

Starts the fake Bot API of the tests (Telegram's 30 messages/second overall, 429 beyond),
N real `sgbot run` processes in webhook mode on a fresh PostgreSQL schema, and a meeting
reminder due now for ``--chats`` subscribed chats. When the fan-out is at ``--kill-at``
(default: a third) it SIGKILLs the instance whose /metrics says it leads, then waits for
the rest. Prints the fan-out rate, the busiest second, the 429s, how long until another
instance sent (takeover), and lost and doubled messages from the server's own log.
``--interval`` is SGBOT_DISPATCH_SECONDS (how often each instance wakes up: a takeover takes
at most one interval, plus the lease for the dead leader's in-flight messages).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the fake Bot API server and the cluster helper

from fake_bot_api import FakeBotAPI  # noqa: E402
from instances import FIRST_CHAT, Cluster, max_per_second, summary  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from bot.reminders.store import Store  # noqa: E402

PG_URL = os.environ.get(
    "SGBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--instances", type=int, default=3)
    p.add_argument("--chats", type=int, default=1000)
    p.add_argument("--kill-at", type=int, help="messages sent before the kill (default: a third)")
    p.add_argument("--interval", type=float, default=5.0, help="SGBOT_DISPATCH_SECONDS")
    p.add_argument("--lease", type=float, default=10.0, help="SGBOT_SEND_LEASE_SECONDS")
    p.add_argument("--delay", type=float, default=0.05, help="fake server seconds per send")
    args = p.parse_args()
    kill_at = args.kill_at if args.kill_at is not None else args.chats // 3
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    try:
        return _run(args, url, kill_at)
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _run(args: argparse.Namespace, url: str, kill_at: int) -> int:
    chats = [FIRST_CHAT + i for i in range(args.chats)]
    store = Store(url)
    store.subscribe_many(((c, "risk", "meetings") for c in chats), dt.datetime.now(dt.UTC))
    store.close()
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI(limit_per_second=30) as api:
        api.delay["sendMessage"] = args.delay
        cluster = Cluster(
            api, url, Path(tmp), n=args.instances, lease=args.lease, interval=args.interval
        )
        started = time.time()
        cluster.start()
        up = time.time() - started
        try:
            while len(summary(api, chats)["times"]) < kill_at:
                time.sleep(0.01)
            leaders = cluster.leaders()
            killed_at = time.time()
            cluster.kill(leaders[0])
            deadline = time.monotonic() + 600
            while summary(api, chats)["lost"] and time.monotonic() < deadline:
                time.sleep(0.05)
            new_leaders = cluster.leaders()
        finally:
            cluster.stop()
        result = summary(api, chats)
    times = sorted(result["times"])
    after = [t for t in times if t > killed_at]
    sending = (times[-1] - times[0]) if len(times) > 1 else 0.0
    print(f"instances               {args.instances} (leaders before the kill: {len(leaders)})")
    print(f"chats                   {args.chats}")
    print(f"start-up of all         {up:.1f} s")
    print(f"fan-out                 {sending:.1f} s, {len(times) / max(sending, 1e-9):.1f} msg/s")
    print(f"busiest second          {max_per_second(times)} messages (limit 30)")
    print(f"429 answers             {api.rejected_429}")
    before = [t for t in times if t <= killed_at]
    pause = max((b - a for a, b in zip([killed_at, *after], after, strict=False)), default=0.0)
    rate = len(before) / max(before[-1] - before[0], 1e-9) if len(before) > 1 else 0.0
    print(f"rate before the kill    {rate:.1f} msg/s (one leader pacing at 29/s)")
    print(
        f"killed the leader after {kill_at} messages; longest pause after it "
        f"{pause:.1f} s (interval {args.interval:g} s, lease {args.lease:g} s)"
    )
    print(f"leaders after           {len(new_leaders)}")
    print(f"lost                    {len(result['lost'])}")
    print(f"doubled                 {len(result['doubled'])} (the dead leader's in-flight, ≤ 8)")
    return 0 if not result["lost"] and len(leaders) == 1 == len(new_leaders) else 1


if __name__ == "__main__":
    sys.exit(main())
