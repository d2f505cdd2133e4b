"""The quick tests of who a message is about read what the patterns read: each test that
skips a pattern (the ages of a whole message, a birthday to come, an old person's family,
people held, "it's mum I'm asking about") skips only texts where the pattern finds nothing,
checked on the batches' messages, their sentences and random strings of the words they test."""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from bot.engine import audience
from bot.engine.read import ages as read_ages
from bot.engine.read import person
from bot.engine.read.sentences import sentences
from bot.engine.text import clean, words

_PIECES = (
    "she is 65 . he's 14 turned 18 turns 17 next month nearly 16 almost 12 not quite 9 in her "
    "sixties seventies eighties nineties 60s 70's (80s, mum (64) aged 100 was 99 , lad 15 "
    "her son their kids the daughter grandchild the lads were arrested in prison inside "
    "it's mum i'm asking about ringing about the want to get help for her 3rd birthday "
    "is in may this coming summer 1 2 6 7 9 0 one two sixteen twenty"
).split()


def _texts() -> list[str]:
    out: list[str] = []
    for f in sorted((Path(__file__).parent / "data" / "batches").glob("*.yaml")):
        for it in yaml.safe_load(f.read_text(encoding="utf-8")):
            out.append(clean(it["q"]))
    out += [s.text for t in list(out) for s in sentences(t)]
    rng = random.Random(3)
    out += [". ".join(rng.sample(out, 20)) for _ in range(40)]
    out += [" ".join(rng.choices(_PIECES, k=rng.randint(1, 12))) for _ in range(8000)]
    return out


def test_quick_tests_of_ages_skip_only_texts_without_a_match():
    for t in _texts():
        if any(a >= person.ELDER_AGE for a in read_ages.ages(t)):
            assert person._may_tell_old_age(t), t
        if read_ages._DIGIT.search(t) and read_ages._TO_COME.search(t):
            assert read_ages._may_come(t), t
        assert read_ages._word_runs(t) == re.findall(r"\w+", t)


def test_ages_searched_near_digits_are_what_the_whole_search_finds():
    """_AGE searched only near each digit finds every match _AGE.finditer finds, on the texts
    and on strings of long words, runs of spaces and hyphens, and the longest openings."""
    rng = random.Random(4)
    pieces = [*_PIECES, "-", "  ", "\t", "(", ",", ";", "x" * 70, "ab" * 40 + "1", "girl", "maybe"]
    pieces += ["looking to be roughly", "cannot be older than", "bloke " + "z" * 29 + " probably"]
    texts = _texts()
    for _ in range(8000):
        parts = rng.choices(pieces, k=rng.randint(1, 40))
        texts.append("".join(p + rng.choice(("", " ", " ", "  ", "-", "\n")) for p in parts))
    for t in texts:
        want = [(m.group(0), next(g for g in m.groups() if g)) for m in read_ages._AGE.finditer(t)]
        assert list(read_ages._age_matches(t)) == want, t


def test_quick_tests_of_patterns_skip_only_texts_without_a_match():
    for t in _texts():
        if not any(map(t.__contains__, person._KIN_CUES)):
            assert not person._ELDERS_KIN.search(t), t
        if not any(map(t.__contains__, person._CUSTODY_CUES)):
            assert not person._IN_CUSTODY.search(t), t
        if not any(map(t.__contains__, person._ABOUT_CUES)):
            assert not person._ABOUT_WHOM.search(t), t


def test_tokens_with_folds_are_the_tokens_and_every_fold():
    for t in _texts()[:3000]:
        tokens = words(t)
        assert audience.with_folds(tokens) == set(tokens) | set(audience.fold_all(tokens))
