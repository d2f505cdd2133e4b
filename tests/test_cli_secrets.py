"""The bot token never reaches the terminal, whichever command meets a server that rejects it."""

from __future__ import annotations

import pytest
from fake_bot_api import FakeBotAPI
from test_cli_ask import sgbot

TOKEN = "123456:SECRETtokenVALUEabcdef"


def _run(tmp_path, *args: str, **env: str):
    with FakeBotAPI(token="123456:TEST") as api:  # any other token is answered 401
        return sgbot(
            *args,
            env={
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "SGBOT_TELEGRAM_API_URL": api.base_url,
                "SGBOT_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
                **env,
            },
        )


def test_send_due_with_a_rejected_token_prints_one_redacted_line(tmp_path):
    """Cron's `reminders send-due` against a 401: one line, exit 1, the token redacted."""
    out = _run(tmp_path, "reminders", "send-due", "--at", "2027-01-04T09:00")
    assert out.returncode == 1
    assert "SECRETtokenVALUEabcdef" not in out.stdout + out.stderr
    assert out.stderr.splitlines() == [
        "sgbot: InvalidToken: The token `[REDACTED]` was rejected by the server."
    ]


@pytest.mark.parametrize(
    "args", [("reminders", "send-due", "--at", "2027-01-04T09:00"), ("run",)], ids=str
)
def test_debug_tracebacks_are_redacted_too(tmp_path, args):
    """With SGBOT_LOG_LEVEL=DEBUG the traceback is logged, through the same redaction."""
    out = _run(tmp_path, *args, SGBOT_LOG_LEVEL="DEBUG")
    assert out.returncode != 0
    assert "SECRETtokenVALUEabcdef" not in out.stdout + out.stderr
    assert "[REDACTED]" in out.stderr or "rejected the bot token" in out.stderr
