"""The claim models: packaged files, the pure-Python scorer (parity with scikit-learn), the
calibration map, and their use in claim extraction."""

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.extraction import checkworthiness, extract_claims
from claims.extraction.claims import Prepared, read_units
from claims.extraction.features import UnitInput

CHECKWORTHY = [
    "Unemployment fell to 3.5 percent last year, the lowest rate in fifty years.",
    "The company recalled 40,000 heaters on Monday after two fires.",
    "The federal deficit tripled to $1.4 trillion between 2008 and 2010.",
]
NOT_CHECKWORTHY = [
    "Thank you very much, and good evening to everyone here.",
    "I want to say something to the American people tonight.",
    "Subscribe to our newsletter for more stories like this.",
]


def _inputs(body: str, language: str) -> list[UnitInput]:
    return [
        unit.prepared.inputs
        for unit in read_units(body, language=language)
        if isinstance(unit.prepared, Prepared)
    ]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_packaged_models_load_with_a_threshold_a_floor_and_a_calibration(language):
    model = checkworthiness.model(language)
    assert checkworthiness.MODEL_PATHS[language].stat().st_size < 6_000_000
    assert 0 < model.threshold < 1
    assert 0 < model.rule_floor <= 1
    assert [block.analyzer for block in model.blocks][-1] == "tokens"
    assert all(block.terms for block in model.blocks)
    (unit,) = _inputs("문장이 하나 있다고 한다." if language == "ko" else "One sentence.", language)
    assert len(model.extra_weights) == len(unit.extra)
    xs = [x for x, _ in model.calibration]
    ys = [y for _, y in model.calibration]
    assert xs == sorted(xs) and ys == sorted(ys) and len(xs) >= 2


def test_calibration_interpolates_between_points_and_clips_beyond_them():
    model = checkworthiness.Model(
        blocks=(), extra_weights=(), intercept=0.0, threshold=0.5,
        calibration=((0.2, 0.1), (0.6, 0.5), (0.9, 0.95)),
    )  # fmt: skip
    assert model.calibrated(0.0) == 0.1
    assert model.calibrated(0.4) == pytest.approx(0.3)
    assert model.calibrated(0.99) == 0.95
    assert checkworthiness.Model((), (), 0.0, 0.5).calibrated(0.42) == 0.42


def test_a_claims_score_is_its_calibrated_probability():
    body = " ".join(CHECKWORTHY + NOT_CHECKWORTHY)
    model = checkworthiness.model("en")
    claims = extract_claims(body, language="en")
    assert [c.text for c in claims] == CHECKWORTHY
    for claim, unit in zip(claims, _inputs(body, "en"), strict=False):
        raw = model.probability(unit.text, unit.extra, unit.tokens)
        assert claim.model_score == round(model.calibrated(raw), 4)
        assert claim.score == min(0.99, max(0.01, claim.model_score))


def test_runtime_scorer_imports_neither_sklearn_nor_django():
    code = (
        "import sys\n"
        "from claims.extraction import extract_claims\n"
        "extract_claims('The rate rose 5 percent. 수출은 7% 줄었다.', language='en')\n"
        "print(any(m.split('.')[0] in ('sklearn', 'django') for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_open_and_forward_looking_questions_stay_excluded_whatever_the_model_says():
    # A closed question about a stated figure is a claim (tests/test_extraction_questions.py).
    assert extract_claims("Will unemployment fall to 3.5 percent next year?", language="en") == []
    assert extract_claims("Why did unemployment fall to 3.5 percent?", language="en") == []


TRAIN = {
    "en": [
        ("Unemployment rose by 4 percent in 2019.", 1),
        ("The deficit is $500 billion this year.", 1),
        ("Police arrested the driver on Monday.", 1),
        ("Thank you very much.", 0),
        ("The future of this town looks bright to me.", 0),
        ("The plan is clearly an attempt to buy votes.", 0),
    ],
    "ko": [
        ("정부는 지난해 35개국에 서한을 보냈다.", 1),
        ("지난달 수출은 1년 전보다 12% 줄었다.", 1),
        ("경찰은 지난 5일 유 씨를 체포했다.", 1),
        ("정부는 규제를 더 과감히 풀어야 한다.", 0),
        ("후속 제품도 나올 수 있을 것이다.", 0),
        ("김 교수는 “제도를 고쳐야 한다”고 말했다.", 0),
    ],
}
PROBES = {
    "en": ["Unemployment fell 2 percent last year.", "Thank you, and good night.", "a"],
    "ko": ["정부는 3조7800억원을 투입했다.", "감사합니다.", '그는 "좋다"고 했다.'],
}


@pytest.mark.parametrize("language", ["en", "ko"])
def test_exported_model_reproduces_sklearn_predict_proba(tmp_path, language):
    pytest.importorskip("sklearn")
    from bench import train_checkworthiness as train

    inputs = [_inputs(text, language)[0] for text, _ in TRAIN[language]]
    specs = tuple(spec | {"min_df": 1} for spec in train.SPECS[language])
    fitted = train.Fitted(inputs, [y for _, y in TRAIN[language]], c=1.0, specs=specs)
    path = tmp_path / "model.json"
    exported = fitted.export(0.5) | {"rule_floor": 0.3, "calibration": [[0.1, 0.0], [0.9, 1.0]]}
    train.write(exported, path)
    assert json.loads(path.read_text(encoding="utf-8"))["threshold"] == 0.5
    model = checkworthiness.load(path)
    assert model.rule_floor == 0.3
    probes = inputs + [u for text in PROBES[language] for u in _inputs(text, language)]
    expected = fitted.predict_proba(probes)
    for unit, want in zip(probes, expected, strict=True):
        assert abs(model.probability(unit.text, unit.extra, unit.tokens) - want) < 1e-6


def test_a_figure_claim_of_the_rules_needs_only_the_floor(monkeypatch):
    # A model that scores every unit 0.3: under its threshold, above its floor.
    middling = checkworthiness.Model(
        blocks=(), extra_weights=(0.0,) * 30, intercept=-0.8473, threshold=0.5,
        rule_floor=0.25,
    )  # fmt: skip
    monkeypatch.setattr(checkworthiness, "model", lambda language="en": middling)
    monkeypatch.setattr(checkworthiness.Model, "probability", lambda self, t, e, k="": 0.3)
    body = "지난달 수출은 1년 전보다 12% 줄었다. 외교부는 각국 대사관에 협조를 요청했다."
    claims = extract_claims(body, language="ko")
    assert [c.text for c in claims] == ["지난달 수출은 1년 전보다 12% 줄었다."]
    assert claims[0].rules[-1] == "figure_floor"
    assert claims[0].score == 0.3


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


def _scoring_everything(monkeypatch, probability: float) -> None:
    """Every unit scores ``probability`` under a threshold of 0.5 and a floor of 0.4."""
    fixed = checkworthiness.Model(
        blocks=(), extra_weights=(0.0,) * 30, intercept=0.0, threshold=0.5, rule_floor=0.4
    )
    monkeypatch.setattr(checkworthiness, "model", lambda language="en": fixed)
    monkeypatch.setattr(checkworthiness.Model, "probability", lambda self, t, e, k="": probability)


def test_a_sentence_pasted_alone_with_a_figure_needs_only_the_solo_floor(monkeypatch):
    from claims.extraction.claims import SOLO_FIGURE_FLOOR

    _scoring_everything(monkeypatch, SOLO_FIGURE_FLOOR + 0.01)
    claims = extract_claims("Barbara Bush broke her leg in a sledding accident in 1991.")
    assert [c.rules[-1] for c in claims] == ["solo_figure"]
    assert extract_claims("Barbara Bush broke her leg in a sledding accident.") == []


def test_the_solo_floor_keeps_no_line_of_an_article(monkeypatch):
    from claims.extraction.claims import SOLO_FIGURE_FLOOR

    _scoring_everything(monkeypatch, SOLO_FIGURE_FLOOR + 0.01)
    body = (
        "Barbara Bush broke her leg in a sledding accident in 1991.\n\n"
        "The accident happened at Camp David during a family holiday in 1991."
    )
    assert extract_claims(body, language="en") == []


def test_a_claim_of_several_sentences_pasted_alone_needs_only_the_solo_floor(monkeypatch):
    from claims.extraction.claims import SOLO_FIGURE_FLOOR

    _scoring_everything(monkeypatch, SOLO_FIGURE_FLOOR + 0.01)
    body = (
        "Barbara Bush broke her leg in a sledding accident in 1991. "
        "The accident happened at Camp David during a family holiday."
    )
    claims = extract_claims(body, language="en")
    assert [(c.text, c.rules[-1]) for c in claims] == [
        ("Barbara Bush broke her leg in a sledding accident in 1991.", "solo_figure")
    ]


def test_a_paragraph_longer_than_a_pasted_claim_gets_no_solo_floor(monkeypatch):
    from claims.extraction.claims import LONE_UNITS, SOLO_FIGURE_FLOOR

    _scoring_everything(monkeypatch, SOLO_FIGURE_FLOOR + 0.01)
    first = "Barbara Bush broke her leg in a sledding accident in 1991. "
    rest = [f"The family spent holiday number {n} at Camp David that winter. " for n in range(2, 9)]
    short = first + "".join(rest[: LONE_UNITS - 1])
    assert len(extract_claims(short, language="en")) == LONE_UNITS
    assert extract_claims(first + "".join(rest[:LONE_UNITS]), language="en") == []


def test_a_sentence_alone_under_the_solo_floor_is_no_claim(monkeypatch):
    from claims.extraction.claims import SOLO_FIGURE_FLOOR

    _scoring_everything(monkeypatch, SOLO_FIGURE_FLOOR - 0.01)
    assert extract_claims("Barbara Bush broke her leg in a sledding accident in 1991.") == []
