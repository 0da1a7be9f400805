"""Learned check-worthiness of a sentence: a logistic regression over word and character
n-grams plus a few of the engine's own features, trained by ``bench/train_checkworthiness.py``
and exported to ``data/checkworthiness_en.json`` (English, on ClaimBuster's training file)
and ``data/checkworthiness_ko.json`` (Korean, on hand-labelled news sentences).

Pure Python at run time (no scikit-learn, no Django): the features reproduce scikit-learn's
``TfidfVectorizer`` (lowercase, ``sublinear_tf``, smooth idf, l2 norm) for the word analyzer
(token pattern ``\\b\\w\\w+\\b``) and the ``char_wb`` analyzer, so the probability equals the
fitted model's ``predict_proba``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import add
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "checkworthiness_en.json"
MODEL_PATHS = {"en": MODEL_PATH, "ko": MODEL_PATH.with_name("checkworthiness_ko.json")}
TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True, slots=True)
class _Block:
    """One fitted vectorizer: term -> (idf x weight, idf squared), the two products a
    term's tf-idf value needs, computed once at load rather than for every sentence."""

    analyzer: str
    ngram: tuple[int, int]
    terms: dict[str, tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Model:
    blocks: tuple[_Block, ...]
    extra_weights: tuple[float, ...]
    intercept: float
    threshold: float
    # A sentence the rule engine accepts is a claim from this probability up (Korean model).
    rule_floor: float = 1.0

    def probability(self, text: str, extra: Sequence[float]) -> float:
        """The probability that ``text`` is check-worthy; ``extra`` are the engine features
        (``claims.engine_features``) in the order the model was trained with."""
        z = self.intercept
        for block in self.blocks:
            z += _block_score(block, text)
        z += sum(w * x for w, x in zip(self.extra_weights, extra, strict=True))
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)


def word_ngrams(text: str, ngram: tuple[int, int]) -> list[str]:
    tokens = TOKEN.findall(text.lower())
    low, high = ngram
    grams = list(tokens) if low == 1 else []
    for n in range(max(2, low), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_wb_ngrams(text: str, ngram: tuple[int, int]) -> list[str]:
    low, high = ngram
    grams: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        length = len(padded)
        if length <= low:  # a word no longer than n counts once, as in scikit-learn
            grams.append(padded)
            continue
        current: list[str] = list(padded)
        for n in range(1, high + 1):
            if n > 1:
                # The n-grams are the (n-1)-grams, each with the next character added.
                current = list(map(add, current, padded[n - 1 :]))
            if n >= low:
                grams.extend(current)
            if length == n:
                break
    return grams


def _block_score(block: _Block, text: str) -> float:
    grams = (
        word_ngrams(text, block.ngram)
        if block.analyzer == "word"
        else char_wb_ngrams(text, block.ngram)
    )
    counts = Counter(grams)
    dot, norm = 0.0, 0.0
    # A term's value is idf, times 1 + log(count) when it repeats (sublinear tf).
    for entry, count in zip(map(block.terms.get, counts), counts.values(), strict=True):
        if entry is None:
            continue
        if count == 1:
            dot += entry[0]
            norm += entry[1]
        else:
            tf = 1.0 + math.log(count)
            dot += tf * entry[0]
            norm += tf * tf * entry[1]
    return dot / math.sqrt(norm) if norm else 0.0


def load(path: Path = MODEL_PATH) -> Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    blocks = tuple(
        _Block(
            analyzer=b["analyzer"],
            ngram=(int(b["ngram"][0]), int(b["ngram"][1])),
            terms={t: (float(i) * float(w), float(i) * float(i)) for t, i, w in b["terms"]},
        )
        for b in data["blocks"]
    )
    return Model(
        blocks=blocks,
        extra_weights=tuple(float(w) for w in data["extra_weights"]),
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
        rule_floor=float(data.get("rule_floor", 1.0)),
    )


@lru_cache(maxsize=2)
def model(language: str = "en") -> Model:
    """The packaged model of a language ("en" or "ko"), read once per process on first use."""
    return load(MODEL_PATHS[language])
