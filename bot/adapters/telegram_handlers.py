"""Telegram handlers: parse the update, ask the engine, render HTML, reply.

Commands: /start /help /contact /define /board /boards /actions /about /whoami, /reload
(admins; a command whose description starts "Admins:" is in the admins' menu only);
free text in private chats (in groups only when the bot is mentioned or replied to);
"did you mean" buttons; inline queries. ``gate`` (group -1) enforces the chat allow-list.
No handler logs a message's text.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Sequence

from telegram import (
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.adapters.render import clip, render_answer, render_text
from bot.adapters.telegram_context import BotContext, SuggestionKeys
from bot.adapters.telegram_logging import describe_error
from bot.adapters.telegram_menu import ADMIN_COMMANDS, COMMANDS, split_menu
from bot.engine.types import Answer
from bot.errors import KnowledgeError
from bot.inputs import clean_args, clean_text

log = logging.getLogger("sgbot.telegram")
MAX_INLINE_RESULTS = 50
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

AUDIENCES = {
    "child": "children",
    "children": "children",
    "kid": "children",
    "kids": "children",
    "young": "children",
    "adult": "adults",
    "adults": "adults",
}


class Handlers:
    """Every core handler, over one ``BotContext``."""

    def __init__(self, ctx: BotContext):
        self.ctx = ctx
        self.keys = SuggestionKeys()

    # -- wiring --------------------------------------------------------------------------

    def register(self, app: Application, taken: set[str] = frozenset()) -> list[tuple[str, str]]:
        """Add the handlers (commands in ``taken`` belong to a plugin); return menu entries."""
        app.add_handler(TypeHandler(Update, self.gate), group=-1)
        simple = {
            "start": self.on_start,
            "help": self.on_help,
            "contact": self.on_contact,
            "define": self.on_define,
            "board": self.on_board,
            "boards": self.on_boards,
            "actions": self.on_actions,
            "about": self.on_about,
            "whoami": self.on_whoami,
            "reload": self.on_reload,
        }
        for name, callback in simple.items():
            if name not in taken:
                app.add_handler(CommandHandler(name, callback, filters.UpdateType.MESSAGE))
        app.add_handler(
            MessageHandler(
                filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, self.on_text
            )
        )
        app.add_handler(CallbackQueryHandler(self.on_suggestion, pattern=r"^[qs]:"))
        app.add_handler(InlineQueryHandler(self.on_inline))
        app.add_error_handler(self.on_error)
        return [(c, d) for c, d in COMMANDS if c not in taken]

    # -- access --------------------------------------------------------------------------

    async def gate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stop updates from chats outside the allow-list, with a polite word where asked."""
        chat = update.effective_chat
        user = update.effective_user
        user_id = user.id if user else None
        if update.inline_query is not None:
            chat_id = user_id  # a private chat's id is its user's id
        else:
            chat_id = chat.id if chat else None
        if self.ctx.is_allowed(chat_id, user_id):
            return
        refusal = (
            "Sorry, this assistant is only open to the partnership's own chats. "
            + self.emergency_line()
        )
        message = update.message
        if message is not None and _command_name(message) == "whoami":  # how to get in
            refusal += "\n" + _ids_text(chat_id, user_id)
        if update.inline_query is not None:
            await update.inline_query.answer([], cache_time=0, is_personal=True)
        elif update.callback_query is not None:
            await update.callback_query.answer(refusal, show_alert=True)
        elif update.message is not None and chat is not None:
            if chat.type == Chat.PRIVATE or _is_command(update.message):
                await self.reply(update.message, render_text(refusal))
        log.info(
            "update %s from chat %s, outside the allow-list (SGBOT_ALLOWED_CHATS), ignored",
            update.update_id,
            chat_id,
        )
        raise ApplicationHandlerStop

    async def refuse_non_admin(self, update: Update, command: str) -> bool:
        user = update.effective_user
        if self.ctx.is_admin(user.id if user else None):
            return False
        if update.effective_message is not None:
            await self.reply(
                update.effective_message,
                render_text(f"Sorry, only partnership admins can use /{command}."),
            )
        return True

    # -- commands ------------------------------------------------------------------------

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        p = self.ctx.kb.kb.partnership
        text = "\n".join(
            [
                f"I am the {p.name} safeguarding assistant for practitioners in {p.area}.",
                f"I answer from the {p.report_title}: who to call right now, what an acronym "
                "means, what each board does and what it will do next.",
                "I am not a referral route: make referrals through the contact lines "
                "(/contact). " + self.emergency_line(),
                "Privacy: your messages are not stored and not logged. Questions I cannot "
                "answer are kept, to improve the answers, for at most "
                f"{self.ctx.settings.unanswered_retention_days} days and only with every "
                "word I don't know (names too) and every number, date and address masked. Chats that subscribe to reminders are stored with their "
                "subscriptions. Please don't send names or case details.",
                "Type a question, or /help for examples.",
            ]
        )
        await self.send(update, render_text(text))

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Examples, then every command: admins see theirs described, others named."""
        answer = self.ctx.kb.engine.help()
        full = context.application.bot_data.get("sgbot_commands") or COMMANDS
        public, admin = split_menu([*full, *ADMIN_COMMANDS])
        lines = [f"/{c} - {d}" for c, d in public]
        user = update.effective_user
        if self.ctx.is_admin(user.id if user else None):
            lines += [f"/{c} - {d}" for c, d in admin]
        elif admin:
            lines.append("For partnership admins: " + ", ".join(f"/{c}" for c, _ in admin) + ".")
        text = answer.text + "\nCommands:\n" + "\n".join(lines)
        await self.send(update, render_answer(_with_text(answer, text)))

    async def on_whoami(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The ids SGBOT_ALLOWED_CHATS and SGBOT_ADMINS need."""
        chat, user = update.effective_chat, update.effective_user
        text = _ids_text(chat.id if chat else None, user.id if user else None)
        await self.send(update, render_text(text))

    async def on_contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        args = [a.lower() for a in clean_args(context.args)]
        audience = None
        if args:
            audience = next((AUDIENCES[a] for a in args if a in AUDIENCES), None)
            if audience is None:
                await self.send(
                    update, render_text("Usage: /contact, /contact child or /contact adult")
                )
                return
        await self.answer(update, self.ctx.kb.engine.contact(audience, self.ctx.now()))

    async def on_define(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        term = " ".join(clean_args(context.args)).strip()
        if not term:
            example = self.ctx.kb.engine.examples().term
            usage = "Usage: /define TERM" + (f", e.g. /define {example}" if example else "")
            await self.send(update, render_text(usage))
            return
        await self.answer(update, self.ctx.kb.engine.define(term))

    async def on_board(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        name = " ".join(clean_args(context.args)).strip()
        await self.answer(update, self.ctx.kb.engine.board(name or None))

    async def on_boards(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.answer(update, self.ctx.kb.engine.boards())

    async def on_actions(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        owner = " ".join(clean_args(context.args)).strip()
        statuses = await asyncio.to_thread(self.ctx.action_statuses)
        await self.answer(update, self.ctx.kb.engine.actions(owner or None, statuses))

    async def on_about(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.answer(update, self.ctx.kb.engine.about())

    async def on_reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await self.refuse_non_admin(update, "reload"):
            return
        try:
            kb = await asyncio.to_thread(self.ctx.reload)
        except KnowledgeError as exc:
            lines = ["The knowledge base has problems; I kept the one already loaded:"]
            lines += [str(p) for p in exc.problems]
            await self.send(update, render_text("\n".join(lines)))
            log.warning("/reload refused: %d problem(s) in the knowledge base", len(exc.problems))
            return
        counts = ", ".join(f"{n} {k}" for k, n in kb.counts().items())
        version = kb.partnership.kb_version or "unversioned"
        await self.send(update, render_text(f"Reloaded knowledge base {version}: {counts}."))
        log.info("knowledge base reloaded (%s)", version)

    # -- free text, buttons, inline --------------------------------------------------------

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        if message is None or message.text is None:
            return
        question = message.text
        if message.chat.type != Chat.PRIVATE:
            question = _addressed(message, context.bot.id, context.bot.username)
            if question is None:
                return
        await self.ask(update, question)

    async def on_suggestion(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        question = self.keys.question(query.data or "")
        if question is None:
            await query.answer("This suggestion has expired: please type your question.")
            return
        await query.answer()
        with contextlib.suppress(BadRequest):  # pressed once: the buttons have done their work
            await query.edit_message_reply_markup(reply_markup=None)
        await self.ask(update, question)

    async def on_inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        if query is None:
            return
        text = clean_text(query.query)
        answers = self.ctx.kb.engine.inline(text, self.ctx.now(), limit=MAX_INLINE_RESULTS)
        results = [_article(i, a) for i, a in enumerate(answers[:MAX_INLINE_RESULTS])]
        await query.answer(results, cache_time=30, is_personal=False)

    async def ask(self, update: Update, question: str) -> None:
        question = clean_text(question)
        now = self.ctx.now()
        engine = self.ctx.kb.engine
        answer = engine.answer(question, now)
        if answer.kind == "actions":
            statuses = await asyncio.to_thread(self.ctx.action_statuses)
            if statuses:
                answer = engine.answer(question, now, action_status=statuses)
        await self.answer(update, answer)  # the answer never waits for the database
        if answer.kind == "unknown":
            await asyncio.to_thread(self.ctx.record_unanswered, question, now)

    # -- replies -------------------------------------------------------------------------

    async def answer(self, update: Update, answer: Answer) -> None:
        markup = None
        unique = _unique(answer.suggestions)  # never two identical buttons
        if unique:
            buttons = [
                [InlineKeyboardButton(clip(s, 64), callback_data=self.keys.key(s))]
                for s in unique[:8]
            ]
            markup = InlineKeyboardMarkup(buttons)
        await self.send(update, render_answer(answer), markup)

    async def send(
        self, update: Update, chunks: Sequence[str], markup: InlineKeyboardMarkup | None = None
    ) -> None:
        message = update.effective_message
        if update.callback_query is not None or message is None:
            chat = update.effective_chat
            chat_id = (
                chat.id if chat else (update.effective_user.id if update.effective_user else None)
            )
            if chat_id is None:
                return
            bot = update.get_bot()
            for i, chunk in enumerate(chunks):
                await bot.send_message(
                    chat_id,
                    chunk,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=NO_PREVIEW,
                    reply_markup=markup if i == len(chunks) - 1 else None,
                )
            return
        await self.reply(message, chunks, markup)

    async def reply(
        self, message: Message, chunks: Sequence[str], markup: InlineKeyboardMarkup | None = None
    ) -> None:
        quote = None
        if message.chat.type != Chat.PRIVATE:
            quote = ReplyParameters(message.message_id, allow_sending_without_reply=True)
        for i, chunk in enumerate(chunks):
            await message.get_bot().send_message(
                message.chat_id,
                chunk,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_parameters=quote if i == 0 else None,
                message_thread_id=message.message_thread_id if message.is_topic_message else None,
                reply_markup=markup if i == len(chunks) - 1 else None,
            )

    def emergency_line(self) -> str:
        return self.ctx.kb.engine.book.emergency_line()

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the failure (type, update id; stack for our bugs) - never the text; never raise."""
        error = context.error
        update_id = update.update_id if isinstance(update, Update) else None
        if isinstance(error, TelegramError):  # Telegram's words: no user text in them
            log.warning("update %s: %s: %s", update_id, type(error).__name__, error)
            return
        log.error("update %s failed: %s", update_id, describe_error(error))


def _unique(items: Sequence[str]) -> list[str]:
    """``items`` without repeats (ignoring case), in their order."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def _ids_text(chat_id: int | None, user_id: int | None) -> str:
    return (
        f"This chat's id: {chat_id} (for SGBOT_ALLOWED_CHATS).\n"
        f"Your user id: {user_id} (for SGBOT_ADMINS)."
    )


def _command_name(message: Message) -> str | None:
    """ "whoami" for "/whoami" or "/whoami@our_bot"; None when not a command."""
    if not _is_command(message) or not message.text:
        return None
    return message.text.split()[0][1:].split("@")[0].lower()


def _is_command(message: Message) -> bool:
    return (
        bool(message.entities)
        and message.entities[0].type == MessageEntity.BOT_COMMAND
        and (message.entities[0].offset == 0)
    )


def _addressed(message: Message, bot_id: int, username: str | None) -> str | None:
    """In a group: the question if the message mentions or replies to the bot, else None."""
    text = message.text or ""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    handle = f"@{username}".lower() if username else None
    for entity in message.entities:
        if entity.type == MessageEntity.MENTION and handle:
            mention = message.parse_entity(entity)
            if mention.lower() == handle:
                return (text.replace(mention, " ")).strip() or "help"
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return (text[: entity.offset] + text[entity.offset + entity.length :]).strip() or "help"
    return None


def _with_text(answer: Answer, text: str) -> Answer:
    return Answer(
        answer.kind, text, answer.sources, answer.suggestions, answer.confidence, answer.flags
    )


def _article(index: int, answer: Answer) -> InlineQueryResultArticle:
    lines = answer.text.split("\n")
    digest = hashlib.sha1(answer.text.encode("utf-8")).hexdigest()[:24]
    return InlineQueryResultArticle(
        id=f"{index}-{digest}",  # unique within the answer, at most 64 bytes
        title=clip(lines[0] or answer.kind, 120),
        description=clip(" ".join(lines[1:3]), 200) or None,
        input_message_content=InputTextMessageContent(
            render_answer(answer)[0], parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        ),
    )
