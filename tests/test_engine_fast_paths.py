"""The engine's quick paths read exactly what the slow ones read: the word gates of the phrase
sets and patterns, the sentence and clause splitters, and the quick tests before the age and
relation patterns, each checked against the plain pattern on the batches' messages."""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from bot.engine import audience
from bot.engine.concern import ASK, CONCERN, KNOWLEDGE
from bot.engine.danger import _DANGER
from bot.engine.read import sentences as split
from bot.engine.read.vocab import load_danger_vocab
from bot.engine.text import clean

# The splitters as they were written before they opened with a character set.
_SENTENCE_END = re.compile(
    r"(?<![a-z]\.[a-z])(?:(?<!\bno)(?<!\btel)|(?!\.\s+(?:for|of|pls|please|plz|is|to|at)\b))"
    r"[.!?]+(?=\s|$)|\n+|(?<=\s)[-–]{1,2}(?=\s)"
)
_CLAUSE_END = re.compile(
    r"[,;()]|:(?!\d)|\s(?=(?:but|and now|and then|then|so now|because|cos|coz|although|though"
    r"|and if|and when|so if|so i'll|so i will"
    r"|while|whereas|however)\s)|(?<!right)(?<!just)(?<!for)(?<!and)(?<!so)\s(?=now\s)"
)


def _texts() -> list[str]:
    """Every batch message (as typed and cleaned), its sentences, and long joins of them."""
    out: list[str] = []
    for f in sorted((Path(__file__).parent / "data" / "batches").glob("*.yaml")):
        for it in yaml.safe_load(f.read_text(encoding="utf-8")):
            out += [it["q"], clean(it["q"])]
    out += [s.text for t in out[1::2] for s in split.sentences(t)]
    rng = random.Random(5)
    out += [". ".join(rng.sample(out, 20)) for _ in range(40)]
    return out


def test_phrase_sets_gated_by_words_find_what_the_whole_alternation_finds():
    """Each phrase set of the danger vocabulary, searched through its word gate (short texts
    too), finds the same matches, spans and kinds as its whole alternation."""
    vocab = load_danger_vocab()
    sets = [vocab.acute, vocab.harm, vocab.now, vocab.history, vocab.negation, vocab.topic]
    for t in _texts():
        for ps in [*sets, vocab.ordinary]:
            want = [(m.span(), m.group(0), ps.kind(m)) for m in ps.pattern.pattern.finditer(t)]
            got = [(m.span(), m.group(0), ps.kind(m)) for m in ps.finditer(t)]
            assert got == want, t[:80]
            first = ps.search(t)
            assert (first and first.span()) == (want[0][0] if want else None)


def test_gated_patterns_find_what_the_whole_alternation_finds_on_short_texts():
    """The danger floor and the ask, concern and knowledge patterns, gated by the words
    their alternatives open with, find what the whole pattern finds, sentence by sentence."""
    for t in _texts():
        for gated in (_DANGER, ASK, CONCERN, KNOWLEDGE):
            want = [(m.span(), m.group(0)) for m in gated.pattern.finditer(t)]
            assert [(m.span(), m.group(0)) for m in gated.finditer(t)] == want, t[:80]


def test_sentence_and_clause_ends_split_as_the_lookbehind_patterns_did():
    """The splitters that open with a character set end sentences and clauses where the
    patterns opening with lookbehinds did, on messages and on random strings of the
    characters and words their conditions test."""
    pieces = "ab no tel for is now so and right just but then . ! ? \n - – , ; : ( ) 1 x.y a.m. '"
    tokens = [*pieces.split(" "), " ", "  ", "\n", ".", "-", "\t"]
    rng = random.Random(1)
    texts = _texts() + ["".join(rng.choices(tokens, k=rng.randint(1, 14))) for _ in range(20000)]
    for t in texts:
        assert [m.span() for m in split._SENTENCE_END.finditer(t)] == [
            m.span() for m in _SENTENCE_END.finditer(t)
        ], repr(t)
        assert [m.span() for m in split._CLAUSE_END.finditer(t)] == [
            m.span() for m in _CLAUSE_END.finditer(t)
        ], repr(t)


def test_quick_tests_before_age_and_relation_patterns_change_nothing():
    """Ages and implied relations read with the quick tests equal the patterns run on every
    sentence: a sentence the test skips holds no match of them."""
    for t in _texts():
        text = clean(t)
        if not audience._DIGIT.search(text) and audience._NUMBER_WORDS.keys().isdisjoint(
            re.findall(r"\w+", text)
        ):
            assert audience.ages(text) == []
            assert not audience._AGE.search(audience._AGE_WORD.sub("1", text))
        if not any(w in text for w in audience._GROWN_CUE):
            assert not audience._GROWN_RELATION.search(text)
        if not any(w in text for w in audience._PARENT_CUE):
            assert not audience._PARENT_RELATION.search(text)
