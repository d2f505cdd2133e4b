"""Plugins: extra handlers and menu entries; a plugin's command replaces the core one."""

from __future__ import annotations

import logging

import pytest
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes
from test_telegram_helpers import (  # noqa: F401 - fixtures
    USER,
    api_fixture,
    bot_settings,
    knowledge_dir_fixture,
    running_bot,
    settle,
    timedelta_retry_after_fixture,
)

from bot.adapters.telegram import BotContext, default_plugins

pytestmark = pytest.mark.e2e


def echo_plugin(app: Application, context: BotContext) -> list[tuple[str, str]]:
    """Takes over /actions, adds /whoami (admin flag, kb name, clock) and a failing /boom."""

    async def actions(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("plugin actions")

    async def whoami(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        admin = context.is_admin(update.effective_user.id)
        name = context.kb.kb.partnership.name
        await update.effective_message.reply_text(f"{admin} {name} {context.clock():%H:%M}")

    async def boom(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        raise ValueError(f"bug while handling {update.effective_message.text}")

    app.add_handler(CommandHandler("actions", actions))
    app.add_handler(CommandHandler("whoami", whoami))
    app.add_handler(CommandHandler("boom", boom))
    return [("actions", "Plugin actions"), ("whoami", "Who am I")]


async def test_plugin_commands_join_the_menu_and_win(api, knowledge_dir, tmp_path, caplog):
    """The menu lists core then plugin commands once; /actions is answered by the plugin only."""
    settings = bot_settings(knowledge_dir, api, tmp_path, admins=frozenset({USER}))
    async with running_bot(settings, plugins=[echo_plugin]):
        [menu_call, admin_call] = await api.await_for("setMyCommands", 2)
        menu = [(c["command"], c["description"]) for c in menu_call["params"]["commands"]]
        assert menu[6] == ("actions", "Plugin actions") and menu[-1] == ("whoami", "Who am I")
        assert len(menu) == 9
        admin_menu = [c["command"] for c in admin_call["params"]["commands"]]
        assert admin_menu[-1] == "reload" and admin_call["params"]["scope"]["chat_id"] == USER
        await settle(api, api.make_message(USER, "/actions risk"))
        await settle(api, api.make_message(USER, "/whoami"))
        await settle(api, api.make_message(USER, "/boom Jane Doe"))
        await settle(api, api.make_message(USER, "/define MARAC"))
    texts = api.sent_texts(USER)
    assert texts[:2] == ["plugin actions", "True MK Together Partnership 11:00"]
    assert "Multi-Agency" in texts[2] and len(texts) == 3
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "builtins.ValueError" in errors[0]
    assert "Jane Doe" not in caplog.text


def test_default_plugins_bring_the_reminders():
    """`run` gets the reminders plugin and the checks plugin when their modules exist."""
    from bot.checks.telegram import register as register_checks
    from bot.reminders.telegram_commands import register

    assert default_plugins() == [register, register_checks]
