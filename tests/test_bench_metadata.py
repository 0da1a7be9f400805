"""The metadata benchmark (bench/bench_metadata.py) runs on its own as a script, like the
other benchmarks, and not only through ``bench.run_all``."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

import bench.bench_articles


def test_the_metadata_bench_runs_as_a_script_and_exits_with_its_status(
    monkeypatch, tmp_path, capsys
):
    # Without the corpus its main() says so and returns 1: the script must exit with it.
    monkeypatch.setattr(bench.bench_articles, "CORPUS", Path(tmp_path / "no-corpus"))
    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("bench.bench_metadata", run_name="__main__")
    assert stopped.value.code == 1
    assert "corpus missing" in capsys.readouterr().out
