"""Agreement statistics: Cohen's kappa per reviewer pair and Krippendorff's alpha, checked by
hand on published examples and against the ``krippendorff`` package on generated data."""

from __future__ import annotations

import random
from datetime import date
from typing import Literal

import krippendorff
import pytest

from claims.evidence.agreement import (
    agreement,
    cohen_kappa,
    contested_rate,
    krippendorff_alpha,
    pairwise_kappa,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
# observers, twelve units, values 1-5, None where an observer gave no value.
PAPER = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}
SCALE = ["false", "mostly_false", "half_true", "mostly_true", "true"]


def ratings_of(table: dict[str, list]) -> list[tuple]:
    return [
        (unit, coder, value)
        for coder, values in table.items()
        for unit, value in enumerate(values)
        if value is not None
    ]


def test_cohens_kappa_matches_the_hand_computed_example():
    # 50 items: both yes 20, first yes second no 5, first no second yes 10, both no 15:
    # p_o = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4.
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_kappa_is_undefined_when_both_reviewers_gave_one_same_value_throughout():
    assert cohen_kappa(["verified"] * 3, ["verified"] * 3) is None
    assert cohen_kappa([], []) is None


@pytest.mark.parametrize(
    ("level", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]
)
def test_alpha_matches_krippendorffs_worked_example(level, expected):
    order = [1, 2, 3, 4, 5] if level == "ordinal" else ()
    result = krippendorff_alpha(ratings_of(PAPER), level=level, order=order)
    assert result.alpha == pytest.approx(expected, abs=0.0005)
    assert result.claims == 11  # unit 12 has one value: nothing to agree on
    assert result.values == 40


def test_alpha_is_undefined_without_any_variation():
    ratings = [(1, "alice", "verified"), (1, "bob", "verified"), (2, "alice", "verified")]
    assert krippendorff_alpha(ratings).alpha is None


def generated(
    seed: int, *, claims: int = 120, reviewers: int = 5, near: bool = False
) -> list[tuple]:
    """Reviewers who mostly agree on a claim's true grade, some of them missing; the others
    give any grade, or with ``near`` one next to it."""
    rng = random.Random(seed)
    rows = []
    for claim in range(claims):
        truth = rng.randrange(len(SCALE))
        for reviewer in range(reviewers):
            if rng.random() < 0.35:
                continue
            grade = truth if rng.random() < 0.6 else rng.randrange(len(SCALE))
            if near and grade != truth:
                grade = min(len(SCALE) - 1, max(0, truth + rng.choice((-1, 1))))
            rows.append((claim, f"r{reviewer}", SCALE[grade]))
    return rows


def reference(rows: list[tuple], level: Literal["nominal", "ordinal"]) -> float:
    reviewers = sorted({r for _, r, _ in rows})
    claims = sorted({c for c, _, _ in rows})
    grid = [[float("nan")] * len(claims) for _ in reviewers]
    for claim, reviewer, value in rows:
        grid[reviewers.index(reviewer)][claims.index(claim)] = SCALE.index(value)
    return krippendorff.alpha(reliability_data=grid, level_of_measurement=level)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("level", ["nominal", "ordinal"])
def test_alpha_agrees_with_the_krippendorff_package_on_generated_data(seed, level):
    rows = generated(seed)
    ours = krippendorff_alpha(rows, level=level, order=SCALE if level == "ordinal" else ())
    assert ours.alpha == pytest.approx(reference(rows, level), abs=1e-9)


def test_each_pair_of_reviewers_gets_kappa_over_the_claims_both_rated():
    rows = [
        (1, "alice", "verified"),
        (1, "bob", "verified"),
        (2, "alice", "disputed"),
        (2, "bob", "verified"),
        (3, "alice", "disputed"),
        (3, "bob", "disputed"),
        (3, "erin", "disputed"),
        (4, "erin", "verified"),  # rated by one reviewer only
    ]
    pairs = {(p.first, p.second): p for p in pairwise_kappa(rows)}
    assert set(pairs) == {("alice", "bob"), ("alice", "erin"), ("bob", "erin")}
    assert pairs[("alice", "bob")].claims == 3
    assert pairs[("alice", "bob")].observed == pytest.approx(2 / 3)
    assert pairs[("alice", "bob")].kappa == pytest.approx(
        cohen_kappa(["verified", "disputed", "disputed"], ["verified", "verified", "disputed"])
    )
    assert pairs[("alice", "erin")].claims == 1


def test_a_later_verdict_of_a_reviewer_replaces_the_earlier_one():
    rows = [(1, "alice", "disputed"), (1, "bob", "verified"), (1, "alice", "verified")]
    assert agreement(rows).pairs[0].observed == 1.0


def test_the_summary_gives_nominal_and_ordinal_alpha_with_their_claims():
    rows = generated(7, near=True)
    summary = agreement(rows, order=SCALE)
    assert summary.nominal is not None and summary.ordinal is not None
    assert summary.claims == summary.nominal.claims > 0
    ordinal, nominal = summary.ordinal.alpha, summary.nominal.alpha
    assert ordinal is not None and nominal is not None
    assert ordinal > nominal  # near misses count as near


def test_the_contested_rate_is_counted_per_month():
    days = [(date(2025, 1, 5), True), (date(2025, 1, 20), False), (date(2025, 2, 1), False)]
    assert contested_rate(days) == [(date(2025, 1, 1), 1, 2), (date(2025, 2, 1), 0, 1)]
    assert contested_rate(days, period="week")[0][0] == date(2024, 12, 30)
