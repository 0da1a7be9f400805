"""The campaign's label files hold ids, offsets, digests and labels, never corpus text."""

from __future__ import annotations

import pytest

from bench.claims_train import (
    LABEL_FILES,
    MORE_FILES,
    NEWS_INDEP,
    NEWS_SECOND,
    SECOND,
    label_rows,
)

CODES = {
    "0": {"chrome", "headline", "table", "question", "opinion", "reported_opinion",
          "prediction", "background", "narrative", "other"},
    "1": {"statistic", "quote_fact", "reported_fact", "event", "plain_fact", "schedule",
          "projection", "question_fact"},
}  # fmt: skip


# The smaller files: samples of 250 units and the Korean articles left after the campaign.
MIN_ROWS = {NEWS_SECOND: 250, NEWS_INDEP: 250, "claims_train_ko_more.tsv": 140}
FILES = [*LABEL_FILES.values(), SECOND, *(n for names in MORE_FILES.values() for n in names)]


@pytest.mark.parametrize("name", [*FILES, NEWS_SECOND, NEWS_INDEP])
def test_label_rows_are_ids_offsets_digests_and_codebook_labels(name: str) -> None:
    rows = label_rows(name)
    assert len(rows) >= MIN_ROWS.get(name, 1000)
    for row in rows:
        assert len(row) == 8, row[:3]
        language, _, _, start, end, digest, label, category = row
        assert language in ("ko", "en")
        assert 0 <= int(start) < int(end)
        assert len(digest) == 12 and int(digest, 16) >= 0
        assert category in CODES[label], row[:5]


def test_the_added_files_hold_only_new_articles_and_the_second_pass_only_their_units() -> None:
    first = {(r[1], r[2]) for name in LABEL_FILES.values() for r in label_rows(name)}
    added = [r for names in MORE_FILES.values() for name in names for r in label_rows(name)]
    assert {r[0] for r in added} == {"en", "ko"}
    assert not first & {(r[1], r[2]) for r in added}
    units = {(r[1], r[2], r[3], r[4], r[5]) for r in added}
    second = label_rows(NEWS_SECOND)
    assert second
    assert all((r[1], r[2], r[3], r[4], r[5]) in units for r in second)


def test_the_independent_labels_cover_the_second_pass_units() -> None:
    second = {(r[1], r[2], r[3], r[4], r[5]) for r in label_rows(NEWS_SECOND)}
    indep = {(r[1], r[2], r[3], r[4], r[5]) for r in label_rows(NEWS_INDEP)}
    assert len(indep) == 250
    assert indep == second
