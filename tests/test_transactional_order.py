"""Transactional tests pass in any order (``pytest -n 2`` deals them to workers in orders a
serial run never tries): every one puts back the rows the migrations made and leaves the
tables empty, so none finds content types made again under other ids by another's flush."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = "tests/transactional_order_cases.py"


def test_a_serialized_rollback_test_after_a_plain_transactional_one_passes() -> None:
    # Its own pytest on SQLite in memory: the order is the file's, and no test database of
    # the suite's (PostgreSQL's is named after the suite's) is touched.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(  # noqa: S603  (this interpreter, fixed arguments)
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         "-n", "0", CASES],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    assert "3 passed" in done.stdout
