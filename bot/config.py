"""One settings object, read from the environment (and nothing else reads the environment)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
# A source checkout (``pip install -e .``, ``make run``) keeps its data beside the code; a
# non-editable install has the default knowledge and schedules in <prefix>/share/sgbot/
CHECKOUT = (ROOT / "pyproject.toml").is_file() and (ROOT / "knowledge").is_dir()
SHARE = Path(sys.prefix) / "share" / "sgbot"
DATA_DIR = ROOT if CHECKOUT else SHARE
LOG_FORMATS = ("text", "json")


def default_state_dir(env: Mapping[str, str]) -> Path:
    """Where the default SQLite database lives: ``var/`` in a checkout; otherwise systemd's
    ``$STATE_DIRECTORY``, else ``$XDG_STATE_HOME/sgbot`` (``~/.local/state/sgbot``)."""
    if CHECKOUT:
        return ROOT / "var"
    if env.get("STATE_DIRECTORY"):
        return Path(env["STATE_DIRECTORY"].split(":")[0])
    base = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "sgbot"


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """The knowledge cache: ``var/cache`` in a checkout; else ``$CACHE_DIRECTORY`` or
    ``$XDG_CACHE_HOME/sgbot``."""
    if CHECKOUT:
        return ROOT / "var" / "cache"
    if env.get("CACHE_DIRECTORY"):
        return Path(env["CACHE_DIRECTORY"].split(":")[0])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sgbot"


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

    knowledge_dir: Path = DATA_DIR / "knowledge"
    schedules_dir: Path = DATA_DIR / "schedules"
    database_url: str = f"sqlite:///{default_state_dir({}) / 'sgbot.sqlite3'}"
    telegram_token: str | None = None
    telegram_api_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    allowed_chats: frozenset[int] = field(default_factory=frozenset)
    admins: frozenset[int] = field(default_factory=frozenset)
    cache_dir: Path | None = default_cache_dir({})
    grace_hours: float = 6.0
    unanswered_retention_days: int = 90
    send_lease_seconds: float = 60.0
    log_level: str = "INFO"
    log_format: str = "text"
    metrics_port: int | None = None
    metrics_listen: str = "127.0.0.1"
    dispatch_interval: float = 60.0
    concurrent_updates: int = 32

    def require_data(self, schedules: bool = True) -> None:
        """ConfigError naming the setting when the knowledge or schedules directory is
        missing (a non-editable install without its data, or a typo in the path)."""
        for name, path in (
            ("SGBOT_KNOWLEDGE_DIR", self.knowledge_dir),
            ("SGBOT_SCHEDULES_DIR", self.schedules_dir if schedules else self.knowledge_dir),
        ):
            if not path.is_dir():
                raise ConfigError(
                    f"{name}: {path} is not a directory (set {name} to the directory that "
                    "holds the YAML files)"
                )

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
            metrics_port = int(get("SGBOT_METRICS_PORT") or 0) or None
            interval = float(get("SGBOT_DISPATCH_SECONDS") or defaults.dispatch_interval)
            if not 0 < interval <= 3600:
                raise ConfigError("SGBOT_DISPATCH_SECONDS: between 0 and 3600 seconds")
            concurrent = int(get("SGBOT_CONCURRENT_UPDATES") or defaults.concurrent_updates)
            if not 1 <= concurrent <= 256:
                raise ConfigError("SGBOT_CONCURRENT_UPDATES: between 1 and 256")
        except ValueError as exc:
            raise ConfigError(f"bad number in the environment: {exc}") from None
        if retention < 1:
            raise ConfigError("SGBOT_UNANSWERED_RETENTION_DAYS: must be 1 or more days")
        if max_age < 1:
            raise ConfigError("SGBOT_CHECK_MAX_AGE_DAYS: must be 1 or more days")
        return cls(
            knowledge_dir=Path(get("SGBOT_KNOWLEDGE_DIR") or defaults.knowledge_dir),
            schedules_dir=Path(get("SGBOT_SCHEDULES_DIR") or defaults.schedules_dir),
            database_url=get("SGBOT_DATABASE_URL")
            or f"sqlite:///{default_state_dir(env) / 'sgbot.sqlite3'}",
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
            else Path(get("SGBOT_CACHE_DIR") or default_cache_dir(env)),
            grace_hours=grace,
            unanswered_retention_days=retention,
            send_lease_seconds=lease,
            log_level=(get("SGBOT_LOG_LEVEL") or defaults.log_level).upper(),
            log_format=_log_format(get("SGBOT_LOG_FORMAT")),
            metrics_port=metrics_port,
            metrics_listen=get("SGBOT_METRICS_LISTEN") or defaults.metrics_listen,
            dispatch_interval=interval,
            concurrent_updates=concurrent,
            check_max_age_days=max_age,
        )


def _log_format(raw: str | None) -> str:
    value = (raw or "text").lower()
    if value not in LOG_FORMATS:
        raise ConfigError(f"SGBOT_LOG_FORMAT: {raw!r} is not one of {', '.join(LOG_FORMATS)}")
    return value
