"""The relabelling of the old label sets against codebook v1 (bench/relabel_sources.py,
bench/relabel_merge.py), on synthetic rows: no corpus text needed."""

import random
import shutil
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score

from bench.agreement import Label
from bench.relabel_merge import (
    CODEBOOK,
    DATA,
    Original,
    Pass,
    check_units,
    codebook_codes,
    comparison_lines,
    decide,
    disagreement_rows,
    main,
    read_original,
    read_pass,
    v1_text,
)
from bench.relabel_sources import RELABEL_FILES, Unit, deal, groups, relabel_units

AEB = "scrapinghub-aeb/ground-truth.json"
KLUE = "klue-ner/klue-ner-v1.1_dev.tsv"
HEADER = (
    "language\tcorpus file\tarticle key\tstart\tend\tsha1(sentence)[:12]\tposition\ttext\t"
    "title\tlabel\tcategory"
)
CODES = codebook_codes()


def batch_line(unit, claim="", category="", language="en", digest=None):
    corpus_file, key, start, end = unit
    digest = digest or f"{start:012d}"
    return "\t".join(
        [language, corpus_file, key, str(start), str(end), digest, "1/1", "x", "", claim, category]
    )


def original(unit, old, language="en", digest=None):
    corpus_file, key, start, end = unit
    digest = digest or f"{start:012d}"
    return Original((language, corpus_file, key, str(start), str(end), digest, str(old)))


def labelled(pairs):
    """A pass from {unit: (claim, category)}."""
    found = Pass()
    for unit, (claim, category) in pairs.items():
        found.labels[unit] = Label("en", claim, category)
        found.digests[unit] = f"{unit[2]:012d}"
        found.batch_of[unit] = "rl_en_01.tsv"
    found.signatures["rl_en_01.tsv"] = "labeller T, codebook v1"
    return found


U1, U2, U3 = (AEB, "a1", 0, 10), (AEB, "a1", 11, 20), (AEB, "a2", 0, 30)


def test_the_codebook_table_gives_eighteen_codes_each_with_its_sign():
    assert len(CODES) == 18
    assert sorted(code for code, label in CODES.items() if label == 1) == [
        "event", "plain_fact", "projection", "question_fact", "quote_fact", "reported_fact",
        "schedule", "statistic",
    ]  # fmt: skip
    assert CODES["reported_opinion"] == 0 and CODES["chrome"] == 0


def test_a_pass_reads_filled_batches_and_skips_header_comments_and_unlabelled_rows(tmp_path):
    lines = [
        "# labeller A, 2026-12-10, codebook v1",
        HEADER,
        batch_line(U1, "1", "statistic"),
        batch_line(U2, " 0 ", "opinion "),
        batch_line(U3),  # not labelled yet
        "",
    ]
    (tmp_path / "rl_en_01.tsv").write_text("\n".join(lines), encoding="utf-8")
    found = read_pass(tmp_path, CODES)
    assert found.labels == {U1: Label("en", 1, "statistic"), U2: Label("en", 0, "opinion")}
    assert found.signatures == {"rl_en_01.tsv": "labeller A, 2026-12-10, codebook v1"}
    assert found.batch_of[U1] == "rl_en_01.tsv"
    assert read_pass(tmp_path / "missing", CODES).labels == {}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (batch_line(U1, "yes", "statistic"), "not 1 or 0"),
        (batch_line(U1, "1", "fact"), "not a code"),
        (batch_line(U1, "1", "opinion"), "label 1 with the code"),
        (batch_line(U1, "0", "event"), "label 0 with the code"),
        ("\t".join(batch_line(U1, "1", "event").split("\t")[:10]), "not 11"),
    ],
)
def test_a_malformed_row_stops_the_merge(tmp_path, line, message):
    (tmp_path / "rl_en_01.tsv").write_text(HEADER + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_pass(tmp_path, CODES)


def test_a_unit_labelled_two_ways_in_one_pass_stops_the_merge(tmp_path):
    (tmp_path / "rl_en_01.tsv").write_text(batch_line(U1, "1", "event") + "\n", "utf-8")
    (tmp_path / "rl_en_02.tsv").write_text(batch_line(U1, "0", "opinion") + "\n", "utf-8")
    with pytest.raises(ValueError, match="labelled differently"):
        read_pass(tmp_path, CODES)


def test_a_pass_row_must_name_a_relabelled_unit_with_its_sha1():
    originals = {"f.tsv": [original(U1, 1)]}
    check_units(originals, labelled({U1: (1, "event")}))
    moved = labelled({(AEB, "a1", 0, 11): (1, "event")})
    with pytest.raises(ValueError, match="in no relabelled file"):
        check_units(originals, moved)
    edited = labelled({U1: (1, "event")})
    edited.digests[U1] = "ffffffffffff"
    with pytest.raises(ValueError, match="sha1"):
        check_units(originals, edited)


@pytest.mark.parametrize(
    ("first", "second", "third", "want", "how"),
    [
        ((1, "statistic"), (1, "event"), None, (1, "statistic"), "agreed"),
        ((0, "opinion"), (0, "background"), (1, "event"), (0, "opinion"), "agreed"),
        ((1, "event"), (0, "opinion"), None, (1, "event"), "pass 1"),
        ((0, "prediction"), (1, "schedule"), None, (0, "prediction"), "pass 1"),
        ((1, "event"), (0, "opinion"), (0, "chrome"), (0, "chrome"), "adjudicated"),
    ],
)
def test_the_label_is_pass_1_where_they_agree_and_the_third_pass_decides_where_they_part(
    first, second, third, want, how
):
    a, b = Label("en", *first), Label("en", *second)
    c = Label("en", *third) if third else None
    label, reached = decide(a, b, c)
    assert (label.claim, label.category) == want and reached == how


def test_the_relabelled_file_keeps_the_rows_ids_and_order_of_the_original():
    rows = [original(U3, 1), original(U1, 0), original(U2, 1)]
    first = labelled({U1: (1, "event"), U2: (0, "opinion"), U3: (1, "statistic")})
    second = labelled({U1: (1, "plain_fact"), U2: (1, "event"), U3: (0, "table")})
    third = labelled({U2: (1, "reported_fact")})
    third.signatures = {"rl_en_01.tsv": "adjudicator C"}
    comments = ["# language\tcorpus file\t...", "# Old definition: 1 = checkable."]
    text = v1_text("f.tsv", comments, rows, first, second, third)
    assert text is not None
    lines = text.splitlines()
    body = [line.split("\t") for line in lines if not line.startswith("#")]
    assert [line[:6] for line in body] == [list(row.fields[:6]) for row in rows]
    assert [line[6:] for line in body] == [
        ["1", "statistic", "1:statistic", "0:table"],  # parted, no third: pass 1
        ["1", "event", "1:event", "1:plain_fact"],  # agreed: pass 1's code
        ["1", "reported_fact", "0:opinion", "1:event"],  # parted: the third pass
    ]
    assert lines[0].split("\t")[6:] == ["claim (1) or not (0)", "category", "pass1", "pass2"]
    assert "f.tsv relabelled against bench/data/CODEBOOK.md version 1" in text
    assert "3 rows, 3 claims: 1 agreed, 1 adjudicated, 1 parted and left to pass 1" in text
    assert "# pass 1: labeller T, codebook v1 (rl_en_01)" in text
    assert "# adjudicated: adjudicator C (rl_en_01)" in text
    assert "#   Old definition: 1 = checkable." in text


def test_no_relabelled_file_while_a_pass_lacks_a_unit():
    rows = [original(U1, 1), original(U2, 0)]
    first = labelled({U1: (1, "event"), U2: (0, "opinion")})
    assert v1_text("f.tsv", ["#"], rows, first, labelled({U1: (1, "event")})) is None


@pytest.mark.parametrize("seed", range(10))
def test_kappa_before_and_after_matches_scikit_learn(seed):
    rng = random.Random(seed)
    units = [(AEB, f"a{i // 7}", i, i + 1) for i in range(rng.randint(10, 200))]
    old = [rng.randint(0, 1) for _ in units]
    one = [o if rng.random() < 0.8 else 1 - o for o in old]
    two = [o if rng.random() < 0.7 else 1 - o for o in one]
    rows = [original(u, o) for u, o in zip(units, old, strict=True)]
    code = {0: "opinion", 1: "event"}
    first = labelled({u: (c, code[c]) for u, c in zip(units, one, strict=True)})
    second = labelled({u: (c, code[c]) for u, c in zip(units, two, strict=True)})
    lines = comparison_lines(rows, first, second)
    want = [cohen_kappa_score(old, one), cohen_kappa_score(old, two), cohen_kappa_score(one, two)]
    got = [float(line.rsplit("kappa ", 1)[1]) for line in lines]
    assert got == pytest.approx(want, abs=5e-4)
    text = v1_text("f.tsv", ["#"], rows, first, second)
    assert text is not None
    assert f"pass 1 vs pass 2 {cohen_kappa_score(one, two):.3f}" in text


def test_the_disagreements_batch_is_blind():
    first = labelled({U1: (1, "event"), U2: (0, "opinion")})
    second = labelled({U1: (1, "event"), U2: (1, "event")})
    first.rows = {U1: batch_line(U1, "1", "event").split("\t")}
    first.rows[U2] = batch_line(U2, "0", "opinion").split("\t")
    assert disagreement_rows(first, second) == [batch_line(U2).split("\t")]


def test_merge_end_to_end_writes_v1_files_beside_complete_originals(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(DATA / CODEBOOK, data / CODEBOOK)
    header = "# language\tcorpus file\tarticle id\tstart\tend\tsha1\tclaim\n# old labels\n"
    for name in RELABEL_FILES:
        (data / name).write_text(header, encoding="utf-8")
    rows = [original(U1, 1), original(U2, 0), original(U3, 1, language="ko")]
    (data / RELABEL_FILES[0]).write_text(
        header + "".join("\t".join(row.fields) + "\n" for row in rows), encoding="utf-8"
    )
    (data / RELABEL_FILES[1]).write_text(
        header + "\t".join(original((AEB, "a9", 0, 5), 1).fields) + "\n", encoding="utf-8"
    )
    for folder, labels in (
        ("pass1", [("1", "event"), ("1", "statistic"), ("0", "headline")]),
        ("pass2", [("1", "event"), ("0", "opinion"), ("0", "chrome")]),
    ):
        (tmp_path / folder).mkdir()
        lines = [f"# {folder} labeller", HEADER]
        lines += [
            batch_line(row.unit, claim, category, language=row.language)
            for row, (claim, category) in zip(rows, labels, strict=True)
        ]
        (tmp_path / folder / "rl_xx_01.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    adjudicated = tmp_path / "adjudicated"
    adjudicated.mkdir()
    (adjudicated / "third.tsv").write_text(batch_line(U2, "0", "opinion") + "\n", "utf-8")
    disagreements = tmp_path / "parted.tsv"
    argv = [str(tmp_path / "pass1"), str(tmp_path / "pass2"), "--data", str(data)]
    assert main([*argv, "--disagreements", str(disagreements)]) == 0
    out = capsys.readouterr().out
    assert "Before: the old one-line definition" in out and "(the files are not there)" in out
    assert "After, en: 3 units; labelled by pass 1 2, by pass 2 2" in out
    assert f"{RELABEL_FILES[0].replace('.tsv', '.v1.tsv')}: written" in out
    assert f"{RELABEL_FILES[1].replace('.tsv', '.v1.tsv')}: not written, 1 of 1" in out
    _, written = read_original_v1(data / RELABEL_FILES[0].replace(".tsv", ".v1.tsv"))
    assert [line[6:8] for line in written] == [["1", "event"], ["0", "opinion"], ["0", "headline"]]
    assert disagreements.read_text("utf-8").splitlines()[1:] == [batch_line(U2)]
    assert not (data / RELABEL_FILES[1].replace(".tsv", ".v1.tsv")).exists()
    assert f"{RELABEL_FILES[2].replace('.tsv', '.v1.tsv')}: not written, " in out
    comments, _ = read_original(data / RELABEL_FILES[2])
    assert comments == header.splitlines()


def read_original_v1(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith("#")], [
        line.split("\t") for line in lines if not line.startswith("#")
    ]


def test_a_unit_in_several_files_is_labelled_once_and_remembers_each_file():
    first, second = (
        ["en", AEB, "a1", "0", "10", "d1", "1"],
        ["en", AEB, "a1", "11", "20", "d2", "0"],
    )
    files = {
        "a.tsv": [first, second],
        "b.tsv": [[*second[:6], "1"], ["ko", KLUE, "s1", "0", "9", "d3", "1"]],
    }
    units = relabel_units(files)
    assert len(units) == 3
    assert units[(AEB, "a1", 11, 20)].files == ["a.tsv", "b.tsv"]
    assert units[(AEB, "a1", 0, 10)].files == ["a.tsv"]
    files["b.tsv"][0][5] = "other"
    with pytest.raises(AssertionError, match="differs"):
        relabel_units(files)


def test_articles_stay_whole_and_in_order_and_lone_sentences_come_after():
    units = [Unit("en", AEB, f"a{i % 30}", 100 - i, 101 - i, "d") for i in range(90)]
    units += [Unit("ko", KLUE, f"s{i}", 0, 5, "d") for i in range(700)]
    dealt = deal(groups(units), seed=3)
    seen = [group.key for batch in dealt for group in batch]
    assert len(seen) == len(set(seen)) == 730
    for batch in dealt:
        assert len({group.isolated for group in batch}) == 1
        for group in batch:
            starts = [unit.start for unit in group.units]
            assert starts == sorted(starts)
    kinds = [batch[0].isolated for batch in dealt]
    assert kinds == sorted(kinds)  # articles first
    assert all(sum(len(g.units) for g in batch) <= 500 for batch in dealt)
    assert deal(groups(units), seed=3) == dealt
