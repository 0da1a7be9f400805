"""The BERT forward pass in numpy (``claims.extraction.bert``, which the fine-tuned e5 of
``claims.extraction.e5_ft`` runs): a tiny random BERT against a reference written out in
plain Python, and the invariants the blend relies on (padding and batch order change no
unit's vector)."""

from __future__ import annotations

import math

import numpy as np

from claims.extraction import bert as numpy_bert
from claims.extraction.bert import Bert

WIDTH, HEADS, INNER, VOCAB, LAYERS = 8, 2, 12, 20, 2


def tiny_weights(seed: int = 3) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)

    def r(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float32)

    w = {
        "embeddings.word_embeddings.weight": r(VOCAB, WIDTH),
        "embeddings.position_embeddings.weight": r(16, WIDTH),
        "embeddings.token_type_embeddings.weight": r(2, WIDTH),
        "embeddings.LayerNorm.weight": 1 + r(WIDTH),
        "embeddings.LayerNorm.bias": r(WIDTH),
    }
    for i in range(LAYERS):
        at = f"encoder.layer.{i}"
        for name in ("query", "key", "value"):
            w[f"{at}.attention.self.{name}.weight"] = r(WIDTH, WIDTH)
            w[f"{at}.attention.self.{name}.bias"] = r(WIDTH)
        w[f"{at}.attention.output.dense.weight"] = r(WIDTH, WIDTH)
        w[f"{at}.attention.output.dense.bias"] = r(WIDTH)
        w[f"{at}.intermediate.dense.weight"] = r(INNER, WIDTH)
        w[f"{at}.intermediate.dense.bias"] = r(INNER)
        w[f"{at}.output.dense.weight"] = r(WIDTH, INNER)
        w[f"{at}.output.dense.bias"] = r(WIDTH)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[f"{at}.{norm}.weight"] = 1 + r(WIDTH)
            w[f"{at}.{norm}.bias"] = r(WIDTH)
    return w


def _norm(v: list[float], g: np.ndarray, b: np.ndarray) -> list[float]:
    mean = sum(v) / len(v)
    var = sum((x - mean) ** 2 for x in v) / len(v)
    return [
        (x - mean) / math.sqrt(var + 1e-12) * float(g[j]) + float(b[j]) for j, x in enumerate(v)
    ]


def _dense(v: list[float], w: np.ndarray, b: np.ndarray) -> list[float]:
    return [sum(float(w[o, i]) * v[i] for i in range(len(v))) + float(b[o]) for o in range(len(b))]


def reference(w: dict[str, np.ndarray], ids: list[int]) -> list[float]:
    """BERT with mean pooling, one unit, token by token and head by head (math.erf GELU)."""
    emb = "embeddings."
    x = [
        [float(a + b + c) for a, b, c in zip(
            w[emb + "word_embeddings.weight"][t], w[emb + "position_embeddings.weight"][p],
            w[emb + "token_type_embeddings.weight"][0], strict=True)]
        for p, t in enumerate(ids)
    ]  # fmt: skip
    x = [_norm(v, w[emb + "LayerNorm.weight"], w[emb + "LayerNorm.bias"]) for v in x]
    size = WIDTH // HEADS
    for i in range(LAYERS):
        at = f"encoder.layer.{i}.attention."
        q, k, v = (
            [_dense(t, w[f"{at}self.{n}.weight"], w[f"{at}self.{n}.bias"]) for t in x]
            for n in ("query", "key", "value")
        )
        context = [[0.0] * WIDTH for _ in x]
        for h in range(HEADS):
            cols = range(h * size, (h + 1) * size)
            for a in range(len(x)):
                s = [sum(q[a][c] * k[b][c] for c in cols) / math.sqrt(size) for b in range(len(x))]
                e = [math.exp(z - max(s)) for z in s]
                for c in cols:
                    context[a][c] = sum(e[b] * v[b][c] for b in range(len(x))) / sum(e)
        out = [
            _dense(c, w[at + "output.dense.weight"], w[at + "output.dense.bias"]) for c in context
        ]
        g, b = w[at + "output.LayerNorm.weight"], w[at + "output.LayerNorm.bias"]
        x = [_norm([o + t for o, t in zip(oo, xx, strict=True)], g, b) for oo, xx in zip(out, x, strict=True)]  # fmt: skip # noqa: E501
        layer = f"encoder.layer.{i}."
        for a, t in enumerate(x):
            inner = _dense(t, w[layer + "intermediate.dense.weight"], w[layer + "intermediate.dense.bias"])  # fmt: skip # noqa: E501
            inner = [0.5 * z * (1 + math.erf(z / math.sqrt(2))) for z in inner]
            o = _dense(inner, w[layer + "output.dense.weight"], w[layer + "output.dense.bias"])
            g, b = w[layer + "output.LayerNorm.weight"], w[layer + "output.LayerNorm.bias"]
            x[a] = _norm([p + r for p, r in zip(o, t, strict=True)], g, b)
    return [sum(t[j] for t in x) / len(x) for j in range(WIDTH)]


def _batch(units: list[list[int]], length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ids = np.zeros((len(units), length), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, unit in enumerate(units):
        ids[row, : len(unit)] = unit
        mask[row, : len(unit)] = 1
    return ids, mask, np.zeros_like(ids)


UNITS = [[1, 5, 7, 2], [1, 9, 3, 11, 4, 2], [1, 2]]


def test_the_numpy_forward_pass_matches_a_plain_python_bert_unit_by_unit():
    w = tiny_weights()
    bert = Bert(w, layers=LAYERS, heads=HEADS)
    pooled = bert.pooled(*_batch(UNITS, 6))
    assert pooled.shape == (3, WIDTH)
    for row, unit in enumerate(UNITS):
        assert np.allclose(pooled[row], reference(w, unit), atol=1e-5)


def test_padding_does_not_change_a_units_vector():
    bert = Bert(tiny_weights(), layers=LAYERS, heads=HEADS)
    alone = [bert.pooled(*_batch([unit], len(unit)))[0] for unit in UNITS]
    padded = bert.pooled(*_batch(UNITS, 12))
    for row, vector in enumerate(alone):
        assert np.allclose(padded[row], vector, atol=1e-5)


def test_the_order_of_a_batch_does_not_matter():
    bert = Bert(tiny_weights(), layers=LAYERS, heads=HEADS)
    forward = bert.pooled(*_batch(UNITS, 6))
    backward = bert.pooled(*_batch(UNITS[::-1], 6))
    assert np.allclose(forward, backward[::-1], atol=1e-6)


def test_gelu_is_the_erf_form():
    xs = np.linspace(-6, 6, 121)
    expected = [0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in xs]
    assert np.allclose(numpy_bert.gelu(xs), expected, atol=1e-6)
