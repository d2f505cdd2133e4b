"""The allow-list holds for reminders too: `sgbot reminders send-due` skips other chats."""

from __future__ import annotations

import argparse
import datetime as dt
import logging

from fake_bot_api import FakeBotAPI

from bot.config import Settings
from bot.reminders import cli
from bot.reminders.store import Store

ALLOWED, GONE = 1001, 2002


def test_send_due_skips_chats_no_longer_allowed_and_keeps_them_subscribed(tmp_path, caplog):
    """Chat 2002 subscribed before SGBOT_ALLOWED_CHATS=1001: no digest, no meeting reminder."""
    url = f"sqlite:///{tmp_path / 'sgbot.sqlite3'}"
    store = Store(url)
    before = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    for chat in (ALLOWED, GONE):  # what `/subscribe all` stores
        store.subscribe(chat, "all", "meetings", before)
        store.subscribe(chat, "all", "actions", before)
    store.close()
    with FakeBotAPI() as api:
        defaults = Settings()
        settings = Settings(
            knowledge_dir=defaults.knowledge_dir,
            schedules_dir=defaults.schedules_dir,
            database_url=url,
            telegram_token=api.token,
            telegram_api_url=api.base_url,
            allowed_chats=frozenset({ALLOWED}),
            cache_dir=None,
        )
        args = argparse.Namespace(reminders_command="send-due", at="2027-01-04T09:00", wait=0)
        with caplog.at_level(logging.WARNING, logger="sgbot.reminders"):
            assert cli.cmd_reminders(settings, args) == 0
        to_allowed = api.sent_texts(ALLOWED)
        to_gone = api.sent_texts(GONE)
    assert any(t.startswith("<b>Weekly digest") for t in to_allowed)
    assert any(t.startswith("<b>Reminder: the Risk Board") for t in to_allowed)
    assert to_gone == []
    logged = [r.getMessage() for r in caplog.records]
    assert sum(f"chat {GONE} is not on the allow-list" in m for m in logged) == 2
    store = Store(url)
    assert len(store.subscriptions(GONE)) == 2  # kept: allowing it again resumes reminders
    assert {s for k, o, c, s in store.deliveries_for(GONE)} == {"dropped"}
    store.close()
