"""The ``sgbot`` command line.

    sgbot run                          the Telegram bot (console chat without TELEGRAM_BOT_TOKEN)
    sgbot chat [--reminders]           the console chat (and reminders printed in it)
    sgbot ask [--at ISO] [--json] Q    one answer; --jsonl reads {"question", "at"} lines
    sgbot kb check [DIR]               validate a knowledge directory; warn about contacts
                                       not checked for SGBOT_CHECK_MAX_AGE_DAYS (--max-age)
    sgbot kb verify CONTACT [NOTE]     record that a contact's number was checked (audit row)
    sgbot kb build REPORT -o DIR [--names FILE]  extract a knowledge directory from a report
    sgbot kb diff REPORT DIR           what a curated directory adds to a fresh build
    sgbot kb unanswered                questions the bot could not answer (masked)
    sgbot kb purge [--older-than DAYS] forget unanswered questions older than the retention
    sgbot calendar [--board X]         meetings as iCalendar on standard output
    sgbot reminders list [--at ISO] [--days N]  reminders due
    sgbot reminders send-due [--at ISO]
    sgbot db upgrade                   migrate the database to this version's schema
    sgbot db current                   the database's schema revision

Imports are lazy: ``sgbot ask`` never imports Telegram.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.errors import ConfigError, DatabaseUnavailable, DataError, SchemaOutdated

EXIT_UNAVAILABLE = 75  # EX_TEMPFAIL: try again later (cron, systemd)


RUN_SETTINGS = """settings (environment):
  TELEGRAM_BOT_TOKEN                the bot's token (without it: the console chat)
  SGBOT_ALLOWED_CHATS, SGBOT_ADMINS comma-separated chat ids allowed / admin user ids
                                    (/whoami in a chat shows both ids)
  SGBOT_WEBHOOK_URL, SGBOT_WEBHOOK_SECRET, SGBOT_WEBHOOK_LISTEN, SGBOT_WEBHOOK_PORT
                                    webhook mode instead of long polling
  SGBOT_TELEGRAM_API_URL            another Bot API server
  SGBOT_DATABASE_URL                SQLAlchemy URL (default: SQLite in var/ or the
                                    state directory; run `sgbot db upgrade` first)
  SGBOT_KNOWLEDGE_DIR, SGBOT_SCHEDULES_DIR  the data directories
  SGBOT_METRICS_PORT, SGBOT_METRICS_LISTEN  /metrics, /healthz, /readyz
  SGBOT_LOG_FORMAT                  text or json
  SGBOT_GRACE_HOURS, SGBOT_SEND_LEASE_SECONDS, SGBOT_UNANSWERED_RETENTION_DAYS,
  SGBOT_DISPATCH_SECONDS, SGBOT_CONCURRENT_UPDATES,
  SGBOT_CACHE_DIR, SGBOT_NO_CACHE, SGBOT_LOG_LEVEL   see README.md, "Configuration"
"""


def _days(text: str) -> int:
    """--days: a whole number of days ahead, 1 or more."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {days}")
    return days


class _Formatter(argparse.HelpFormatter):
    """Subcommands' descriptions beside their names: argparse measures the names at the
    parent's indent and then prints them further in, so "reminders" went on its own line."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action.choices, dict):  # a subparsers action
            self._action_max_length += self._indent_increment


def _formatter(prog: str) -> argparse.HelpFormatter:
    return _Formatter(prog, max_help_position=32)


def _parser() -> argparse.ArgumentParser:
    from bot import __version__

    p = argparse.ArgumentParser(
        prog="sgbot", description="Safeguarding partnership assistant.", formatter_class=_formatter
    )
    p.add_argument("--version", action="version", version=f"sgbot {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser(
        "run",
        help="run the Telegram bot (console chat without a token)",
        description="Run the Telegram bot: long polling, or a webhook when "
        "SGBOT_WEBHOOK_URL is set; the console chat when TELEGRAM_BOT_TOKEN is unset.",
        epilog=RUN_SETTINGS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    chat = sub.add_parser("chat", help="interactive console chat")
    chat.add_argument(
        "--reminders",
        action="store_true",
        help="also print due reminders here (the console follows everything while it runs)",
    )

    ask = sub.add_parser("ask", help="answer one question (or JSON lines with --jsonl)")
    ask.add_argument("question", nargs="*", help="the question")
    ask.add_argument("--at", help="local date-time (ISO 8601) to answer as of")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--jsonl", action="store_true", help="read JSON lines from standard input")

    kb = sub.add_parser("kb", help="knowledge-base tools", formatter_class=_formatter)
    kbsub = kb.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    check = kbsub.add_parser("check", help="validate a knowledge directory")
    check.add_argument("directory", nargs="?", help="knowledge directory (default: configured)")
    check.add_argument(
        "--max-age", type=int, metavar="DAYS", help="warn about contacts not checked for longer"
    )
    verify = kbsub.add_parser("verify", help="record that a contact's number was checked")
    verify.add_argument("contact", help="contact id (or a name that names one contact)")
    verify.add_argument("note", nargs="*", help="what was checked (masked when stored)")
    verify.add_argument("--on", help="the day it was checked, YYYY-MM-DD (default: today)")
    verify.add_argument("--by", help="who checked it (default: command line)")
    build = kbsub.add_parser("build", help="build a knowledge directory from a report")
    build.add_argument("report", help="the report in Markdown")
    build.add_argument("-o", "--output", required=True, help="directory to write")
    build.add_argument("--names", help="the partnership's names file (agencies, aliases)")
    diff = kbsub.add_parser("diff", help="compare a curated directory with a fresh build")
    diff.add_argument("report", help="the report in Markdown")
    diff.add_argument("directory", help="the curated knowledge directory")
    diff.add_argument("--names", help="names file (default: DIRECTORY/names.yaml if present)")
    unanswered = kbsub.add_parser("unanswered", help="questions the bot could not answer")
    unanswered.add_argument("--limit", type=int, default=50)
    purge = kbsub.add_parser("purge", help="forget unanswered questions past the retention")
    purge.add_argument("--older-than", type=float, metavar="DAYS", help="default: the retention")

    cal = sub.add_parser("calendar", help="write meetings as iCalendar to standard output")
    cal.add_argument("--board", help="one board or body (id or name)")
    cal.add_argument("--at", help="local date-time to start from (default: now)")

    rem = sub.add_parser(
        "reminders", help="list the reminders due, or send them (cron)", formatter_class=_formatter
    )
    remsub = rem.add_subparsers(dest="reminders_command", required=True, metavar="SUBCOMMAND")
    rlist = remsub.add_parser("list", help="show reminders due")
    rlist.add_argument("--at", help="local date-time (default: now)")
    rlist.add_argument("--days", type=_days, default=14, help="look this many days ahead (1+)")
    rsend = remsub.add_parser("send-due", help="send the reminders due now")
    rsend.add_argument("--at", help="local date-time (default: now)")
    rsend.add_argument("--wait", type=float, help="seconds to wait while another process sends")

    db = sub.add_parser("db", help="database schema (migrations)")
    dbsub = db.add_subparsers(dest="db_command", required=True, metavar="DB_COMMAND")
    dbsub.add_parser("upgrade", help="migrate the database to this version's schema")
    dbsub.add_parser("current", help="show the database's schema revision")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    secrets: list[str] = []  # filled once the settings are read
    try:
        return _dispatch(args, secrets)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except SchemaOutdated as exc:
        print(f"sgbot: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"sgbot: configuration error: {_redact(str(exc), secrets)}", file=sys.stderr)
        return 2
    except DatabaseUnavailable as exc:
        print(f"sgbot: {DatabaseUnavailable.MESSAGE} ({exc})", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one line, never the token (PTB's InvalidToken quotes it)
        logging.getLogger("sgbot").debug("%s failed", args.command, exc_info=True)
        message = " ".join(_redact(str(exc), secrets).split())
        print(f"sgbot: {type(exc).__name__}: {message}"[:500], file=sys.stderr)
        return 1


def _redact(text: str, secrets: list[str]) -> str:
    from bot.adapters.telegram_logging import redact, secrets_to_hide

    return redact(text, secrets_to_hide(secrets))


def _setup_logging(settings, command: str) -> None:
    """One logging set-up for every command: stderr, the token and webhook secret redacted.

    ``sgbot run`` logs at SGBOT_LOG_LEVEL; the one-shot commands (cron, the console) log
    warnings and errors only, unless SGBOT_LOG_LEVEL is DEBUG.
    """
    from bot.adapters import telegram_logging

    level = settings.log_level
    if command != "run" and level != "DEBUG":
        known = logging.getLevelName(level)
        level = level if isinstance(known, int) and known > logging.WARNING else "WARNING"
    telegram_logging.configure(
        level, [settings.telegram_token, settings.webhook_secret], settings.log_format
    )


def _dispatch(args: argparse.Namespace, secrets: list[str]) -> int:
    from bot.config import Settings

    settings = Settings.from_env()
    secrets += [s for s in (settings.telegram_token, settings.webhook_secret) if s]
    _setup_logging(settings, args.command)
    if args.command == "db":
        from bot.schema import cmd_db

        return cmd_db(settings, args)
    if _needs_data(args):
        settings.require_data(schedules=args.command != "kb")
    if args.command == "kb":
        if args.kb_command == "check":
            return _kb_check(args.directory or settings.knowledge_dir, settings, args.max_age)
        if args.kb_command == "verify":
            from bot.checks.cli import cmd_verify

            return cmd_verify(settings, args)
        if args.kb_command in ("build", "diff"):
            from bot.kb import build

            return build.cmd_build(args) if args.kb_command == "build" else build.cmd_diff(args)
        if args.kb_command == "unanswered":
            from bot.engine.unanswered import cmd_unanswered

            return cmd_unanswered(settings, args)
        if args.kb_command == "purge":
            from bot.engine.unanswered import cmd_purge

            return cmd_purge(settings, args)
    if args.command == "ask":
        from bot.adapters.console import cmd_ask

        return cmd_ask(settings, args)
    if args.command == "chat":
        from bot.adapters.console import cmd_chat

        return cmd_chat(settings, reminders=args.reminders)
    if args.command == "run":
        if settings.telegram_token:
            from bot.adapters.telegram import run

            return run(settings)
        from bot.adapters.console import cmd_chat

        print("No TELEGRAM_BOT_TOKEN set: starting the console chat.", file=sys.stderr)
        return cmd_chat(settings, reminders=False)
    if args.command in ("calendar", "reminders"):
        from bot.reminders import cli as reminders_cli

        if args.command == "calendar":
            return reminders_cli.cmd_calendar(settings, args)
        return reminders_cli.cmd_reminders(settings, args)
    raise AssertionError(args.command)  # pragma: no cover


def _needs_data(args: argparse.Namespace) -> bool:
    """Commands that read the configured knowledge base and schedules."""
    if args.command == "kb":
        return args.kb_command in ("unanswered", "purge", "verify") or (
            args.kb_command == "check" and not args.directory
        )
    return args.command in ("ask", "chat", "run", "calendar", "reminders")


def _kb_check(directory, settings, max_age: int | None = None) -> int:
    from bot.checks.cli import warn_due
    from bot.kb.loader import load_knowledge

    kb = load_knowledge(directory)
    for kind, n in kb.counts().items():
        print(f"{n:5d} {kind}")
    warn_due(kb, settings, max_age)  # warnings only: the directory is still valid
    print(f"{directory}: OK")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
