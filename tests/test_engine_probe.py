"""Two hundred unseen practitioner questions answer with the facts the report gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.testing import local_time

NOW = local_time("2026-12-01T11:00")
PROBE = yaml.safe_load(
    (Path(__file__).parent / "data" / "probe_questions.yaml").read_text(encoding="utf-8")
)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


@pytest.mark.parametrize("item", PROBE, ids=[item["id"] for item in PROBE])
def test_probe_question(engine, item):
    """The answer has every required fact (any one of a list) and the required kind."""
    ans = engine.answer(item["q"], NOW)
    if "kind" in item:
        assert ans.kind == item["kind"], ans.text
    first = ans.text.split("\n")[0]
    assert "999" not in first or item.get("cat") == "unknown", ans.text
    for must in item.get("must", []):
        options = must if isinstance(must, list) else [must]
        assert any(flat(o) in flat(ans.text) for o in options), (must, ans.text)


def test_probe_set_is_large_and_unique():
    """The probe set has 200+ questions with unique ids and questions."""
    assert len(PROBE) >= 200
    assert len({i["id"] for i in PROBE}) == len(PROBE)
    assert len({i["q"].lower() for i in PROBE}) == len(PROBE)
