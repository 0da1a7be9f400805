"""The rendering suite of bench/bench_evidence.py as a test: every rendering of the 52 claim
figures, served on 127.0.0.1 in five page forms and fetched through the real fetcher, is
found; no decoy (a near miss, or the same number of something else) is."""

from __future__ import annotations

import pytest

from bench.evidence_data import CASES
from bench.evidence_suite import run_suite


@pytest.mark.usefixtures("fresh_fetcher")
def test_every_rendering_is_found_and_no_decoy_is():
    assert len(CASES) >= 50 and all(len(case.renderings) >= 4 for case in CASES)
    result = run_suite()
    assert result.misses == [] and result.false == []
    assert result.found == result.renderings >= 200
    assert result.false_found == 0 and result.decoys >= 150
