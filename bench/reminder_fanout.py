"""Fan-out benchmark: one meeting reminder to many chats through a fake Bot API server.

    .venv/bin/python bench/reminder_fanout.py                 # 10,000 chats, 30/s, one kill
    .venv/bin/python bench/reminder_fanout.py --chats 300 --no-kill
    .venv/bin/python bench/reminder_fanout.py --database-url postgresql+psycopg://...

The parent starts the fake server of the tests (``tests/fake_bot_api.py``: Telegram's default 30 messages/second overall,
answering 429 with retry_after beyond it), subscribes the chats, and runs the sender
(``sgbot``'s dispatcher with a ``telegram.Bot``) in a subprocess. With ``--kill-after K``
(default: half the chats) it kill -9s the sender after the server has taken K messages,
starts it again once the dead sender's leases (``--lease``, default 2 s) have expired, and
waits for the fan-out to finish. ``--kill-mode after-send`` has the
server kill it instead, right after accepting message K and before replying: the one case
where a message is delivered but never recorded, so it is sent again (at-least-once). It then prints messages per second
against the limit and counts lost and duplicate messages from the server's own log.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the fake Bot API server the tests use

from fake_bot_api import FakeBotAPI  # noqa: E402

TOKEN = "123456:BENCH"
AT = "2026-10-26T09:00"  # the Risk Board's 7-day reminder (meeting Monday 2 Nov 2026)

MEETINGS = """\
defaults: {time: "10:00", lead_days: [7, 1], remind_at: "09:00", bank_holidays: move}
meetings:
  - {body: risk, start: 2026-01-01, rrule: "FREQ=MONTHLY;BYDAY=1MO", location: Civic Offices}
"""
REMINDERS = "digest: {day: mon, at: '09:00'}\ndue: {}\noverdue: {}\n"
KNOWLEDGE = {
    "glossary.yaml": "terms: []\n",
    "contacts.yaml": "contacts: []\n",
    "boards.yaml": "boards:\n  - {id: risk, name: Risk Board, kind: affiliated, source: bench}\n",
    "agencies.yaml": "agencies:\n"
    + "".join(
        f"  - {{id: {a}, name: {a.upper()}, source: bench}}\n" for a in ("mkc", "mkccg", "tvp")
    ),
    "actions.yaml": "actions: []\n",
}


class KillingBotAPI(FakeBotAPI):
    """The fake server that, in ``after-send`` mode, kills the sender itself: right after it
    has accepted message ``kill_at`` and before the reply leaves, so the message is delivered
    but the sender never learns it (the at-least-once window, made to happen)."""

    def __init__(self, *args, kill_at: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.kill_at = kill_at
        self.victim: subprocess.Popen | None = None
        self.killed = threading.Event()
        self._count = 0
        self._count_lock = threading.Lock()

    def answer(self, method, params):
        status, reply = super().answer(method, params)
        if method == "sendMessage" and status == 200 and self.kill_at and self.victim:
            with self._count_lock:
                self._count += 1
                if self._count >= self.kill_at and not self.killed.is_set():
                    os.kill(self.victim.pid, signal.SIGKILL)
                    self.killed.set()
        return status, reply


def accepted(api: FakeBotAPI) -> list[tuple[float, int]]:
    """(time, chat id) of every sendMessage the server accepted, in order."""
    return [(c["time"], int(c["params"]["chat_id"])) for c in api.calls_to("sendMessage", True)]


def write_data(directory: Path) -> tuple[Path, Path]:
    kdir, sdir = directory / "knowledge", directory / "schedules"
    kdir.mkdir(parents=True, exist_ok=True)
    sdir.mkdir(parents=True, exist_ok=True)
    (kdir / "partnership.yaml").write_text(
        (ROOT / "knowledge" / "partnership.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for name, text in KNOWLEDGE.items():
        (kdir / name).write_text(text, encoding="utf-8")
    (sdir / "meetings.yaml").write_text(MEETINGS, encoding="utf-8")
    (sdir / "reminders.yaml").write_text(REMINDERS, encoding="utf-8")
    return kdir, sdir


# -- the sender (child process) -----------------------------------------------------------


def child(args: argparse.Namespace) -> int:
    """Run the dispatcher once against the server, as ``sgbot reminders send-due`` does."""
    logging.basicConfig(level=logging.WARNING, format="child: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from telegram import Bot
    from telegram.request import HTTPXRequest

    from bot.kb.loader import load_knowledge
    from bot.reminders.dispatcher import Dispatcher
    from bot.reminders.schedules import load_schedules
    from bot.reminders.senders import TelegramSender
    from bot.reminders.store import Store
    from bot.testing import local_time

    kb = load_knowledge(args.knowledge)
    schedules = load_schedules(args.schedules, kb)
    store = Store(args.database_url, args.prefix)
    now = local_time(AT) + dt.timedelta(seconds=args.offset)

    async def main() -> int:
        request = HTTPXRequest(connection_pool_size=args.concurrency * 2)
        bot = Bot(TOKEN, base_url=args.api, request=request)
        async with bot:
            sender = TelegramSender(bot)
            d = Dispatcher(
                store,
                schedules,
                kb,
                sender,
                rate=args.rate,
                concurrency=args.concurrency,
                batch=args.batch,
                lease=dt.timedelta(seconds=args.lease),
            )
            sender.pause = d.pacer.pause
            recovered = d.recover()
            report = await d.run(now)
        print(
            json.dumps(
                {
                    "recovered": recovered,
                    "sent": report.sent,
                    "retried": report.retried,
                    "failed": report.failed,
                    "retry_after": sender.retry_afters,
                }
            ),
            flush=True,
        )
        return 0

    try:
        return asyncio.run(main())
    finally:
        store.close()


# -- the parent -----------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict:
    from bot.reminders.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="sgbot-bench-"))
    kdir, sdir = write_data(tmp)
    url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    prefix = f"bench{os.getpid()}_" if args.database_url else ""
    store = Store(url, prefix)
    now = dt.datetime.now(dt.UTC)
    store.subscribe_many(((1_000_000 + i, "risk", "meetings") for i in range(args.chats)), now)
    kill_after = args.kill_after if args.kill_after is not None else args.chats // 2
    if args.no_kill:
        kill_after = 0

    def spawn(offset: int) -> subprocess.Popen:
        cmd = [
            sys.executable, str(Path(__file__).resolve()), "--child",
            "--api", api.base_url, "--database-url", url, "--prefix", prefix,
            "--knowledge", str(kdir), "--schedules", str(sdir),
            "--rate", str(args.rate), "--concurrency", str(args.concurrency),
            "--batch", str(args.batch), "--offset", str(offset), "--lease", str(args.lease),
        ]  # fmt: skip
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)

    result: dict = {
        "chats": args.chats,
        "limit_per_second": args.limit,
        "kill_mode": args.kill_mode,
    }
    after_send = kill_after if args.kill_mode == "after-send" else 0
    with KillingBotAPI(TOKEN, limit_per_second=args.limit, kill_at=after_send) as api:
        start = time.monotonic()
        proc = spawn(0)
        api.victim = proc
        kills = 0
        if after_send:  # the server kills it from inside, between accepting and replying
            while not api.killed.wait(0.05) and proc.poll() is None:
                pass
            if api.killed.is_set():
                proc.communicate()
                kills = 1
                result["killed_at_message"] = len(api.calls_to("sendMessage", True))
                api.victim = None
                time.sleep(args.lease)  # its in-flight rows are re-sent once the lease expired
                proc = spawn(60)
        elif kill_after:
            while len(api.calls_to("sendMessage", True)) < kill_after and proc.poll() is None:
                time.sleep(0.005)
            time.sleep(random.uniform(0, 1 / max(args.rate, 1)))  # a random moment
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                proc.communicate()
                kills = 1
                result["killed_at_message"] = len(api.calls_to("sendMessage", True))
                time.sleep(args.lease)  # its in-flight rows are re-sent once the lease expired
                proc = spawn(60)  # restarted a minute later (still within the grace window)
        out, _ = proc.communicate(timeout=args.chats / max(args.rate, 1) * 3 + 120)
        elapsed = time.monotonic() - start
        sent = accepted(api)
        stamps = [t for t, _ in sent]
        counts = Counter(chat for _, chat in sent)
        expected = {1_000_000 + i for i in range(args.chats)}
        lost = len(expected - set(counts))
        dups = sum(n - 1 for n in counts.values() if n > 1)
        span = (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
        # sustained rate: the busiest stretches, i.e. excluding the restart gap
        gaps = sorted((b - a for a, b in zip(stamps, stamps[1:], strict=False)), reverse=True)
        busy = span - (gaps[0] if kills and gaps else 0.0)
        result.update(
            messages=len(stamps),
            lost=lost,
            duplicates=dups,
            kills=kills,
            elapsed_s=round(elapsed, 2),
            rate_overall=round(len(stamps) / span, 2) if span else None,
            rate_sustained=round((len(stamps) - 1) / busy, 2) if busy > 0 else None,
            server_429=api.rejected_429,
            child=json.loads(out.strip().splitlines()[-1]) if out.strip() else None,
            db_counts=store.delivery_counts(),
        )
    if args.database_url:
        store.drop_all()
    store.close()
    result["percent_of_limit"] = (
        round(100 * result["rate_sustained"] / args.limit, 1) if result["rate_sustained"] else None
    )
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--chats", type=int, default=10_000)
    p.add_argument("--limit", type=float, default=30.0, help="server limit, messages/second")
    p.add_argument("--rate", type=float, default=29.0, help="sender pace, messages/second")
    p.add_argument("--concurrency", type=int, default=4)
    p.add_argument("--batch", type=int, default=200)
    p.add_argument("--kill-after", type=int, default=None, help="kill -9 after K messages")
    p.add_argument("--no-kill", action="store_true")
    p.add_argument(
        "--kill-mode",
        choices=["random", "after-send"],
        default="random",
        help="kill at a random moment (default) or right after the server accepted a message",
    )
    p.add_argument("--lease", type=float, default=2.0, help="the sender's lease, seconds")
    p.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    p.add_argument("--json", action="store_true", help="print the result as JSON only")
    # child mode
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--api", help=argparse.SUPPRESS)
    p.add_argument("--prefix", default="", help=argparse.SUPPRESS)
    p.add_argument("--knowledge", help=argparse.SUPPRESS)
    p.add_argument("--schedules", help=argparse.SUPPRESS)
    p.add_argument("--offset", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        return child(args)
    result = run(args)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"reminder fan-out: {result['chats']} chats, server limit {args.limit:g}/s")
        print(
            f"  sent {result['messages']} messages in {result['elapsed_s']} s "
            f"(kills: {result['kills']} ({args.kill_mode}), server 429s: {result['server_429']})"
        )
        print(
            f"  rate {result['rate_sustained']}/s sustained = {result['percent_of_limit']}% "
            f"of the limit ({result['rate_overall']}/s including the restart)"
        )
        print(f"  lost {result['lost']}, duplicates {result['duplicates']}")
        print(f"  delivery log: {result['db_counts']}")
    ok = result["lost"] == 0 and result["duplicates"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
