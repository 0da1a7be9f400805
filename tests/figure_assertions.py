"""Shared assertions of the figure grammar tests: every figure as (text, value, unit, kind,
start, end), its offsets checked against the text."""

from __future__ import annotations

from datetime import date

from claims.extraction import extract_figures

FigureRow = tuple[str, str, str, str, int, int]


def figure_rows(text: str, language: str, reference: date | None) -> list[FigureRow]:
    found = extract_figures(text, language=language, reference_date=reference)
    for f in found:
        assert text[f.start : f.end] == f.text
    return [(f.text, f.value, f.unit, f.kind, f.start, f.end) for f in found]


def at(text: str, part: str, value: str, unit: str, kind: str) -> FigureRow:
    """The row expected for ``part``, found at its first place in ``text``."""
    start = text.index(part)
    return (part, value, unit, kind, start, start + len(part))
