"""Inputs that used to kill a process: out-of-range moments, NUL characters, over-long replies,
wall-clock times a clock change skips or repeats, and YAML tags."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
import sqlalchemy
from test_reminders_helpers import (  # noqa: F401
    MEETINGS,
    PG_URL,
    kb_fixture,
    write_schedules,
)
from test_telegram_helpers import (  # noqa: F401
    USER,
    api_fixture,
    bot_settings,
    knowledge_copy,
    knowledge_dir_fixture,
    running_bot,
    settle,
    timedelta_retry_after_fixture,
)

from bot.adapters.render import MAX_MESSAGE, tg_len
from bot.config import ROOT, Settings
from bot.errors import ScheduleError
from bot.reminders.schedules import load_schedules
from bot.testing import LONDON, FixedClock

SGBOT = Path(sys.executable).parent / "sgbot"


def _sgbot(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SGBOT_", "TELEGRAM_"))}
    environ.update(SGBOT_NO_CACHE="1", **env)
    return subprocess.run(
        [str(SGBOT), *args], env=environ, cwd=ROOT, input=stdin, capture_output=True, text=True
    )


# -- moments out of range -------------------------------------------------------------------


def test_a_jsonl_batch_survives_out_of_range_moments(tmp_path):
    """Each bad `at` gets a JSON error line; every other line of the batch is answered."""
    lines = [
        {"question": "x", "at": "9999-12-31T23:00-14:00"},
        {"question": "what is mash", "at": "0001-01-01T00:00+14:00"},
        {"question": "who do I call about a child tomorrow", "at": "9999-12-31T10:00"},
        ["not", "an", "object"],
        {"question": "what is mash", "at": "2026-12-01T11:00"},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    out = _sgbot("ask", "--jsonl", stdin=stdin, SGBOT_DATABASE_URL=f"sqlite:///{tmp_path}/db")
    got = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert len(got) == 5
    assert [("error" in g) for g in got] == [True, True, True, True, False]
    assert all("outside the years 1900 to 2999" in g["error"] for g in got[:3])
    assert got[4]["kind"] == "glossary" and "Multi-Agency Safeguarding Hub" in got[4]["text"]


@pytest.mark.parametrize(
    "args",
    [
        ("--at", "0001-01-01T00:00+14:00", "what is mash"),
        ("--at", "9999-12-31T10:00", "who do I call about a child tomorrow"),
        ("--at", "9999-12-31T23:00-14:00", "x"),
    ],
)
def test_ask_refuses_an_out_of_range_at_in_one_line(tmp_path, args):
    """`sgbot ask --at` far outside the calendar exits 2 with one line, not an OverflowError."""
    out = _sgbot("ask", *args, SGBOT_DATABASE_URL=f"sqlite:///{tmp_path}/db")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        f"sgbot ask: --at {args[1]!r} is outside the years 1900 to 2999"
    ]


def test_the_engine_answers_tomorrow_on_the_last_day_of_the_calendar():
    """'tomorrow' on 31 December 9999 (no day after it) is answered for now, not a crash."""
    from bot.engine.core import Engine
    from bot.kb.loader import load_knowledge

    engine = Engine(load_knowledge(Settings().knowledge_dir))
    now = dt.datetime(9999, 12, 31, 10, 0, tzinfo=LONDON)
    for question in ["who do I call about a child tomorrow", "who do I call on christmas day"]:
        assert engine.answer(question, now).kind == "contact"


# -- NUL and control characters --------------------------------------------------------------


@pytest.fixture(name="pg_schema_url")
def pg_schema_url_fixture():
    """A PostgreSQL URL whose tables live in a private schema, dropped afterwards."""
    schema = f"inputs_{uuid.uuid4().hex[:10]}"
    engine = sqlalchemy.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    url = sqlalchemy.make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.mark.postgres
def test_chat_on_postgresql_strips_nul_and_answers_the_next_question(tmp_path, pg_schema_url):
    """A NUL in a chat line is removed before recording: the next question is answered too."""
    env = {"SGBOT_DATABASE_URL": pg_schema_url}
    out = _sgbot("chat", stdin="zzqx \x00 unknown\x1b[2J\nwhat is mash\n", **env)
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "Multi-Agency Safeguarding Hub" in out.stdout
    listed = _sgbot("kb", "unanswered", **env)
    assert listed.returncode == 0
    # stored masked (an unknown word is no word the bot uses), with no NUL left in it
    assert listed.stdout.splitlines()[1].split(None, 2)[2].strip() == "«…»"  # under headers


@pytest.mark.postgres
async def test_telegram_on_postgresql_strips_nul_from_texts_and_notes(
    tmp_path, api, knowledge_dir, pg_schema_url
):
    """Through the fake Bot API: a NUL in a question and in a /done note is removed first."""
    import dataclasses

    from bot.reminders.telegram_commands import register

    settings = dataclasses.replace(
        bot_settings(knowledge_dir, api, tmp_path, admins=frozenset({USER})),
        database_url=pg_schema_url,
    )
    async with running_bot(settings, FixedClock("2026-12-01T11:00"), [register]) as app:
        for text in ["zzqx \x00 unknown", "/done voice-01 signed \x00off", "/history voice-01"]:
            await settle(api, api.make_message(USER, text))
        app.bot_data["reminders"].store.close()
    texts = api.sent_texts(USER)
    assert "don't know that from the report" in texts[0]
    assert texts[1].startswith("Action voice-01 is now done") and texts[1].endswith("signed off")
    assert texts[2].endswith(": signed off")
    engine = sqlalchemy.create_engine(pg_schema_url)
    with engine.connect() as conn:
        stored = conn.execute(sqlalchemy.text("SELECT question FROM unanswered_questions")).all()
    engine.dispose()
    assert [row[0] for row in stored] == ["«…» unknown"]  # masked, and no NUL


# -- replies within Telegram's 4,096 ---------------------------------------------------------


@pytest.mark.e2e
async def test_every_reply_fits_telegram_limit(tmp_path, api, knowledge_dir):
    """/subscribe, /unsubscribe and /calendar with 4,080 characters reply in parts <= 4,096."""
    from bot.reminders.telegram_commands import register

    settings = bot_settings(knowledge_dir, api, tmp_path)
    words = ("abcdefghi " * 408).strip()  # 4,079 characters
    async with running_bot(settings, FixedClock("2026-12-01T11:00"), [register]) as app:
        replies = {}
        for command in ["/subscribe", "/unsubscribe", "/calendar"]:
            before = len(api.sent_texts(USER))
            await settle(api, api.make_message(USER, f"{command} {words}"))
            replies[command] = api.sent_texts(USER)[before:]
        app.bot_data["reminders"].store.close()
    for command, parts in replies.items():
        assert len(parts) >= 2, command
        assert all(0 < tg_len(p) <= MAX_MESSAGE for p in parts), command
        assert words in "".join(parts).replace("\n", ""), command


def test_fit_sends_long_html_as_plain_parts_with_quote_first_and_buttons_last():
    """An HTML text over the limit becomes plain parts; captions and alerts are cut."""
    from bot.adapters.telegram_fit import fit

    data = {
        "chat_id": 1,
        "text": "<b>a &amp; b</b>\n" + "x" * 5000,
        "parse_mode": "HTML",
        "reply_parameters": {"message_id": 3},
        "reply_markup": {"inline_keyboard": []},
    }
    parts = fit("sendMessage", data)
    assert [tg_len(p["text"]) <= MAX_MESSAGE for p in parts] == [True] * len(parts) == [True] * 3
    assert parts[0]["text"].startswith("a & b\n") and "parse_mode" not in parts[0]
    assert "reply_parameters" in parts[0] and "reply_parameters" not in parts[1]
    assert "reply_markup" in parts[-1] and "reply_markup" not in parts[0]
    (doc,) = fit("sendDocument", {"chat_id": 1, "caption": "y" * 2000})
    assert tg_len(doc["caption"]) == 1024
    (alert,) = fit("answerCallbackQuery", {"callback_query_id": "1", "text": "z" * 300})
    assert tg_len(alert["text"]) == 200


# -- clock changes in the schedules ----------------------------------------------------------


def _meetings(extra: str) -> str:
    return MEETINGS + textwrap.indent(textwrap.dedent(extra), "  ")


@pytest.mark.parametrize(
    "extra, line, message",
    [
        (
            """\
            - body: assurance
              start: 2027-01-01
              dates: [2027-03-28]
              time: "01:30"
            """,
            19,
            "2027-03-28 01:30 does not exist in Europe/London (the clocks go forward that night)",
        ),
        (
            """\
            - body: assurance
              start: 2027-01-01
              dates: [2027-10-31]
              time: "01:30"
            """,
            19,
            "2027-10-31 01:30 happens twice in Europe/London (the clocks go back that night)",
        ),
        (
            """\
            - body: assurance
              start: 2027-01-01
              dates: [2027-04-04]
              remind_at: "01:15"
            """,
            19,
            "reminder 2027-03-28 01:15 does not exist in Europe/London",
        ),
    ],
)
def test_a_time_a_clock_change_skips_or_repeats_is_refused(tmp_path, kb, extra, line, message):
    """A meeting (or its reminder) at a local time that does not exist once is path:line."""
    directory = write_schedules(tmp_path / "schedules", _meetings(extra))
    with pytest.raises(ScheduleError) as exc:
        load_schedules(directory, kb)
    (problem,) = exc.value.problems
    assert problem.path.endswith("meetings.yaml") and problem.line == line
    assert message in problem.message


def test_a_series_is_checked_for_clock_change_nights(tmp_path, kb):
    """A monthly series on the last Sunday at 01:30 is refused at its first clock change."""
    extra = """\
    - body: assurance
      start: 2027-01-01
      rrule: FREQ=MONTHLY;BYDAY=-1SU
      time: "01:30"
    """
    directory = write_schedules(tmp_path / "schedules", _meetings(extra))
    with pytest.raises(ScheduleError) as exc:
        load_schedules(directory, kb)
    first = exc.value.problems[0]
    assert first.line == 19 and "2027-03-28 01:30 does not exist" in first.message


# -- YAML tags -------------------------------------------------------------------------------


def test_kb_check_refuses_yaml_tags_with_path_and_line(tmp_path):
    """`!!python/name:os.system` (and any non-plain tag) is refused at its line, exit 1."""
    directory = knowledge_copy(tmp_path / "knowledge")
    path = directory / "partnership.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, text in enumerate(lines) if text.startswith("  name:"))
    lines[n] = '  name: !!python/name:os.system ""'
    lines.append("  # a trailing comment")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _sgbot("kb", "check", str(directory))
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        f"{path}:{n + 1}: YAML tag !!python/name:os.system is not allowed (plain data only)"
    ]


def test_schedules_refuse_a_local_yaml_tag(tmp_path, kb):
    """A `!custom` tag in meetings.yaml is a path:line problem too (the shared reader)."""
    directory = write_schedules(
        tmp_path / "schedules", MEETINGS.replace("location: Civic", "location: !x Civic")
    )
    with pytest.raises(ScheduleError) as exc:
        load_schedules(directory, kb)
    (problem,) = exc.value.problems
    assert problem.line == 7 and "YAML tag !x is not allowed" in problem.message
