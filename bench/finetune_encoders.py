"""Does the fine-tuned multilingual-e5-small beat the fine-tuned all-MiniLM-L6-v2 on English
claims? (a measurement, nothing packaged.) Both fine-tuned by ``bench.finetune_claims`` on
the same folds of the English article units, run with ``FT_ENCODER=minilm`` (the shipped
settings, ``ft_plain_fold<k>.npy``) and ``FT_ENCODER=e5`` (the Korean path's settings,
``ft_plain_en_e5_fold<k>.npy``), in the same ``FT_WORK``:

    FT_WORK=... $FT_PYTHON -m bench.finetune_claims train 0
    FT_WORK=... FT_ENCODER=e5 $FT_PYTHON -m bench.finetune_claims train 0
    FT_WORK=... .venv/bin/python -m bench.finetune_encoders report   # per fold run by both
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python -m bench.finetune_encoders timing

``report``: within each held fold run by both encoders, out of fold, each score calibrated
and cut on that fold alone (the trainer's calibration and cut; precision at 90% recall also
on the uncalibrated ranking), then on those folds together: the claim model, each
fine-tuned model, the claim model's logit blended with each, and the two fine-tuned models
together. ``timing``: CPU per unit of the run time's numpy forward passes
(``bench.minilm_numpy``, ``claims.extraction.e5_ft``; the e5 pass with English's fine-tuned
layers), each article's units a batch, alternately in one process. The
shipped English e5 blend (frozen vectors) is not shown: its vector cache is not read here.
The fresh test set is never read.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import numpy as np

from bench.finetune_claims import WEIGHTS, WORK, _fold_logits, _units

RUNS = {"MiniLM-ft": "plain", "e5-ft": "plain_en_e5"}


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-z)))


def _rows(base_raw: np.ndarray, fine: dict[str, np.ndarray]) -> list[tuple[str, np.ndarray]]:
    from bench.embedding_scorer import _logit

    base = _logit(base_raw)
    rows = [("claim model (base)", base_raw)]
    rows += [(name, _sigmoid(z)) for name, z in fine.items()]
    for name, z in fine.items():
        rows += [
            (f"{w} base + {1 - w:.1f} {name}", _sigmoid(w * base + (1 - w) * z)) for w in WEIGHTS
        ]
    if len(fine) == 2:
        minilm, e5 = fine.values()
        rows.append(("0.5 MiniLM-ft + 0.5 e5-ft", _sigmoid((minilm + e5) / 2)))
        rows.append(("1/3 base, MiniLM-ft, e5-ft", _sigmoid((base + minilm + e5) / 3)))
    return rows


def _ran(name: str, k: int) -> bool:
    return (WORK / f"ft_{name}_fold{k}.npy").exists()


def report() -> int:
    """Per fold run by every encoder run in ``FT_WORK`` (one encoder alone when only it ran:
    its own figures)."""
    units = _units()
    runs = {label: n for label, n in RUNS.items() if any(_ran(n, k) for k in range(5))}
    folds = [k for k in range(5) if runs and all(_ran(n, k) for n in runs.values())]
    for k in folds:
        _report(units, [k], runs)
    if len(folds) > 1:  # the folds together, each score calibrated and cut on all of them
        _report(units, folds, runs)
    if not folds:
        print(f"no fold run in {WORK}")
    return 0


def _report(units: list[dict[str, Any]], folds: list[int], runs: dict[str, str]) -> None:
    from bench.embedding_scorer import calibrated, score_line
    from bench.train_checkworthiness import precision_at

    inside = np.array([u["fold"] in folds for u in units])
    gold = np.array([u["label"] == 1 for u in units])[inside]
    figure = np.array([u["figure"] for u in units])[inside]
    gated = np.array([u["gated"] for u in units])[inside]
    base_raw = np.array([u["base_raw"] for u in units])[inside]
    fine = {}
    for label, name in runs.items():
        logits, _ = _fold_logits(len(units), name)  # a unit's logit is its own fold's
        fine[label] = np.where(gated, -20.0, logits[inside])
    print(
        f"folds {folds}: {int(inside.sum())} units, {int(gold.sum())} claims,"
        f" {int(gated.sum())} gated"
    )
    for label, raw in _rows(base_raw, fine):
        line = score_line(label, calibrated(raw, gold, gated)[1], figure, gold, width=32)
        # the ranking alone (calibration's flat steps tie units, and ties count against)
        ranked = precision_at(np.where(gated, 0.0, raw), gold, 0.90)
        print(f"{line} | uncalibrated at R 90: {ranked:.3f}")


def _articles(count: int) -> list[list[str]]:
    by_article: dict[str, list[str]] = {}
    for u in _units():
        if not u["gated"]:
            by_article.setdefault(u["group"], []).append(u["text"])
    groups = list(by_article.values())
    return groups[:: max(1, len(groups) // count)][:count]


def timing(articles: int = 40) -> int:
    """CPU seconds per unit of the two numpy passes (set one BLAS thread in the environment),
    after one warm-up article each; the models' loading apart."""
    from bench.minilm_numpy import MAX_TOKENS as MINILM_TOKENS
    from bench.minilm_numpy import MiniLM
    from claims.extraction.e5_ft import MAX_TOKENS, E5FineTuned

    groups = _articles(articles)
    started = time.process_time()
    models: dict[str, Any] = {f"MiniLM-ft ({MINILM_TOKENS} tokens)": MiniLM()}
    loading = {"MiniLM-ft": time.process_time() - started}
    started = time.process_time()
    models[f"e5-ft ({MAX_TOKENS} tokens)"] = E5FineTuned("en")
    loading["e5-ft"] = time.process_time() - started
    print("loading, CPU s: " + ", ".join(f"{k} {v:.1f}" for k, v in loading.items()))
    for model in models.values():
        model.encode(groups[0])
    cpu = dict.fromkeys(models, 0.0)
    for group in groups:
        for name, model in models.items():
            started = time.process_time()
            model.encode(group)
            cpu[name] += time.process_time() - started
    count = sum(len(g) for g in groups)
    for name, seconds in cpu.items():
        print(
            f"{name}: {1000 * seconds / count:.1f} ms CPU a unit"
            f" ({count} units, {len(groups)} articles)"
        )
    return 0


def main() -> int:
    command = (sys.argv[1:2] or ["help"])[0]
    if command == "report":
        return report()
    if command == "timing":
        return timing(*(int(a) for a in sys.argv[2:3]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
