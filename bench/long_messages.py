"""Answer latency for long practitioner messages (about 2,000 characters): a story of
sentences with the question last, some with a danger sentence inside.
``python bench/long_messages.py`` prints p50, p99 and max in milliseconds.

The sentences are the story sentences of the first-sight batches (``tests/data/batches``),
about two thousand real ones, drawn at random: no message repeats another's sentences often
enough for a cache to flatter the figures; the few fixed sentences below add a danger
sentence and ordinary narrative to some messages."""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.engine.core import Engine  # noqa: E402
from bot.kb.loader import load_knowledge  # noqa: E402
from bot.testing import local_time  # noqa: E402

BATCHES = Path(__file__).resolve().parent.parent / "tests" / "data" / "batches"
_ASKING = re.compile(
    r"\b(?:who|what|whats|which|where|when|how|can|could|should|is there|any)\b", re.I
)
SENTENCES = [
    "i have been working with this family for about two years now",
    "mum has been struggling since the new baby arrived in the spring",
    "the school have raised concerns about attendance more than once",
    "last week the older boy came in without a coat and seemed very tired",
    "dad moved out in the summer but still visits at weekends",
    "there were police at the house last night after a neighbour complained",
    "the health visitor is off sick so nobody has seen the baby this month",
    "she told me her partner takes her bank card and gives her twenty pounds a week",
    "he's outside the house now with a knife shouting that he will kill her",
]


def story_sentences() -> list[str]:
    """Every sentence of the batches' messages that is not a question (no question mark and
    no question word: a story's sentences, the question comes last)."""
    out: list[str] = []
    for f in sorted(BATCHES.glob("batch*.yaml")):
        for item in yaml.safe_load(f.read_text(encoding="utf-8")):
            for s in re.split(r"(?<=[.!])\s+", item["q"]):
                if len(s) > 25 and "?" not in s and not _ASKING.search(s):
                    out.append(s.rstrip(".!"))
    return out


def main() -> int:
    engine = Engine(load_knowledge(Path("knowledge")))
    rng = random.Random(7)
    pool = story_sentences() + SENTENCES
    now = local_time("2026-12-01T11:00")
    messages = []
    for _ in range(300):
        parts = []
        while sum(len(p) + 2 for p in parts) < 1950:
            parts.append(rng.choice(pool))
        messages.append(". ".join(parts) + ". who do i call")
    for m in messages[:20]:
        engine.answer(m, now)
    times = []
    for m in messages:
        t = time.perf_counter()
        engine.answer(m, now)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p99 = times[int(0.99 * len(times)) - 1]
    avg_len = statistics.mean(len(m) for m in messages)
    print(f"{len(messages)} messages of {avg_len:.0f} characters on average, {len(pool)} sentences")
    print(f"p50 {statistics.median(times):.2f} ms  p99 {p99:.2f} ms  max {times[-1]:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
