"""Who the bot answers: groups only when addressed, the allow-list, admins and /reload."""

from __future__ import annotations

import pytest
from fake_bot_api import FakeBotAPI
from test_telegram_helpers import (  # noqa: F401 - fixtures
    USER,
    api_fixture,
    bot_settings,
    knowledge_dir_fixture,
    running_bot,
    settle,
    timedelta_retry_after_fixture,
)

pytestmark = pytest.mark.e2e
GROUP = -1001


def texts_to(api: FakeBotAPI, chat: int) -> list[str]:
    return api.sent_texts(chat)


async def test_groups_get_answers_only_when_addressed(api, knowledge_dir, tmp_path):
    """In a group: plain chatter is ignored; commands, mentions and replies to the bot answered."""
    async with running_bot(bot_settings(knowledge_dir, api, tmp_path)):
        await settle(api, api.make_message(GROUP, "what is marac", chat_type="supergroup"))
        assert texts_to(api, GROUP) == []
        await settle(api, api.make_message(GROUP, "/define@other_bot MARAC", chat_type="group"))
        assert texts_to(api, GROUP) == []
        await settle(
            api, api.make_message(GROUP, "/define@sgbot_test_bot MARAC", chat_type="group")
        )
        await settle(
            api, api.make_message(GROUP, "@sgbot_test_bot what is marac", chat_type="supergroup")
        )
        await settle(
            api,
            api.make_message(
                GROUP, "and who sponsors the risk board", chat_type="supergroup", reply_to_bot=True
            ),
        )
        answers = texts_to(api, GROUP)
        assert len(answers) == 3
        assert "Multi-Agency Risk Assessment Conference" in answers[0]
        assert "Multi-Agency Risk Assessment Conference" in answers[1]
        assert "Thames Valley Police" in answers[2]
        quoted = [
            c["params"] for c in api.calls_to("sendMessage") if c["params"]["chat_id"] == GROUP
        ]
        assert all("reply_parameters" in p for p in quoted)


async def test_allow_list_refuses_strangers_politely(api, knowledge_dir, tmp_path):
    """With an allow-list, others get a refusal (with 999), groups stay silent, admins pass."""
    settings = bot_settings(
        knowledge_dir, api, tmp_path, allowed_chats=frozenset({USER}), admins=frozenset({7})
    )
    async with running_bot(settings):
        await settle(api, api.make_message(555, "/start"))
        [refusal] = texts_to(api, 555)
        assert "only open to the partnership" in refusal and "999" in refusal
        await settle(api, api.make_message(GROUP, "/start", chat_type="group"))
        assert len(texts_to(api, GROUP)) == 1  # a command is refused once
        await settle(api, api.make_message(GROUP, "chatter", chat_type="group"))
        assert len(texts_to(api, GROUP)) == 1  # chatter is not
        await settle(api, api.make_message(7, "what is marac"))
        assert "Multi-Agency" in texts_to(api, 7)[0]
        api.push_update(api.make_inline_query("marac", user_id=555))
        [inline] = await api.await_for("answerInlineQuery")
        assert inline["params"]["results"] == []
        api.push_update(api.make_callback(555, "q:what is marac"))
        [press] = await api.await_for("answerCallbackQuery")
        assert press["params"]["show_alert"] is True
        await settle(api, api.make_message(USER, "what is marac"))
        assert "Multi-Agency" in texts_to(api, USER)[-1]
    assert len(texts_to(api, 555)) == 1


async def test_reload_keeps_the_old_knowledge_on_error(api, knowledge_dir, tmp_path):
    """/reload is admin-only; a broken file is reported as path:line and the old kb kept."""
    settings = bot_settings(knowledge_dir, api, tmp_path, admins=frozenset({7}))
    glossary = knowledge_dir / "glossary.yaml"
    good = glossary.read_text(encoding="utf-8")
    async with running_bot(settings) as app:
        old = app.bot_data["sgbot"].kb.kb
        await settle(api, api.make_message(USER, "/reload"))
        assert texts_to(api, USER)[0] == "Sorry, only partnership admins can use /reload."

        glossary.write_text(good + "\n  - {term: : broken\n", encoding="utf-8")
        await settle(api, api.make_message(7, "/reload"))
        report = texts_to(api, 7)[0]
        assert report.startswith("The knowledge base has problems; I kept the one already loaded:")
        assert f"{glossary}:" in report
        assert app.bot_data["sgbot"].kb.kb is old
        await settle(api, api.make_message(7, "what is marac"))
        assert "Multi-Agency" in texts_to(api, 7)[-1]

        glossary.write_text(good.replace("Multi-Agency Risk", "Multi-Agency RELOADED Risk"))
        await settle(api, api.make_message(7, "/reload"))
        assert texts_to(api, 7)[-1].startswith("Reloaded knowledge base")
        assert app.bot_data["sgbot"].kb.kb is not old
        await settle(api, api.make_message(7, "what is marac"))
        assert "RELOADED" in texts_to(api, 7)[-1]


async def test_unanswered_question_is_recorded_redacted(api, knowledge_dir, tmp_path):
    """An 'unknown' answer records the question (unknown words and numbers masked)."""
    from bot.engine.unanswered import top

    settings = bot_settings(knowledge_dir, api, tmp_path)
    async with running_bot(settings):
        await settle(api, api.make_message(USER, "how many zebras does John Smith own 07700900123"))
    [(question, count, _)] = top(settings)
    assert count == 1 and question == "how many «…» does «…» own «…»"
