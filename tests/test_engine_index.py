"""The large-glossary look-ups find exactly what a whole scan finds, only faster."""

from __future__ import annotations

import dataclasses
import random
import string

import pytest
from rapidfuzz import fuzz, process

from bot.engine.index import SCAN_LIMIT, KnowledgeIndex
from bot.engine.text import compact, words
from bot.kb.models import Term

WORDS = "multi agency risk safeguarding review board panel child adult health police team".split()


@pytest.fixture(scope="module")
def big(kb):
    rng = random.Random(11)
    seen = {t.term.upper() for t in kb.terms}
    terms = list(kb.terms)
    while len(terms) <= SCAN_LIMIT + 500:
        acro = "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(4, 8)))
        if acro not in seen:
            seen.add(acro)
            expansion = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5)))
            terms.append(Term(id=f"s{len(terms)}", term=acro, expansion=expansion, source="t"))
    return KnowledgeIndex(dataclasses.replace(kb, terms=terms)), terms


def _typos(rng: random.Random, word: str) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice("sid")
    letter = rng.choice(string.ascii_lowercase)
    if kind == "s":
        return word[:i] + letter + word[i + 1 :]
    if kind == "i":
        return word[:i] + letter + word[i:]
    return word[:i] + word[i + 1 :]


def _scan_score(word: str, key: str) -> float:
    """What fuzzy_term scores, by brute force: ratio, or 90 for two letters swapped."""
    swapped = any(
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] == key for i in range(len(word) - 1)
    )
    return max(fuzz.ratio(word, key), 90.0 if swapped else 0.0)


def _scan_terms(index: KnowledgeIndex, word: str, cutoff: float) -> set[str]:
    keys = [k for k in index.term_keys if abs(len(k) - len(word)) <= 2]
    return {k for k in keys if _scan_score(word, k) >= cutoff}


def test_letter_pair_candidates_miss_nothing_a_scan_finds(big):
    """Above the scan limit, one-typo words find every key a whole scan finds at cut-off 80."""
    assert _scan_score("jtia", "jtai") == 90.0 and _scan_score("marrac", "marac") > 80
    index, terms = big
    assert index._pair_keys, "the large path is in use"
    rng = random.Random(5)
    for term in rng.sample(terms[-SCAN_LIMIT:], 300):
        word = _typos(rng, term.term.lower())
        if len(word) < 4:
            continue
        expected = _scan_terms(index, word, 80.0)
        got = index.fuzzy_term(word, cutoff=80.0)
        assert {k for k, _ in got} <= expected
        assert len(got) == min(3, len(expected))
        best = max((_scan_score(word, k) for k in expected), default=None)
        if best is not None:
            assert got[0][1] == best


def test_reverse_window_scores_like_token_sort_over_everything(big):
    """Reverse look-up over the length window equals token_sort_ratio over all expansions."""
    index, terms = big
    rng = random.Random(9)
    texts = {t.id: t.expansion for t in terms}
    for term in rng.sample(terms[-SCAN_LIMIT:], 60):
        phrase = " ".join(
            _typos(rng, w) if rng.random() < 0.3 else w for w in words(term.expansion)
        )
        expected = process.extract(
            " ".join(words(phrase)),
            texts,
            scorer=fuzz.token_sort_ratio,
            processor=lambda s: " ".join(words(s)),
            score_cutoff=88.0,
            limit=3,
        )
        got = index.reverse(phrase)
        if index.phrases.get(compact(phrase)):
            continue  # an exact expansion answers before any fuzzy look-up
        assert [(t.id, round(s, 6)) for t, s in got] == [(k, round(s, 6)) for _, s, k in expected]


def test_short_agency_names_come_from_the_partnerships_area(kb):
    """ "MK Council Adult Social Care" is learnt from the area "Milton Keynes", not code."""
    key = compact("MK Council Adult Social Care")
    assert [r.id for r in KnowledgeIndex(kb).phrases[key]] == ["mkc-asc"]
    elsewhere = dataclasses.replace(
        kb, partnership=dataclasses.replace(kb.partnership, area="Milton")
    )
    assert KnowledgeIndex(elsewhere).phrases.get(key, []) == []


def test_initials_of_a_place():
    """A place of two or more words has initials; a one-word place has none."""
    from bot.engine.text import initials

    assert initials("Milton Keynes") == "mk" and initials("Leeds") == ""


def test_contact_short_names_are_weak_alone(kb):
    """A line's short name ("mash") is weak alone, so "mash" by itself is not a sure term."""
    index = KnowledgeIndex(kb)
    assert [r.strong for r in index.phrases["mash"] if r.kind == "term"] == [False]
    assert [r.strong for r in index.phrases["marac"] if r.kind == "term"] == [True]
