"""Answers as Telegram HTML, split to fit Telegram's 4,096-character messages.

Every knowledge-base string is escaped with ``html.escape`` before it is wrapped in a tag;
the only tags produced are ``<b>`` (the first line: the answer itself) and ``<i>`` (the
"Source: ..." line). Telegram counts the limit on the text *after* entity parsing, in
UTF-16 code units, so splitting works on the plain lines and each chunk is rendered on its
own: no tag or entity is ever cut in half.

Phone numbers and e-mail addresses stay plain text: Telegram clients link them
("01632 960101", "children@council.gov.uk"); Telegram HTML has no ``tel:`` links.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.engine.types import Answer

MAX_MESSAGE = 4096  # characters of text in one message (after entity parsing)
MAX_CALLBACK_DATA = 64  # bytes
Style = Literal["plain", "bold", "italic"]
_TAGS: dict[Style, tuple[str, str]] = {
    "plain": ("", ""),
    "bold": ("<b>", "</b>"),
    "italic": ("<i>", "</i>"),
}


def escape(text: str) -> str:
    """Text safe inside Telegram HTML: ``<``, ``>`` and ``&`` escaped (quotes need not be)."""
    return html.escape(text, quote=False)


def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji may count 2)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def hard_split(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` UTF-16 units (never inside a character)."""
    if limit < 2:
        raise ValueError("limit must allow a surrogate pair (>= 2)")
    pieces: list[str] = []
    start, size = 0, 0
    for i, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if size + width > limit:
            pieces.append(text[start:i])
            start, size = i, 0
        size += width
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split on line boundaries into chunks of at most ``limit``; ``"".join`` gives ``text`` back.

    Each chunk keeps its line ends. A single line longer than the limit is cut hard.
    """
    chunks: list[str] = []
    current, size = "", 0
    for line in text.splitlines(keepends=True):
        n = tg_len(line)
        if n > limit:
            if current:
                chunks.append(current)
                current, size = "", 0
            pieces = hard_split(line, limit)
            chunks.extend(pieces[:-1])
            current, size = pieces[-1], tg_len(pieces[-1])
            continue
        if size + n > limit:
            chunks.append(current)
            current, size = "", 0
        current += line
        size += n
    if current or not chunks:
        chunks.append(current)
    return chunks


@dataclass(frozen=True)
class Line:
    """One line of plain text and how to show it."""

    text: str
    style: Style = "plain"

    def html(self) -> str:
        open_tag, close_tag = _TAGS[self.style]
        if not self.text.strip():
            return escape(self.text)
        return f"{open_tag}{escape(self.text)}{close_tag}"


def answer_lines(answer: Answer) -> list[Line]:
    """The answer's lines: the first in bold, then the rest, then an italic source line."""
    lines = answer.text.split("\n")
    out = [Line(lines[0], "bold")] if lines and lines[0] else []
    out.extend(Line(t) for t in lines[1:])
    if answer.sources:
        out.append(Line(source_line(answer.sources), "italic"))
    return out


def source_line(sources: Sequence[str]) -> str:
    """ "Source: A" or "Sources: A; B", each section once (a source may itself be "A; B")."""
    unique = list(dict.fromkeys(p.strip() for s in sources for p in s.split("; ") if p.strip()))
    return ("Source: " if len(unique) == 1 else "Sources: ") + "; ".join(unique)


def pack(lines: Iterable[Line], limit: int = MAX_MESSAGE) -> list[list[Line]]:
    """Group lines into messages of at most ``limit`` units (newlines counted)."""
    messages: list[list[Line]] = []
    current: list[Line] = []
    size = 0
    for line in lines:
        pieces = [Line(p, line.style) for p in hard_split(line.text, limit)]
        for piece in pieces:
            n = tg_len(piece.text) + (1 if current else 0)
            if current and size + n > limit:
                messages.append(current)
                current, size = [], 0
                n = tg_len(piece.text)
            current.append(piece)
            size += n
    if current:
        messages.append(current)
    return messages


def render_lines(lines: Iterable[Line], limit: int = MAX_MESSAGE) -> list[str]:
    """HTML messages (each within the limit once parsed) for styled lines."""
    messages = ["\n".join(line.html() for line in group) for group in pack(lines, limit)]
    return [m for m in messages if m.strip()] or ["…"]


def render_answer(answer: Answer, limit: int = MAX_MESSAGE) -> list[str]:
    """An engine answer as one or more Telegram HTML messages."""
    return render_lines(answer_lines(answer), limit)


def render_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Plain text (no styling) as escaped HTML messages."""
    return render_lines((Line(t) for t in text.split("\n")), limit)


def clip(text: str, limit: int) -> str:
    """``text`` shortened to ``limit`` units with an ellipsis when it is longer."""
    if tg_len(text) <= limit:
        return text
    return hard_split(text, limit - 1)[0] + "…"
