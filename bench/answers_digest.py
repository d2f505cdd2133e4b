"""Every answer to a fixed corpus, hashed: proof that a speed-up changes no answer.

``python bench/answers_digest.py OUT.txt`` writes one line per message (its id and a hash of
the answer's kind, text, flags, confidence, sources and suggestions) and prints the digest
of the whole; ``--against OLD.txt`` prints the messages whose answers differ. The corpus:
every first-sight batch message and the development questions at their moments, the 300
long messages of ``bench/long_messages.py``, and 400 stories of batch sentences ending in a
batch question (at 11:00, 19:00 and on a Saturday).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.long_messages import SENTENCES, story_sentences  # noqa: E402
from bot.engine.core import Engine  # noqa: E402
from bot.kb.loader import load_knowledge  # noqa: E402
from bot.testing import local_time  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "questions.yaml"


def corpus() -> list[tuple[str, str, str]]:
    """(id, message, local moment) for every message of the corpus."""
    out: list[tuple[str, str, str]] = []
    questions: list[str] = []
    files = sorted((ROOT / "tests" / "data" / "batches").glob("batch*.yaml"))
    files += [ROOT / "tests" / "data" / "probe_questions.yaml"]
    files += [DEV] if DEV.exists() else []
    for f in files:
        for i, item in enumerate(yaml.safe_load(f.read_text(encoding="utf-8")) or []):
            if not isinstance(item, dict) or "q" not in item:
                continue
            out.append(
                (f"{f.stem}:{item.get('id', i)}", item["q"], item.get("at", "2026-12-01T11:00"))
            )
            questions.append(item["q"])
    rng = random.Random(7)
    pool = story_sentences() + SENTENCES
    for n in range(300):
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < 1950:
            parts.append(rng.choice(pool))
        out.append((f"long:{n}", ". ".join(parts) + ". who do i call", "2026-12-01T11:00"))
    moments = ("2026-12-01T11:00", "2026-12-01T19:00", "2026-12-05T11:00")
    for n in range(400):
        story = ". ".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        out.append((f"story:{n}", f"{story}. {rng.choice(questions)}", moments[n % 3]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--against")
    args = ap.parse_args()
    engine = Engine(load_knowledge(ROOT / "knowledge"))
    lines = []
    for key, q, at in corpus():
        a = engine.answer(q, local_time(at))
        blob = repr((a.kind, a.text, a.flags, round(a.confidence, 6), a.sources, a.suggestions))
        lines.append(f"{key} {hashlib.sha256(blob.encode()).hexdigest()[:16]}")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    print(f"{len(lines)} answers, digest {digest}")
    if args.against:
        old = dict(line.split(" ", 1) for line in Path(args.against).read_text().splitlines())
        changed = [
            line for line in lines if old.get(line.split(" ", 1)[0]) != line.split(" ", 1)[1]
        ]
        for line in changed:
            print("changed:", line.split(" ", 1)[0])
        print(f"{len(changed)} answers differ")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
