"""Telegram HTML rendering: everything escaped, messages split within 4,096 characters."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapters.render import (
    MAX_MESSAGE,
    hard_split,
    render_answer,
    render_text,
    split_text,
    tg_len,
)
from bot.engine.types import Answer


class _Collect(HTMLParser):
    """Collects text and tags of a rendered message (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html_text: str) -> tuple[str, list[str]]:
    p = _Collect()
    p.feed(html_text)
    p.close()
    return "".join(p.text), p.tags


def test_knowledge_text_is_escaped():
    """<, > and & in knowledge text are escaped; only our b/i tags remain."""
    answer = Answer("glossary", "A <b>&</b> B\n<script>x</script> & co", ["p. 1 <x>"])
    [html_text] = render_answer(answer)
    assert html_text == (
        "<b>A &lt;b&gt;&amp;&lt;/b&gt; B</b>\n"
        "&lt;script&gt;x&lt;/script&gt; &amp; co\n"
        "<i>Source: p. 1 &lt;x&gt;</i>"
    )


@settings(max_examples=200, deadline=None)
@given(st.text(), st.lists(st.text(max_size=40), max_size=3))
def test_any_text_renders_to_its_own_escaped_content(text, sources):
    """Whatever the text, the parsed HTML shows all of it, in order, with only b/i tags."""
    answer = Answer("glossary", text, sources)
    chunks = render_answer(answer, limit=200)
    for chunk in chunks:
        _, tags = parse(chunk)
        assert set(tags) <= {"b", "/b", "i", "/i"}
        assert tags.count("b") == tags.count("/b") and tags.count("i") == tags.count("/i")
        assert tg_len(parse(chunk)[0]) <= 200
    # an over-long line is cut across messages and a blank message is never sent, so compare
    # what is visible: every non-space character of the text, in order
    shown = "".join("".join(parse(c)[0].split()) for c in chunks)
    assert shown.startswith("".join(text.split()))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=3000), st.integers(2, 500))
def test_split_keeps_every_character_within_the_limit(text, limit):
    """Chunks are at most ``limit`` UTF-16 units and join back to the original."""
    chunks = split_text(text, limit)
    assert "".join(chunks) == text
    assert all(tg_len(c) <= limit for c in chunks)


def test_split_prefers_line_boundaries_at_4096():
    """Long answers split between lines; a single overlong line is cut hard."""
    lines = [f"line {i:04d} " + "x" * 90 for i in range(100)]  # 100 lines of 100 chars
    text = "\n".join(lines)
    chunks = split_text(text)
    assert len(chunks) == 3 and all(len(c) <= MAX_MESSAGE for c in chunks)
    assert all(c.endswith("\n") for c in chunks[:-1])
    assert chunks[0].count("\n") == 40
    long = "y" * 10_000
    assert [len(c) for c in split_text(long)] == [4096, 4096, 1808]


def test_rendered_messages_fit_after_parsing():
    """A 20,000-character answer becomes several HTML messages, each <= 4,096 once parsed."""
    text = "\n".join(f"- action {i} & <more>" + " z" * 40 for i in range(200))
    chunks = render_text(text)
    assert len(chunks) > 1
    assert all(tg_len(parse(c)[0]) <= MAX_MESSAGE for c in chunks)
    assert "\n".join(parse(c)[0] for c in chunks) == text


def test_hard_split_never_cuts_a_surrogate_pair():
    """Emoji (two UTF-16 units) stay whole when a line is cut."""
    pieces = hard_split("a" + "😀" * 5, 4)
    assert pieces == ["a😀", "😀😀", "😀😀"]
    assert all(tg_len(p) <= 4 for p in pieces)
