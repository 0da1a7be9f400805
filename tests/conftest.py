from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED_PAGE = CORPUS / "newspim-2020-10-08-wto-page.txt"


def corpus_path(*parts: str) -> Path:
    """A file of the shared corpus; a missing corpus fails the test rather than skipping it."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"shared corpus file missing: {path} (clone ../shared beside the project)")
    return path
