"""The campaign's label files hold ids, offsets, digests and labels, never corpus text."""

from __future__ import annotations

import pytest

from bench.claims_train import LABEL_FILES, SECOND, label_rows

CODES = {
    "0": {"chrome", "headline", "table", "question", "opinion", "reported_opinion",
          "prediction", "background", "narrative", "other"},
    "1": {"statistic", "quote_fact", "reported_fact", "event", "plain_fact", "schedule",
          "projection", "question_fact"},
}  # fmt: skip


@pytest.mark.parametrize("name", [*LABEL_FILES.values(), SECOND])
def test_label_rows_are_ids_offsets_digests_and_codebook_labels(name: str) -> None:
    rows = label_rows(name)
    assert len(rows) > 1000
    for row in rows:
        assert len(row) == 8, row[:3]
        language, _, _, start, end, digest, label, category = row
        assert language in ("ko", "en")
        assert 0 <= int(start) < int(end)
        assert len(digest) == 12 and int(digest, 16) >= 0
        assert category in CODES[label], row[:5]
