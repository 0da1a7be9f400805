"""Labeller agreement (bench/agreement.py): Cohen's kappa as scikit-learn computes it, and
two label files compared unit by unit, per language."""

import random

import pytest
from sklearn.metrics import cohen_kappa_score

from bench.agreement import cohen_kappa, main, paired, read_labels

FULL = (
    "# language\tcorpus file\tarticle key\tstart\tend\tsha1\tclaim\tcategory\n"
    "ko\tko-wikinews/wikinews.csv.gz\tw001\t0\t10\taaaaaaaaaaaa\t1\tstatistic\n"
    "ko\tko-wikinews/wikinews.csv.gz\tw001\t11\t20\tbbbbbbbbbbbb\t0\topinion\n"
    "ko\tko-wikinews/wikinews.csv.gz\tw001\t21\t30\tcccccccccccc\t1\tevent\n"
    "en\tnewspaper4k/txt/a.txt\ta\t0\t9\tdddddddddddd\t0\tchrome\n"
    "en\tnewspaper4k/txt/a.txt\ta\t10\t30\teeeeeeeeeeee\t1\treported_fact\n"
)
SHORT = (
    "# article key\tstart\tend\tlabel\tcategory\n"
    "w001\t0\t10\t1\tstatistic\n"
    "w001\t11\t20\t1\tplain_fact\n"
    "w001\t21\t30\t1\tevent\n"
    "a\t0\t9\t0\tchrome\n"
    "a\t10\t30\t0\treported_opinion\n"
    "a\t31\t40\t1\tevent\n"
)


@pytest.mark.parametrize("seed", range(20))
def test_kappa_matches_scikit_learn_on_random_labellings(seed):
    rng = random.Random(seed)
    size = rng.randint(5, 300)
    classes: list[object] = rng.choice([[0, 1], ["chrome", "event", "opinion", "statistic"]])
    first = [rng.choice(classes) for _ in range(size)]
    second = [a if rng.random() < 0.7 else rng.choice(classes) for a in first]
    assert cohen_kappa(first, second) == pytest.approx(cohen_kappa_score(first, second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ([1, 1, 0, 0], [1, 1, 0, 0]),  # perfect agreement
        ([1, 1, 0, 0], [0, 0, 1, 1]),  # perfect disagreement: kappa -1
        ([1, 0, 1, 0, 1, 0], [1, 1, 1, 1, 1, 1]),  # one labeller says claim to everything
        ([1, 1, 1, 0], [1, 1, 0, 1]),
    ],
)
def test_kappa_matches_scikit_learn_on_edge_cases(first, second):
    assert cohen_kappa(first, second) == pytest.approx(cohen_kappa_score(first, second))


def test_two_labellers_who_both_call_everything_a_claim_agree_fully():
    assert cohen_kappa([1, 1, 1], [1, 1, 1]) == 1.0


def test_units_are_matched_across_the_full_and_the_short_form(tmp_path):
    (tmp_path / "first.tsv").write_text(FULL, encoding="utf-8")
    (tmp_path / "second.tsv").write_text(SHORT, encoding="utf-8")
    pairs = paired(read_labels(tmp_path / "first.tsv"), read_labels(tmp_path / "second.tsv"))
    assert sorted(pairs) == ["en", "ko"]  # the short form's language comes from the full one
    assert [(a.claim, b.claim) for a, b in pairs["ko"]] == [(1, 1), (0, 1), (1, 1)]
    assert [(a.category, b.category) for a, b in pairs["en"]] == [
        ("chrome", "chrome"),
        ("reported_fact", "reported_opinion"),
    ]


def test_the_report_prints_kappa_and_the_disagreements_per_language(tmp_path, capsys):
    (tmp_path / "first.tsv").write_text(FULL, encoding="utf-8")
    (tmp_path / "second.tsv").write_text(SHORT, encoding="utf-8")
    assert main([str(tmp_path / "first.tsv"), str(tmp_path / "second.tsv")]) == 0
    out = capsys.readouterr().out
    assert "5 units in both, 1 in one file only" in out
    english, korean = out.split("\nen:\n")[1].split("\nko:\n")
    assert "raw agreement 50.0%" in english
    assert "reported_fact -> reported_opinion: 1" in english
    assert "raw agreement 66.7%, Cohen's kappa 0.000" in korean  # 2 of 3; chance is 2 of 3
    assert "opinion -> plain_fact: 1" in korean


def test_a_filled_in_batch_is_read_with_its_header_line_left_out(tmp_path):
    batch = (
        "language\tcorpus file\tarticle key\tstart\tend\tsha1(sentence)[:12]\tposition\t"
        "text\ttitle\tlabel\tcategory\n"
        "ko\tko-wikinews/wikinews.csv.gz\tw001\t0\t10\taaaaaaaaaaaa\t1/3\t...\tT\t1\tevent\n"
    )
    (tmp_path / "ko_01.tsv").write_text(batch, encoding="utf-8")
    labels = read_labels(tmp_path / "ko_01.tsv")
    assert list(labels) == [("w001", 0, 10)]
    assert (labels["w001", 0, 10].language, labels["w001", 0, 10].category) == ("ko", "event")


def test_a_label_that_is_not_1_or_0_is_refused(tmp_path):
    (tmp_path / "bad.tsv").write_text("w001\t0\t10\tyes\tstatistic\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not 1 or 0"):
        read_labels(tmp_path / "bad.tsv")
