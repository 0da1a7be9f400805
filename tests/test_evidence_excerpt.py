"""A reviewer's excerpt looked for in the archived text, pasting differences tolerated."""

from __future__ import annotations

import pytest

from claims.evidence.excerpt import excerpt_found, find_excerpt

TEXT = (
    "클래시스 관계자는 “경영권 매각과 관련해서는 내용을 알지 못하고 언급할 만한 게 없다”고\n"
    "전했다. 베인캐피탈은 2021년 초 이 지분을 약 6700억원에 인수했다. "
    "The minister said: ‘It’s final.’ Growth was 3.5% — the lowest since 2019."
)


@pytest.mark.parametrize(
    "excerpt",
    [
        '"경영권 매각과 관련해서는 내용을 알지 못하고 언급할 만한 게 없다"고 전했다',
        "'경영권 매각과 관련해서는 내용을 알지 못하고 언급할 만한 게 없다'고 전했다.",
        "경영권 매각과   관련해서는\n내용을 알지 못하고",
        "베인캐피탈은 ２０２１년 초",  # full-width digits
        "베인캐피탈은2021년초이지분을",  # Korean spacing lost
        'the minister said: "it\'s final."',  # case and quotation marks
        "Growth was 3.5% - the lowest",  # a dash typed as a hyphen
        "클래시스 관계자는 … 언급할 만한 게 없다",  # an ellipsis for text left out
        "베인캐피탈은 ... 인수했다",
    ],
)
def test_an_excerpt_pasted_with_other_spacing_quotes_or_widths_is_found(excerpt):
    assert excerpt_found(excerpt, TEXT) is True


@pytest.mark.parametrize(
    "excerpt",
    [
        "베인캐피탈은 2021년 초 이 지분을 약 6070억원에 인수했다",  # digits changed
        "The minister said it was not final.",
        "클래시스 관계자는 … 매각을 확인했다",  # the second piece is not there
        "인수했다 … 베인캐피탈은",  # the pieces out of order
    ],
)
def test_an_excerpt_that_is_not_in_the_text_is_flagged(excerpt):
    assert excerpt_found(excerpt, TEXT) is False


def test_no_excerpt_is_neither_found_nor_missing():
    assert excerpt_found("", TEXT) is None
    assert excerpt_found("  … ", TEXT) is None


def test_the_match_gives_offsets_of_the_original_text():
    match = find_excerpt("이 지분을   약 6700억원에", TEXT)
    assert match is not None
    assert TEXT[match.start : match.end] == "이 지분을 약 6700억원에"
    quoted = find_excerpt("it's final", TEXT)
    assert quoted is not None and TEXT[quoted.start : quoted.end] == "It’s final"
