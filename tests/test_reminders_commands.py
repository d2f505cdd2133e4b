"""Chat commands (/subscribe, /reminders, /actions, /done ...) and the Telegram plugin wiring."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from test_reminders_helpers import (  # noqa: F401
    db_url_fixture,
    kb_fixture,
    schedules_fixture,
    settings_for,
    store_fixture,
)

from bot.reminders.dispatcher import Dispatcher
from bot.reminders.telegram_commands import COMMANDS, Commands, current_kb, register
from bot.testing import FixedClock, RecordingSender

NOW = FixedClock("2026-10-20T12:00")()


@pytest.fixture
def cmds(store, schedules, kb) -> Commands:
    d = Dispatcher(store, schedules, kb, RecordingSender())
    return Commands(store, schedules, d, lambda: kb)


def test_subscribe_defaults_to_everything_and_is_idempotent(cmds, store):
    """/subscribe alone follows meetings and actions of all; repeating it says so."""
    assert cmds.subscribe(1, [], NOW).startswith(
        "This chat now follows meetings and actions of all"
    )
    assert cmds.subscribe(1, [], NOW).startswith("This chat already follows")
    assert [(s.target, s.topic) for s in store.subscriptions(1)] == [
        ("all", "actions"),
        ("all", "meetings"),
    ]


def test_subscribe_by_board_name_agency_and_topic(cmds, store):
    """Names, aliases and agencies resolve to ids; a topic word narrows the subscription."""
    cmds.subscribe(2, ["Risk", "Board", "meetings"], NOW)
    cmds.subscribe(2, ["TVP", "actions"], NOW)
    assert "I don't know 'nowhere'" in cmds.subscribe(2, ["nowhere"], NOW)
    assert [(s.target, s.topic) for s in store.subscriptions(2)] == [
        ("risk", "meetings"),
        ("tvp", "actions"),
    ]


def test_unsubscribe_one_or_all(cmds, store):
    """/unsubscribe risk meetings removes one; /unsubscribe alone removes the rest."""
    cmds.subscribe(3, ["risk"], NOW)
    cmds.subscribe(3, ["all", "actions"], NOW)
    assert cmds.unsubscribe(3, ["risk", "meetings"]) == "Stopped meetings of Risk Board here."
    assert len(store.subscriptions(3)) == 2
    assert cmds.unsubscribe(3, []) == "Removed all 2 subscription(s) of this chat."
    assert store.subscriptions(3) == []


def test_reminders_lists_subscriptions_and_next_reminders(cmds):
    """/reminders names what the chat follows and its next reminders in UK time."""
    assert cmds.reminders(4, NOW).startswith("This chat has no reminders.")
    cmds.subscribe(4, ["risk", "meetings"], NOW)
    text = cmds.reminders(4, NOW)
    assert text.splitlines()[:3] == [
        "This chat follows:",
        "- meetings of Risk Board",
        "Next reminders:",
    ]
    assert (
        "- Mon 26 Oct 09:00: Risk Board meeting Monday 2 November 2026, 10:00 (UK time) (7-day reminder)"
        in text
    )


def test_done_needs_an_admin_and_records_the_audit(cmds, store):
    """Non-admins are refused; an admin's /done and /reopen land in /history with the note."""
    assert cmds.set_status("done", ["risk-01"], NOW, 9, "Eve", False).startswith(
        "Only partnership admins"
    )
    assert store.action_statuses() == {}
    text = cmds.set_status("done", ["risk-01", "signed", "off"], NOW, 1, "Ada", True)
    assert text == "Action risk-01 is now done (by Ada, 20 Oct 2026 12:00). Note: signed off"
    assert "No action 'nope'" in cmds.set_status("done", ["nope"], NOW, 1, "Ada", True)
    cmds.set_status("open", ["risk-01", "not", "yet"], NOW + dt.timedelta(hours=1), 2, "Bo", True)
    assert cmds.history(["risk-01"]).splitlines() == [
        "Status changes of risk-01:",
        "- 20 Oct 2026 12:00 done by Ada: signed off",
        "- 20 Oct 2026 13:00 open by Bo: not yet",
    ]


def test_actions_show_status_due_and_overdue(cmds):
    """/actions: a summary with open and overdue counts per owner, then pages with each
    action's status and due date, OVERDUE when past due and open."""
    text = cmds.actions([], NOW)
    assert text.splitlines()[:3] == [
        "Next actions: 2 open of 2, 1 overdue.",
        "- Risk Board: 1 open, 1 overdue",
        "- Assurance Board: 1 open",
    ] or text.splitlines()[:3] == [
        "Next actions: 2 open of 2, 1 overdue.",
        "- Assurance Board: 1 open",
        "- Risk Board: 1 open, 1 overdue",
    ]
    assert "Admins:" not in text
    assert "Admins: /done ACTION" in cmds.actions([], NOW, admin=True)
    page, number, pages = cmds.action_list([], NOW).page(0)
    assert (number, pages) == (0, 1)
    assert (
        "- [risk-01] Risk Board: Publish the exploitation strategy (open, due 31 Mar 2026 - OVERDUE)"
        in page
    )
    cmds.set_status("done", ["risk-01"], NOW, 1, "Ada", True)
    assert "(done, due 31 Mar 2026)" in cmds.action_list(["risk"], NOW).page(0)[0]


def test_actions_of_an_ended_report_are_not_overdue(cmds):
    """A year after the report's plans end its open actions are not OVERDUE: the summary
    says once that they belong to an earlier report."""
    later = FixedClock("2027-06-01T12:00")()
    text = cmds.actions([], later)
    assert text.splitlines()[0] == "Next actions: 2 open of 2."
    assert text.count("belong to an earlier report") == 1
    assert "OVERDUE" not in cmds.action_list([], later).page(0)[0]


def test_calendar_command_returns_an_ics_file(cmds):
    """/calendar risk gives risk-meetings.ics; an unknown board gets a text answer."""
    data, name = cmds.calendar(["risk"], NOW)
    assert name == "risk-meetings.ics" and data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert cmds.calendar(["nope"], NOW).startswith("No meetings for 'nope'")


def test_calendar_and_hints_are_named_from_the_knowledge(cmds, kb):
    """The whole calendar is named from the partnership id; an unknown target's hint names
    a board and an agency of this knowledge base."""
    _, name = cmds.calendar([], NOW)
    assert name == f"{kb.partnership.id}-meetings.ics"
    hint = cmds.subscribe(3, ["nothing-like-this"], NOW)
    assert f"a board (e.g. {kb.boards[0].id})" in hint
    assert f"an agency (e.g. {kb.agencies[0].id})" in hint


@dataclass
class FakeContext:
    """Stands for the adapter's BotContext (settings, kb holder, clock, is_admin)."""

    settings: object
    kb: object
    clock: FixedClock
    admins: set[int] = field(default_factory=set)

    def is_admin(self, user_id: int) -> bool:
        return user_id in self.admins


def test_register_adds_handlers_and_the_minute_job(tmp_path):
    """The plugin registers its commands and one repeating dispatcher job on the JobQueue."""
    from telegram.ext import ApplicationBuilder, CommandHandler

    from bot.kb.loader import load_knowledge

    settings = settings_for(tmp_path)
    kb = load_knowledge(settings.knowledge_dir)
    app = ApplicationBuilder().token("123456:TEST").build()
    pairs = register(app, FakeContext(settings, kb, FixedClock("2026-10-20T12:00")))
    assert pairs == COMMANDS
    names = {c for h in app.handlers[0] if isinstance(h, CommandHandler) for c in h.commands}
    assert names == {c for c, _ in COMMANDS}
    assert len(app.job_queue.jobs()) == 1
    app.bot_data["reminders"].store.close()


def test_current_kb_finds_the_knowledge_base_in_a_holder(kb):
    """The kb is found on a holder's .kb, on its .engine.kb, or is the kb itself."""

    @dataclass
    class Engine:
        kb: object

    @dataclass
    class Holder:
        engine: object

    assert current_kb(kb) is kb
    assert current_kb(Holder(Engine(kb))) is kb
