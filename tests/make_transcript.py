"""Write docs/telegram-first-use.md: /start, /help, /actions (and its first page) and the
Monday digest as a practitioner sees them, from the real bot talking to the fake Bot API.

    .venv/bin/python tests/make_transcript.py > docs/telegram-first-use.md
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("PTB_TIMEDELTA", "true")
from fake_bot_api import FakeBotAPI
from test_telegram_helpers import TOKEN, bot_settings, knowledge_copy, running_bot

from bot.reminders.telegram_commands import register
from bot.testing import FixedClock


def show(params):
    """A message as Markdown quote lines: bold and italic kept, buttons in brackets."""
    text = params["text"]
    if params.get("parse_mode") == "HTML":
        text = re.sub(r"</?b>", "**", text)
        text = re.sub(r"</?i>", "_", text)
        text = html.unescape(text)
    out = []
    for line in text.split("\n"):
        out.append("> " + line if line else ">")
    for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
        out.append(">")
        out.append("> " + "  ".join(f"[ {b['text']} ]" for b in row))
    return "\n".join(out)


async def main():
    tmp = Path(tempfile.mkdtemp())
    kd = knowledge_copy(tmp / "knowledge")
    with FakeBotAPI(token=TOKEN) as api:
        settings = bot_settings(kd, api, tmp)
        clock = FixedClock("2026-11-30T08:59")
        parts = []
        async with running_bot(settings, clock, plugins=[register]) as app:

            async def say(text):
                n = len(api.calls_to("sendMessage", ok_only=True))
                api.push_update(api.make_message(42, text))
                await api.await_for("sendMessage", n + 1)
                await asyncio.sleep(0.3)
                return api.calls_to("sendMessage", ok_only=True)[n:]

            async def press(data, mid):
                n = len(api.calls_to("sendMessage", ok_only=True))
                api.push_update(api.make_callback(42, data, message_id=mid))
                await api.await_for("sendMessage", n + 1)
                return api.calls_to("sendMessage", ok_only=True)[-1]

            for cmd in ["/start", "/help", "/actions"]:
                calls = await say(cmd)
                parts.append((cmd, [c["params"] for c in calls]))
                last = calls[-1]
            page = await press("acts:all", last["result"]["message_id"])
            parts.append(("(taps “Show the actions”)", [page["params"]]))
            await say("/subscribe all actions")
            clock.set("2026-11-30T09:00")
            await app.bot_data["reminders"].dispatcher.run(clock())
            digest = api.calls_to("sendMessage", ok_only=True)[-1]
            parts.append(("(Monday 09:00: the weekly digest)", [digest["params"]]))
            app.bot_data["reminders"].store.close()
    print("# What a practitioner sees first (Telegram)\n")
    print("Made by `tests/make_transcript.py`: the real bot, talking to the fake Bot API, on")
    print("Monday 30 November 2026 at 08:59 (the digest at 09:00). Bold and italic as Telegram")
    print("shows them; buttons in brackets.\n")
    for cmd, msgs in parts:
        print(f"### {cmd}\n")
        for p in msgs:
            print(show(p) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
