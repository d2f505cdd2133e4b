"""`sgbot kb check` on broken knowledge: exit 1, one `path:line: message` per problem, no traceback.

The base directory is a fresh `kb build` of the shipped report (so these tests do not
depend on the hand-curated knowledge/ being complete); each case breaks one thing and
expects the problem on the line of the broken spot.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.kb.build import build, write

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "tests" / "data" / "mk-together-safeguarding-annual-report-2019-20.md"
NAMES = ROOT / "knowledge" / "names.yaml"  # Milton Keynes's agency names (data)
PROBLEM_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<message>.+)$")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("base")
    write(build(REPORT, NAMES), out, str(REPORT))
    return out


def kb_check(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "kb", "check", str(directory)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def problems(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, str]]:
    """The parsed stderr lines; every line must be a `path:line: message`."""
    assert "Traceback" not in result.stderr, result.stderr
    out = []
    for line in result.stderr.splitlines():
        m = PROBLEM_RE.match(line)
        assert m, f"not a path:line: message line: {line!r}"
        out.append((m.group("path"), int(m.group("line")), m.group("message")))
    return out


def break_file(base: Path, tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """Copy the base directory and replace the first ``old`` in ``name``; returns its line."""
    directory = tmp_path / "kb"
    shutil.copytree(base, directory)
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}: the builder's output changed"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return directory, line


# name, file, old text, new text, line offset from the old text's first line, message part
CASES = [
    ("yaml-syntax", "glossary.yaml", "    term: AA\n", "    term: AA: x\n", 0, "YAML syntax"),
    ("unclosed-quote", "glossary.yaml", "    term: AA\n", '    term: "AA\n', 0, "YAML syntax"),
    ("tab-indent", "glossary.yaml", "    term: AA\n", "\tterm: AA\n", 0, "YAML syntax"),
    (
        "list-for-text",
        "glossary.yaml",
        "    expansion: Alcoholics Anonymous\n",
        "    expansion: [Alcoholics, Anonymous]\n",
        0,
        "terms[0].expansion: expected text, got a list",
    ),
    (
        "unknown-field",
        "contacts.yaml",
        "    label: Safeguarding Adults\n",
        "    label: Safeguarding Adults\n    fax: 01908 000000\n",
        1,
        "contacts[1].fax: unknown field",
    ),
    ("missing-field", "glossary.yaml", "    term: AA\n", "", -1, "terms[0].term: missing required"),
    ("duplicate-id", "glossary.yaml", "  - id: ace\n", "  - id: aa\n", 0, "duplicate id 'aa'"),
    (
        "duplicate-key",
        "glossary.yaml",
        "    term: AA\n",
        "    term: AA\n    term: AB\n",
        1,
        "duplicate key (first at line",
    ),
    ("bad-id", "glossary.yaml", "  - id: aa\n", "  - id: A A\n", 0, "term id 'A A'"),
    ("sponsor", "boards.yaml", "    sponsor: tvp\n", "    sponsor: tvpx\n", 0, "unknown sponsor"),
    (
        "owner",
        "actions.yaml",
        "    owner: risk\n",
        "    owner: risky\n",
        0,
        "unknown owner 'risky'",
    ),
    ("parent", "agencies.yaml", "    parent: mkc\n", "    parent: mkcc\n", 0, "unknown parent"),
    (
        "outside",
        "contacts.yaml",
        "    outside: children-mash\n",
        "    outside: children-mush\n",
        0,
        "unknown contact 'children-mush'",
    ),
    (
        "partner",
        "partnership.yaml",
        "[mkc, mkccg, tvp]",
        "[mkc, mkccg, tvpp]",
        0,
        "unknown safeguarding partner agency 'tvpp'",
    ),
    (
        "phone",
        "contacts.yaml",
        "    phone: 01908 253772\n",
        "    phone: 01908 25377x\n",
        0,
        "bad phone number '01908 25377x'",
    ),
    (
        "hour-25",
        "contacts.yaml",
        "{days: [fri], open: '09:00', close: '16:30'}",
        "{days: [fri], open: '09:00', close: '25:00'}",
        0,
        "bad time '25:00'",
    ),
    (
        "opens-after-close",
        "contacts.yaml",
        "{days: [fri], open: '09:00', close: '16:30'}",
        "{days: [fri], open: '17:00', close: '16:30'}",
        0,
        "opens 17:00 after it closes 16:30",
    ),
    ("bad-day", "contacts.yaml", "{days: [fri],", "{days: [fry],", 0, "'fry' is not one of"),
    ("bad-bool", "contacts.yaml", "    always: true\n", "    always: maybe\n", 0, "true or false"),
    (
        "bad-date",
        "actions.yaml",
        "    due: 2021-01-31\n",
        "    due: 2021-13-31\n",
        0,
        "expected a date YYYY-MM-DD",
    ),
    ("time-zone", "partnership.yaml", "Europe/London", "Europe/Londn", 0, "unknown time zone"),
    (
        "null-mapping",
        "partnership.yaml",
        "  holidays: {country: GB, subdiv: ENG}\n",
        "  holidays:\n",
        0,
        "partnership.holidays: expected a mapping, got nothing",
    ),
    ("not-a-mapping", "glossary.yaml", "terms:\n", "- terms\n- x:\n", 0, "expected a mapping"),
    ("wrong-top-key", "glossary.yaml", "terms:\n", "term:\n", 0, "unknown key 'term'"),
    (
        "definition-blank",
        "definitions.yaml",
        "    term: Safeguarding\n",
        '    term: " "\n',
        0,
        "term must not be blank",
    ),
    (
        "definition-field",
        "definitions.yaml",
        "    term: Safeguarding\n",
        "    term: Safeguarding\n    meaning: x\n",
        1,
        "definitions[0].meaning: unknown field",
    ),
    (
        "definition-dup",
        "definitions.yaml",
        "  - id: safeguarding-adults\n",
        "  - id: safeguarding-children\n",
        0,
        "duplicate id 'safeguarding-children'",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "offset", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_one_broken_spot_is_reported_on_its_line(base, tmp_path, file, old, new, offset, message):
    """The check fails with `path:line: message` on the broken line, and nothing else fails."""
    directory, line = break_file(base, tmp_path, file, old, new)
    result = kb_check(directory)
    assert result.returncode == 1
    found = problems(result)
    path = str(directory / file)
    assert (path, line + offset) in [(p, n) for p, n, _ in found], result.stderr
    assert any(message in m for p, n, m in found if (p, n) == (path, line + offset)), found
    assert len(found) == 1, found  # one mistake, one problem


@pytest.mark.parametrize("file", ["actions.yaml", "glossary.yaml", "partnership.yaml"])
def test_missing_file(base, tmp_path, file):
    """A required file that is missing is `path:1: file not found`."""
    directory = tmp_path / "kb"
    shutil.copytree(base, directory)
    (directory / file).unlink()
    found = problems(result := kb_check(directory))
    assert result.returncode == 1
    assert found == [(str(directory / file), 1, "file not found")]


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(base, tmp_path, content):
    """An empty file (or only comments) is `path:1: file is empty`."""
    directory = tmp_path / "kb"
    shutil.copytree(base, directory)
    (directory / "boards.yaml").write_text(content)
    found = problems(result := kb_check(directory))
    assert result.returncode == 1
    assert found == [(str(directory / "boards.yaml"), 1, "file is empty")]


def test_every_problem_of_every_file_is_reported_at_once(base, tmp_path):
    """Two files broken in two ways give both problems in one run, sorted by path."""
    directory, phone_line = break_file(
        base, tmp_path, "contacts.yaml", "    phone: 01908 253772\n", "    phone: call us\n"
    )
    path = directory / "boards.yaml"
    text = path.read_text()
    sponsor_line = text[: text.index("    sponsor: tvp\n")].count("\n") + 1
    path.write_text(text.replace("    sponsor: tvp\n", "    sponsor: nobody\n", 1))
    found = problems(result := kb_check(directory))
    assert result.returncode == 1
    assert [(p, n) for p, n, _ in found] == [
        (str(directory / "boards.yaml"), sponsor_line),
        (str(directory / "contacts.yaml"), phone_line),
    ]


def test_not_a_directory(tmp_path):
    """A path that is not a directory is one problem, not a traceback."""
    found = problems(result := kb_check(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert found == [(str(tmp_path / "nowhere"), 1, "not a directory")]


def test_a_valid_directory_passes_and_prints_counts(base):
    """The unbroken build exits 0, prints every count and OK, and writes nothing to stderr."""
    result = kb_check(base)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for count in ("73 glossary terms", "8 contacts", "10 boards", "12 agencies", "77 actions"):
        assert re.search(rf"^\s+{count}$", result.stdout, flags=re.M), result.stdout
    assert result.stdout.rstrip().endswith(f"{base}: OK")
