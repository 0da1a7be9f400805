"""The fine-tuning records the library versions its figures depend on (bench.finetune_claims):
one configuration read differently on two machines, so the packaged ``about`` names them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench import finetune_claims


def test_versions_name_python_and_every_library() -> None:
    found = finetune_claims.versions()

    assert found["python"] == ".".join(str(x) for x in sys.version_info[:3])
    assert set(finetune_claims.LIBRARIES) <= set(found)
    assert found["numpy"] != "absent"  # the project's own dependency is installed here
    assert found["torch"] == "absent"  # torch is no project dependency


def test_trained_with_reads_the_versions_recorded_beside_the_model(tmp_path: Path) -> None:
    model = tmp_path / "final_en_e5_f6.pt"
    finetune_claims.versions_file(model).write_text(
        json.dumps({"python": "3.11.7", "torch": "2.13.0", "transformers": "5.25.0"})
    )

    sentence = finetune_claims.trained_with(model)

    assert finetune_claims.versions_file(model).name == "final_en_e5_f6.versions.json"
    assert sentence == "; final fit with python 3.11.7, torch 2.13.0, transformers 5.25.0"


def test_trained_with_says_when_no_versions_were_recorded(tmp_path: Path) -> None:
    sentence = finetune_claims.trained_with(tmp_path / "final.pt")

    assert "not recorded" in sentence
    assert "final.versions.json" in sentence


def test_a_seed_other_than_sixteen_names_its_own_run_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    default = finetune_claims._run_name(False)
    monkeypatch.setattr(finetune_claims, "SEED", 17)

    assert finetune_claims._run_name(False) == default + "_s17"
    assert "_s" not in default.removeprefix("plain")


def test_the_codes_objective_knows_every_code_of_the_codebook_table() -> None:
    codebook = (Path(finetune_claims.__file__).parent / "data" / "CODEBOOK.md").read_text()
    table = [
        line.split("|")[2].strip().strip("`")
        for line in codebook.splitlines()
        if line.startswith("| 0 |") or line.startswith("| 1 |")
    ]

    assert len(table) >= 16
    assert set(table) <= set(finetune_claims.codes())


def test_a_codes_objective_names_its_own_run_files(monkeypatch: pytest.MonkeyPatch) -> None:
    default = finetune_claims._run_name(False)
    monkeypatch.setattr(finetune_claims, "AUX", 0.5)

    assert finetune_claims._run_name(False) == default + "_aux0.5"


def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    units = [{"text": f"unit {i}", "fold": i % 2, "label": i % 3 == 0} for i in range(6)]
    (tmp_path / "units.jsonl").write_text("".join(json.dumps(u) + "\n" for u in units))
    monkeypatch.setattr(finetune_claims, "WORK", tmp_path)
    monkeypatch.setattr(finetune_claims, "UNITS", tmp_path / "units.jsonl")
    monkeypatch.setattr(finetune_claims, "KEPT", tmp_path / "ft_oof_{language}.tsv")
    return units


def test_kept_held_fold_logits_are_restored_as_train_wrote_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    _work(tmp_path, monkeypatch)
    for k in (0, 1):
        held = np.array([i for i in range(6) if i % 2 == k], dtype=float)
        np.save(tmp_path / f"ft_run_fold{k}.npy", np.stack([held, held * 0.5 - 1.0]))
    finetune_claims.keep(["run"])
    for k in (0, 1):
        (tmp_path / f"ft_run_fold{k}.npy").unlink()

    finetune_claims.restore()

    fine, folds = finetune_claims._fold_logits(6, "run")
    assert folds == [0, 1]
    assert np.allclose(fine, np.arange(6) * 0.5 - 1.0)
    assert "unit 0" not in finetune_claims.kept_file().read_text()  # no text is kept


def test_kept_logits_of_another_dump_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    units = _work(tmp_path, monkeypatch)
    np.save(tmp_path / "ft_run_fold0.npy", np.stack([np.array([0.0, 2.0]), np.array([1.0, 2.0])]))
    finetune_claims.keep(["run"])
    units[0]["label"] = not units[0]["label"]
    (tmp_path / "units.jsonl").write_text("".join(json.dumps(u) + "\n" for u in units))

    with pytest.raises(SystemExit, match="does not match"):
        finetune_claims.restore()
