"""The walls hold: the import contracts in pyproject.toml, the pipeline as the only way in,
file paths only from the command line, and rooms that stay small.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from claims import pipeline

ROOT = Path(__file__).resolve().parent.parent
FACES = [
    *sorted((ROOT / "claims" / "views").glob("*.py")),
    *sorted((ROOT / "claims" / "api").glob("*.py")),
    *sorted((ROOT / "claims" / "management" / "commands").glob("*.py")),
    ROOT / "claims" / "admin.py",
    ROOT / "claims" / "forms.py",
    ROOT / "claims" / "tasks.py",
]
# Owned by the extraction and parsing reshaping, which measures them itself.
NOT_MEASURED_HERE = ("claims/extraction/", "articles/parsing/", "/migrations/")


def _python_files(*folders: str) -> list[Path]:
    files = [p for folder in folders for p in (ROOT / folder).rglob("*.py")]
    return [p for p in files if not any(part in p.as_posix() for part in NOT_MEASURED_HERE)]


def _imported_names(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == module
        for alias in node.names
    }


def test_the_import_contracts_are_kept():
    # In a process of its own: lint-imports reconfigures logging, which other tests watch.
    lint = Path(sys.executable).parent / "lint-imports"
    run = subprocess.run(
        [str(lint), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_faces_use_only_the_pipelines_entries():
    for face in FACES:
        below = _imported_names(face, "claims.pipeline") - set(pipeline.__all__)
        assert not below, f"{face.relative_to(ROOT)} reaches under the pipeline: {below}"


def test_file_paths_are_read_only_for_the_command_line():
    """Only management commands call the path entries; only they call read_source_file."""
    for path in _python_files("claims", "articles", "config", "lib"):
        rel = path.relative_to(ROOT).as_posix()
        names = {
            n.id for n in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(n, ast.Name)
        }
        if rel.startswith("claims/management/") or rel == "claims/pipeline.py":
            continue
        assert not names & {"ingest_path", "extract_path"}, rel
        if rel != "articles/services.py":
            assert "read_source_file" not in names, rel
    reader_calls = [
        node.name
        for node in ast.walk(ast.parse((ROOT / "claims" / "pipeline.py").read_text("utf-8")))
        if isinstance(node, ast.FunctionDef)
        and any(isinstance(n, ast.Name) and n.id == "read_source_file" for n in ast.walk(node))
    ]
    assert reader_calls == ["extract_path"]


def _code_words(tree: ast.AST) -> list[str]:
    """Identifiers and string constants, docstrings left out."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    words = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                words.append(node.value)
        elif isinstance(node, ast.Name):
            words.append(node.id)
        elif isinstance(node, ast.Attribute):
            words.append(node.attr)
    return words


def test_articles_names_nothing_of_claims():
    """Not even by a URL name or a related name that no import would show."""
    for path in _python_files("articles"):
        words = _code_words(ast.parse(path.read_text("utf-8")))
        assert not [w for w in words if "claim" in w.lower()], path.relative_to(ROOT)


def test_no_file_over_600_lines_and_no_function_over_60():
    folders = ("claims", "articles", "config", "lib")
    paths = [p for f in folders for p in (ROOT / f).rglob("*.py") if "/migrations/" not in str(p)]
    assert any("claims/extraction/" in str(p) for p in paths)  # extraction and parsing too
    assert any("articles/parsing/" in str(p) for p in paths)
    for path in paths:
        text = path.read_text("utf-8")
        rel = path.relative_to(ROOT)
        assert text.count("\n") <= 600, rel
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 60, f"{rel}:{node.name} has {length} lines"
