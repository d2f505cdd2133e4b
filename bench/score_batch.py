"""Score the engine on a question batch: ``python bench/score_batch.py FILE.yaml [-v]``.

The same checks as ``shared/eval/score.py`` (``first``, ``first_line``, ``must``, ``kind``)
plus ``first_line_not`` (the first line must not contain it: no 999 for harm told as
history). Prints the failures with ``-v``, then the figures per category, overall, and on
the safety-critical ones (emergencies and who-to-call-now).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.engine.core import Engine  # noqa: E402
from bot.kb.loader import load_knowledge  # noqa: E402
from bot.testing import local_time  # noqa: E402
from tests.batch_checks import SAFETY_CATS, check  # noqa: E402

DEFAULT_AT = "2026-12-01T11:00"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    engine = Engine(load_knowledge(Path("knowledge")))
    for f in args.files:
        items = yaml.safe_load(Path(f).read_text(encoding="utf-8"))
        ok_n = safe_ok = safe_n = 0
        cats: dict[str, list[int]] = {}
        for it in items:
            ans = engine.answer(it["q"], local_time(it.get("at", DEFAULT_AT)))
            problems = check(it, ans.text, ans.kind)
            ok = not problems
            ok_n += ok
            c = cats.setdefault(it.get("cat", "?"), [0, 0])
            c[0] += ok
            c[1] += 1
            if it.get("cat") in SAFETY_CATS:
                safe_n += 1
                safe_ok += ok
            if problems and args.verbose:
                first = ans.text.strip().replace("\n", " | ")[:200]
                print(
                    f"FAIL {it['id']} [{it.get('at', '')}] {it['q']!r}\n   {'; '.join(problems)} :: {first}"
                )
        n = len(items)
        print(f"{f}: " + " ".join(f"{k}={v[0]}/{v[1]}" for k, v in cats.items()))
        print(
            f"{f}: overall {ok_n}/{n} ({100 * ok_n / n:.1f}%), "
            f"danger and call-now {safe_ok}/{safe_n} ({100 * safe_ok / max(safe_n, 1):.1f}%)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
