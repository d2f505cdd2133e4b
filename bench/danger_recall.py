"""Danger reading against labelled messages: recall and false alarms, rules alone and with
the learned scorer. ``python bench/danger_recall.py [FILE.yaml ...]`` (default: the
training set, where the scorer's figures are in-sample, and every batch's emergencies and
histories, which are not)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.read.danger import read_danger  # noqa: E402


def labelled(path: Path) -> list[tuple[str, bool]]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    if items and "danger" in items[0]:
        return [(it["text"], bool(it["danger"])) for it in items]
    out = []
    for it in items:
        if it.get("first_line") == "999" or it.get("cat") == "emergency":
            out.append((it["q"], True))
        elif it.get("first_line_not") == "999" or it.get("cat") in ("history", "glossary", "board"):
            out.append((it["q"], False))
    return out


def main() -> int:
    files = [Path(a) for a in sys.argv[1:]] or [
        ROOT / "training" / "danger_examples.yaml",
        *sorted((ROOT / "tests" / "data" / "batches").glob("*.yaml")),
    ]
    for f in files:
        data = labelled(f)
        pos = sum(1 for _, y in data if y)
        for name, use in (("rules", False), ("rules+model", True)):
            hits = [(bool(read_danger(t, use_model=use)), y) for t, y in data]
            tp = sum(1 for p, y in hits if p and y)
            fp = sum(1 for p, y in hits if p and not y)
            print(f"{f.name:28} {name:12} recall {tp}/{pos}  false alarms {fp}/{len(data) - pos}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
