"""Learned claim probability of a unit: a logistic regression over word and character
n-grams, n-grams of the unit's structure tokens (Korean morphemes and endings, quotation
marks, English modals and reporting verbs: ``features.structure_tokens``) and the engine's
own features, trained by ``bench/train_checkworthiness.py`` on whole articles labelled
against the codebook and exported to ``data/checkworthiness_en.json`` and
``data/checkworthiness_ko.json``. Each model carries a calibration map (isotonic, fitted on
out-of-fold probabilities of its language) so that 0.7 means the same in both languages.

Pure Python at run time (no scikit-learn, no Django): the features reproduce scikit-learn's
``TfidfVectorizer`` (lowercase, ``sublinear_tf``, smooth idf, l2 norm) for the word analyzer
(token pattern ``\\b\\w\\w+\\b``), the ``char_wb`` analyzer and a "tokens" analyzer (the
structure tokens split on spaces, not lowercased), so the probability equals the fitted
model's ``predict_proba``.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from operator import add, mul
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "checkworthiness_en.json"
MODEL_PATHS = {"en": MODEL_PATH, "ko": MODEL_PATH.with_name("checkworthiness_ko.json")}
TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True, slots=True)
class _Block:
    """One fitted vectorizer: term -> idf x weight + (idf squared) j, the two products a
    term's tf-idf value needs, computed once at load rather than for every sentence. One
    complex number holds both: one object to reach for each term of a unit (not a tuple and
    two floats), and one sum adds both, each part in the same order as two sums would."""

    analyzer: str
    ngram: tuple[int, int]
    terms: dict[str, complex]


@dataclass(frozen=True, slots=True)
class Model:
    blocks: tuple[_Block, ...]
    extra_weights: tuple[float, ...]
    intercept: float
    threshold: float
    # A unit the rules read as a figure claim is a claim from this calibrated probability up.
    rule_floor: float = 1.0
    # The calibration map: calibrated probability at each raw probability, in raw order;
    # between two points it is interpolated, beyond them it is the end point's.
    calibration: tuple[tuple[float, float], ...] = ()

    def probability(self, text: str, extra: Sequence[float], tokens: str = "") -> float:
        """The model's raw probability that ``text`` is a claim; ``extra`` are the engine
        features (``features.unit_extras``) and ``tokens`` the structure tokens, both as the
        model was trained with."""
        z = self.intercept
        for block in self.blocks:
            z += _block_score(block, tokens if block.analyzer == "tokens" else text)
        if len(extra) != len(self.extra_weights):
            raise ValueError(f"{len(extra)} engine features for {len(self.extra_weights)} weights")
        z += sum(map(mul, self.extra_weights, extra))
        return sigmoid(z)

    def calibrated(self, raw: float) -> float:
        """The calibrated probability of a raw one (the raw one when there is no map)."""
        return interpolate(self.calibration, raw)


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for large negative ``z``."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def interpolate(points: Sequence[tuple[float, float]], raw: float) -> float:
    """A calibration map's value at ``raw``: between two points it is interpolated, beyond
    them it is the end point's (``raw`` itself when there are no points)."""
    if not points:
        return raw
    at = bisect_right(points, (raw, math.inf))
    if at == 0:
        return points[0][1]
    if at == len(points):
        return points[-1][1]
    (x0, y0), (x1, y1) = points[at - 1], points[at]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (raw - x0) / (x1 - x0)


def _grams(tokens: list[str], low: int, high: int) -> list[str]:
    """The n-grams of ``tokens`` from ``low`` to ``high`` words, joined by spaces, in
    scikit-learn's order (all unigrams, then all bigrams, ...)."""
    grams = list(tokens) if low == 1 else []
    if high >= 2 and len(tokens) >= 2 and low <= 2:
        # Bigrams by pairing each token with the next: the common case, built in one pass
        # (joined by map, without a Python step per pair).
        grams += map(" ".join, pairwise(tokens))
    for n in range(max(3, low), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def word_ngrams(text: str, ngram: tuple[int, int]) -> list[str]:
    return _grams(TOKEN.findall(text.lower()), *ngram)


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


def token_ngrams(text: str, ngram: tuple[int, int]) -> list[str]:
    """n-grams of space-separated tokens, case kept (the "tokens" analyzer)."""
    return _grams(text.split(), *ngram)


ANALYZERS = {"word": word_ngrams, "char_wb": char_wb_ngrams, "tokens": token_ngrams}


def _block_score(block: _Block, text: str) -> float:
    grams = ANALYZERS[block.analyzer](text, block.ngram)
    counts = Counter(grams)
    # A term's value is idf, times 1 + log(count) when it repeats (sublinear tf): every term
    # is first summed as if it occurred once, then the few that repeat are corrected. (A
    # term whose both products are 0 is left out of the sum: it adds nothing to either.)
    both = sum(filter(None, map(block.terms.get, counts)))
    dot, norm = both.real, both.imag
    if len(counts) < len(grams):
        terms = block.terms
        for gram in [g for g, count in counts.items() if count > 1 and g in terms]:
            weight, square = terms[gram].real, terms[gram].imag
            tf = 1.0 + math.log(counts[gram])
            dot += (tf - 1.0) * weight
            norm += (tf * tf - 1.0) * square
    return dot / math.sqrt(norm) if norm > 0 else 0.0


def load(path: Path = MODEL_PATH) -> Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    blocks = tuple(
        _Block(
            analyzer=b["analyzer"],
            ngram=(int(b["ngram"][0]), int(b["ngram"][1])),
            terms={t: complex(float(i) * float(w), float(i) * float(i)) for t, i, w in b["terms"]},
        )
        for b in data["blocks"]
    )
    return Model(
        blocks=blocks,
        extra_weights=tuple(float(w) for w in data["extra_weights"]),
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
        rule_floor=float(data.get("rule_floor", 1.0)),
        calibration=tuple((float(x), float(y)) for x, y in data.get("calibration", ())),
    )


@lru_cache(maxsize=2)
def model(language: str = "en") -> Model:
    """The packaged model of a language ("en" or "ko"), read once per process on first use."""
    return load(MODEL_PATHS[language])
