"""The training labels' audit (bench/label_audit.py) applied over the label files."""

import pytest


def test_an_audited_unit_takes_its_new_label_and_category(tmp_path, monkeypatch):
    from bench import claims_train

    (tmp_path / "audit.tsv").write_text(
        "# header\nko\tko-wikinews/wikinews.csv.gz\tw1\t0\t9\tabc\t1\tevent\t0\t1/event\t1/event\n"
    )
    monkeypatch.setattr(claims_train, "DATA", tmp_path)
    monkeypatch.setattr(claims_train, "AUDIT_FILES", {"ko": "audit.tsv"})
    rows = [
        ["ko", "ko-wikinews/wikinews.csv.gz", "w1", "0", "9", "abc", "0", "narrative"],
        ["ko", "ko-wikinews/wikinews.csv.gz", "w1", "10", "20", "def", "0", "opinion"],
    ]
    changed = claims_train._audited("ko", rows, every=True)
    assert changed[0][6:] == ["1", "event"]
    assert changed[1] == rows[1]


def test_an_audit_naming_a_unit_no_label_file_holds_fails_loudly(tmp_path, monkeypatch):
    from bench import claims_train

    (tmp_path / "audit.tsv").write_text("ko\tx\tw9\t0\t9\tabc\t1\tevent\t0\t1/event\t1/event\n")
    monkeypatch.setattr(claims_train, "DATA", tmp_path)
    monkeypatch.setattr(claims_train, "AUDIT_FILES", {"ko": "audit.tsv"})
    with pytest.raises(AssertionError):
        claims_train._audited(
            "ko", [["ko", "x", "w1", "0", "9", "abc", "0", "narrative"]], every=True
        )
