"""Extraction never crashes, keeps its offsets honest, is deterministic, and its
fingerprints survive edits elsewhere in the article."""

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import detect_language, extract_claims, extract_figures, fingerprint

PUBLISHED = datetime(2020, 10, 8, 7, 57, tzinfo=UTC)
PIECES = [
    "35개국", "약 6700억원", "3조~4조원", "지난달 19일", "이달 말", "61.57%", "3.5%p", "네 가지",
    "$2.1 billion", "34 percent", "June 24", "Mr. ", "U.S. ", "2.1", ". ", "\n", "\n\n", "다. ",
    '"', "“", "”", "[사진=청와대]", "noh@newspim.com", "02-123-4567", "~", "조", "억", "만",
    "명", "세", "살", "according to Reuters, ", "에 따르면 ", "밝혔다. ", "처음이다. ", " ",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join),
)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts, st.sampled_from(["ko", "en"]))
def test_claim_and_figure_offsets_match_the_body(body: str, language: str) -> None:
    for claim in extract_claims(body, language=language, published_at=PUBLISHED):
        assert body[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.score <= 1.0
        assert claim.kind in {"statistical", "comparison", "temporal", "quote", "factual"}
        for figure in claim.figures:
            assert body[figure.start : figure.end] == figure.text
            assert claim.start <= figure.start <= figure.end <= claim.end


@FAST
@given(texts, st.sampled_from(["ko", "en"]))
def test_extraction_is_deterministic(body: str, language: str) -> None:
    first = extract_claims(body, language=language, published_at=PUBLISHED)
    assert first == extract_claims(body, language=language, published_at=PUBLISHED)


@FAST
@given(texts, st.sampled_from(["ko", "en"]))
def test_figure_offsets_match_the_text(text: str, language: str) -> None:
    for figure in extract_figures(text, language=language):
        assert text[figure.start : figure.end] == figure.text
        assert "e" not in figure.value.lower() or figure.kind == "date"


@FAST
@given(st.text(max_size=200))
def test_language_is_korean_or_english(text: str) -> None:
    assert detect_language(text) in ("ko", "en")


ARTICLE = (
    "정부는 35개국에 친서를 보냈다.\n\n"
    "올해 66세인 오콘조 전 장관은 유 본부장보다 13살이 많다.\n\n"
    "당기순이익은 976억원으로 31% 증가했다."
)


def test_fingerprints_survive_an_edit_elsewhere() -> None:
    before = {c.text: c.fingerprint for c in extract_claims(ARTICLE, language="ko")}
    edited = ARTICLE.replace("35개국", "36개국")
    after = {c.text: c.fingerprint for c in extract_claims("머리말.\n\n" + edited, language="ko")}
    unchanged = [t for t in before if "35개국" not in t]
    assert unchanged and all(after[t] == before[t] for t in unchanged)
    assert len(set(after.values())) == len(after)


def test_duplicate_sentences_get_distinct_fingerprints() -> None:
    sentence = "당기순이익은 976억원으로 31% 증가했다."
    claims = extract_claims(f"{sentence}\n\n{sentence}", language="ko")
    assert len(claims) == 2 and claims[0].fingerprint != claims[1].fingerprint


def test_fingerprint_ignores_whitespace_differences() -> None:
    assert fingerprint("매출은  34% \n 늘었다.") == fingerprint("매출은 34% 늘었다.")


def test_english_attribution_from_according_to() -> None:
    body = "According to the Labor Department, the economy added 9 million jobs last year."
    (claim,) = extract_claims(body, language="en")
    assert claim.attribution == "the Labor Department"


def test_english_attribution_from_said() -> None:
    body = "Unemployment fell to 3.5 percent in June, the Labor Department said."
    (claim,) = extract_claims(body, language="en")
    assert claim.attribution == "the Labor Department"


def test_mixed_language_text_works_either_way() -> None:
    body = "삼성전자는 매출 $2.1 billion을 기록했다. Sales rose 34 percent in 2024."
    for language in ("ko", "en"):
        values = {f.value for c in extract_claims(body, language=language) for f in c.figures}
        assert {"2100000000", "34"} <= values


def test_a_sentence_that_is_one_quotation_is_a_claim() -> None:
    body = '"공공의대 법률은 2015년 새누리당 의원들이 공동발의로 참여했다."'
    (claim,) = extract_claims(body, language="ko")
    assert claim.figures[0].value == "2015"


def test_reported_event_without_a_figure_is_a_factual_claim_scored_by_its_probability() -> None:
    body = "코인 거래소 전 직원에 대해서도 구속영장이 청구됐습니다."
    (claim,) = extract_claims(body, language="ko")
    assert (claim.kind, claim.figures) == ("factual", ())
    assert claim.model_score is not None
    assert claim.score == min(0.99, max(0.01, claim.model_score))


def test_reactions_and_anchor_lines_are_not_claims() -> None:
    body = "이를 본 네티즌들은 다양한 반응을 보였다.\n이윤우 기자의 보도입니다."
    assert extract_claims(body, language="ko") == []
