"""The fake Bot API server speaks the protocol PTB expects (it backs every Telegram test)."""

from __future__ import annotations

import asyncio
import time

import pytest
from fake_bot_api import FakeBotAPI
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, InvalidToken, NetworkError, RetryAfter
from test_telegram_helpers import TOKEN, timedelta_retry_after_fixture  # noqa: F401


async def test_bot_calls_are_decoded_and_answered_like_telegram():
    """PTB's form and multipart requests are parsed; replies deserialise into Messages."""
    with FakeBotAPI(token=TOKEN) as api:
        async with Bot(TOKEN, base_url=api.base_url) as bot:
            assert bot.username == api.username
            markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="q:x")]])
            msg = await bot.send_message(7, "123", reply_markup=markup)
            assert msg.text == "123" and msg.chat.id == 7 and msg.message_id > 0
            doc = await bot.send_document(7, b"BEGIN:VCALENDAR", filename="a.ics", caption="c")
            assert doc.document.file_name == "a.ics"
            edited = await bot.edit_message_text("new", chat_id=7, message_id=msg.message_id)
            assert edited.text == "new"
        [sent] = api.calls_to("sendMessage")
        assert sent["params"]["text"] == "123" and sent["params"]["chat_id"] == 7
        assert sent["params"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "q:x"
        [document] = api.calls_to("sendDocument")
        assert document["params"]["document"] == {
            "filename": "a.ics",
            "content": b"BEGIN:VCALENDAR",
        }
        assert document["params"]["caption"] == "c"
        assert api.unknown_methods == []


async def test_injected_faults_map_to_ptb_errors():
    """429 -> RetryAfter, 403 -> Forbidden, 500 -> NetworkError, wrong token -> InvalidToken."""
    with FakeBotAPI(token=TOKEN) as api:
        async with Bot(TOKEN, base_url=api.base_url) as bot:
            api.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
            with pytest.raises(RetryAfter) as exc:
                await bot.send_message(1, "a")
            assert exc.value.retry_after.total_seconds() == 3
            api.block_chat(2)
            with pytest.raises(Forbidden, match="blocked by the user"):
                await bot.send_message(2, "a")
            api.fail_next("sendMessage", 500, "Internal Server Error", count=2)
            for _ in range(2):
                with pytest.raises(NetworkError):
                    await bot.send_message(1, "a")
            assert (await bot.send_message(1, "ok")).text == "ok"
        with pytest.raises(InvalidToken):
            async with Bot("999:WRONG", base_url=api.base_url):
                pass
    assert [c["status"] for c in api.calls_to("sendMessage")] == [429, 403, 500, 500, 200]


async def test_limit_per_second_and_delay():
    """Beyond the per-second limit sends get 429 retry_after=1; `delay` slows one method."""
    with FakeBotAPI(token=TOKEN, limit_per_second=5) as api:
        api.delay["getMe"] = 0.2
        started = time.monotonic()
        async with Bot(TOKEN, base_url=api.base_url) as bot:
            assert time.monotonic() - started >= 0.2
            results = await asyncio.gather(
                *(bot.send_message(1, str(i)) for i in range(8)), return_exceptions=True
            )
    assert sum(isinstance(r, RetryAfter) for r in results) == 3
    assert api.rejected_429 == 3 and len(api.sent_texts(1)) == 5


async def test_get_updates_honours_offset_and_caps_the_long_poll():
    """Confirmed updates are dropped; an empty long poll returns within about a second."""
    with FakeBotAPI(token=TOKEN) as api:
        first = api.push_update(api.make_message(1, "a"))
        second = api.push_update(api.make_message(1, "b"))
        async with Bot(TOKEN, base_url=api.base_url) as bot:
            got = await bot.get_updates(timeout=30)
            assert [u.update_id for u in got] == [first["update_id"], second["update_id"]]
            got = await bot.get_updates(offset=second["update_id"], timeout=30)
            assert [u.message.text for u in got] == ["b"]
            started = time.monotonic()
            assert await bot.get_updates(offset=second["update_id"] + 1, timeout=30) == ()
            assert time.monotonic() - started < 1.5


def test_missing_parameters_and_cut_requests_are_not_taken():
    """A send without chat_id or text answers 400; a body cut short is never recorded."""
    import socket
    import urllib.error
    import urllib.request

    with FakeBotAPI(token=TOKEN) as api:
        url = f"{api.base_url}{TOKEN}/sendMessage"
        for body in (b"text=hi", b"chat_id=7", b"chat_id=7&text="):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=5)
            assert err.value.code == 400
            err.value.close()
        with socket.create_connection(("127.0.0.1", api.port), timeout=5) as sock:
            head = (
                f"POST /bot{TOKEN}/sendMessage HTTP/1.1\r\nHost: x\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 40\r\n\r\n"
            )
            sock.sendall(head.encode() + b"chat_id=7&te")
            sock.shutdown(socket.SHUT_WR)  # the sender dies before the rest of the body
            assert sock.recv(100) == b""  # no answer: the request was never taken
        assert [c["status"] for c in api.calls_to("sendMessage")] == [400, 400, 400]
