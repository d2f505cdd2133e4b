"""Numbers people can trust: every shown number says where it comes from and when it was
last checked; admins record checks (CLI and Telegram, an audit row each); `kb check` warns
about contacts due a check; subscribed admins get a monthly reminder, once per month."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from test_reminders_helpers import PG_URL
from test_telegram_helpers import (  # noqa: F401 - fixtures
    USER,
    api_fixture,
    bot_settings,
    knowledge_dir_fixture,
    running_bot,
    settle,
    timedelta_retry_after_fixture,
)

from bot.checks.due import due, resolve
from bot.checks.store import Check, CheckStore, latest_checks
from bot.checks.telegram import ChecksDesk, register
from bot.config import ROOT, Settings
from bot.engine.core import Engine
from bot.testing import FixedClock, local_time

NOW = local_time("2026-12-01T11:00")
SGBOT = Path(sys.executable).parent / "sgbot"
UTC = dt.UTC


@pytest.fixture(name="db", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_fixture(request, tmp_path):
    """A check store on a SQLite file, or on PostgreSQL with a unique table prefix."""
    if request.param == "sqlite":
        store = CheckStore(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    else:
        store = CheckStore(PG_URL, f"t{uuid.uuid4().hex[:10]}_")
    yield store
    if request.param == "postgres":
        store.metadata.drop_all(store.engine)
    store.close()


def test_store_keeps_every_check_and_gives_the_latest(db):
    """Each check is an audit row; latest() gives each contact's most recent day."""
    at = dt.datetime(2026, 12, 1, 11, tzinfo=UTC)
    db.record(Check("children-mash", dt.date(2026, 6, 1), at, 7, "Ada", "telegram", "ok"))
    db.record(Check("children-mash", dt.date(2026, 11, 30), at, None, "command line", "cli", ""))
    db.record(Check("samaritans", dt.date(2026, 10, 1), at, 7, "Ada", "telegram", ""))
    assert db.latest() == {
        "children-mash": dt.date(2026, 11, 30),
        "samaritans": dt.date(2026, 10, 1),
    }
    rows = db.history("children-mash")
    assert [(r.checked_on, r.user_name, r.via) for r in rows] == [
        (dt.date(2026, 6, 1), "Ada", "telegram"),
        (dt.date(2026, 11, 30), "command line", "cli"),
    ]


def test_monthly_reminder_is_claimed_once_per_chat_and_month(db):
    """A (chat, month) claim succeeds once; a released claim can be taken again."""
    at = dt.datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert db.subscribe(5, at) and not db.subscribe(5, at)
    assert db.subscribed() == [5]
    assert db.claim(5, "2026-12", at) and not db.claim(5, "2026-12", at)
    db.release(5, "2026-12")
    assert db.claim(5, "2026-12", at) and db.claim(5, "2027-01", at)
    assert db.unsubscribe(5) and db.subscribed() == []


def test_due_lists_contacts_never_or_long_ago_checked(kb):
    """Never checked, or checked more than the age ago, is due; 999 never is."""
    today = dt.date(2026, 12, 1)
    every = {c.id for c in due(kb, {}, today, 183)}
    assert "emergency-999" not in every and {"children-mash", "adults-weekday"} <= every
    # the curated lines were checked on 2026-12-01 in local.yaml: not due
    assert "police-non-emergency" not in every
    fresh = {"children-mash": today - dt.timedelta(days=100)}
    old = {"children-mash": today - dt.timedelta(days=200)}
    assert "children-mash" not in {c.id for c in due(kb, fresh, today, 183)}
    assert "children-mash" in {c.id for c in due(kb, old, today, 183)}
    assert "children-mash" in {c.id for c in due(kb, fresh, today, 30)}


def test_resolve_finds_a_contact_by_id_or_unique_name(kb):
    """/verify mash, /verify ESWT and /verify children-mash name one contact; nonsense none."""
    assert resolve(kb, "children-mash").id == "children-mash"
    assert resolve(kb, "MASH").id == "children-mash"
    assert resolve(kb, "eswt").id == "children-emergency-social-work"
    assert resolve(kb, "samaritans").id == "samaritans"
    assert resolve(kb, "zzqx") is None


def test_contact_answers_say_where_the_numbers_come_from(kb):
    """A contact answer says the report and "not checked since the report"; 999 stays last."""
    ans = Engine(kb).answer("who do i call about a child", NOW)
    lines = ans.text.split("\n")
    assert f"Numbers from the {kb.partnership.report_title}; not checked since the report." in lines
    assert "999" in lines[-1] and "provenance" in ans.flags


def test_a_recorded_check_is_shown_with_its_date(kb):
    """With a recorded check the answer names that contact's date; others stay unchecked."""
    engine = Engine(kb)
    engine.checks = {"children-mash": dt.date(2026, 11, 30)}
    text = engine.answer("who do i call about a child", NOW).text
    assert "MASH last checked 30 Nov 2026" in text
    assert "Emergency Social Work Team not checked since the report" in text
    assert "last checked 30 Nov 2026" in engine.contact("children", NOW).text


def test_the_knowledge_files_date_is_used_without_a_recorded_check(kb):
    """A contact's verified_on in contacts.yaml is shown when no later check is recorded."""
    contacts = [
        dataclasses.replace(c, verified_on=dt.date(2026, 3, 2)) if c.audience == "adults" else c
        for c in kb.contacts
    ]
    engine = Engine(dataclasses.replace(kb, contacts=contacts))
    assert "last checked 2 Mar 2026." in engine.answer("adult safeguarding number", NOW).text
    engine.checks = {"adults-weekday": dt.date(2026, 1, 1)}  # older than the file: file wins
    assert "2 Mar 2026" in engine.answer("adult safeguarding number", NOW).text


def test_danger_keeps_999_first_with_the_provenance_line(kb):
    """On danger the first line is still 999; the provenance line comes after the lines."""
    text = Engine(kb).answer("he is stabbing her right now", NOW).text
    assert "999" in text.split("\n")[0] and "not checked since the report" in text


def test_latest_checks_never_needs_a_database(tmp_path):
    """No SQLite file: {} and no file created; a closed PostgreSQL port: {} too."""
    path = tmp_path / "none.sqlite3"
    assert latest_checks(Settings(database_url=f"sqlite:///{path}")) == {}
    assert not path.exists()
    from tcp_proxy import closed_port

    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/test"
    assert latest_checks(Settings(database_url=url)) == {}


class _Holder:
    def __init__(self, kb):
        self.kb = kb
        self.engine = Engine(kb)


class _Context:
    def __init__(self, kb, allowed=None):
        self.kb = _Holder(kb)
        self.settings = Settings()
        self.allowed = allowed

    def is_allowed(self, chat_id, user_id):
        return self.allowed is None or chat_id in self.allowed


async def test_the_reminder_keeps_to_the_allow_list(kb, tmp_path):
    """A subscribed chat outside the allow-list gets no reminder; an allowed one gets it once."""
    desk = ChecksDesk(CheckStore(f"sqlite:///{tmp_path / 'db.sqlite3'}"), _Context(kb, {5}))
    at = local_time("2026-12-02T10:00")
    assert "1st of each month" in desk.checks(5, ["on"], at) + desk.checks(6, ["on"], at)
    sent: list[tuple[int, str]] = []

    async def send(chat: int, text: str) -> None:
        sent.append((chat, text))

    assert await desk.remind(at, send) == 1 and [c for c, _ in sent] == [5]
    assert await desk.remind(at, send) == 0


def test_checks_command_lists_due_numbers_and_explains_its_use(kb, tmp_path):
    """/checks lists the numbers due; a wrong word gets the usage; off stops the reminder."""
    desk = ChecksDesk(CheckStore(f"sqlite:///{tmp_path / 'db.sqlite3'}"), _Context(kb))
    at = local_time("2026-12-02T10:00")
    text = desk.checks(5, [], at)
    assert "not checked for more than 183 days" in text and "(children-mash, 01908 253169)" in text
    assert desk.checks(5, ["sometimes"], at) == "Usage: /checks, /checks on or /checks off"
    assert desk.checks(5, ["off"], at) == "This chat did not get it."
    assert "don't know a contact called 'zzqx'" in desk.verify(["zzqx"], 1, "Ada", at)


def test_the_snapshot_survives_a_database_outage(kb, caplog):
    """refresh() with the database down keeps the engine's last snapshot and logs once."""
    from tcp_proxy import closed_port

    context = _Context(kb)
    context.kb.engine.checks = {"children-mash": dt.date(2026, 11, 30)}
    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/test"
    desk = ChecksDesk(CheckStore(url), context)
    desk.refresh()
    desk.refresh()
    assert context.kb.engine.checks == {"children-mash": dt.date(2026, 11, 30)}
    warnings = [r for r in caplog.records if "recorded checks unavailable" in r.getMessage()]
    assert len(warnings) == 1


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SGBOT_", "TELEGRAM_"))}
    env.update(
        SGBOT_KNOWLEDGE_DIR=str(shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")),
        SGBOT_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SGBOT_NO_CACHE="1",
        **extra,
    )
    return env


def _sgbot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SGBOT), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_verify_records_an_audit_row_and_answers_show_it(tmp_path):
    """`kb verify mash NOTE --on DAY` stores a masked note; `ask` then shows that day."""
    env = _env(tmp_path)
    out = _sgbot(env, "kb", "verify", "mash", "rang", "01908", "253169", "--on", "2026-11-30")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Recorded: MASH") and "2026-11-30" in out.stdout
    store = CheckStore(env["SGBOT_DATABASE_URL"])
    [row] = store.history("children-mash")
    store.close()
    assert row.via == "cli" and row.user_name == "command line" and "253169" not in row.note
    ask = _sgbot(env, "ask", "--at", "2026-12-01T11:00", "who do i call about a child")
    assert "MASH last checked 30 Nov 2026" in ask.stdout


def test_cli_verify_refuses_an_unknown_contact(tmp_path):
    """An unknown contact: exit 1 and the list of known ids, nothing stored."""
    out = _sgbot(_env(tmp_path), "kb", "verify", "zzqx")
    assert out.returncode == 1 and "unknown contact 'zzqx'" in out.stderr
    assert "children-mash" in out.stderr


def test_kb_check_warns_about_contacts_due_a_check(tmp_path):
    """`kb check` warns per contact due, still exits 0 with OK last; the age is settable."""
    env = _env(tmp_path)
    directory = env["SGBOT_KNOWLEDGE_DIR"]
    out = _sgbot(env, "kb", "check", directory)
    assert out.returncode == 0 and out.stdout.rstrip().endswith(f"{directory}: OK")
    assert "warning: not checked for more than 183 days: MASH" in out.stdout
    assert "police-non-emergency" not in out.stdout  # checked in local.yaml today
    assert _sgbot(env, "kb", "verify", "children-mash").returncode == 0
    out = _sgbot(env, "kb", "check", directory)
    assert "(children-mash" not in out.stdout
    out = _sgbot(env, "kb", "check", "--max-age", "-1", directory)  # everything is due
    assert "(children-mash" in out.stdout and "(police-non-emergency" in out.stdout
    out = _sgbot({**env, "SGBOT_CHECK_MAX_AGE_DAYS": "30"}, "kb", "check", directory)
    assert "warning: not checked for more than 30 days: MASH" not in out.stdout
    assert "warning: not checked for more than 30 days: Safeguarding Adults" in out.stdout


@pytest.mark.asyncio
async def test_telegram_verify_is_for_admins_and_shows_in_answers(api, knowledge_dir, tmp_path):
    """An admin's /verify is recorded with their id; answers then show the day; others are refused."""
    settings = bot_settings(knowledge_dir, api, tmp_path, admins=frozenset({USER}))
    async with running_bot(settings, plugins=[register]) as app:
        [menu_call, admin_call] = await api.await_for("setMyCommands", 2)
        everyone = [c["command"] for c in menu_call["params"]["commands"]]
        admins = [c["command"] for c in admin_call["params"]["commands"]]
        assert "verify" not in everyone and {"verify", "checks"} <= set(admins)
        await settle(api, api.make_message(77, "/verify mash"))
        assert api.sent_texts(77)[-1] == "Sorry, only partnership admins can use /verify."
        await settle(api, api.make_message(USER, "/verify mash rang it, answered"))
        assert api.sent_texts(USER)[-1].startswith("Recorded: MASH (Multi-Agency Safeguarding Hub)")
        await settle(api, api.make_message(USER, "who do i call about a child"))
        assert "MASH last checked 1 Dec 2026" in api.sent_texts(USER)[-1]
        await settle(api, api.make_message(USER, "/verify"))
        assert "- children-mash: MASH" in api.sent_texts(USER)[-1]
        desk: ChecksDesk = app.bot_data["checks"]
        [row] = await asyncio.to_thread(desk.store.history, "children-mash")
        assert row.user_id == USER and row.via == "telegram"


@pytest.mark.asyncio
async def test_telegram_monthly_reminder_goes_once_to_subscribed_admins(
    api, knowledge_dir, tmp_path
):
    """/checks on subscribes; the month's reminder lists the due numbers and goes once."""
    settings = bot_settings(knowledge_dir, api, tmp_path, admins=frozenset({USER}))
    clock = FixedClock("2026-12-01T08:00")
    async with running_bot(settings, clock=clock, plugins=[register]) as app:
        await settle(api, api.make_message(USER, "/checks on"))
        assert "reminder on the 1st of each month" in api.sent_texts(USER)[-1]
        await settle(api, api.make_message(77, "/checks on"))
        assert api.sent_texts(77)[-1] == "Sorry, only partnership admins can use /checks."
        desk: ChecksDesk = app.bot_data["checks"]

        async def send(chat: int, text: str) -> None:
            await app.bot.send_message(chat, text)

        assert await desk.remind(clock(), send) == 0  # the 1st, before 9am
        before = len(api.sent_texts(USER))
        later = local_time("2026-12-01T09:30")
        assert await desk.remind(later, send) == 1
        assert await desk.remind(later, send) == 0  # once per month
        texts = api.sent_texts(USER)[before:]
        assert len(texts) == 1 and "not checked for more than 183 days" in texts[0]
        assert "children-mash" in texts[0] and "/verify ID" in texts[0]
