"""Action summaries and pages (pure): when a report's actions stop being overdue, pages
that fit a message, and no overdue escalation once a newer report took over."""

from __future__ import annotations

import dataclasses
import datetime as dt

from test_reminders_helpers import (  # noqa: F401
    kb_fixture,
    schedules_fixture,
    tiny_kb,
)

from bot.kb.models import Action
from bot.reminders.action_pages import ActionList, plans_end, report_ended
from bot.reminders.occurrences import firings


def test_plans_end_a_year_after_the_period_or_at_the_last_due_date():
    """2019-20: plans to 31 March 2021; a later due date moves it; the report is history
    one year after that."""
    early = tiny_kb([Action("a-1", "risk", "Do it", "t", due=dt.date(2020, 6, 1))])
    assert plans_end(early) == dt.date(2021, 3, 31)
    assert not report_ended(early, dt.date(2022, 3, 31))
    assert report_ended(early, dt.date(2022, 4, 1))
    late = tiny_kb([Action("a-1", "risk", "Do it", "t", due=dt.date(2021, 4, 1))])
    assert plans_end(late) == dt.date(2021, 4, 1)
    odd = dataclasses.replace(
        late, partnership=dataclasses.replace(late.partnership, report_period="the last year")
    )
    assert plans_end(odd) is None and not report_ended(odd, dt.date(2090, 1, 1))


def test_pages_fit_a_message_and_hold_every_action_once():
    """200 long actions: pages of at most 8 and 3,500 characters, each action once."""
    acts = [Action(f"risk-{i:03d}", "risk", "Long text. " * 60, "t") for i in range(200)]
    lst = ActionList(tiny_kb(acts), acts, {}, dt.date(2020, 6, 1))
    pages = lst.pages()
    assert all(len(p) <= 8 and len("\n".join(p)) <= 3500 for p in pages)
    assert sum(len(p) for p in pages) == 200
    text, number, total = lst.page(99, admin=True)
    assert (number, total) == (len(pages) - 1, len(pages))  # clamped to the last page
    assert text.endswith("Admins: /done ACTION [note], /reopen ACTION [note].")
    assert len(lst.summary()) < 500


def test_no_overdue_escalation_once_the_report_is_history(schedules):
    """Monthly escalations for two years stop when a newer report has taken over."""
    kb = tiny_kb([Action("risk-01", "risk", "Do it", "t", due=dt.date(2021, 1, 31))])
    od = dataclasses.replace(schedules.overdue, every_days=30, times=24)
    sch = dataclasses.replace(schedules, overdue=od)
    after = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    until = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    sent = [f for f in firings(sch, kb, {}, after, until) if f.kind == "overdue"]
    assert sent and len(sent) < 24
    assert max(f.fire_at.date() for f in sent) <= dt.date(2022, 3, 31)
