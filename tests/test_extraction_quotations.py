"""A quotation of several sentences is one unit for the claim decision; offsets still index
the body."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claims.extraction import extract_claims, read_sentences
from claims.extraction.sentences import claim_units, merge_quotations, split_sentences


def _texts(body: str, language: str) -> list[str]:
    spans, _ = claim_units(body, language=language)
    return [body[start:end] for start, end in spans]


def test_a_korean_quotation_of_several_sentences_is_one_unit():
    body = (
        "취재진이 만난 주민 박모 씨는 말을 아꼈다. “처음에는 아무도 믿지 않았습니다. "
        "지금은 다릅니다. 모두가 압니다.” 박 씨는 그렇게 말하고 자리를 떴다."
    )
    assert _texts(body, "ko") == [
        "취재진이 만난 주민 박모 씨는 말을 아꼈다.",
        "“처음에는 아무도 믿지 않았습니다. 지금은 다릅니다. 모두가 압니다.”",
        "박 씨는 그렇게 말하고 자리를 떴다.",
    ]


def test_an_english_quotation_of_several_sentences_is_one_unit():
    body = (
        'She paused. "We closed the plant in March. It cost 300 jobs. Nobody '
        'wanted that." The company declined to comment.'
    )
    assert _texts(body, "en") == [
        "She paused.",
        '"We closed the plant in March. It cost 300 jobs. Nobody wanted that."',
        "The company declined to comment.",
    ]


def test_a_closing_mark_typed_as_an_opening_one_opens_no_quotation():
    # Korean copy often closes a quotation with the opening glyph: "같다“고", "있다“며".
    body = (
        "그는 “훈련소에 있는 기간이 험난할 것 같다“고 털어놨다. 그는 지난해 3억원을 벌었다. "
        "회사는 매출이 10% 늘었다“며 자신했다. 매출은 5조원이었다."
    )
    assert _texts(body, "ko") == [
        "그는 “훈련소에 있는 기간이 험난할 것 같다“고 털어놨다.",
        "그는 지난해 3억원을 벌었다.",
        "회사는 매출이 10% 늘었다“며 자신했다.",
        "매출은 5조원이었다.",
    ]


def test_reversed_quotation_marks_still_join_the_quotation_they_enclose():
    body = "그는 ”처음에는 힘들었다. 지금은 괜찮다“고 말했다. 회사는 매출이 10% 늘었다고 밝혔다."
    assert _texts(body, "ko") == [
        "그는 ”처음에는 힘들었다. 지금은 괜찮다“고 말했다.",
        "회사는 매출이 10% 늘었다고 밝혔다.",
    ]


def test_an_english_closing_mark_typed_as_an_opening_one_opens_no_quotation():
    body = "“We won,“ he said. The team scored 3 goals. “It was hard. We kept going.” She left."
    assert _texts(body, "en") == [
        "“We won,“ he said.",
        "The team scored 3 goals.",
        "“It was hard. We kept going.”",
        "She left.",
    ]


def test_a_quotation_never_joins_across_a_paragraph_break():
    body = "“첫 문장입니다. 둘째 문장입니다.\n새 문단은 따로 읽는다. 끝났다."
    assert _texts(body, "ko") == [
        "“첫 문장입니다. 둘째 문장입니다.",
        "새 문단은 따로 읽는다.",
        "끝났다.",
    ]


def test_a_quotation_left_open_joins_a_bounded_number_of_sentences():
    body = "“열림. " + " ".join(f"문장 {i}번은 이렇게 끝난다." for i in range(20))
    spans = merge_quotations(body, split_sentences(body, language="ko"))
    assert len(spans) > 2
    assert all(end - start <= 1000 for start, end in spans)


def test_one_decision_for_the_quotation_and_its_offsets_index_the_body():
    body = (
        "시장은 기자회견을 열었다. 그는 “처음에는 아무도 믿지 않았습니다. "
        "지금은 다릅니다.”라고 말했다.\n"
        '"We closed the plant. It cost 300 jobs," the chief executive said.'
    )
    readings = list(read_sentences(body, language="ko"))
    assert [(r.start, r.end) for r in readings][-1] == (body.index('"We'), len(body))
    for claim in extract_claims(body, language="ko"):
        assert body[claim.start : claim.end] == claim.text


@given(st.text(alphabet='가나다 .“”"\n', max_size=80))
def test_units_are_ordered_disjoint_spans_of_the_body(body):
    spans, _ = claim_units(body, language="ko")
    at = 0
    for start, end in spans:
        assert at <= start < end <= len(body)
        assert body[start:end].strip()
        at = end
