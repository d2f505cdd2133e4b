"""Dependencies point inwards: the core never imports Telegram and never reads the clock."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = [ROOT / "bot" / "engine", ROOT / "bot" / "kb"]


def test_engine_imports_with_telegram_blocked():
    """The engine answers with the telegram package made unimportable."""
    code = (
        "import sys; sys.modules['telegram'] = None; sys.modules['telegram.ext'] = None\n"
        "import datetime as dt\n"
        "from bot.config import ROOT\n"
        "from bot.kb.loader import load_knowledge\n"
        "from bot.engine.core import Engine\n"
        "e = Engine(load_knowledge(ROOT / 'knowledge'))\n"
        "print(e.answer('what is MARAC', dt.datetime(2026, 12, 1, 11)).kind)\n"
        "assert not any(m.startswith('telegram') and sys.modules[m] is not None for m in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "glossary"


def test_core_never_reads_the_clock():
    """No module of the engine or knowledge base calls now(), today() or time.time()."""
    offenders = []
    for folder in CORE:
        for path in folder.rglob("*.py"):
            if path.name == "unanswered.py":  # records, is called by adapters with `now`
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Attribute) and node.attr in (
                    "now",
                    "today",
                    "utcnow",
                    "time",
                ):
                    if isinstance(node.value, ast.Name | ast.Attribute):
                        name = ast.unparse(node.value)
                        if name in (
                            "dt.datetime",
                            "datetime",
                            "datetime.datetime",
                            "dt.date",
                            "date",
                            "time",
                        ):
                            offenders.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    assert offenders == []


def test_ask_does_not_import_telegram():
    """`sgbot ask` stays on the lazy path: no telegram module is imported."""
    code = (
        "import sys\n"
        "from bot.cli import main\n"
        "rc = main(['ask', '--at', '2026-12-01T11:00', 'what is MARAC'])\n"
        "assert rc == 0\n"
        "assert not [m for m in sys.modules if m.startswith('telegram')], 'telegram imported'\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
