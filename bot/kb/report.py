"""Read an annual report in Markdown: its contents list (with page numbers) and its sections.

The contents list is optional: a report without one (a web page saved as Markdown) is read
from its first line, and its entries cite their section headings without page numbers.

The report is a PDF converted to Markdown, so the structure is loose: headings are
sometimes bold, sections sometimes have no heading of their own, and the page numbers
survive only in the contents list (``Title<TAB>6`` or ``Title<TAB>26-27``; entries
starting with ``➤`` belong to the group above them). This module gives the extractors
a :class:`Report` with the contents entries, a flat list of :class:`Section` s and
cleaned text :class:`Block` s (paragraphs, bullets) that remember their line numbers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from bot.errors import DataError, Problem

if TYPE_CHECKING:
    from bot.kb.names import Names

_CONTENTS_RE = re.compile(
    r"^\s*(➤\s*)?(?P<title>[^\t]+?)\s*\t\s*(?P<first>\d+)(?:\s*-\s*(?P<last>\d+))?\s*$"
)
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^(\s*)[-*•]\s+(.*)$")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG_RE = re.compile(r"<[^>]+>")


def clean(text: str) -> str:
    """Plain text: no Markdown emphasis, links or HTML tags; entities decoded; straight quotes."""
    text = _LINK_RE.sub(r"\1", text)
    text = _TAG_RE.sub(" ", text)
    text = html.unescape(text).replace("**", "").replace("__", "")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    """An id: lower-case, every run of other characters becomes one ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", html.unescape(text).lower()).strip("-")


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the contents list; ``group`` is the title of the ``➤`` list it is in."""

    title: str
    first: int
    last: int
    line: int
    group: str | None = None

    @property
    def pages(self) -> str:
        return f"p. {self.first}" if self.first == self.last else f"pp. {self.first}-{self.last}"

    def source(self, title: str | None = None) -> str:
        """``Title (p. N)``: how an entry of the knowledge base cites where it came from."""
        return f"{title or self.title} ({self.pages})"


@dataclass(frozen=True)
class Block:
    """A paragraph or a bullet of a section, cleaned; ``line`` is where it starts (1-based)."""

    kind: str  # "para" | "bullet" | "html"
    text: str
    line: int
    raw: str = ""

    @property
    def intro(self) -> bool:
        """A lead-in such as "We will:" or "The Board has:" that only introduces a list."""
        return self.text.rstrip(" -").endswith(":") and len(self.text.split()) <= 12


@dataclass
class Section:
    """A heading and the lines up to the next heading (of any level); level 0 = preamble."""

    title: str
    level: int
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)

    def blocks(self) -> list[Block]:
        """Paragraphs and bullets in order; a lower-case paragraph continues the item above."""
        out: list[Block] = []
        para: list[str] = []
        para_line = 0

        def flush() -> None:
            nonlocal para
            if para:
                raw = " ".join(para)
                text = clean(raw)
                if text:
                    kind = "html" if raw.lstrip().startswith("<") else "para"
                    if kind == "para" and out and _continues(out[-1], text):
                        prev = out[-1]
                        out[-1] = Block(prev.kind, f"{prev.text} {text}", prev.line, prev.raw)
                    else:
                        out.append(Block(kind, text, para_line, raw))
            para = []

        for no, raw in self.lines:
            if not raw.strip():
                flush()
                continue
            bullet = _BULLET_RE.match(raw)
            if bullet:
                flush()
                out.append(Block("bullet", clean(bullet.group(2)), no, raw))
                continue
            if not para:
                para_line = no
            para.append(raw)
        flush()
        return out

    def bullets(self) -> list[Block]:
        return [b for b in self.blocks() if b.kind == "bullet" and not b.intro]

    def items(self) -> list[Block]:
        """The bullets if there are any, else the paragraphs: the section's list of points."""
        blocks = [b for b in self.blocks() if b.kind != "html" and not b.intro]
        bullets = [b for b in blocks if b.kind == "bullet"]
        return bullets or blocks


@dataclass
class Report:
    """The parsed report, the names the build knows, and what the build warns about."""

    path: str
    lines: list[str]
    contents: list[ContentsEntry]
    sections: list[Section]
    names: Names | None = None
    warnings: list[Problem] = field(default_factory=list)

    @classmethod
    def parse(cls, path: str | Path, names: Names | None = None) -> Report:
        """Read the report; only a file that cannot be read is a problem."""
        if names is None:
            from bot.kb.names import Names

            names = Names.load()
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise DataError([Problem(str(path), 1, f"cannot read the report: {reason}")]) from None
        lines = text.splitlines()
        contents = _contents(lines)
        last_contents = contents[-1].line if contents else 0
        sections = _sections(lines, skip_until=last_contents)
        return cls(str(path), lines, contents, sections, names)

    def problem(self, line: int, message: str) -> DataError:
        return DataError([Problem(self.path, line, message)])

    def warn(self, line: int, message: str) -> None:
        """Something the build could not read or had to guess: ``path:line: message``."""
        problem = Problem(self.path, line, message)
        if problem not in self.warnings:
            self.warnings.append(problem)

    # -- contents ---------------------------------------------------------------

    def entry(self, title: str) -> ContentsEntry:
        """The contents entry whose title best matches ``title``."""
        best = max(self.contents, key=lambda e: _score(title, e.title), default=None)
        if best is None or _score(title, best.title) < 70:
            raise self.problem(1, f"no contents entry like {title!r}")
        return best

    def group(self, title: str) -> list[ContentsEntry]:
        """The ``➤`` entries listed under the group entry like ``title``."""
        head = self.entry(title)
        return [e for e in self.contents if e.group == head.title]

    # -- sections ---------------------------------------------------------------

    def section(self, title: str, level: int | None = None) -> Section:
        """The first section whose heading best matches ``title``."""
        candidates = [s for s in self.sections if level is None or s.level == level]
        best = max(candidates, key=lambda s: _score(title, s.title), default=None)
        if best is None or _score(title, best.title) < 80:
            raise self.problem(1, f"no section headed like {title!r}")
        return best

    def children(self, section: Section) -> list[Section]:
        """The sections after ``section`` until a heading of the same or a higher level."""
        i = self.sections.index(section)
        out = []
        for s in self.sections[i + 1 :]:
            if s.level <= section.level:
                break
            out.append(s)
        return out

    def until_next(self, section: Section, level: int) -> list[Section]:
        """``section`` and everything after it up to the next heading of ``level`` or higher."""
        i = self.sections.index(section)
        out = [section]
        for s in self.sections[i + 1 :]:
            if 0 < s.level <= level:
                break
            out.append(s)
        return out

    def entry_for(self, section: Section) -> ContentsEntry | None:
        """The contents entry for a section matched by its heading (top-level entries only)."""
        best = max(
            (e for e in self.contents if e.group is None),
            key=lambda e: _score(section.title, e.title),
            default=None,
        )
        return best if best and _score(section.title, best.title) >= 70 else None

    def source(self, section: Section) -> str:
        """``Heading (p. N)`` for a section in the contents list, else the heading itself."""
        entry = self.entry_for(section)
        if entry is None:
            return self.heading_source(section)
        return entry.source(section.title)

    def heading_source(self, section: Section) -> str:
        """The heading (and the one above it, when it is only a sub-heading) as a source."""
        if section.level == 0 or not section.title:
            return Path(self.path).name
        parent = self.parent(section)
        if parent is not None and section.level > 2 and parent.title:
            return f"{parent.title}, {section.title}"
        return section.title

    def parent(self, section: Section) -> Section | None:
        """The nearest heading above ``section`` of a higher level."""
        i = self.sections.index(section)
        return next((s for s in reversed(self.sections[:i]) if 0 < s.level < section.level), None)

    def with_children(self, section: Section) -> list[Section]:
        """``section`` and every section under it."""
        return [section, *self.children(section)]


def _continues(prev: Block, text: str) -> bool:
    """A page break split a bullet: its tail is a lower-case paragraph after it."""
    return (
        prev.kind == "bullet"
        and not prev.text.endswith((".", "!", "?", ":"))
        and re.match(r"^[a-z]+ [^@]*$", text) is not None
    )


def _score(a: str, b: str) -> float:
    a, b = clean(a).lower().rstrip(":"), clean(b).lower().rstrip(":")
    if a == b:
        return 100.0
    return max(fuzz.token_set_ratio(a, b), fuzz.ratio(a, b))


def _contents(lines: list[str]) -> list[ContentsEntry]:
    entries: list[ContentsEntry] = []
    group: str | None = None
    for no, raw in enumerate(lines, 1):
        m = _CONTENTS_RE.match(raw)
        if not m:
            if entries and raw.strip() and not raw.startswith("#"):
                break
            continue
        title = clean(m.group("title"))
        first = int(m.group("first"))
        last = int(m.group("last") or first)
        if m.group(1):  # ➤ sub-entry
            entries.append(ContentsEntry(title, first, last, no, group))
        else:
            group = title.rstrip(":").strip() if title.endswith(":") else None
            entries.append(ContentsEntry(title.rstrip(":").strip(), first, last, no))
    return entries


def _sections(lines: list[str], skip_until: int) -> list[Section]:
    sections = [Section("", 0, 1)]
    for no, raw in enumerate(lines, 1):
        m = _HEADING_RE.match(raw)
        if m and no > skip_until:
            sections.append(Section(clean(m.group(2)), len(m.group(1)), no))
        elif no > skip_until:
            sections[-1].lines.append((no, raw))
    return sections
