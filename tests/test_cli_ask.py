"""`sgbot ask` on the command line: one answer, --json, and --jsonl batches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sgbot(*args: str, stdin: str | None = None, env: dict | None = None):
    import os

    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=60,
    )


def test_ask_prints_answer_with_source(tmp_path):
    """`sgbot ask Q` prints the answer and its source."""
    out = sgbot(
        "ask",
        "--at",
        "2026-12-01T11:00",
        "what is MARAC",
        env={"SGBOT_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"},
    )
    assert out.returncode == 0, out.stderr
    assert "Multi-Agency Risk Assessment Conference" in out.stdout
    assert "Source:" in out.stdout


def test_ask_json_has_the_answer_fields(tmp_path):
    """`--json` prints kind, text, sources, suggestions and confidence."""
    out = sgbot(
        "ask",
        "--json",
        "--at",
        "2026-12-05T11:00",
        "who do I call about a child",
        env={"SGBOT_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"},
    )
    data = json.loads(out.stdout)
    assert {"kind", "text", "sources", "suggestions", "confidence"} <= set(data)
    assert data["kind"] == "contact" and "265545" in data["text"].replace(" ", "")


def test_jsonl_answers_each_line_in_order():
    """`--jsonl` answers one JSON line per request line, in order, honouring `at`."""
    lines = [
        {"question": "who do I call about a child", "at": "2026-12-01T11:00"},
        {"question": "who do I call about a child", "at": "2026-12-05T11:00"},
        {"question": "zzzz"},
    ]
    out = sgbot("ask", "--jsonl", stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    assert out.returncode == 0, out.stderr
    answers = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(answers) == 3
    assert "253169" in answers[0]["text"].replace(" ", "").split("\n")[0]
    assert "265545" in answers[1]["text"].replace(" ", "").split("\n")[0]
    assert answers[2]["kind"] == "unknown"


def test_jsonl_bad_line_does_not_stop_the_batch():
    """A malformed line yields an error object and the rest are still answered."""
    out = sgbot("ask", "--jsonl", stdin='not json\n{"question": "what is SAR"}\n')
    answers = [json.loads(x) for x in out.stdout.splitlines()]
    assert "error" in answers[0]
    assert "Safeguarding Adult Review" in answers[1]["text"]


def test_bad_at_is_a_clean_error():
    """A malformed --at is reported in one line, exit 2, no traceback."""
    out = sgbot("ask", "--at", "yesterday", "what is SAR")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_unanswered_are_recorded_redacted(tmp_path):
    """An unanswered question is counted for editors with every unknown word masked."""
    env = {"SGBOT_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    sgbot(
        "ask",
        "--at",
        "2026-12-01T11:00",
        "what is the LSOA code for John Smith at MK9 3EJ",
        env=env,
    )
    sgbot(
        "ask",
        "--at",
        "2026-12-01T11:00",
        "what is the LSOA code for John Smith at MK9 3EJ",
        env=env,
    )
    out = sgbot("kb", "unanswered", env=env)
    assert out.returncode == 0
    row = out.stdout.splitlines()[1]  # under the column headers
    assert row.split()[0] == "2"
    assert row.split(None, 2)[2].strip() == "what is the «…» for «…» at «…»"


def test_chat_console_answers_and_picks_suggestions(tmp_path):
    """The console chat answers lines from standard input and quits on 'quit'."""
    env = {
        "SGBOT_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "SGBOT_SCHEDULES_DIR": str(tmp_path),
    }
    out = sgbot("chat", stdin="what is MARAC\nquit\n", env=env)
    assert out.returncode == 0, out.stderr
    assert "Multi-Agency Risk Assessment Conference" in out.stdout
