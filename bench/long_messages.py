"""Answer latency for long practitioner messages (about 2,000 characters): a story of
ordinary sentences with the question last, some with a danger sentence inside.
``python bench/long_messages.py`` prints p50, p99 and max in milliseconds."""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.engine.core import Engine  # noqa: E402
from bot.kb.loader import load_knowledge  # noqa: E402
from bot.testing import local_time  # noqa: E402

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


def main() -> int:
    engine = Engine(load_knowledge(Path("knowledge")))
    rng = random.Random(7)
    now = local_time("2026-12-01T11:00")
    messages = []
    for _ in range(300):
        parts = []
        while sum(len(p) + 2 for p in parts) < 1950:
            parts.append(rng.choice(SENTENCES))
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
    print(f"{len(messages)} messages of {avg_len:.0f} characters on average")
    print(f"p50 {statistics.median(times):.2f} ms  p99 {p99:.2f} ms  max {times[-1]:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
