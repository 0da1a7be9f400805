"""The claim model trainer's cut (bench.train_checkworthiness.precise_cut): recall beyond
issue 16's target is spent on precision, and no more."""

import numpy as np
import pytest


def _units(claims: list[float], others: list[float]) -> tuple[np.ndarray, ...]:
    probabilities = np.array(claims + others)
    gold = np.array([True] * len(claims) + [False] * len(others))
    return probabilities, np.zeros(len(probabilities), dtype=bool), gold


def test_recall_beyond_the_target_is_spent_on_precision():
    pytest.importorskip("sklearn")
    from bench.train_checkworthiness import best_cut, precise_cut

    # 20 claims: 18 sure ones and 2 at 0.5; non-claims at 0.6 and 0.45. The best F1 takes
    # every claim (cut between 0.45 and 0.5, one non-claim in); a cut above 0.6 keeps 90%
    # of the claims and takes nothing else.
    probabilities, figure, gold = _units([0.9] * 18 + [0.5] * 2, [0.6, 0.45] + [0.1] * 10)
    threshold, _, (p, r, _) = best_cut(probabilities, figure, gold)
    assert 0.45 < threshold <= 0.5
    assert r == pytest.approx(1.0)
    threshold, _, (p, r, _) = precise_cut(probabilities, figure, gold, 0.90)
    assert threshold > 0.6
    assert p == pytest.approx(1.0)
    assert r == pytest.approx(0.9)


def test_the_best_f1_cut_stands_when_its_recall_is_under_the_target():
    pytest.importorskip("sklearn")
    from bench.train_checkworthiness import best_cut, precise_cut

    # Taking the last claims (0.3) would bring in four times as many non-claims: the best
    # F1 stops at 80% recall, and no precision is traded for recall.
    probabilities, figure, gold = _units([0.9] * 8 + [0.3] * 2, [0.3] * 8 + [0.1] * 5)
    chosen = best_cut(probabilities, figure, gold)
    assert chosen[2][1] == pytest.approx(0.8)
    assert precise_cut(probabilities, figure, gold, 0.90) == chosen


@pytest.mark.parametrize("seed", range(5))
def test_the_exported_cut_keeps_the_target_recall_and_loses_no_precision(seed):
    pytest.importorskip("sklearn")
    from bench.train_checkworthiness import best_cut, precise_cut

    rng = np.random.default_rng(seed)
    gold = rng.random(400) < 0.6
    probabilities = np.clip(rng.normal(0.35 + 0.3 * gold, 0.15), 0.0, 1.0)
    figure = rng.random(400) < 0.3
    f1_cut = best_cut(probabilities, figure, gold)
    threshold, floor, (p, r, _) = precise_cut(probabilities, figure, gold, 0.90)
    assert floor <= threshold
    if f1_cut[2][1] > 0.90:
        assert r >= 0.90
        # Of the cuts within half a point of the best precision the lowest floor wins, and
        # the best-F1 cut is among those reaching the target.
        assert p >= f1_cut[2][0] - 0.005
    else:
        assert (threshold, floor) == f1_cut[:2]
    predicted = (probabilities >= threshold) | (figure & (probabilities >= floor))
    assert predicted.sum() > 0


def test_the_category_table_counts_negatives_taken_and_claims_found(capsys):
    pytest.importorskip("sklearn")
    from bench.train_checkworthiness import Row, by_category

    rows = [
        Row(None, 0, "a", False, category="reported_opinion"),
        Row(None, 0, "a", False, category="reported_opinion"),
        Row(None, 1, "a", False, category="reported_fact"),
        Row(None, 1, "b", False, category="reported_fact"),
        Row(None, 1, "lone:0", False, lone=True),
    ]
    article = np.array([True, True, True, True, False])
    taken = by_category(rows, article, np.array([True, False, True, False]))
    assert taken == {"reported_opinion": 1, "reported_fact": 1}
    printed = capsys.readouterr().out
    assert "reported_opinion  taken     1 of     2 (50.0%)" in printed
    assert "reported_fact     found     1 of     2 (50.0%)" in printed


def test_a_distilled_unit_is_a_claim_and_a_non_claim_weighted_by_its_target(monkeypatch):
    pytest.importorskip("sklearn")
    from bench import train_checkworthiness as trainer

    seen: dict = {}

    class Capture:
        def __init__(self, inputs, labels, c, specs, weights, about, vocabulary):
            seen.update(inputs=inputs, labels=labels, weights=weights, vocabulary=vocabulary)

    monkeypatch.setattr(trainer, "Fitted", Capture)
    distilled, plain = object(), object()  # stand-ins for the units' inputs
    rows = [
        trainer.Row(distilled, 1, "a", False, target=0.8),  # type: ignore[arg-type]
        trainer.Row(plain, 0, "b", False),  # type: ignore[arg-type]
    ]
    trainer.fit(rows, "ko", 1.0, 0.5)
    assert seen["inputs"] == [distilled, distilled, plain]
    assert seen["labels"] == [1, 0, 0]
    assert seen["weights"] == pytest.approx([0.8, 0.2, 1.0])
    assert seen["vocabulary"] == [distilled, plain]


def test_a_teachers_share_mixes_its_probability_with_the_label(monkeypatch):
    from bench import distil

    monkeypatch.setattr(distil, "TEACHER_SHARE", 0.5)
    assert distil.target(1, 0.2) == pytest.approx(0.6)
    assert distil.target(0, 0.9) == pytest.approx(0.45)
    assert distil.target(1, None) == 1.0
