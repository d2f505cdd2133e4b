"""With the database down (a closed port) or gone mid-run: answers still go out, commands that
need it say so in one line, `sgbot run` keeps running and reminders resume when it is back."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy
from fake_bot_api import FakeBotAPI
from tcp_proxy import TcpProxy, closed_port
from test_reminders_helpers import PG_URL, settings_for
from test_telegram_helpers import TOKEN, USER, knowledge_copy, running_bot, settle

from bot.config import ROOT
from bot.testing import FixedClock

SGBOT = Path(sys.executable).parent / "sgbot"
UNAVAILABLE = "The database is unavailable for now, try again later."


def _down_url() -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/test"


def _env(tmp_path: Path, url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SGBOT_", "TELEGRAM_"))}
    env.pop("PTB_TIMEDELTA", None)
    env.update(
        SGBOT_KNOWLEDGE_DIR=str(knowledge_copy(tmp_path / "knowledge")),
        SGBOT_DATABASE_URL=url,
        SGBOT_NO_CACHE="1",
        **extra,
    )
    return env


def _sgbot(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SGBOT), *args], env=env, cwd=ROOT, input=stdin, capture_output=True, text=True
    )


def test_ask_answers_before_recording_when_the_database_is_down(tmp_path):
    """`sgbot ask` of an unknown question prints the answer; the lost record is one line."""
    out = _sgbot(_env(tmp_path, _down_url()), "ask", "zzqx unknown thing")
    assert out.returncode == 0
    assert out.stdout.startswith("Sorry, I don't know that from the report.")
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(
        "unanswered questions are not recorded (OperationalError): "
        "the database is unavailable for now, try again later"
    )


def test_chat_answers_every_line_when_the_database_is_down(tmp_path):
    """`sgbot chat` answers every question; the missing record is logged once, no traceback."""
    out = _sgbot(_env(tmp_path, _down_url()), "chat", stdin="zzqx one\nwhat is mash\nzzqx two\n")
    assert out.returncode == 0
    assert "Multi-Agency Safeguarding Hub" in out.stdout
    assert out.stdout.count("Sorry, I don't know that from the report.") == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.count("unanswered questions are not recorded") == 1


@pytest.mark.parametrize(
    "args", [("reminders", "list"), ("reminders", "send-due"), ("kb", "unanswered")]
)
def test_commands_needing_the_database_say_so_in_one_line(tmp_path, args):
    """reminders list, send-due and kb unanswered: one line, exit 75 (try later), no traceback."""
    out = _sgbot(_env(tmp_path, _down_url()), *args)
    assert out.returncode == 75
    assert out.stderr.strip().splitlines() == [
        "sgbot: the database is unavailable for now, try again later (OperationalError)"
    ]


@pytest.mark.parametrize("url", ["nonsense", "postgresql+nosuchdriver://x@127.0.0.1/db"])
def test_a_malformed_database_url_is_a_configuration_error(tmp_path, url):
    """A URL that cannot be parsed or names a missing driver exits 2 (no restart) in one line."""
    out = _sgbot(_env(tmp_path, url), "reminders", "list")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sgbot: configuration error: SGBOT_DATABASE_URL")


@pytest.mark.e2e
def test_sgbot_run_starts_without_the_database_and_keeps_retrying(tmp_path):
    """`sgbot run` on a closed port answers, says /subscribe is unavailable, logs each retry."""
    with FakeBotAPI(token=TOKEN) as api:
        env = _env(tmp_path, _down_url(), TELEGRAM_BOT_TOKEN=api.token)
        env["SGBOT_TELEGRAM_API_URL"] = api.base_url
        log = tmp_path / "sgbot.log"
        with log.open("wb") as err:
            proc = subprocess.Popen(
                [str(SGBOT), "run"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err
            )
        try:
            api.wait_for("getUpdates", timeout=30)
            api.push_update(api.make_message(USER, "what is marac"))
            api.push_update(api.make_message(USER, "zzqx unknown thing"))
            api.push_update(api.make_message(USER, "/subscribe risk meetings"))
            api.wait_for("sendMessage", 3, timeout=15)
            for _ in range(300):  # the retries go on: wait for the third attempt's line
                if "(attempt 3:" in log.read_text(errors="replace"):
                    break
                api.wait_for("getUpdates", count=len(api.calls_to("getUpdates")) + 1)
            assert proc.poll() is None, "sgbot run exited"
        finally:
            proc.terminate()
            code = proc.wait(timeout=15)
        texts = api.sent_texts(USER)
    text = log.read_text(errors="replace")
    assert code == 0
    assert "Multi-Agency Risk Assessment Conference" in texts[0]
    assert "don't know that from the report" in texts[1]
    assert texts[2] == UNAVAILABLE
    assert "Traceback" not in text
    attempts = [line for line in text.splitlines() if "the database is unavailable for now" in line]
    assert [f"(attempt {n}:" in attempts[n - 1] for n in (1, 2, 3)] == [True] * 3


@pytest.fixture(name="pg_schema")
def pg_schema_fixture():
    """A private PostgreSQL schema (the plugin's tables have no prefix), dropped afterwards."""
    schema = f"outage_{uuid.uuid4().hex[:10]}"
    engine = sqlalchemy.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    yield schema
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.e2e
async def test_telegram_commands_while_the_database_comes_and_goes(tmp_path, pg_schema, caplog):
    """Down at start, back, gone mid-run, back: commands reply, answers go out, reminders resume."""
    from bot.reminders.telegram_commands import register

    caplog.set_level(logging.INFO, logger="sgbot")
    upstream = sqlalchemy.make_url(PG_URL)
    clock = FixedClock("2026-10-20T12:00")
    with FakeBotAPI(token=TOKEN) as api, TcpProxy(upstream.port or 5432) as db:
        url = upstream.set(
            host="127.0.0.1", port=db.port, query={"options": f"-csearch_path={pg_schema}"}
        )
        settings = dataclasses.replace(
            settings_for(tmp_path, telegram_token=api.token, telegram_api_url=api.base_url),
            database_url=url.render_as_string(hide_password=False),
            cache_dir=None,
        )
        db.cut()  # the bot starts with the database down
        async with running_bot(settings, clock, plugins=[register]) as app:
            for text in ["/subscribe risk meetings", "zzqx unknown thing", "/reminders"]:
                await settle(api, api.make_message(USER, text))
            down_at_start = api.sent_texts(USER)

            db.restore()
            await settle(api, api.make_message(USER, "/subscribe risk meetings"))
            subscribed = api.sent_texts(USER)[-1]

            db.cut()  # gone while running
            clock.set("2026-10-26T09:00")  # the Risk Board's 7-day reminder is due
            before = len(api.sent_texts(USER))
            for text in ["/subscribe all", "/reminders", "/actions", "who sponsors the risk board"]:
                await settle(api, api.make_message(USER, text))
            gone = api.sent_texts(USER)[before:]

            db.restore()  # the back-off retries find it and send what is due
            deadline = asyncio.get_running_loop().time() + 30
            while not any(
                t.startswith("<b>Reminder: the Risk Board") for t in api.sent_texts(USER)
            ):
                assert asyncio.get_running_loop().time() < deadline, "no reminder after return"
                await asyncio.sleep(0.05)
            app.bot_data["reminders"].store.close()
    assert down_at_start[0] == UNAVAILABLE
    assert "don't know that from the report" in down_at_start[1]
    assert down_at_start[2] == UNAVAILABLE
    assert subscribed.startswith("This chat now follows meetings of Risk Board.")
    assert gone[:2] == [UNAVAILABLE, UNAVAILABLE]
    assert "(statuses as in the report)" in gone[2] and UNAVAILABLE in gone[2]
    assert "Thames Valley Police" in gone[3]
    reminders = [t for t in api.sent_texts(USER) if t.startswith("<b>Reminder:")]
    assert len(reminders) == 1
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("sgbot")]
    assert any("(attempt 1:" in line for line in lines)
    assert any(line.startswith("the database is back") for line in lines)
    assert not [r for r in caplog.records if r.exc_info]
