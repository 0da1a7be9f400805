"""Korean stance and modality marks for the claim model (issue 16's Korean false positives:
reported opinion, obligation, prediction, hedges, definitions, narrative lines).

Read from the morphemes kiwipiepy already gave the splitter: one dictionary look-up per
morpheme, so the marks cost the extractor next to nothing. ``features.korean_structure``
puts them after the unit's morpheme tokens in text order, each prefixed "q" inside a
quotation, so that the model's token pairs read "qOBLIGE SAY" (a speaker reported an
obligation: not a claim) apart from "qPAST REPORT" (a reported fact: a claim).
"""

from __future__ import annotations

# Each mark's morphemes as "form/tag" (kiwipiepy's tags). A morpheme has one mark at most.
KO_MARK_WORDS: dict[str, str] = {
    # Obligation and need: -어야 하다, 필요하다, 바람직하다, 촉구하다.
    "OBLIGE": "어야/EC 아야/EC 여야/EC 야/EC 필요/NNG 바람직/XR 마땅/XR 마땅히/MAG 시급/XR "
    "촉구/NNG 요구/NNG 당부/NNG 호소/NNG 요청/NNG 불가피/XR",
    # Evaluation: what a speaker or the writer thinks of something.
    "EVAL": "중요/NNG 중요/XR 심각/XR 부당/XR 부적절/XR 적절/XR 옳/VA 그르/VA 훌륭/XR 대단/XR "
    "놀랍/VA-I 안타깝/VA-I 아쉽/VA-I 다행/NNG 유감/NNG 잘못/NNG 잘못/MAG 무책임/XR "
    "황당/XR 한심/XR 부끄럽/VA-I 자랑스럽/VA-I 가치/NNG 과감히/MAG 반드시/MAG 분명히/MAG "
    "결코/MAG 절대/MAG 너무/MAG 매우/MAG 정말/MAG 참/MAG 아주/MAG 굉장히/MAG 오히려/MAG",
    # Belief and opinion verbs (what they report is a view): 생각하다, 보다, 판단하다.
    "BELIEF": "생각/NNG 판단/NNG 주장/NNG 강조/NNG 평가/NNG 지적/NNG 비판/NNG 우려/NNG 믿/VV "
    "여기/VV 느끼/VV 보/VX 보이/VV 분석/NNG 해석/NNG 풀이/NNG 입장/NNG 견해/NNG 반박/NNG "
    "비난/NNG 규탄/NNG 반발/NNG 의견/NNG 목소리/NNG",
    # Fact-reporting verbs: 밝히다, 전하다, 집계하다, 에 따르면.
    "REPORT": "밝히/VV 전하/VV 집계/NNG 발표/NNG 확인/NNG 설명/NNG 보도/NNG 따르/VV 공개/NNG "
    "알리/VV 통보/NNG 파악/NNG 드러나/VV",
    # Saying, neither: 말하다, 답하다, 덧붙이다.
    "SAY": "말/NNG 답/NNG 언급/NNG 덧붙이/VV 이야기/NNG 얘기/NNG 외치/VV 털어놓/VV 묻/VV-I",
    # The end of a reported clause (-다고, -라며, "..."고, -다는): the marks just before it
    # are what was reported ("OBLIGE QUOT BELIEF" against "PAST QUOT REPORT").
    "QUOT": "다고/EC ᆫ다고/EC 는다고/EC 라고/EC 냐고/EC 자고/EC 라며/EC 다며/EC 다면서/EC "
    "라면서/EC 고/JKQ 라고/JKQ 다는/ETM ᆫ다는/ETM 는다는/ETM 라는/ETM",
    # Prediction and expectation: 전망이다, 예상되다, 기대되다, 가능성.
    "PREDICT": "전망/NNG 예상/NNG 기대/NNG 관측/NNG 예측/NNG 가능/XR 가능성/NNG 추정/NNG "
    "점쳐지/VV 내다보/VV",
    # Plan and schedule: 예정이다, 계획이다, 방침이다.
    "PLAN": "예정/NNG 계획/NNG 방침/NNG 목표/NNG 추진/NNG 검토/NNG 구상/NNG 일정/NNG",
    # Intention, wish, promise: -겠다, 싶다, 노력하다, 최선을 다하다.
    "INTENT": "겠/EP 싶/VX 노력/NNG 최선/NNG 다짐/NNG 약속/NNG 각오/NNG 바라/VV 희망/NNG "
    "려고/EC 으려고/EC 고자/EC 자/EF 읍시다/EF ᆸ시다/EF 기원/NNG 소망/NNG",
    # Feeling: 기쁘다, 감사하다, 충격.
    "FEEL": "기쁘/VA 슬프/VA 감사/NNG 행복/NNG 행복/XR 걱정/NNG 충격/NNG 놀라/VV 미안/XR "
    "죄송/XR 영광/NNG 감동/NNG 설레/VV 즐겁/VA-I 속상/XR 억울/XR 분노/NNG 고맙/VA-I "
    "반갑/VA-I 두렵/VA-I 무섭/VA-I 힘들/VA 불쾌감/NNG 아쉬움/NNG 기대감/NNG 자신감/NNG "
    "애정/NNG 실망/NNG 불만/NNG 불안/NNG 반감/NNG 거부감/NNG 안도/NNG 환영/NNG 서운/XR",
    # A hedge: 듯하다, 것 같다, 아마.
    "HEDGE": "듯/NNB 듯/VA 같/VA 아마/MAG 어쩌면/MAG 혹시/MAG 다소/MAG 사실상/MAG",
    # A definition's frame: X이란, ~를 뜻하다, 일종, ~라고 불리다.
    "DEFINE": "이란/JX 란/JX 뜻/NNG 일종/NNG 불리/VV 일컫/VV-I 지칭/NNG 정의/NNG 개념/NNG "
    "용어/NNG 의미/NNG",
    # Generic statements: 일반적으로, 보통, 흔히, 모든.
    "GENERIC": "일반/NNG 보통/MAG 흔히/MAG 대부분/NNG 모든/MM 누구/NP 항상/MAG 늘/MAG 대개/MAG "
    "주로/MAG 언제나/MAG",
    # First and second person: a speaker's own view, an address.
    "FIRST": "저/NP 저희/NP 나/NP 우리/NP 내/NP 제/NP",
    "SECOND": "여러분/NP 당신/NP 너/NP",
    # A narrative line: 이렇게 말했다, 취재진이 만난.
    "NARR": "이렇/VA-I 이렇/VA 취재진/NNG 이같이/MAG 이처럼/MAG",
    # A time point: a scheduled fact with a date is a claim, a vague plan is not.
    "WHEN": "내년/NNG 내달/NNG 이날/NNG 오늘/NNG 어제/NNG 지난해/NNG 올해/NNG 작년/NNG "
    "금년/NNG 월/NNB 일/NNB 년/NNB 시/NNB 분기/NNG 상반기/NNG 하반기/NNG",
    "NEG": "않/VX 안/MAG 못/MAG 없/VA 아니/VCN",
    "PAST": "었/EP 았/EP 였/EP 었었/EP",
}


def _by_form() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for mark, words in KO_MARK_WORDS.items():
        for word in words.split():
            form, tag = word.rsplit("/", 1)
            found = table.setdefault(form, {})
            if tag in found:
                raise ValueError(f"{word} has two marks: {found[tag]} and {mark}")
            found[tag] = mark
    return table


# form -> tag -> mark: most morphemes miss on the form alone.
KO_MARKS = _by_form()
# After the prospective ending -ㄹ/-을: 것 (-ㄹ 것이다, a prediction) and 수 (-ㄹ 수 있다).
KO_AFTER_PROSPECTIVE = {"것": "WILL", "수": "CAN", "거": "WILL"}
KO_PROSPECTIVE = frozenset(("ᆯ", "을", "를"))


def mark(form: str, tag: str, previous_form: str, previous_tag: str) -> str:
    """The mark of a morpheme ("" when none), given the morpheme before it."""
    if tag == "NNB" and previous_tag == "ETM" and previous_form in KO_PROSPECTIVE:
        return KO_AFTER_PROSPECTIVE.get(form, "")
    found = KO_MARKS.get(form)
    return found.get(tag, "") if found else ""
