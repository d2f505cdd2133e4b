"""Close things the user may have meant, for "did you mean"."""

from __future__ import annotations

from bot.engine.index import KnowledgeIndex
from bot.engine.intents.cues import SEARCH_NOISE
from bot.engine.intents.parse import Parsed
from bot.engine.text import STOPWORDS, content_stems

# Below these a "did you mean" is more noise than help: "allegation" is no typo of "OP
# DELEGATION" (73, and typos rarely change the first letter: "mahs" is MASH's, a likely
# slip), nor the police non-emergency number a topic of a board that names risk (0.56).
SURE_TERM = 85
WEAK_BOARD = 0.6


def suggestions(q: Parsed, index: KnowledgeIndex, limit: int = 3) -> list[str]:
    """Close things the user may have meant, as questions the engine answers."""
    out: list[str] = []
    content = [t for t in q.tokens if t not in STOPWORDS][:12]
    for token in content:
        if index.is_expansion_word(token) and not index.terms_for(token):
            continue  # a word of the glossary's own expansions ("agency") is no typo of a term
        for key, score in index.fuzzy_term(token, cutoff=70):
            if score < SURE_TERM and key[:1] != token[:1]:
                continue
            for term in index.terms_for(key):
                s = f"what is {term.term}"
                if s not in out:
                    out.append(s)
    for ref, _ in index.fuzzy_names(" ".join(content), cutoff=70):
        name = (index.boards.get(ref.id) or index.agencies.get(ref.id)).name
        if name not in out:
            out.append(name)
    stems = [s for s in content_stems(" ".join(content)) if s not in SEARCH_NOISE]
    for board_id, _ in index.board_search.search(stems, limit=1):
        search = index.board_search
        if (
            search.coverage(stems, board_id) >= 0.5
            and search.weighted_coverage(stems, board_id) >= WEAK_BOARD
            and index.boards[board_id].name not in out
        ):
            out.append(index.boards[board_id].name)
    return out[:limit]
