"""The learned danger scorer: a linear model over words and word pairs, in plain Python.

Trained with scikit-learn (``training/train_danger.py``, a development extra) on the
labelled messages in ``training/danger_examples.yaml``; the learned weights are shipped as
a reviewed data file, ``bot/engine/vocab/danger_model.yaml``, so answering imports no
scikit-learn. The model only ever *adds* danger (a missed emergency costs far more than
one extra 999 line): the rules of :mod:`bot.engine.read.danger` are the floor beneath it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.engine.read.vocab import VOCAB_DIR, load_spelling
from bot.engine.text import clean
from bot.errors import Problem, VocabularyError

_TOKEN = re.compile(r"[a-z0-9']+")


def features(message: str) -> list[str]:
    """The model's features of ``message``: folded words and adjacent word pairs."""
    text = load_spelling().apply(clean(message or "")[:4096])
    tokens = [t.strip("'") for t in _TOKEN.findall(text)]
    tokens = [t for t in tokens if t]
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


@dataclass(frozen=True)
class DangerModel:
    weights: dict[str, float]
    bias: float
    threshold: float  # probability at or above which the model says danger

    def probability(self, message: str) -> float:
        feats = set(features(message))
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def says_danger(self, message: str) -> bool:
        return self.probability(message) >= self.threshold


@cache
def load_danger_model(directory: Path = VOCAB_DIR) -> DangerModel | None:
    """The shipped model, or None when the directory has none (the rules alone then)."""
    path = Path(directory) / "danger_model.yaml"
    if not path.exists():
        return None
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        model = DangerModel(weights, float(data["bias"]), float(data["threshold"]))
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise VocabularyError([Problem(str(path), 1, f"not a danger model: {exc}")]) from None
    if not 0.0 < model.threshold < 1.0:
        raise VocabularyError([Problem(str(path), 1, "threshold must be between 0 and 1")])
    return model
