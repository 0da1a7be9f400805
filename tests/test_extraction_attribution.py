"""Attribution: the speaker or source a sentence credits for what it asserts, written as the
sentence gives it; none when the sentence is the reporter's own statement."""

import pytest

from claims.extraction import attribution_of


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # "...에 따르면"
        ("블룸버그통신에 따르면 정부는 35개국에 서한을 보냈다.", "블룸버그통신"),
        ("통계청 자료에 따르면 지난달 취업자는 32만명 늘었다.", "통계청 자료"),
        ("통계청이 14일 발표한 고용동향에 따르면 취업자는 32만명 늘었다.", "통계청 고용동향"),
        # The "따르면" source is credited even when it reports what someone else said
        # (as on the seed page).
        (
            "현지 일간지 레포르마에 따르면 검찰은 실종자 35명을 무사히 발견했다고 밝혔습니다.",
            "현지 일간지 레포르마",
        ),
        # The speaker as the topic, with the verb in the written or the spoken register.
        ("강민석 청와대 대변인은 두 정상이 20분간 통화했다고 밝혔다.", "강민석 청와대 대변인"),
        ("코레일은 당시 열차에 400명이 타고 있었다고 설명했습니다.", "코레일"),
        ('조 씨는 "11시 38분 열차를 타겠다고 미리 알렸다"라고 말했습니다.', "조 씨"),
        (
            '승차를 거부당한 조 씨는 "휠체어석이 비어 있었다"며 항의했습니다.',
            "조 씨",
        ),
        (
            "최호정 국민의힘 대표의원(원내대표)은 오늘 조사 신청서를 냈다고 밝혔습니다.",
            "최호정 국민의힘 대표의원",
        ),
        ('박 최고위원도 "당헌에 결선투표가 규정돼 있다"고 했다.', "박 최고위원"),
        # The speaker right before the verb, after what was said.
        ("발견된 이들은 중미 출신 이민자들이라고 밀레니오는 전했습니다.", "밀레니오"),
        ("곰 개체수는 100마리로 불어났다고 현지 언론은 보도했다.", "현지 언론"),
        ("교통공사는 요금 인상으로 연간 2800억원의 수입이 늘어날 것으로 내다봤다.", "교통공사"),
        ("경찰은 이들의 배후에 유 씨가 있다고 보고 수사를 확대했다.", "경찰"),
        # A transcript's or an interview's speaker label.
        ("◆ 조원진: 삼성전자가 우리 총수입의 10% 가까이 됩니다.", "조원진"),
        (
            '양무진/북한대학원대학교 교수 : "남북 통신선이 중단된 지 석 달째입니다."',
            "양무진 북한대학원대학교 교수",
        ),
        (
            '인터뷰 : 이은희 / 인하대 소비자학 교수 -"물가가 1년 새 5% 올랐습니다."',
            "이은희 인하대 소비자학 교수",
        ),
        # A company's regulatory filing: "…고 공시했다"
        ("클래시스는 지난해 매출액이 2429억원으로 34% 증가했다고 공시했다.", "클래시스"),
        ("삼성전자는 3분기 영업이익이 10조8000억원이라고 29일 공시했다.", "삼성전자"),
    ],
)
def test_korean_sources_are_named_as_the_sentence_gives_them(sentence, source):
    assert attribution_of(sentence, "ko") == source


@pytest.mark.parametrize(
    "sentence",
    [
        "삼성전자는 3분기 영업이익 10조원을 기록했다.",
        "경찰은 지난 5일 유 씨를 강도 살인 교사 혐의로 체포했다.",
        "정부는 35개국에 서한을 보냈다.",
        "두 사람은 아는 사이였고, 서정혜는 소이에게 관심을 보였다.",
    ],
)
def test_a_korean_reporters_own_statement_credits_no_one(sentence):
    assert attribution_of(sentence, "ko") == ""


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Unemployment fell to 3.5%, according to the Labor Department.", "the Labor Department"),
        ("The Labor Department said unemployment fell to 3.5% in October.", "The Labor Department"),
        ("“We need everyone on it,” Noem tweeted Monday night.", "Noem"),
        (
            "This comes a week after Bloomberg reported WeWork is the subject of an inquiry.",
            "Bloomberg",
        ),
        (
            "Emirates President Tim Clark, meanwhile, told reporters it would buy 30 jets.",
            "Emirates President Tim Clark",
        ),
        ("“He is vulnerable to extradition,” the expert said.", "the expert"),
        (
            "“He has no immunity,” said one legal expert, as the inquiry went on.",
            "one legal expert",
        ),
        (
            "A company spokesperson said in an email that it had received an inquiry.",
            "A company spokesperson",
        ),
        (
            "On Monday, Sen. Elizabeth Warren said the bill would cost $2 trillion.",
            "Sen. Elizabeth Warren",
        ),
        ("The Pentagon confirmed that 200 troops had left the base.", "The Pentagon"),
        ("Health officials said 12 people had died by Sunday.", "Health officials"),
        ("The blast killed 30 people, police said.", "police"),
        ("U.S. officials said the talks would resume in May.", "U.S. officials"),
        ("Trump's lawyer said the payment was made in 2016.", "Trump's lawyer"),
        (
            "John Smith, a spokesman for the city, said 400 homes lost power.",
            "John Smith",
        ),
        ("Maria Lopez, 45, said the rent rose by $300 a month.", "Maria Lopez"),
        ("Dan Ortiz, who leads the union, said 2,000 members voted.", "Dan Ortiz"),
        ("Its chief executive Tim Cook said sales rose 12% in the quarter.", "Tim Cook"),
        ("The report showed that 40% of schools had no nurse.", "The report"),
        ("The study found 40% of schools had no nurse.", "The study"),
        ("“It will take four years,” the mayor added.", "the mayor"),
        # The subject of a sentence whose words follow as a participle ("..., saying ...").
        (
            "Coach Bruce Ellis, however, decided to weigh in on Monday, saying the league "
            "should fine him 10 games.",
            "Coach Bruce Ellis",
        ),
        (
            "The mayor defended the budget on Tuesday, arguing that 300 jobs would be saved.",
            "The mayor",
        ),
        # An appositive that holds a comma of its own, and an adverb before the verb.
        (
            "Prince Edward, the younger brother of the heir, Charles, has reportedly told "
            "friends that he will step back.",
            "Prince Edward",
        ),
        (
            "In the interview, the British minister flatly denied meeting the donor.",
            "the British minister",
        ),
        (
            "Team coach Ana Diaz expressed confidence that the squad would win 10 games.",
            "Ana Diaz",
        ),
        # A report, survey or figures credited to the body that made them.
        (
            "A 2019 survey by the Pew Research Center found that 40% of adults read no book.",
            "A 2019 survey by the Pew Research Center",
        ),
        (
            "Data from the Census Bureau show the city lost 12,000 residents.",
            "Data from the Census Bureau",
        ),
        ("Maria Lopez, 45, of Brooklyn, said the rent rose by $300 a month.", "Maria Lopez"),
    ],
)
def test_english_sources_are_named_as_the_sentence_gives_them(sentence, source):
    assert attribution_of(sentence, "en") == source


@pytest.mark.parametrize(
    "sentence",
    [
        "Police arrested two men on Friday in Brooklyn.",
        "The court sentenced him to 10 years in prison.",
        "He said the plant would close in 2020.",
        "Emirates finalized a deal to purchase 30 of Boeing's 787-9 Dreamliner jets.",
        "Employers added 12,500 jobs during the month, the strongest gain since 2023.",
        "Police found the body of a 34-year-old man near the river.",
        "The company opened a plant in Ohio, adding 300 jobs.",
        "He defended the budget on Tuesday, saying 300 jobs would be saved.",
    ],
)
def test_an_english_reporters_own_statement_or_a_pronoun_credits_no_one(sentence):
    assert attribution_of(sentence, "en") == ""


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # The subject right before its verb, not the topic the quoted words were about.
        ("이 물질은 기존 소재보다 열을 두 배 잘 전달한다고 연구진이 설명했다.", "연구진"),
        (
            "이 물질은 열을 잘 전달한다고 미국 스탠퍼드대 연구진이 설명했다.",
            "미국 스탠퍼드대 연구진",
        ),
        ("이 물질의 원리는 간단하다고 연구진이 설명했다.", "연구진"),
        # A group noun that ends like a verb's modifier ("연구진", "의료진").
        ("연구진은 이 장치가 졸음을 감지하면 좌석을 진동시킨다고 설명했다.", "연구진"),
        ("이 장치는 운전자가 졸면 좌석을 진동시킨다고 연구진은 설명했다.", "연구진"),
        # A title in brackets after a bare name: the whole name and title.
        ('정의선(현대차그룹 회장)은 "올해 판매가 10% 늘었다"고 말했다.', "정의선 현대차그룹 회장"),
        ('김철수(OO전자 부회장)는 "올해 매출이 10% 늘었다"고 밝혔다.', "김철수 OO전자 부회장"),
        ('김철수 OO전자 부회장(사진)은 "올해 매출이 10% 늘었다"고 밝혔다.', "김철수 OO전자 부회장"),
        # An adverb before the verb is no subject ("이같이 답했다").
        (
            "존 서플 국방부 대변인은 19일 서면 질의에 이같이 답했습니다.",
            "존 서플 국방부 대변인",
        ),
    ],
)
def test_korean_speaker_is_the_subject_with_its_whole_title(sentence, source):
    assert attribution_of(sentence, "ko") == source


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "John Smith, one of the leading experts on tax law, said the rule cost $2 billion.",
            "John Smith",
        ),
        (
            "Jane Doe, one of the authors of the study, told reporters that 40% improved.",
            "Jane Doe",
        ),
    ],
)
def test_english_name_before_one_of_appositive_is_the_source(sentence, source):
    assert attribution_of(sentence, "en") == source


def test_a_noun_phrase_open_at_its_end_is_no_source():
    assert attribution_of("One of the shows was cancelled after the scandal.", "en") == ""


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("당뇨병 환자가 지난해 600만명을 넘었다고 질병관리청이 5일 밝혔다.", "질병관리청"),
        ("수출이 10% 늘었다고 산업통상자원부가 1일 발표했다.", "산업통상자원부"),
        ("사망자가 3명이라고 경찰이 이날 전했다.", "경찰"),
        ("매출이 20% 늘었다고 회사 측이 6일 오후 밝혔다.", "회사 측"),
        ("사상자가 30명이라고 AP통신이 5일(현지시간) 보도했다.", "AP통신"),
        ("매출이 20% 늘었다고 회사 측이 보도자료를 통해 밝혔다.", "회사 측"),
        ("매출이 20% 늘었다고 김철수 부회장이 5일 기자간담회에서 말했다.", "김철수 부회장"),
        ("물가가 3% 올랐다고 홍길동 의원이 자신의 SNS에 밝혔다.", "홍길동 의원"),
        ("수출이 10% 늘었다고 산업부는 이날 밝혔다.", "산업부"),
    ],
)
def test_korean_source_is_found_past_a_date_or_venue_before_its_verb(sentence, source):
    assert attribution_of(sentence, "ko") == source


@pytest.mark.parametrize(
    "sentence",
    [
        # What stands before the date is no source: the clause, not a noun with a particle.
        "매출이 20% 늘었다고 5일 밝혔다.",
        "공장을 새로 짓는다고 이날 보도자료를 통해 밝혔다.",
    ],
)
def test_a_date_before_the_verb_with_no_source_before_it_credits_no_one(sentence):
    assert attribution_of(sentence, "ko") == ""


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("경찰이 5일 용의자 2명을 검거했다고 밝혔다.", "경찰"),
        ("한국은행이 기준금리를 3.5%로 동결했다고 발표했다.", "한국은행"),
        ("국토교통부가 집값이 3% 올랐다고 발표했다.", "국토교통부"),
        ("회사 측이 공장 2곳을 닫는다고 전했다.", "회사 측"),
        ("김 대표가 매출이 20% 늘었다고 말했다.", "김 대표"),
        ("그러자 민경욱 의원이 후원금 한도가 4500만원 남았다고 했다.", "민경욱 의원"),
        ("트럼프 대통령이 관세를 25% 올리겠다고 밝혔다.", "트럼프 대통령"),
    ],
)
def test_korean_source_opening_the_sentence_as_its_subject_is_credited(sentence, source):
    assert attribution_of(sentence, "ko") == source


@pytest.mark.parametrize(
    "sentence",
    [
        # What rose, a part, a given name ending like a body: no source.
        "수출이 10% 늘었다고 밝혔다.",
        "일부가 10% 줄었다고 밝혔다.",
        "최서원이 믿음을 저버린 것을 알지 못해 억울한 심정을 토로했다.",
        # The subject of a clause that modifies a noun is not the sentence's.
        "곽 전 교육감이 추진해온 조직개편과 관련해서는 개선점을 찾겠다고 밝혔다.",
        # "이전했다" (moved) is no "전했다" (reported).
        "이재명 지사가 4천700억원 들여 경기도청 이전했다.",
    ],
)
def test_a_korean_subject_that_names_no_body_or_titled_person_credits_no_one(sentence):
    assert attribution_of(sentence, "ko") == ""
