"""Figures that checked claims hold and the grammar used to miss (SNU FactCheck, QuanTemp
shapes): each one with its value, unit, kind and offsets."""

from __future__ import annotations

from datetime import date

from claims.extraction import extract_figures

REF = date(2022, 6, 15)


def _figures(text: str, language: str = "ko") -> list[tuple[str, str, str, str, int, int]]:
    found = extract_figures(text, language=language, reference_date=REF)
    for f in found:
        assert text[f.start : f.end] == f.text
    return [(f.text, f.value, f.unit, f.kind, f.start, f.end) for f in found]


def _at(text: str, part: str, value: str, unit: str, kind: str) -> tuple:
    start = text.index(part)
    return (part, value, unit, kind, start, start + len(part))


def test_a_dotted_date_is_a_date_and_not_a_version_number() -> None:
    text = "그는 2019.3.5 담화에서 밝혔다"
    assert _figures(text) == [_at(text, "2019.3.5", "2019-03-05", "", "date")]
    assert _figures("버전 2.3.5 배포") == []
