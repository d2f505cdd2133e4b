"""Several `sgbot run` webhook instances on one database, for tests and bench/instances.py.

Fixtures only, no tests. Each instance is a real process: webhook on its own port, metrics
on another, the fake Bot API for Telegram. The schedules hold one meeting reminder due a
minute ago (real clock: `sgbot run` reads it), so the leader fans it out at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from fake_bot_api import FakeBotAPI, get, post_json
from test_reminders_helpers import write_knowledge, write_schedules

SGBOT = Path(sys.executable).parent / "sgbot"
SECRET = "instances-test-secret"
LONDON = ZoneInfo("Europe/London")
FIRST_CHAT = 700_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def due_now_meetings(now: dt.datetime | None = None) -> str:
    """A daily Risk Board meeting whose 1-day reminder fired two minutes ago. The series ends
    two days on: a reminder time between 01:00 and 02:00 (the test run at that hour) does not
    exist on a spring clock-change night, which an open-ended daily series always reaches."""
    now = (now or dt.datetime.now(LONDON)).astimezone(LONDON)
    fired = now - dt.timedelta(minutes=2)
    return (
        "defaults: {time: '10:00', lead_days: [1], remind_at: '"
        + fired.strftime("%H:%M")
        + "', bank_holidays: keep}\n"
        + "meetings:\n  - {body: risk, start: "
        + (fired.date() - dt.timedelta(days=3)).isoformat()
        + ", until: "
        + (fired.date() + dt.timedelta(days=2)).isoformat()
        + ", rrule: FREQ=DAILY, location: Civic Offices}\n"
    )


class Cluster:
    """``n`` instances sharing ``url``; ``start()``, ``leaders()``, ``kill(i)``, ``stop()``."""

    def __init__(
        self,
        api: FakeBotAPI,
        url: str,
        tmp: Path,
        n: int = 3,
        lease: float = 2.0,
        interval: float = 1.0,
    ):
        self.api, self.url, self.tmp, self.n = api, url, tmp, n
        self.log = tmp / "instances.log"
        knowledge = write_knowledge(tmp / "knowledge")
        schedules = write_schedules(
            tmp / "schedules",
            meetings=due_now_meetings(),
            reminders="digest: {day: mon, at: '09:00'}\ndue: {}\noverdue: {}\n",
        )
        self.base_env = {
            k: v for k, v in os.environ.items() if not k.startswith(("SGBOT_", "TELEGRAM_"))
        }
        self.base_env.update(
            TELEGRAM_BOT_TOKEN=api.token,
            SGBOT_TELEGRAM_API_URL=api.base_url,
            SGBOT_KNOWLEDGE_DIR=str(knowledge),
            SGBOT_SCHEDULES_DIR=str(schedules),
            SGBOT_DATABASE_URL=url,
            SGBOT_NO_CACHE="1",
            SGBOT_SEND_LEASE_SECONDS=str(lease),
            SGBOT_DISPATCH_SECONDS=str(interval),
            SGBOT_WEBHOOK_SECRET=SECRET,
            SGBOT_LOG_LEVEL="INFO",
        )
        self.procs: list[subprocess.Popen] = []
        self.update_id = 0
        self.hooks: list[int] = []
        self.metrics_ports: list[int] = []

    def start(self) -> None:
        for _ in range(self.n):
            hook, metrics = free_port(), free_port()
            env = dict(
                self.base_env,
                SGBOT_WEBHOOK_URL=f"http://127.0.0.1:{hook}/telegram",
                SGBOT_WEBHOOK_PORT=str(hook),
                SGBOT_METRICS_PORT=str(metrics),
            )
            with self.log.open("ab") as err:
                self.procs.append(
                    subprocess.Popen([str(SGBOT), "run"], env=env, stdout=err, stderr=err)
                )
            self.hooks.append(hook)
            self.metrics_ports.append(metrics)
        deadline = time.monotonic() + 60
        while not all(self.ready(i) for i in range(self.n)):
            assert time.monotonic() < deadline, self.log.read_text(errors="replace")
            assert all(p.poll() is None for p in self.procs), self.log.read_text(errors="replace")
            time.sleep(0.1)

    def ready(self, i: int) -> bool:
        try:
            return get(f"http://127.0.0.1:{self.metrics_ports[i]}/healthz", timeout=1)[0] == 200
        except OSError:
            return False

    def metric(self, i: int, name: str) -> float | None:
        try:
            status, body = get(f"http://127.0.0.1:{self.metrics_ports[i]}/metrics", timeout=2)
        except OSError:
            return None
        found = re.search(rf"^{re.escape(name)} (\S+)$", body.decode(), re.M)
        return float(found.group(1)) if status == 200 and found else None

    def leaders(self) -> list[int]:
        """Indexes of the live instances whose metrics say they run the dispatcher."""
        return [
            i
            for i, p in enumerate(self.procs)
            if p.poll() is None and self.metric(i, "sgbot_dispatcher_leader") == 1.0
        ]

    def post(self, i: int, update: dict) -> int:
        """Deliver ``update`` to instance ``i``'s webhook, as Telegram would; the status."""
        self.update_id += 1
        status, _ = post_json(
            f"http://127.0.0.1:{self.hooks[i]}/telegram",
            {"update_id": self.update_id, **update},
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        return status

    def kill(self, i: int) -> None:
        os.kill(self.procs[i].pid, signal.SIGKILL)
        self.procs[i].wait(timeout=10)

    def stop(self) -> list[int]:
        """SIGTERM the live instances; their exit codes (killed ones: -9)."""
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
        codes = []
        for p in self.procs:
            try:
                codes.append(p.wait(timeout=30))
            except subprocess.TimeoutExpired:
                p.kill()
                codes.append(p.wait())
        return codes


def max_per_second(times: list[float]) -> int:
    """The most calls in any one-second window."""
    times = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def summary(api: FakeBotAPI, chats: list[int]) -> dict:
    """Lost and doubled reminder chats, from the fake server's own log."""
    calls = [
        c
        for c in api.calls_to("sendMessage", ok_only=True)
        if int(c["params"]["chat_id"]) >= FIRST_CHAT
    ]
    got: dict[int, int] = {}
    for c in calls:
        chat = int(c["params"]["chat_id"])
        got[chat] = got.get(chat, 0) + 1
    return {
        "lost": sorted(set(chats) - set(got)),
        "doubled": sorted(c for c, n in got.items() if n > 1),
        "times": [c["time"] for c in calls],
    }


__all__ = ["Cluster", "FIRST_CHAT", "json", "max_per_second", "summary"]
