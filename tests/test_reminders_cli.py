"""`sgbot calendar` and `sgbot reminders list|send-due` on a temporary data set."""

from __future__ import annotations

import argparse
import datetime as dt

import icalendar
from test_reminders_helpers import settings_for

from bot.reminders import cli
from bot.reminders.store import Store


def test_calendar_command_writes_ics_to_stdout(tmp_path, capsysbinary):
    """`sgbot calendar --board risk` prints an iCalendar with CRLF line ends."""
    settings = settings_for(tmp_path)
    rc = cli.cmd_calendar(settings, argparse.Namespace(board="risk", at="2026-01-01T00:00"))
    out = capsysbinary.readouterr().out
    assert rc == 0 and out.startswith(b"BEGIN:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(out)
    assert len(cal.walk("VEVENT")) == 12


def test_calendar_command_rejects_an_unknown_board(tmp_path, capsys):
    """An unknown --board exits 2 and names the known ones."""
    settings = settings_for(tmp_path)
    rc = cli.cmd_calendar(settings, argparse.Namespace(board="nope", at=None))
    assert rc == 2 and "known: management-board, risk" in capsys.readouterr().err


def test_list_shows_what_is_due_and_what_is_next(tmp_path, capsys):
    """`reminders list --at` shows the due 7-day reminder and the coming ones with chat counts."""
    settings = settings_for(tmp_path)
    store = Store(settings.database_url)
    store.subscribe(5, "risk", "meetings", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    store.close()
    args = argparse.Namespace(reminders_command="list", at="2026-10-26T09:30", days=7)
    assert cli.cmd_reminders(settings, args) == 0
    out = capsys.readouterr().out
    assert "  meeting:risk:7d 2026-11-02T10:00 -> chat 5" in out
    assert (
        "Sun 01 Nov 2026 09:00  Risk Board meeting Monday 2 November 2026, 10:00 (UK time) (1-day reminder)  -> 1 chat(s)"
        in out
    )


def test_send_due_without_token_prints_and_leaves_the_log_alone(tmp_path, capsys):
    """Without TELEGRAM_BOT_TOKEN send-due prints the messages and records nothing."""
    settings = settings_for(tmp_path)
    store = Store(settings.database_url)
    store.subscribe(5, "risk", "meetings", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    args = argparse.Namespace(reminders_command="send-due", at="2026-10-26T09:00")
    assert cli.cmd_reminders(settings, args) == 0
    out = capsys.readouterr().out
    assert "--- to chat 5 (meeting:risk:7d 2026-11-02T10:00)\nReminder: the Risk Board" in out
    assert store.delivery_counts() == {}
    store.close()


def test_console_reminders_print_due_reminders_once(tmp_path):
    """The console thread emits the due reminders for chat 0 and stops when asked."""
    import threading

    from bot.kb.loader import load_knowledge
    from bot.reminders.service import start_console_reminders
    from bot.testing import FixedClock

    settings = settings_for(tmp_path)
    got: list[str] = []
    done = threading.Event()

    def emit(text: str) -> None:
        got.append(text)
        if len(got) >= 2:
            done.set()

    kb = load_knowledge(settings.knowledge_dir)
    stop = start_console_reminders(
        settings, kb, emit, clock=FixedClock("2026-10-26T09:00"), interval=0.05
    )
    try:
        assert done.wait(10)
    finally:
        stop()
    assert sorted(t.split(":")[0] for t in got) == ["Reminder", "Weekly digest"]
    store = Store(settings.database_url)
    assert store.delivery_counts() == {"sent": 2}
    store.close()


def test_send_due_with_a_token_sends_through_the_bot_api(tmp_path, capsys):
    """With a token and SGBOT_TELEGRAM_API_URL, send-due sends once; a second run sends none."""
    from fake_bot_api import FakeBotAPI

    with FakeBotAPI(limit_per_second=1000) as api:
        settings = settings_for(
            tmp_path, telegram_token="123456:TEST", telegram_api_url=api.base_url
        )
        store = Store(settings.database_url)
        for chat in (5, 6):
            store.subscribe(chat, "risk", "meetings", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        args = argparse.Namespace(reminders_command="send-due", at="2026-10-26T09:00")
        assert cli.cmd_reminders(settings, args) == 0
        assert cli.cmd_reminders(settings, args) == 0
        sent = sorted(int(c["params"]["chat_id"]) for c in api.calls_to("sendMessage", True))
    out = capsys.readouterr().out.splitlines()
    assert sent == [5, 6]
    assert out[0].startswith("sent 2 (delayed 0)") and out[1].startswith("sent 0 ")
    assert store.delivery_counts() == {"sent": 2}
    store.close()
