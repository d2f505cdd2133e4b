"""A non-editable install (a wheel, as deploy/README.md and the Dockerfile install it) works.

The wheel is built from this checkout without network (no build isolation) and installed
without dependencies into a new virtual environment, which borrows the test environment's
dependencies through a ``.pth`` file (never this checkout: the commands run elsewhere).
"""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from bot import schema
from bot.config import ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", name="installed")
def installed_fixture(tmp_path_factory) -> Path:
    """A virtual environment with the wheel of this checkout installed (non-editable)."""
    tmp = tmp_path_factory.mktemp("install")
    wheels = tmp / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--wheel-dir", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        cwd=tmp,
    )
    (wheel,) = wheels.glob("safeguarding_bot-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
        + ["--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]  # the test venv's: PTB, SQLAlchemy, ...
    (Path(site) / "sgbot_test_deps.pth").write_text(deps + "\n")
    return venv


def _run(venv: Path, *args: str, env: dict[str, str] | None = None, cwd: Path):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SGBOT_", "TELEGRAM_"))}
    base.update(HOME=str(cwd), XDG_STATE_HOME="", XDG_CACHE_HOME="", **(env or {}))
    return subprocess.run(
        [str(venv / "bin" / "sgbot"), *args],
        env=base,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _site(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def test_installed_ask_finds_the_shipped_knowledge_base(installed, tmp_path):
    """`sgbot ask` from a wheel answers from the knowledge base shipped in share/sgbot."""
    out = _run(installed, "ask", "--json", "what is MARAC", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert '"kind": "glossary"' in out.stdout
    assert "Multi-Agency Risk Assessment Conference" in out.stdout
    assert (installed / "share" / "sgbot" / "schedules" / "meetings.yaml").is_file()
    assert not (_site(installed) / "knowledge").exists()


def test_installed_database_goes_to_the_state_directory_not_site_packages(installed, tmp_path):
    """The default SQLite file is in $STATE_DIRECTORY (systemd), never in site-packages."""
    state = tmp_path / "state"
    out = _run(installed, "db", "upgrade", env={"STATE_DIRECTORY": str(state)}, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"database schema upgraded: empty -> {schema.HEAD}"
    out = _run(installed, "kb", "unanswered", env={"STATE_DIRECTORY": str(state)}, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (state / "sgbot.sqlite3").is_file()
    assert not (_site(installed) / "var").exists()


def test_installed_missing_knowledge_names_the_setting(installed, tmp_path):
    """A knowledge directory that is not there is one line naming SGBOT_KNOWLEDGE_DIR."""
    env = {"SGBOT_KNOWLEDGE_DIR": str(tmp_path / "nowhere")}
    out = _run(installed, "ask", "what is MARAC", env=env, cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1
    assert "SGBOT_KNOWLEDGE_DIR" in out.stderr and "Traceback" not in out.stderr


def test_a_postgresql_url_without_the_driver_is_one_clear_line(monkeypatch, capsys):
    """No psycopg installed: one line naming the [postgres] extra, not a traceback (exit 2)."""
    from bot.cli import main

    monkeypatch.setitem(sys.modules, "psycopg", None)  # importing it raises ImportError
    monkeypatch.setenv("SGBOT_DATABASE_URL", "postgresql+psycopg://sgbot@127.0.0.1/sgbot")
    monkeypatch.setenv("SGBOT_NO_CACHE", "1")
    assert main(["db", "current"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "sgbot: configuration error: SGBOT_DATABASE_URL is a PostgreSQL URL but its driver "
        "is not installed: pip install 'safeguarding-bot[postgres]' (psycopg)\n"
    )


def _dockerfile() -> tuple[dict[str, str], list[str], list[str]]:
    """The final stage's ENV, HEALTHCHECK command and CMD of deploy/Dockerfile."""
    text = (ROOT / "deploy" / "Dockerfile").read_text()
    final = text[text.rindex("\nFROM ") :]
    lines = final.replace("\\\n", " ").splitlines()
    env: dict[str, str] = {}
    health: list[str] = []
    cmd: list[str] = []
    for line in lines:
        if line.startswith("ENV "):
            for pair in shlex.split(line[4:]):
                key, _, value = pair.partition("=")
                env[key] = value
        elif line.startswith("HEALTHCHECK "):
            health = json.loads(line[line.index("CMD ") + 4 :])
        elif line.startswith("CMD "):
            cmd = json.loads(line[4:])
    return env, health, cmd


def test_the_image_entry_command_runs_and_passes_its_healthcheck(installed, tmp_path):
    """The Dockerfile's CMD with its ENV, from the wheel: healthy, metrics, JSON logs."""
    from fake_bot_api import FakeBotAPI, get

    image_env, health, cmd = _dockerfile()
    assert cmd == ["sgbot", "run"] and health[0] == "python"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    image_env.update(
        PATH=f"{installed / 'bin'}:{os.environ['PATH']}",
        STATE_DIRECTORY=str(tmp_path / "state"),
        CACHE_DIRECTORY=str(tmp_path / "state" / "cache"),
        SGBOT_METRICS_LISTEN="127.0.0.1",
        SGBOT_METRICS_PORT=str(port),
    )
    with FakeBotAPI() as api:
        image_env.update(TELEGRAM_BOT_TOKEN=api.token, SGBOT_TELEGRAM_API_URL=api.base_url)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SGBOT_", "TELEGRAM_"))}
        env.update(image_env)
        log = tmp_path / "bot.log"
        with log.open("wb") as err:
            proc = subprocess.Popen(
                [str(installed / "bin" / cmd[0]), *cmd[1:]], env=env, cwd=tmp_path, stderr=err
            )
        try:
            api.wait_for("getUpdates", timeout=30)
            check = subprocess.run(
                [str(installed / "bin" / "python"), *health[1:]], env=env, timeout=30
            )
            assert check.returncode == 0
            api.push_update(api.make_message(4242, "what is MARAC"))
            api.wait_for("sendMessage", timeout=15)
            status, body = get(f"http://127.0.0.1:{port}/metrics")
            assert status == 200
            assert b'sgbot_answers_total{kind="glossary"} 1.0' in body
            assert get(f"http://127.0.0.1:{port}/readyz")[0] == 200
        finally:
            proc.terminate()
            code = proc.wait(timeout=20)
    assert code == 0, log.read_text()
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert {"time", "level", "logger", "message"} <= set(records[0])
    assert api.token not in log.read_text()
    assert (tmp_path / "state" / "sgbot.sqlite3").is_file()
