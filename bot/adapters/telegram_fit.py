"""Every request fits Telegram's limits: the last step before a request leaves the bot.

The bot's rate limiter (``RetryingRateLimiter`` in :mod:`bot.adapters.telegram`) sees every
request of every handler, plugin and reminder, and calls ``fit(endpoint, data)`` first:

* ``sendMessage`` longer than 4,096 (as Telegram counts: UTF-16 units after entity
  parsing) is split on line boundaries into several messages; the reply quote stays on
  the first, the buttons on the last. An HTML text that long is sent as its plain text
  (splitting markup could cut a tag);
* ``editMessageText`` (one message, cannot be split) and captions (1,024) are cut with an
  ellipsis; so is an ``answerCallbackQuery`` alert (200).

Most texts already fit (``render`` splits answers); this catches every other path, e.g. a
command echoing 4,080 characters of its argument.
"""

from __future__ import annotations

import html
import re
from typing import Any

from bot.adapters.render import MAX_MESSAGE, clip, split_text, tg_len

MAX_CAPTION = 1024
MAX_ALERT = 200
_TAG = re.compile(r"<[^>]*>")


def _is_html(mode: object) -> bool:
    return isinstance(mode, str) and mode.upper() == "HTML"


def visible(text: str, parse_mode: object) -> str:
    """The text a reader sees: HTML tags removed and entities decoded."""
    return html.unescape(_TAG.sub("", text)) if _is_html(parse_mode) else text


def _cut(data: dict[str, Any], key: str, mode_key: str, limit: int) -> dict[str, Any]:
    text = data.get(key)
    if not isinstance(text, str):
        return data
    shown = visible(text, data.get(mode_key))
    if tg_len(shown) <= limit:
        return data
    out = {k: v for k, v in data.items() if k != mode_key}
    out[key] = clip(shown, limit)
    return out


def fit(endpoint: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The request(s) to send instead of ``data`` so that each is within the limits."""
    if endpoint == "sendMessage" and isinstance(data.get("text"), str):
        mode = data.get("parse_mode")
        shown = visible(data["text"], mode)
        if tg_len(shown) <= MAX_MESSAGE:
            return [data]
        parts = [p for p in split_text(shown, MAX_MESSAGE) if p.strip()]
        out = []
        for i, part in enumerate(parts):
            piece = {k: v for k, v in data.items() if k != "parse_mode" or not _is_html(mode)}
            piece["text"] = part
            if i > 0:  # the quote and the reply belong to the first message
                piece.pop("reply_parameters", None)
                piece.pop("reply_to_message_id", None)
            if i < len(parts) - 1:  # buttons under the last
                piece.pop("reply_markup", None)
            out.append(piece)
        return out
    if endpoint == "editMessageText":
        return [_cut(data, "text", "parse_mode", MAX_MESSAGE)]
    if endpoint == "answerCallbackQuery":
        return [_cut(data, "text", "", MAX_ALERT)]
    if "caption" in data:
        return [_cut(data, "caption", "parse_mode", MAX_CAPTION)]
    return [data]
