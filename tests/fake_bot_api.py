"""A fake Telegram Bot API server for tests and benchmarks (stdlib only, real HTTP).

    with FakeBotAPI(token="123456:TEST") as api:
        bot = Bot(api.token, base_url=api.base_url)      # or ApplicationBuilder().base_url(...)
        api.push_update(api.make_message(42, "/start"))  # served by getUpdates
        api.wait_for("sendMessage")                      # -> the successful calls so far
        api.sent_texts(42)                               # texts sent to chat 42

Protocol: ``POST {base_url}{token}/{method}`` with a form-encoded or multipart body (PTB
sends non-string values as JSON strings; they are decoded, text fields stay strings).
Answers ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": N,
"description": ..., "parameters": {"retry_after": S}}``. A wrong token gets 401.

Methods: getMe, getUpdates (long poll capped at ``max_poll`` = 1 s, honours ``offset``),
sendMessage, editMessageText, sendDocument (proper Message objects), answerCallbackQuery,
answerInlineQuery, setMyCommands, deleteWebhook, setWebhook, getWebhookInfo; anything
else answers ``ok: true, result: true`` and is logged in ``unknown_methods``.

Recording: ``calls`` (copy of every request: ``{"method", "params", "time", "status"}``),
``calls_to(method, ok_only=False)``, ``sent_texts(chat_id=None)``, ``wait_for(method,
count=1, timeout=5)`` (waits for that many *successful* calls, returns them, raises
``TimeoutError``). Thread-safe.

Faults: ``fail_next(method, status, description, retry_after=None, count=1)`` (e.g. 429
with ``parameters.retry_after``, 403, 500), ``block_chat(chat_id)`` (every send to it ->
403 "Forbidden: bot was blocked by the user"), ``delay[method] = seconds``, and
``limit_per_second`` (a Telegram-like global limit on send* methods; excess -> 429 with
retry_after=1). ``rejected_429`` counts limiter rejections. As Telegram, a call without a
required parameter (``chat_id``, ``text`` ...) answers 400, and a request whose body ends
before its Content-Length (a client killed mid-send) is not taken at all.

Update builders (dicts; ``push_update`` numbers them): ``make_message(chat_id, text,
user_id=None, chat_type="private", reply_to_bot=False, entities=None)``,
``make_callback(chat_id, data, user_id=None, message_id=1, chat_type="private")``,
``make_inline_query(query, user_id=1)``. ``post_json(url, data, headers)`` posts an update
to a webhook and returns ``(status, body)``.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import logging
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

log = logging.getLogger("fake_bot_api")

#: parameters that are strings on the wire and must not be JSON-decoded
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "query",
        "inline_query_id",
        "callback_query_id",
        "secret_token",
        "url",
        "description",
        "short_description",
        "name",
        "title",
        "filename",
        "parse_mode",
        "next_offset",
        "language_code",
        "inline_message_id",
        "business_connection_id",
    }
)
SEND_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "editMessageText",
        "copyMessage",
        "forwardMessage",
        "sendChatAction",
    }
)
BLOCKED = "Forbidden: bot was blocked by the user"


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: float | None
    count: int


class FakeBotAPI:
    """A Bot API server on 127.0.0.1 (a random port) in a background thread."""

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        username: str = "sgbot_test_bot",
        limit_per_second: float | None = None,
        max_poll: float = 1.0,
    ):
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.username = username
        self.limit_per_second = limit_per_second
        self.max_poll = max_poll
        self.delay: dict[str, float] = {}
        self.unknown_methods: list[str] = []
        self.rejected_429 = 0
        self._lock = threading.Condition()
        self._calls: list[dict[str, Any]] = []
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._next_message_id = 1000
        self._failures: dict[str, deque[_Failure]] = defaultdict(deque)
        self._blocked: set[int] = set()
        self._window: deque[float] = deque()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> FakeBotAPI:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- faults --------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        retry_after: float | None = None,
        count: int = 1,
    ) -> None:
        """The next ``count`` calls of ``method`` fail with this status and description."""
        with self._lock:
            self._failures[method].append(_Failure(status, description, retry_after, count))

    def block_chat(self, chat_id: int) -> None:
        """Every send to ``chat_id`` answers 403 "bot was blocked by the user"."""
        with self._lock:
            self._blocked.add(int(chat_id))

    # -- updates -------------------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates (numbered if it has no ``update_id``)."""
        with self._lock:
            update = dict(update)
            if "update_id" not in update:
                update["update_id"] = self._next_update_id
            self._next_update_id = max(self._next_update_id, update["update_id"]) + 1
            self._updates.append(update)
            self._lock.notify_all()
            return update

    def next_update_id(self) -> int:
        with self._lock:
            uid = self._next_update_id
            self._next_update_id += 1
            return uid

    def _new_message_id(self) -> int:
        with self._lock:
            self._next_message_id += 1
            return self._next_message_id

    def _user(self, user_id: int) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Test", "username": self.username}

    @staticmethod
    def _chat(chat_id: int, chat_type: str) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = f"Group {chat_id}"
        return chat

    def make_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        reply_to_bot: bool = False,
        entities: list[dict[str, Any]] | None = None,
        message_id: int | None = None,
    ) -> dict[str, Any]:
        """A ``message`` update. Commands and ``@username`` mentions get entities."""
        if user_id is None:
            user_id = chat_id if chat_type == "private" else 1000
        if entities is None:
            entities = []
            if text.startswith("/"):
                entities.append(
                    {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
                )
            at = text.find("@" + self.username)
            if at >= 0 and not text.startswith("/"):
                entities.append({"type": "mention", "offset": at, "length": len(self.username) + 1})
        message: dict[str, Any] = {
            "message_id": message_id or self._new_message_id(),
            "date": int(time.time()),
            "chat": self._chat(chat_id, chat_type),
            "from": self._user(user_id),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        if reply_to_bot:
            message["reply_to_message"] = {
                "message_id": 1,
                "date": int(time.time()) - 60,
                "chat": self._chat(chat_id, chat_type),
                "from": self._bot_user(),
                "text": "an earlier answer",
            }
        return {"message": message}

    def make_callback(
        self,
        chat_id: int,
        data: str,
        *,
        user_id: int | None = None,
        message_id: int = 1,
        chat_type: str = "private",
    ) -> dict[str, Any]:
        """A ``callback_query`` update: a button with ``data`` pressed under a bot message."""
        if user_id is None:
            user_id = chat_id if chat_type == "private" else 1000
        return {
            "callback_query": {
                "id": f"cb{self._new_message_id()}",
                "from": self._user(user_id),
                "chat_instance": f"ci{chat_id}",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": self._chat(chat_id, chat_type),
                    "from": self._bot_user(),
                    "text": "an earlier answer",
                },
            }
        }

    def make_inline_query(
        self, query: str, *, user_id: int = 1, offset: str = ""
    ) -> dict[str, Any]:
        """An ``inline_query`` update (``@bot query`` typed in any chat)."""
        return {
            "inline_query": {
                "id": f"iq{self._new_message_id()}",
                "from": self._user(user_id),
                "query": query,
                "offset": offset,
            }
        }

    # -- recording -----------------------------------------------------------------------

    @property
    def calls(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str, ok_only: bool = False) -> list[dict[str, Any]]:
        with self._lock:
            return [
                c
                for c in self._calls
                if c["method"] == method and (not ok_only or c["status"] == 200)
            ]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of the successful sendMessage calls (to ``chat_id`` if given)."""
        return [
            c["params"].get("text", "")
            for c in self.calls_to("sendMessage", ok_only=True)
            if chat_id is None or c["params"].get("chat_id") == chat_id
        ]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Block until ``count`` successful calls of ``method`` were answered; return them."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                done = [c for c in self._calls if c["method"] == method and c["status"] == 200]
                if len(done) >= count:
                    return done
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{method}: {len(done)} of {count} calls after {timeout}s")
                self._lock.wait(left)

    async def await_for(
        self, method: str, count: int = 1, timeout: float = 5.0
    ) -> list[dict[str, Any]]:
        """``wait_for`` for async tests (polls without blocking the event loop)."""
        import asyncio

        deadline = time.monotonic() + timeout
        while True:
            done = self.calls_to(method, ok_only=True)
            if len(done) >= count:
                return done
            if time.monotonic() > deadline:
                raise TimeoutError(f"{method}: {len(done)} of {count} calls after {timeout}s")
            await asyncio.sleep(0.01)

    # -- serving -------------------------------------------------------------------------

    def _record(self, method: str, params: dict[str, Any], status: int, result: Any = None) -> None:
        with self._lock:
            self._calls.append(
                {
                    "method": method,
                    "params": params,
                    "time": time.time(),
                    "status": status,
                    "result": result,  # what the bot got back (a sent message: its id)
                }
            )
            self._lock.notify_all()

    def _fault(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        with self._lock:
            queue = self._failures.get(method)
            if queue:
                failure = queue[0]
                failure.count -= 1
                if failure.count <= 0:
                    queue.popleft()
                return failure.status, _error(
                    failure.status, failure.description, failure.retry_after
                )
            if method in SEND_METHODS:
                chat = params.get("chat_id")
                if isinstance(chat, int) and chat in self._blocked:
                    return 403, _error(403, BLOCKED)
                if self.limit_per_second:
                    now = time.monotonic()
                    while self._window and now - self._window[0] >= 1.0:
                        self._window.popleft()
                    if len(self._window) >= self.limit_per_second:
                        self.rejected_429 += 1
                        return 429, _error(429, "Too Many Requests: retry after 1", 1)
                    self._window.append(now)
        return None

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.max_poll)
        deadline = time.monotonic() + wait
        with self._lock:
            while True:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = self._updates[:limit]
                left = deadline - time.monotonic()
                if ready or left <= 0:
                    return ready
                self._lock.wait(left)

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        chat_type = "private" if isinstance(chat_id, int) and chat_id > 0 else "group"
        message = {
            "message_id": params.get("message_id") or self._new_message_id(),
            "date": int(time.time()),
            "chat": self._chat(chat_id if isinstance(chat_id, int) else 0, chat_type),
            "from": self._bot_user(),
            **extra,
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        return message

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The reply to one call (after faults); extend by subclassing if needed."""
        if method in self.delay:
            time.sleep(self.delay[method])
        missing = _missing(method, params)
        if missing:
            return 400, _error(400, f"Bad Request: {missing} is empty")
        fault = self._fault(method, params)
        if fault is not None:
            return fault
        if method == "getUpdates":
            return 200, _ok(self._get_updates(params))
        if method == "getMe":
            me = self._bot_user()
            me.update(can_join_groups=True, can_read_all_group_messages=False)
            me["supports_inline_queries"] = True
            return 200, _ok(me)
        if method == "sendMessage":
            return 200, _ok(self._message(params, text=params.get("text", "")))
        if method == "editMessageText":
            if params.get("inline_message_id"):
                return 200, _ok(True)
            return 200, _ok(self._message(params, text=params.get("text", "")))
        if method == "editMessageReplyMarkup":
            if params.get("inline_message_id"):
                return 200, _ok(True)
            return 200, _ok(self._message(params, text="an earlier answer"))
        if method == "sendDocument":
            doc = params.get("document")
            name = doc.get("filename") if isinstance(doc, dict) else "document"
            document = {"file_id": "doc1", "file_unique_id": "udoc1", "file_name": name}
            return 200, _ok(self._message(params, document=document))
        if method == "getWebhookInfo":
            return 200, _ok({"url": "", "has_custom_certificate": False, "pending_update_count": 0})
        if method not in {
            "setMyCommands",
            "deleteMyCommands",
            "deleteWebhook",
            "setWebhook",
            "answerCallbackQuery",
            "answerInlineQuery",
            "close",
            "logOut",
        }:
            with self._lock:
                self.unknown_methods.append(method)
            log.warning("fake Bot API: unknown method %s answered ok", method)
        return 200, _ok(True)


REQUIRED = {
    "sendMessage": ("chat_id", "text"),
    "sendDocument": ("chat_id", "document"),
    "editMessageText": ("text",),
    "answerCallbackQuery": ("callback_query_id",),
    "answerInlineQuery": ("inline_query_id",),
}


def _missing(method: str, params: dict[str, Any]) -> str | None:
    """The first required parameter of ``method`` that is absent or empty (as Telegram: 400)."""
    for name in REQUIRED.get(method, ()):
        if params.get(name) in (None, ""):
            return "message text" if name == "text" else name
    return None


def _ok(result: Any) -> dict[str, Any]:
    return {"ok": True, "result": result}


def _error(status: int, description: str, retry_after: float | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


def _decode(key: str, value: str) -> Any:
    if key in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """Form-encoded or multipart parameters; files become ``{"filename", "content"}``."""
    params: dict[str, Any] = {}
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is not None:
                params[str(name)] = {"filename": filename, "content": payload}
            else:
                params[str(name)] = _decode(str(name), payload.decode("utf-8"))
        return params
    if content_type.startswith("application/json"):
        data = json.loads(body or b"{}")
        return data if isinstance(data, dict) else {}
    for key, values in urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True).items():
        params[key] = _decode(key, values[-1])
    return params


def _handler_for(api: FakeBotAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # without this, Nagle + delayed ACK add ~40 ms to every keep-alive answer
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def handle(self) -> None:
            try:
                super().handle()
            except (ConnectionResetError, BrokenPipeError):  # the client was killed mid-request
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            pass  # the request line holds the token

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if len(body) < length:  # the client died mid-request: nothing was asked
                self.close_connection = True
                return
            prefix = f"/bot{api.token}/"
            if not self.path.startswith(prefix):
                self._send(401, _error(401, "Unauthorized"))
                return
            method = self.path[len(prefix) :].split("?", 1)[0]
            try:
                params = parse_body(self.headers.get("Content-Type", ""), body)
            except (ValueError, UnicodeDecodeError):
                self._send(400, _error(400, "Bad Request: cannot parse the body"))
                return
            status, reply = api.answer(method, params)
            api._record(method, params, status, reply.get("result"))
            self._send(status, reply)

        do_GET = do_POST  # noqa: N815

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (shutdown)
                self.close_connection = True

    return Handler


def post_json(
    url: str, data: dict[str, Any], headers: dict[str, str] | None = None, timeout: float = 5
) -> tuple[int, bytes]:
    """POST ``data`` as JSON (as Telegram posts to a webhook); ``(status, body)``."""
    request = urllib.request.Request(
        url,
        data=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def get(url: str, timeout: float = 5) -> tuple[int, bytes]:
    """GET ``url``; ``(status, body)``."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
