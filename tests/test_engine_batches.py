"""The unseen practitioner batches (tests/data/batches, see EVALUATION.md) stay answered:
each batch's emergencies, who-to-call-now and history messages all right, and overall at
least the share reached when it was fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from batch_checks import SAFETY_CATS, check

from bot.testing import local_time

BATCHES = Path(__file__).parent / "data" / "batches"
# the overall share each batch reached after its fixes (first-sight figures: EVALUATION.md)
FLOORS = {
    "batch1.yaml": 0.98,
    "batch2.yaml": 0.96,
    "batch3.yaml": 0.97,
    "batch4.yaml": 0.98,
    "batch5.yaml": 0.96,
    "batch6.yaml": 0.98,
    "batch7.yaml": 0.98,
    "batch8.yaml": 0.98,
    "batch9.yaml": 0.96,
    "batch10.yaml": 0.96,
    "batch11.yaml": 0.97,
    "batch12.yaml": 0.97,
    "batch13.yaml": 0.96,
    "batch14.yaml": 0.95,
    "batch15.yaml": 0.97,
    "batch16.yaml": 0.99,
    "batch17.yaml": 0.99,
    "batch18.yaml": 0.97,
    "batch19.yaml": 0.96,
    "batch20.yaml": 0.98,
    "batch21.yaml": 0.98,
    "batch22.yaml": 0.99,
    "batch23.yaml": 0.98,
    "batch24.yaml": 0.97,
    "batch25.yaml": 0.94,
    "batch26.yaml": 0.99,
    "batch27.yaml": 0.98,
    "batch28.yaml": 0.99,
    "batch29.yaml": 0.95,
    "batch30.yaml": 0.95,
    "batch31.yaml": 0.98,
    "batch32.yaml": 0.96,
    "batch33.yaml": 0.96,
    "batch34.yaml": 0.97,
    "batch35.yaml": 0.98,
    "batch36.yaml": 0.95,
    "batch37.yaml": 0.99,
    "batch38.yaml": 0.97,
    "batch39.yaml": 0.97,
    "batch40.yaml": 0.99,
    "batch41.yaml": 1.0,
    "batch42.yaml": 0.98,
    "batch43.yaml": 0.97,
    "batch44.yaml": 0.98,
    "batch45.yaml": 1.0,
    "batch46.yaml": 1.0,
    "batch47.yaml": 0.99,
    "batch48.yaml": 0.99,
    "batch49.yaml": 0.96,
    "batch50.yaml": 0.99,
    "batch51.yaml": 0.99,
    "batch52.yaml": 0.98,
    "batch53.yaml": 0.98,
    "batch54.yaml": 1.0,
    "batch55.yaml": 1.0,
}

# The safety-critical messages still answered wrong, each with why (EVALUATION.md): every
# other emergency, call-now and history message of every batch must be right, so a new
# batch joins the safety tests as soon as it is kept.
KNOWN_SAFETY_MISSES = {
    "b5-030": "an empty fridge and emergency credit, harm dated as over: 999 still leads",
    "b5-034": "a lady of 79 whose grandson (15) is her carer: read as about the child",
    "b5-062": "'straight after visiting ends at 8' tomorrow night read as noon",
    "b7-056": "a postnatal mum (the kids in bed are the writer's): both audiences",
    "b8-013": "999 first, but a parent's line before the child's",
    "b10-032": "a DA call-out dealt with, mum 'just rung': 999 still leads",
    "b11-017": "a child's injuries with a parent leaving: no 999",
    "b19-008": "999 first, but the victim among several perpetrators is read as a child",
    "b40-039": "a teacher's 'a parent emailed ... their son': the son read as a grown relation",
}


def _items(name: str) -> list[dict]:
    return yaml.safe_load((BATCHES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_batch_overall_share_holds(engine, name):
    """Every kept batch answers at least the share of its messages it did when fixed."""
    items = _items(name)
    right = sum(
        not check(
            it,
            (a := engine.answer(it["q"], local_time(it.get("at", "2026-12-01T11:00")))).text,
            a.kind,
        )
        for it in items
    )
    assert right / len(items) >= FLOORS[name], f"{right}/{len(items)}"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_batch_danger_messages_all_lead_with_999(engine, name):
    """Every emergency told in a story, in a fixed batch, leads with the 999 line."""
    for it in _items(name):
        if it.get("cat") == "emergency" and it["id"] not in KNOWN_SAFETY_MISSES:
            ans = engine.answer(it["q"], local_time(it["at"]))
            assert "999" in ans.text.splitlines()[0], (it["id"], ans.text[:200])


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_batch_safety_critical_messages_all_right(engine, name):
    """A fixed batch's emergencies, call-now and history messages are all answered right."""
    for it in _items(name):
        if it.get("cat") in SAFETY_CATS and it["id"] not in KNOWN_SAFETY_MISSES:
            ans = engine.answer(it["q"], local_time(it["at"]))
            assert not check(it, ans.text, ans.kind), (it["id"], ans.text[:200])


def test_known_safety_misses_are_still_misses(engine):
    """Each safety miss listed is still answered wrong: one fixed leaves the list, so the
    safety tests above then hold it."""
    items = {it["id"]: it for name in FLOORS for it in _items(name)}
    still = [
        i
        for i in KNOWN_SAFETY_MISSES
        if check(
            items[i],
            (a := engine.answer(items[i]["q"], local_time(items[i]["at"]))).text,
            a.kind,
        )
    ]
    assert sorted(still) == sorted(KNOWN_SAFETY_MISSES)
