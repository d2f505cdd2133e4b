"""The command menu: everyone's commands, and the admins' in a menu scoped to their chats.

A command whose description starts with "Admins:" (ours: /reload; the reminders plugin's:
/done, /reopen) is left out of the default menu (``setMyCommands`` without a scope) and
set, with the rest, for each admin's private chat (``BotCommandScopeChat``): Telegram shows
a chat the most specific list set for it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

log = logging.getLogger("sgbot.telegram")

COMMANDS: list[tuple[str, str]] = [
    ("start", "What this bot is, privacy, and 999 for immediate danger"),
    ("help", "What you can ask"),
    ("contact", "Who to call now: /contact [child|adult]"),
    ("define", "What an acronym means: /define TERM"),
    ("board", "A board's remit, sponsor and next actions: /board [name]"),
    ("boards", "All boards and bodies of the partnership"),
    ("actions", "Next actions: /actions [board|agency]"),
    ("about", "The report, year, sources and knowledge-base version"),
    ("whoami", "This chat's id and your user id (for the bot's settings)"),
]
ADMIN_COMMANDS: list[tuple[str, str]] = [
    ("reload", "Admins: re-read and check the knowledge base"),
]
ADMIN_PREFIX = "Admins:"


def split_menu(commands: Sequence[tuple[str, str]]) -> tuple[list, list]:
    """(everyone's commands, admins' only): a description starting "Admins:" marks the latter."""
    seen: set[str] = set()
    public, admin = [], []
    for c, d in commands:
        if c in seen:
            continue
        seen.add(c)
        (admin if d.startswith(ADMIN_PREFIX) else public).append((c, d))
    return public, admin


async def set_menus(bot: Bot, commands: Sequence[tuple[str, str]], admins: Iterable[int]) -> None:
    """Everyone's menu, then each admin's (theirs too). Failures are only logged."""
    public, admin = split_menu([*commands, *ADMIN_COMMANDS])
    everyone = [BotCommand(c, d[:256]) for c, d in public]
    try:
        await bot.set_my_commands(everyone)
    except TelegramError as exc:
        log.warning("setMyCommands failed: %s", exc)
    extra = [BotCommand(c, d[:256]) for c, d in admin]
    for user in sorted(admins):
        try:
            await bot.set_my_commands(everyone + extra, scope=BotCommandScopeChat(user))
        except TelegramError as exc:  # an admin who never opened the bot: no private chat
            log.info("admin menu for %s not set: %s", user, exc)
