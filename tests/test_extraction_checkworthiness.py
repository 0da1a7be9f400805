"""The English check-worthiness model: packaged file, pure-Python scorer, parity with
scikit-learn, and its use in claim extraction."""

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.extraction import checkworthiness, extract_claims
from claims.extraction.features import engine_features, korean_features
from claims.extraction.figures import extract_figures

CHECKWORTHY = [
    "Unemployment fell to 3.5 percent last year, the lowest rate in fifty years.",
    "We have lost 700,000 manufacturing jobs since 2001.",
    "The federal deficit tripled under this administration to $1.4 trillion.",
]
NOT_CHECKWORTHY = [
    "Thank you very much, and good evening to everyone here.",
    "I want to say something to the American people tonight.",
    "Well, let me just respond to that.",
]


def _probability(text: str) -> float:
    model = checkworthiness.model()
    return model.probability(text, engine_features(text, extract_figures(text, language="en")))


def test_packaged_model_loads_with_a_threshold_between_zero_and_one():
    model = checkworthiness.model()
    assert checkworthiness.MODEL_PATH.stat().st_size < 2_000_000
    assert 0 < model.threshold < 1
    assert len(model.blocks) == 2
    assert all(block.terms for block in model.blocks)
    assert len(model.extra_weights) == len(engine_features("A sentence.", []))


def test_scores_are_probabilities_and_deterministic():
    for text in CHECKWORTHY + NOT_CHECKWORTHY + ["", "x", "12345 " * 50]:
        first = _probability(text)
        assert 0.0 <= first <= 1.0
        assert _probability(text) == first


def test_clear_checkworthy_sentences_outscore_clear_chatter():
    lowest_claim = min(_probability(t) for t in CHECKWORTHY)
    highest_chatter = max(_probability(t) for t in NOT_CHECKWORTHY)
    assert lowest_claim > highest_chatter
    assert lowest_claim >= checkworthiness.model().threshold
    assert highest_chatter < checkworthiness.model().threshold


def test_runtime_scorer_imports_neither_sklearn_nor_django():
    code = (
        "import sys\n"
        "from claims.extraction import checkworthiness\n"
        "checkworthiness.model().probability('The rate rose 5 percent.', [0.0] * 11)\n"
        "print(any(m.split('.')[0] in ('sklearn', 'django') for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_english_claims_are_scored_by_the_model_and_chatter_is_dropped():
    body = " ".join(CHECKWORTHY + NOT_CHECKWORTHY)
    claims = extract_claims(body, language="en")
    texts = [c.text for c in claims]
    assert texts == CHECKWORTHY
    for claim in claims:
        assert claim.score == round(min(0.99, max(0.01, _probability(claim.text))), 4)


def test_open_and_forward_looking_questions_stay_excluded_whatever_the_model_says():
    # A closed question about a stated figure is a claim (tests/test_extraction_questions.py).
    assert extract_claims("Will unemployment fall to 3.5 percent next year?", language="en") == []
    assert extract_claims("Why did unemployment fall to 3.5 percent?", language="en") == []


TRAIN = [
    ("Unemployment rose by 4 percent in 2019.", 1),
    ("The deficit is $500 billion this year.", 1),
    ("We created 2 million jobs last year.", 1),
    ("Taxes went up 12 percent under the governor.", 1),
    ("Crime fell by a third in the city since 2010.", 1),
    ("He voted against the bill three times.", 1),
    ("Thank you very much.", 0),
    ("I want to talk about the future.", 0),
    ("Let me respond to that.", 0),
    ("Good evening, everyone.", 0),
    ("That is a great question, and I appreciate it.", 0),
    ("We will see what happens.", 0),
]
PROBES = [
    "Unemployment fell 2 percent last year.",
    "Thank you, and good night.",
    "The café's naïve owners said 3,000 jobs were lost — again!",
    "",
    "a",
]


def test_exported_model_reproduces_sklearn_predict_proba(tmp_path):
    pytest.importorskip("sklearn")
    from bench import train_checkworthiness as train

    texts, labels = [t for t, _ in TRAIN], [y for _, y in TRAIN]
    # The training file's min_df would leave a dozen sentences almost no vocabulary.
    fitted = train.Fitted(
        texts, labels, c=1.0, word=train.WORD | {"min_df": 1}, char=train.CHAR | {"min_df": 1}
    )
    path = tmp_path / "model.json"
    train.write(fitted.export(0.5), path)
    assert json.loads(path.read_text(encoding="utf-8"))["threshold"] == 0.5
    model = checkworthiness.load(path)
    expected = fitted.predict_proba(PROBES + texts)
    for text, want in zip(PROBES + texts, expected, strict=True):
        got = model.probability(text, engine_features(text, extract_figures(text, language="en")))
        assert abs(got - want) < 1e-6


KO_TRAIN = [
    ("정부는 지난해 35개국에 서한을 보냈다.", 1),
    ("지난달 수출은 1년 전보다 12% 줄었다.", 1),
    ("경찰은 지난 5일 유 씨를 체포했다.", 1),
    ("이 회사의 지분 61.57%는 베인캐피탈이 갖고 있다.", 1),
    ("법원은 징역 4년을 선고했습니다.", 1),
    ("실사단 8명이 부산역에 도착했습니다.", 1),
    ("시청자들의 반응이 뜨겁다.", 0),
    ("앞으로 더 노력하겠다고 말했다.", 0),
    ("안녕하세요.", 0),
    ("전화 연결돼 있습니다.", 0),
    ("그 의미는 달라질 수밖에 없다.", 0),
    ("관심이 쏠리고 있다.", 0),
]
KO_PROBES = ["정부는 3조7800억원을 투입했다.", "감사합니다.", "", "ㄱ", '그는 "좋다"고 했다.']


def test_packaged_korean_model_loads_with_its_own_features():
    model = checkworthiness.model("ko")
    assert checkworthiness.MODEL_PATHS["ko"].stat().st_size < 2_000_000
    assert 0 < model.threshold < 1
    assert 0 < model.rule_floor <= 1
    assert len(model.extra_weights) == len(korean_features("문장이다.", []))


def test_exported_korean_model_reproduces_sklearn_predict_proba(tmp_path):
    pytest.importorskip("sklearn")
    from bench import train_checkworthiness as train

    texts, labels = [t for t, _ in KO_TRAIN], [y for _, y in KO_TRAIN]
    fitted = train.Fitted(
        texts,
        labels,
        c=1.0,
        word=train.WORD_KO | {"min_df": 1},
        char=train.CHAR_KO | {"min_df": 1},
        features=train.korean_extras,
    )
    path = tmp_path / "model.json"
    train.write(fitted.export(0.5) | {"rule_floor": 0.3}, path)
    model = checkworthiness.load(path)
    assert model.rule_floor == 0.3
    expected = fitted.predict_proba(KO_PROBES + texts)
    for text, want in zip(KO_PROBES + texts, expected, strict=True):
        features = korean_features(text, extract_figures(text, language="ko"))
        assert abs(model.probability(text, features) - want) < 1e-6


def test_the_korean_model_decides_and_the_figures_still_rank_first():
    body = (
        "정부는 지난해 35개국에 서한을 보냈다. 시청자들의 반응이 뜨겁다. "
        "외교부는 각국 대사관에 협조를 요청했다."
    )
    claims = extract_claims(body, language="ko")
    assert [c.text for c in claims] == [
        "정부는 지난해 35개국에 서한을 보냈다.",
        "외교부는 각국 대사관에 협조를 요청했다.",
    ]
    for claim in claims:
        features = korean_features(claim.text, list(claim.figures), claim.start)
        probability = checkworthiness.model("ko").probability(claim.text, features)
        assert probability >= checkworthiness.model("ko").rule_floor
    assert claims[0].score > claims[1].score


def test_a_korean_figure_claim_stays_whatever_the_model_says(monkeypatch):
    never = checkworthiness.Model(
        blocks=(), extra_weights=(0.0,) * 17, intercept=-50.0, threshold=0.5, rule_floor=0.5
    )
    monkeypatch.setattr(checkworthiness, "model", lambda language="en": never)
    body = "지난달 수출은 1년 전보다 12% 줄었다. 외교부는 각국 대사관에 협조를 요청했다."
    claims = extract_claims(body, language="ko")
    assert [c.text for c in claims] == ["지난달 수출은 1년 전보다 12% 줄었다."]


def _char_wb_by_definition(text: str, ngram: tuple[int, int]) -> list[str]:
    """scikit-learn's char_wb analyzer, written as its source reads."""
    grams = []
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(ngram[0], ngram[1] + 1):
            offset = 0
            grams.append(padded[offset : offset + n])
            while offset + n < len(padded):
                offset += 1
                grams.append(padded[offset : offset + n])
            if offset == 0:  # the word is no longer than n: counted once
                break
    return grams


@given(
    text=st.text(alphabet="ab가나 \t.1", max_size=40),
    ngram=st.sampled_from([(1, 1), (1, 3), (2, 5), (3, 3), (4, 6)]),
)
def test_character_ngrams_match_scikit_learns_char_wb_analyzer(text, ngram):
    assert checkworthiness.char_wb_ngrams(text, ngram) == _char_wb_by_definition(text, ngram)
