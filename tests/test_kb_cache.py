"""The knowledge-base cache speeds start-up and never serves stale or invalid data."""

from __future__ import annotations

import shutil

import pytest

from bot.config import ROOT
from bot.errors import KnowledgeError
from bot.kb.cache import load_knowledge_cached


@pytest.fixture
def kdir(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", target)
    return target


def test_cache_returns_the_same_knowledge(kdir, tmp_path):
    """A second load comes from the cache and equals the first."""
    first = load_knowledge_cached(kdir, tmp_path / "cache")
    assert list((tmp_path / "cache").glob("kb-*.pickle"))
    second = load_knowledge_cached(kdir, tmp_path / "cache")
    assert second.counts() == first.counts()
    assert [t.term for t in second.terms] == [t.term for t in first.terms]


def test_changed_file_is_read_again(kdir, tmp_path):
    """Editing a YAML file invalidates the cache: the edit is seen."""
    load_knowledge_cached(kdir, tmp_path / "cache")
    path = kdir / "partnership.yaml"
    path.write_text(
        path.read_text().replace("name: MK Together Partnership", "name: Renamed Partnership")
    )
    kb = load_knowledge_cached(kdir, tmp_path / "cache")
    assert kb.partnership.name == "Renamed Partnership"


def test_broken_file_is_not_hidden_by_the_cache(kdir, tmp_path):
    """A file broken after a good load still fails validation."""
    load_knowledge_cached(kdir, tmp_path / "cache")
    (kdir / "contacts.yaml").write_text("contacts: [\n")
    with pytest.raises(KnowledgeError):
        load_knowledge_cached(kdir, tmp_path / "cache")


def test_unwritable_cache_is_ignored(kdir, tmp_path):
    """A cache directory that cannot be created does not stop loading."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    kb = load_knowledge_cached(kdir, blocker / "cache")
    assert kb.terms
