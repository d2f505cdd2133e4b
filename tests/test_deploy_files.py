"""The deployment files say what deploy/README.md promises (the image's command itself runs
in tests/test_install.py)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from bot.config import ROOT

DEPLOY = ROOT / "deploy"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_the_unit_scores_ok_with_systemd_analyze_security():
    """`systemd-analyze security --offline=yes` rates the unit at most 3.0 ("OK")."""
    out = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", str(DEPLOY / "sgbot.service")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = re.search(r"Overall exposure level for sgbot.service: (\d+\.\d+) (\w+)", out.stdout)
    assert found, out.stdout + out.stderr
    assert float(found.group(1)) <= 3.0 and found.group(2) == "OK"


def test_the_unit_keeps_what_the_guide_relies_on():
    """Exit 2 is not restarted, files are private, the state lives in /var/lib/sgbot."""
    unit = (DEPLOY / "sgbot.service").read_text()
    for line in (
        "RestartPreventExitStatus=2",
        "UMask=0077",
        "StateDirectory=sgbot",
        "DynamicUser=yes",
        "User=sgbot",
        "EnvironmentFile=/etc/sgbot/sgbot.env",
        "ExecStart=/opt/sgbot/venv/bin/sgbot run",
    ):
        assert f"\n{line}\n" in unit, line
    admin = (DEPLOY / "sgbot-admin").read_text()
    assert "--property=User=sgbot" in admin and "EnvironmentFile=/etc/sgbot/sgbot.env" in admin


def test_the_dockerfile_runs_slim_non_root_without_build_tools():
    """Two stages on a slim base; the final one copies the venv only, as a non-root user."""
    text = (DEPLOY / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", text, re.M)
    assert len(stages) == 2 and all(s.startswith("python:3.11-slim") for s in stages)
    final = text[text.rindex("\nFROM ") :]
    assert "COPY --from=build /opt/sgbot/venv /opt/sgbot/venv" in final
    assert not re.search(r"apt-get|gcc|build-essential|^COPY (bot|knowledge)", final, re.M)
    assert re.search(r"^USER sgbot$", final, re.M)
    assert re.search(r"^HEALTHCHECK .*\\\n\s+CMD \[", final, re.M)


def test_compose_runs_postgres_16_with_a_volume_and_waits_for_it():
    """PostgreSQL 16 on a named volume, health-checked; the bot waits for it and the migration."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    db = services["db"]
    assert db["image"] == "postgres:16"
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert "pg_isready" in db["healthcheck"]["test"][1]
    assert services["migrate"]["command"] == ["sgbot", "db", "upgrade"]
    assert services["bot"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }
    assert services["bot"]["environment"]["SGBOT_DATABASE_URL"].startswith(
        "postgresql+psycopg://sgbot:"
    )
    assert "healthcheck" in services["bot"]
