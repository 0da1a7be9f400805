"""Do the English training pages that are not news hurt the claim model on news? (issue 16,
a measurement; nothing wired.)

A third of the English training pages are not news (``bench/data/claims_train_en_kinds.tsv``:
recipes, how-to, documentation, forums, reviews, fiction; 4,200 of 9,401 article units, 7%
claims, against 43% on the news pages), and the fresh set is news. The claim model is fitted
out of fold (the trainer's five folds grouped by article, C 1.0, lone and older rows at 0.5)
with the non-news pages' units at each weight given, and scored on the news pages' units:

    .venv/bin/python -m bench.news_weight 1.0 0.3 0.0

Measured 2026-12-07 (session 14; decision rule written before: go on to the fine-tuned e5
scorer only with a gain of at least a point): precision at 90% recall on the 5,201 news units
(2,342 claims) .611 at weight 1.0 (today's), .614 at 0.3, .607 at 0 (at 80% recall .685,
.692, .694). The pages that are not news do not pull the ranking of news; nothing changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np

from bench import train_checkworthiness as trainer
from bench.claims_train import label_rows, train_units

KINDS = "claims_train_en_kinds.tsv"


def not_news() -> set[str]:
    """The English training articles ("corpus file:article key") that are not news."""
    return {f"{row[0]}:{row[1]}" for row in label_rows(KINDS)}


# The trainer's own row weight, taken at import: ``main`` lays ``weighted`` over it in turn.
PLAIN = trainer._weight


def weighted(skipped: set[str], weight: float) -> Callable[[trainer.Row, float], float]:
    """The trainer's row weight, times ``weight`` for an article unit of ``skipped``."""

    def row_weight(row: trainer.Row, extra_weight: float) -> float:
        inside = not (row.lone or row.older) and row.group in skipped
        return PLAIN(row, extra_weight) * (weight if inside else 1.0)

    return row_weight


def main(weights: list[float]) -> int:
    skipped = not_news()
    rows = trainer.article_rows(train_units("en"), "en")
    everything = rows + trainer.lone_claims("en") + trainer.older_rows("en")
    article = np.array([not (r.lone or r.older) for r in everything])
    news = np.array([r.group not in skipped for r in everything])[article]
    gold = np.array([r.label == 1 for r in everything])[article]
    gated = np.array([r.inputs is None for r in everything])[article]
    claims = int(gold[news].sum())
    print(f"news units {int(news.sum())} ({claims} claims), others {int((~news).sum())}")
    try:
        for weight in weights:
            trainer._weight = weighted(skipped, weight)
            raw = np.where(gated, 0.0, trainer.out_of_fold(everything, "en", 1.0, 0.5)[article])
            at = [trainer.precision_at(raw[news], gold[news], r) for r in (0.90, 0.80)]
            print(f"weight {weight}: news P at R 90 {at[0]:.3f}, at R 80 {at[1]:.3f}", flush=True)
    finally:
        trainer._weight = PLAIN
    return 0


if __name__ == "__main__":
    raise SystemExit(main([float(w) for w in sys.argv[1:]] or [1.0, 0.3, 0.0]))
