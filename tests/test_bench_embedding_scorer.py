"""The embedding experiment's measure: precision at a recall (bench.embedding_scorer)."""

import numpy as np
import pytest


def test_precision_at_recall_counts_the_highest_scored_units_that_reach_it():
    pytest.importorskip("sklearn")
    from bench.embedding_scorer import precision_at

    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    gold = np.array([True, False, True, True, False, True])
    # Half the claims: the first one and the third unit (2 of 3 taken are claims).
    assert precision_at(scores, gold, 0.5) == pytest.approx(2 / 3)
    # Every claim: down to the last unit, 4 claims in 6.
    assert precision_at(scores, gold, 1.0) == pytest.approx(4 / 6)


def test_precision_at_recall_puts_non_claims_first_among_equal_scores():
    pytest.importorskip("sklearn")
    from bench.embedding_scorer import precision_at

    # A claim a gate turned down scores 0 and still counts among the claims; tied with a
    # non-claim, it is reached only after it.
    scores = np.array([0.9, 0.0, 0.0])
    gold = np.array([True, True, False])
    assert precision_at(scores, gold, 0.5) == pytest.approx(1.0)
    assert precision_at(scores, gold, 0.9) == pytest.approx(2 / 3)
