"""The answer the core gives, whatever renders it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Kind = Literal[
    "contact", "glossary", "board", "actions", "agency", "partnership", "help", "search", "unknown"
]


@dataclass(frozen=True)
class Answer:
    """One answer.

    ``text`` is plain text, lines separated by newlines; its first line is the answer
    itself (or the 999 line when danger is signalled). ``sources`` are report sections;
    ``suggestions`` are questions the user may have meant (for "did you mean" buttons);
    ``confidence`` is 0..1.
    """

    kind: Kind
    text: str
    sources: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    confidence: float = 1.0
    flags: list[str] = field(default_factory=list)  # e.g. "danger", "personal-data"

    def to_dict(self) -> dict:
        return asdict(self)
