"""The checks a batch item's answer must pass (as in the shared eval's score.py, plus
``first_line_not``); shared by the batch tests and ``bench/score_batch.py``."""

from __future__ import annotations

import re

LOCAL_NUMBERS = ("253772", "725005", "253169", "265545")
SAFETY_CATS = frozenset({"emergency", "contact-time", "history"})


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


def first_local_number(text: str) -> str | None:
    t = flat(text)
    found = [(t.find(n), n) for n in LOCAL_NUMBERS if n in t]
    return min(found)[1] if found else None


def check(item: dict, text: str, kind: str) -> list[str]:
    """Every way the answer ``text`` (of ``kind``) falls short of ``item``; empty when right."""
    t = flat(text)
    line = text.strip().splitlines()[0] if text.strip() else ""
    problems = []
    if "kind" in item and kind != item["kind"]:
        problems.append(f"kind {kind!r} != {item['kind']!r}")
    if "first_line" in item and flat(str(item["first_line"])) not in flat(line):
        problems.append(f"first line lacks {item['first_line']!r}")
    if "first_line_not" in item and flat(str(item["first_line_not"])) in flat(line):
        problems.append(f"first line has {item['first_line_not']!r}")
    if item.get("cat") in ("glossary", "board", "actions") and "999" in line:
        problems.append("first line is the 999 line, not the answer")
    if "first" in item:
        got = first_local_number(text)
        if got != str(item["first"]):
            problems.append(f"first number {got} != {item['first']}")
    for need in item.get("must", []) or []:
        options = need if isinstance(need, list) else [need]
        if not any(flat(str(o)) in t for o in options):
            problems.append(f"missing {options}")
    return problems
