"""A validated knowledge base, kept between runs so short commands start fast.

The cache key is every YAML file's path, size and modification time (plus this
package's version and the text of the models, whose shape the pickle holds): change any file and the next load validates from YAML again. A
cache that cannot be read or written is ignored; correctness never depends on it.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from bot import __version__
from bot.kb import models
from bot.kb.loader import load_knowledge
from bot.kb.models import KnowledgeBase


def _key(directory: Path) -> str:
    h = hashlib.sha256(__version__.encode())
    h.update(Path(models.__file__).read_bytes())  # a changed model is a new pickle shape
    for path in sorted(directory.glob("*.yaml")):
        st = path.stat()
        h.update(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:32]


def load_knowledge_cached(directory: str | Path, cache_dir: str | Path | None) -> KnowledgeBase:
    """``load_knowledge`` with a pickle cache in ``cache_dir`` (None: no cache)."""
    directory = Path(directory)
    if cache_dir is None or not directory.is_dir():
        return load_knowledge(directory)
    cache = Path(cache_dir) / f"kb-{_key(directory)}.pickle"
    try:
        with cache.open("rb") as fh:
            kb = pickle.load(fh)
        if isinstance(kb, KnowledgeBase):
            return kb
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        pass
    kb = load_knowledge(directory)  # raises KnowledgeError on a bad directory
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        for old in cache.parent.glob("kb-*.pickle"):
            old.unlink(missing_ok=True)
        tmp = cache.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
    except OSError:
        pass
    return kb
