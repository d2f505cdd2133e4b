"""Answer latency at the report's scale and on synthetic glossaries of 10,000 and 100,000 terms.

Run it:  .venv/bin/python bench/answer_latency.py [--quick]

Prints p50 and p99 of ``Engine.answer`` per knowledge base, the time to build the
indexes, the process's resident memory with that engine loaded, and the whole-process
wall time of ``sgbot ask``. Targets (issue 3): p99 under 2 ms at report scale, under 20 ms
at 100,000 terms; ``sgbot ask`` under 0.5 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.engine.core import Engine  # noqa: E402
from bot.kb.loader import load_knowledge  # noqa: E402
from bot.kb.models import Term  # noqa: E402
from bot.testing import local_time  # noqa: E402

QUESTIONS = [
    "who do I call about a child",
    "worried about an elderly neighbour",
    "MASH number",
    "what is MARAC",
    "marrac",
    "cp-is",
    "acronym for youth offending service",
    "acronym for youth offending",
    "what is the acronym for multi agency risk thing",
    "abbreviation for child protection information sharing",
    "who sponsors the assurance board",
    "which board deals with training",
    "what will the voice board do next",
    "what is children's social care doing next",
    "who is working on knife crime",
    "book me a table for two",
    "zzzz",
    "a child is in immediate danger",
    "what is the LSOA code for Bletchley",
    "how often does the community safety partnership meet",
    "list the affiliated boards",
]
MOMENTS = [local_time(x) for x in ("2026-12-01T11:00", "2026-12-04T16:45", "2026-12-25T12:00")]


def synthetic(kb, n: int, rng: random.Random):
    words = [
        "Multi",
        "Agency",
        "Risk",
        "Safeguarding",
        "Review",
        "Board",
        "Panel",
        "Service",
        "Child",
        "Adult",
        "Health",
        "Police",
        "Local",
        "Strategic",
        "Domestic",
        "Team",
        "Assessment",
        "Conference",
        "Network",
        "Unit",
        "Forum",
        "Group",
        "Care",
        "Trust",
    ]
    seen = {t.term.upper() for t in kb.terms}
    terms = list(kb.terms)
    while len(terms) < n:
        size = rng.randint(3, 7)
        acro = "".join(rng.choice(string.ascii_uppercase) for _ in range(size))
        if acro in seen:
            continue
        seen.add(acro)
        expansion = " ".join(rng.choice(words) for _ in range(rng.randint(2, 6))) + f" {len(terms)}"
        terms.append(
            Term(id=f"syn-{len(terms)}", term=acro, expansion=expansion, source="synthetic")
        )
    return dataclasses.replace(kb, terms=terms), terms


def rss_mb() -> float:
    """Resident memory of this process now (Linux ``/proc``; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(engine: Engine, questions: list[str], rounds: int) -> tuple[float, float, float]:
    samples = []
    for _ in range(rounds):
        for q in questions:
            for now in MOMENTS:
                t0 = time.perf_counter()
                engine.answer(q, now)
                samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p50 = statistics.median(samples)
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return p50, p99, samples[-1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer rounds, skip 100,000")
    args = ap.parse_args()
    rng = random.Random(7)
    base = load_knowledge(Settings.from_env().knowledge_dir)
    rounds = 3 if args.quick else 20
    print(
        f"{'knowledge base':<28}{'build ms':>10}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'rss MB':>9}"
    )
    sizes = [("report", None), ("10,000 terms", 10_000)]
    if not args.quick:
        sizes.append(("100,000 terms", 100_000))
    for label, n in sizes:
        kb, terms = (base, base.terms) if n is None else synthetic(base, n, rng)
        t0 = time.perf_counter()
        engine = Engine(kb)
        build = (time.perf_counter() - t0) * 1000
        qs = list(QUESTIONS)
        if n is not None:  # exact hits, typos and misses among the synthetic terms
            picks = rng.sample(terms[len(base.terms) :], 40)
            qs += [f"what is {t.term}" for t in picks[:20]]
            qs += [t.term[:-1] + "Q" + t.term[-1] for t in picks[20:]]
        for q in qs:  # first answers pay one-off imports (holidays), not latency
            engine.answer(q, MOMENTS[0])
        p50, p99, worst = measure(engine, qs, rounds)
        print(f"{label:<28}{build:>10.0f}{p50:>9.3f}{p99:>9.3f}{worst:>9.3f}{rss_mb():>9.0f}")
        del engine, kb, terms
    runs = []
    env = {**os.environ, "SGBOT_DATABASE_URL": "sqlite:////tmp/sgbot-bench.sqlite3"}
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "sgbot"),
                "ask",
                "--at",
                "2026-12-01T11:00",
                "what is MARAC",
            ],
            check=True,
            capture_output=True,
            env=env,
        )
        runs.append(time.perf_counter() - t0)
    print(
        f"sgbot ask, whole process: median {statistics.median(runs):.3f} s, "
        f"max {max(runs):.3f} s over {len(runs)} runs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
