"""One settings object, read from the environment (and nothing else reads the environment)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def _ids(raw: str, name: str) -> frozenset[int]:
    out = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            out.add(int(part))
        except ValueError:
            raise ConfigError(f"{name}: {part!r} is not a numeric Telegram id") from None
    return frozenset(out)


@dataclass(frozen=True)
class Settings:
    """Everything configurable. ``Settings.from_env()`` builds it from ``os.environ``."""

    knowledge_dir: Path = ROOT / "knowledge"
    schedules_dir: Path = ROOT / "schedules"
    database_url: str = f"sqlite:///{ROOT / 'var' / 'sgbot.sqlite3'}"
    telegram_token: str | None = None
    telegram_api_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    allowed_chats: frozenset[int] = field(default_factory=frozenset)
    admins: frozenset[int] = field(default_factory=frozenset)
    cache_dir: Path | None = ROOT / "var" / "cache"
    grace_hours: float = 6.0
    unanswered_retention_days: int = 90
    send_lease_seconds: float = 60.0
    log_level: str = "INFO"
    check_max_age_days: int = 183  # a contact not checked for longer is due a check

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        defaults = cls()

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        try:
            port = int(get("SGBOT_WEBHOOK_PORT") or defaults.webhook_port)
            grace = float(get("SGBOT_GRACE_HOURS") or defaults.grace_hours)
            retention = int(
                get("SGBOT_UNANSWERED_RETENTION_DAYS") or defaults.unanswered_retention_days
            )
            lease = float(get("SGBOT_SEND_LEASE_SECONDS") or defaults.send_lease_seconds)
            max_age = int(get("SGBOT_CHECK_MAX_AGE_DAYS") or defaults.check_max_age_days)
            if not 0 < lease <= 86_400:
                raise ConfigError("SGBOT_SEND_LEASE_SECONDS: between 0 and 86400 seconds")
        except ValueError as exc:
            raise ConfigError(f"bad number in the environment: {exc}") from None
        if retention < 1:
            raise ConfigError("SGBOT_UNANSWERED_RETENTION_DAYS: must be 1 or more days")
        if max_age < 1:
            raise ConfigError("SGBOT_CHECK_MAX_AGE_DAYS: must be 1 or more days")
        return cls(
            knowledge_dir=Path(get("SGBOT_KNOWLEDGE_DIR") or defaults.knowledge_dir),
            schedules_dir=Path(get("SGBOT_SCHEDULES_DIR") or defaults.schedules_dir),
            database_url=get("SGBOT_DATABASE_URL") or defaults.database_url,
            telegram_token=get("TELEGRAM_BOT_TOKEN"),
            telegram_api_url=get("SGBOT_TELEGRAM_API_URL"),
            webhook_url=get("SGBOT_WEBHOOK_URL"),
            webhook_listen=get("SGBOT_WEBHOOK_LISTEN") or defaults.webhook_listen,
            webhook_port=port,
            webhook_secret=get("SGBOT_WEBHOOK_SECRET"),
            allowed_chats=_ids(get("SGBOT_ALLOWED_CHATS") or "", "SGBOT_ALLOWED_CHATS"),
            admins=_ids(get("SGBOT_ADMINS") or "", "SGBOT_ADMINS"),
            cache_dir=None
            if get("SGBOT_NO_CACHE")
            else Path(get("SGBOT_CACHE_DIR") or defaults.cache_dir),
            grace_hours=grace,
            unanswered_retention_days=retention,
            send_lease_seconds=lease,
            log_level=(get("SGBOT_LOG_LEVEL") or defaults.log_level).upper(),
            check_max_age_days=max_age,
        )
