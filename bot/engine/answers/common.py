"""Small helpers the answerers share: sources without repeats, action lines, term senses."""

from __future__ import annotations

from collections.abc import Mapping

from bot.engine.index import KnowledgeIndex, Ref
from bot.engine.text import compact
from bot.kb.models import Action, Term


def unique(items) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out


def state_of(a: Action, status: Mapping[str, str] | None) -> str:
    return (status or {}).get(a.id, a.status)


def action_line(a: Action, status: Mapping[str, str] | None, with_owner: bool) -> str:
    state = state_of(a, status)
    due = f", due {a.due_text or a.due}" if (a.due or a.due_text) else ""
    owner = f"{a.owner}: " if with_owner else ""
    return f"- [{a.id}] {owner}{a.text} ({state}{due})"


def senses(terms: list[Term], index: KnowledgeIndex) -> list[Term]:
    """Every sense of the terms found (glossary first, then inline senses)."""
    out: list[Term] = []
    for t in terms:
        for other in index.terms_for(compact(t.term)):
            if other not in out:
                out.append(other)
        if t not in out:
            out.append(t)
    return sorted(out, key=lambda t: t.inline)


def fuzzy_ref(index: KnowledgeIndex, text: str, kind: str | None) -> Ref | None:
    for ref, _ in index.fuzzy_names(text, cutoff=75):
        if kind is None or ref.kind == kind:
            return ref
    return None
