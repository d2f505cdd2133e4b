"""Nothing personal is stored: the red-team set through every path that keeps user text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
import yaml
from fake_bot_api import FakeBotAPI
from sqlalchemy import create_engine, select

from bot.config import Settings
from bot.engine import unanswered
from bot.engine.masking import MASK, mask
from bot.engine.vocabulary import build_vocabulary, vocabulary_for
from bot.reminders.store import Store
from bot.testing import FixedClock

DATA = Path(__file__).parent / "data" / "personal_data_redteam.yaml"
REDTEAM = yaml.safe_load(DATA.read_text(encoding="utf-8"))
NOW = dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.UTC)


def leaks(stored: str, case: dict) -> list[str]:
    """The personal tokens of ``case`` (and any digit) found in a stored text."""
    low = stored.lower()
    found = [
        token
        for token in case["personal"]
        if re.search(rf"(?<![\w'-]){re.escape(token.lower())}(?![\w'-])", low)
    ]
    return found + [ch for ch in stored if ch.isdigit()]


def settings_at(tmp_path: Path, **kw) -> Settings:
    return dataclasses.replace(
        Settings.from_env(),
        database_url=f"sqlite:///{tmp_path}/sgbot.sqlite3",
        cache_dir=None,
        **kw,
    )


def test_the_redteam_set_is_large_and_well_formed():
    """At least 50 messages, each with a personal token or a digit to hide."""
    assert len(REDTEAM) >= 50
    for case in REDTEAM:
        assert case["personal"] or re.search(r"\d", case["message"]), case


@pytest.mark.parametrize("case", REDTEAM, ids=[c["message"][:40] for c in REDTEAM])
def test_masking_hides_every_personal_token(case, kb):
    """Each red-team message, masked with the shipped vocabulary, keeps nothing personal."""
    stored = unanswered.normalise(case["message"], vocabulary_for(kb))
    assert leaks(stored, case) == [], stored
    for word in case.get("keep", []):
        assert word in stored.split(), stored


def test_unanswered_recording_stores_nothing_personal(tmp_path, kb):
    """Every red-team message recorded as an unanswered question: no token in the table."""
    settings = settings_at(tmp_path)
    for case in REDTEAM:
        unanswered.record(settings, case["message"], NOW, kb)
    engine = create_engine(settings.database_url)
    with engine.connect() as conn:
        rows = [r.question for r in conn.execute(select(unanswered.unanswered.c.question))]
    engine.dispose()
    assert rows
    found = {row: hits for row in rows for case in REDTEAM if (hits := leaks(row, case))}
    assert found == {}


def test_console_chat_records_unknown_questions_masked(tmp_path):
    """`sgbot chat` (the real path): the unanswered questions it records are masked."""
    from bot.adapters.console import cmd_chat

    settings = settings_at(tmp_path)
    stdin = io.StringIO("".join(case["message"] + "\n" for case in REDTEAM))
    cmd_chat(settings, stdin, io.StringIO(), clock=lambda: NOW, reminders=False)
    rows = [q for q, _n, _t in unanswered.top(settings, limit=1000)]
    assert len(rows) >= 10  # most of the set is not answerable from the report
    assert {row: leaks(row, c) for row in rows for c in REDTEAM if leaks(row, c)} == {}
    assert any(MASK in row for row in rows)


async def test_done_notes_and_history_over_telegram_store_nothing_personal(tmp_path, kb):
    """/done ACTION note through PTB and HTTP: stored notes and /history are masked."""
    from telegram import Update
    from telegram.ext import ApplicationBuilder
    from test_reminders_commands import FakeContext
    from test_reminders_telegram import _update

    from bot.reminders.telegram_commands import register

    settings = settings_at(tmp_path)
    action = kb.actions[0].id
    with FakeBotAPI(limit_per_second=1000) as api:
        app = ApplicationBuilder().token("123456:TEST").base_url(api.base_url).build()
        register(app, FakeContext(settings, kb, FixedClock("2026-10-20T12:00"), admins={42}))
        async with app:
            messages = [f"/done {action} {case['message']}" for case in REDTEAM]
            for i, text in enumerate([*messages, f"/history {action}"], 1):
                await app.process_update(Update.de_json(_update(i, 100, 42, text), app.bot))
            app.bot_data["reminders"].store.close()
        replies = api.sent_texts(100)
    store = Store(settings.database_url)
    notes = [e.note for e in store.audit(action)]
    store.close()
    assert len(notes) == len(REDTEAM) and len(replies) == len(REDTEAM) + 1
    assert replies[-1].startswith(f"Status changes of {action}:")
    for case, note, reply in zip(REDTEAM, notes, replies, strict=False):
        assert leaks(note, case) == [], note
        assert leaks(reply.split("Note: ", 1)[-1], case) == [], reply
    # /history (clipped to fit one message): each line's note is masked too
    lines = [line for line in replies[-1].splitlines() if line.startswith("- ")]
    shown = [line.split("User42: ", 1)[1] for line in lines]
    assert len(shown) >= 10
    assert {n: leaks(n, c) for n in shown for c in REDTEAM if leaks(n, c)} == {}


def test_history_masks_notes_stored_in_clear_by_an_older_version(tmp_path, kb):
    """A note written before masking existed is masked when /history shows it."""
    from bot.reminders.service import load_for
    from bot.reminders.telegram_commands import Commands

    store = Store(f"sqlite:///{tmp_path}/db.sqlite3")
    action = kb.actions[0].id
    store.set_action_status(action, "done", NOW, 1, "Ada", "chloe brown dob 3/12/2012 at MARAC")
    schedules = load_for(settings_at(tmp_path), kb)
    cmds = Commands(store, schedules, None, lambda: kb)  # type: ignore[arg-type]
    text = cmds.history([action])
    store.close()
    assert text.endswith("done by Ada: «…» dob «…» at MARAC")


@pytest.mark.parametrize(
    "message",
    [
        "what does MARAC mean",
        "has the child got a social worker",
        "who do I call about a child at the weekend",
        "worried about an adult, who do I call?",
        "signed off at board",
    ],
)
def test_useful_words_survive(message, kb):
    """Questions without personal data are stored word for word (lower case)."""
    assert unanswered.normalise(message, vocabulary_for(kb)) == message.lower()


def test_every_glossary_term_and_board_name_survives(kb):
    """Glossary terms and expansions, boards and agencies are the bot's words: all kept."""
    vocab = vocabulary_for(kb)
    names = [t.term for t in kb.terms] + [t.expansion for t in kb.terms]
    names += [b.name for b in kb.boards] + [a.name for a in kb.agencies]
    lost = [n for n in names if not re.search(r"\d", n) and mask(n, vocab) != n]
    assert lost == []


def test_the_vocabulary_is_derived_from_the_knowledge_base_and_the_engine(kb):
    """Words come from the knowledge base and the bot's own strings, not from one list."""
    engine_only = build_vocabulary(None)
    for word in ("who", "what", "call", "child", "adult", "worried", "acronym", "referral"):
        assert word in engine_only.words  # the engine's cue lists know these
    full = vocabulary_for(kb)
    expansion_words = {
        w.lower() for t in kb.terms for w in re.findall(r"[A-Za-z]{2,}", t.expansion)
    }
    assert expansion_words - engine_only.words  # the knowledge base adds words of its own
    assert expansion_words <= full.words
    # the people the report names (the scrutineer, chairs) are not vocabulary
    scrutineer = kb.partnership.scrutineer
    assert scrutineer is not None and scrutineer.name.split()[0].lower() not in full.words


def test_masking_is_idempotent(kb):
    """Masking a masked text changes nothing (so /history can mask again safely)."""
    vocab = vocabulary_for(kb)
    for case in REDTEAM:
        once = mask(case["message"], vocab)
        assert mask(once, vocab) == once


def test_recording_forgets_questions_past_the_retention(tmp_path, kb):
    """A question last asked more than the retention ago is deleted at the next recording."""
    settings = settings_at(tmp_path, unanswered_retention_days=10)
    unanswered.record(settings, "zzqx old question", NOW, kb)
    unanswered.record(settings, "zzqx kept question", NOW + dt.timedelta(days=5), kb)
    unanswered.record(settings, "zzqx new question", NOW + dt.timedelta(days=10, hours=1), kb)
    assert sorted(q for q, _n, _t in unanswered.top(settings)) == [
        "«…» kept question",
        "«…» new question",
    ]


def test_retention_defaults_to_90_days_and_is_configurable():
    """SGBOT_UNANSWERED_RETENTION_DAYS sets the retention (90 by default); nonsense is refused."""
    from bot.errors import ConfigError

    assert Settings.from_env({}).unanswered_retention_days == 90
    env = {"SGBOT_UNANSWERED_RETENTION_DAYS": "30"}
    assert Settings.from_env(env).unanswered_retention_days == 30
    for bad in ("0", "-3", "soon"):
        with pytest.raises(ConfigError):
            Settings.from_env({"SGBOT_UNANSWERED_RETENTION_DAYS": bad})


def test_kb_purge_deletes_old_questions_and_masks_rows_stored_in_clear(tmp_path, kb):
    """`sgbot kb purge`: rows past --older-than go; rows an older version kept in clear are
    masked (and merged with their masked twin)."""
    from test_cli_ask import sgbot

    settings = settings_at(tmp_path)
    unanswered.record(settings, "has tom brown got a social worker", NOW, kb)
    engine = create_engine(settings.database_url)
    with engine.begin() as conn:  # as the version before masking stored them
        for question, count, last in [
            ("has jane smith got a social worker", 2, NOW),
            ("zzqx very old question", 1, dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
        ]:
            conn.execute(
                unanswered.unanswered.insert().values(
                    question=question, count=count, first_seen=last, last_seen=last
                )
            )
    engine.dispose()
    out = sgbot(
        "kb", "purge", "--older-than", "365", env={"SGBOT_DATABASE_URL": settings.database_url}
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Deleted 1 unanswered question(s) older than 365 days")
    rows = unanswered.top(settings)
    assert [(q, n) for q, n, _t in rows] == [("has «…» got a social worker", 3)]


COMMON_FIRST_NAMES = """oliver george harry noah jack leo arthur muhammad oscar charlie jacob thomas
henry william freddie alfie theo archie joshua james ethan isaac lucas edward max alexander adam
samuel joseph logan daniel dylan harrison mason finley tommy rory reuben elijah teddy olivia
amelia isla ava mia ivy lily isabella rosie sophia grace willow freya florence emily ella poppy
evie elsie charlotte evelyn sienna daisy phoebe sophie alice harper matilda ruby millie eva
jessica hannah chloe amy lucy lauren megan holly katie emma sarah laura rebecca jade leah aisha
fatima maryam zainab jayden kai tyler kyle callum connor liam jordan bradley ryan nathan luke
will mark hope may april june dawn frank""".split()


@pytest.mark.parametrize("template", ["is {} safe", "Is {} safe", "worried about {} and her mum"])
def test_common_first_names_are_masked_alone(template, kb):
    """A common first name on its own, in lower or mixed case, is never kept."""
    vocab = vocabulary_for(kb)
    kept = [n for n in COMMON_FIRST_NAMES if n in mask(template.format(n), vocab).lower().split()]
    assert kept == []
