"""The command line as a newcomer meets it: help, version, argument checks, headers, and
a console chat that subscribes nothing behind the user's back."""

from __future__ import annotations

import datetime as dt
import json

from test_cli_ask import sgbot

from bot import __version__
from bot.config import Settings
from bot.reminders.store import Store


def _env(tmp_path) -> dict:
    return {"SGBOT_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", "SGBOT_NO_CACHE": "1"}


def test_version_and_help_describe_every_command():
    """`--version` prints the version; `--help` describes each command on its own line;
    `run --help` lists the environment settings."""
    version = sgbot("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"sgbot {__version__}"
    top = sgbot("--help").stdout
    assert "    reminders  list the reminders due, or send them (cron)" in top
    assert "    unanswered  questions the bot could not answer" in sgbot("kb", "--help").stdout
    run = sgbot("run", "--help").stdout
    for name in ("TELEGRAM_BOT_TOKEN", "SGBOT_ALLOWED_CHATS", "SGBOT_ADMINS", "SGBOT_DATABASE_URL"):
        assert name in run


def test_reminders_list_refuses_days_in_the_past(tmp_path):
    """`reminders list --days -3` is a usage error, not "Next -3 days"."""
    out = sgbot("reminders", "list", "--days", "-3", env=_env(tmp_path))
    assert out.returncode == 2
    assert "--days: must be 1 or more, not -3" in out.stderr and out.stdout == ""


def test_jsonl_without_a_question_is_an_error_line(tmp_path):
    """`{"q": 1}` or a number as the question gets a JSON error, not the help answer."""
    lines = ['{"q": 1}', '{"question": 1}', "[1]", '{"question": "what is SAR"}']
    out = sgbot("ask", "--jsonl", stdin="\n".join(lines) + "\n", env=_env(tmp_path))
    got = [json.loads(line) for line in out.stdout.splitlines()]
    assert [sorted(g) for g in got[:3]] == [["error"]] * 3
    assert '"question" must be a non-empty string' in got[0]["error"]
    assert got[3]["kind"] == "glossary" and out.returncode == 1


def test_unanswered_has_column_headers(tmp_path):
    """`kb unanswered` names its columns above the rows."""
    from bot.engine.unanswered import record
    from bot.kb.loader import load_knowledge

    settings = Settings(database_url=_env(tmp_path)["SGBOT_DATABASE_URL"])
    kb = load_knowledge(settings.knowledge_dir)
    record(settings, "zzqx unknown thing", dt.datetime(2026, 12, 1, 11, tzinfo=dt.UTC), kb)
    out = sgbot("kb", "unanswered", env=_env(tmp_path))
    assert out.returncode == 0, out.stderr
    header, row = out.stdout.splitlines()[:2]
    assert header.split() == ["asked", "last", "asked", "question", "(masked)"]
    assert row.split()[:2] == ["1", "2026-12-01"]


def test_console_chat_subscribes_nothing_unless_asked(tmp_path):
    """`sgbot chat` leaves the subscriptions alone; `--reminders` follows everything only
    while it runs, so `reminders list` shows no console chat afterwards."""
    env = _env(tmp_path)
    plain = sgbot("chat", stdin="what is marac\nquit\n", env=env)
    assert plain.returncode == 0 and "Reminders on" not in plain.stdout
    url = env["SGBOT_DATABASE_URL"]
    store = Store(url)
    assert store.subscriptions() == []
    store.close()
    on = sgbot("chat", "--reminders", stdin="what is marac\nquit\n", env=env)
    assert on.returncode == 0 and "Reminders on" in on.stdout
    store = Store(url)
    assert store.subscriptions() == []
    store.close()
    listed = sgbot("reminders", "list", env=env)
    assert "-> chat 0" not in listed.stdout and "-> 0 chat(s)" in listed.stdout
