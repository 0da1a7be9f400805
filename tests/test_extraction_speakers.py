"""Speakers across sentences: "he said", "그는 … 말했다", "이 관계자는", "the official said"
credit the speaker the article named most recently, when the text leaves one candidate."""

from datetime import datetime

import pytest

from claims.extraction import extract_claims
from claims.extraction.speakers import resolve_speakers
from lib.language import detect_language


def _resolved(body: str) -> list[str]:
    spans, at = [], 0
    for line in body.split("\n"):
        for part in line.split("|"):
            start = body.index(part, at)
            spans.append((start, start + len(part), detect_language(part)))
            at = start + len(part)
    return resolve_speakers(body, spans)


def test_english_pronoun_resolves_to_the_one_person_named_before():
    body = (
        "Tim Cook said sales rose 12% in the quarter.|"
        " He said the company would hire 2,000 engineers.|"
        " He added that prices would fall."
    )
    assert _resolved(body) == ["", "Tim Cook", "Tim Cook"]


def test_english_pronoun_with_two_people_named_before_stays_unresolved():
    body = (
        "Tim Cook said sales rose 12%.| Jane Doe said costs fell 3%.|"
        " He said the company would hire 2,000 engineers."
    )
    assert _resolved(body) == ["", "", ""]


def test_a_body_is_no_candidate_for_he_and_a_person_none_for_they():
    body = (
        "The Labor Department said 300,000 jobs were added.|"
        " John Smith, a spokesman for the city, said 400 homes lost power.|"
        " He said crews would work through the night.|"
        " They said the count would be revised in May."
    )
    assert _resolved(body) == ["", "", "John Smith", "The Labor Department"]


def test_english_role_resolves_to_the_speaker_with_that_title():
    body = (
        "A senior White House official said the talks would resume.|"
        " “We expect a deal by May,” the official said."
    )
    assert _resolved(body) == ["", "A senior White House official"]


def test_english_role_resolves_to_the_person_named_with_it_before():
    """As "이 관계자는" is: the one person the article named with the role, by title before
    the name or in an apposition after it, whether or not that sentence quoted them."""
    body = (
        "Health Minister Jane Doe visited the plant on Monday.|"
        " “It is safe,” the minister said.|"
        " The minister added that 300 jobs were safe."
    )
    assert _resolved(body) == ["", "Jane Doe", "Jane Doe"]


def test_english_spokesman_resolves_to_the_person_named_as_one():
    body = (
        "John Smith, a spokesman for the city, said 400 homes lost power.|"
        " The spokesman said crews would work through the night."
    )
    assert _resolved(body) == ["", "John Smith"]


def test_english_official_named_after_the_title_and_a_comma_resolves():
    body = (
        "The ministry sent its top official, Kim Min-su, to the talks.|"
        " The official said 35 countries had signed."
    )
    assert _resolved(body) == ["", "Kim Min-su"]


def test_english_role_with_two_people_named_with_it_stays_unresolved():
    body = (
        "Police official Kim Lee said 12 people were hurt.|"
        " Another official, Park Min, said 3 were missing.|"
        " “We are still searching,” the official said."
    )
    assert _resolved(body) == ["", "", ""]


def test_english_role_does_not_reach_a_person_named_with_another_role():
    body = (
        "Finance Minister Jane Doe met Mayor John Smith on Monday.|"
        " The mayor said 200 jobs would go."
    )
    assert _resolved(body) == ["", "John Smith"]


def test_korean_pronoun_and_role_resolve_to_the_speaker_named_before():
    body = (
        "김철수 OO전자 부회장은 올해 매출이 10% 늘었다고 밝혔다.|"
        ' 그는 "내년에는 20% 늘 것"이라고 말했다.\n'
        "회사 관계자는 공장 2곳을 새로 짓는다고 전했다.|"
        " 이 관계자는 투자 규모가 3조원이라고 설명했다."
    )
    assert _resolved(body) == ["", "김철수 OO전자 부회장", "", "회사 관계자"]


def test_a_sentence_that_names_its_own_speaker_keeps_it():
    body = "김철수 부회장은 매출이 늘었다고 밝혔다.| 박영희 사장은 비용이 줄었다고 말했다."
    assert _resolved(body) == ["", ""]


def test_no_speaker_named_before_leaves_a_pronoun_unresolved():
    assert _resolved("He said the plant would close in 2020.") == [""]


def test_extracted_claims_carry_the_resolved_speaker():
    body = (
        "Tim Cook, the chief executive, said sales rose 12% in the quarter to $90 billion. "
        "He said the company would hire 2,000 engineers in Texas by 2026."
    )
    claims = extract_claims(body, language="en", published_at=datetime(2024, 5, 2))
    assert [c.attribution for c in claims] == ["Tim Cook", "Tim Cook"]


def test_english_pronoun_resolves_to_a_person_introduced_with_an_apposition():
    body = (
        "Janet Yellen, the Treasury secretary, spoke on Tuesday.|"
        " She said unemployment had fallen to 3.9% in February."
    )
    assert _resolved(body) == ["", "Janet Yellen"]


@pytest.mark.parametrize("place", ["at City Hall", "in New York", "on Capitol Hill"])
def test_a_place_named_beside_the_person_leaves_the_pronoun_theirs(place):
    body = (
        f"Janet Yellen, the Treasury secretary, spoke on Tuesday {place}.|"
        " She said unemployment had fallen to 3.9% in February."
    )
    assert _resolved(body) == ["", "Janet Yellen"]


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("Mayor Jane Roe spoke at the council on Tuesday.", "Mayor Jane Roe"),
        ("The mayor, Jane Roe, spoke at the council on Tuesday.", "Jane Roe"),
        ("The city's longtime mayor, Jane Roe, spoke at the council on Tuesday.", "Jane Roe"),
        ("President Roe tied herself to the outcome.", "President Roe"),
    ],
)
def test_english_person_introduced_by_a_role_before_the_name_takes_the_pronoun(opening, speaker):
    """A role before the name, as a title or in apposition, makes the name a person's,
    though the article never names them again by their last name alone."""
    body = f"{opening}| She said the city had spent $40 million on roads."
    assert _resolved(body) == ["", speaker]


def test_english_subject_named_alone_with_a_reporting_verb_is_a_person_for_a_pronoun():
    body = (
        "Janet Yellen spoke on Tuesday.|"
        " She said unemployment had fallen to 3.9% in February.|"
        " Prices were falling, Yellen added."
    )
    assert _resolved(body) == ["", "Janet Yellen", ""]


def test_english_subject_named_alone_without_a_verb_of_saying_shows_no_person():
    """ "Google Stadia launches …. Stadia arrives …": a product's second word alone."""
    body = (
        "Google Stadia launches tomorrow in 14 countries.| Stadia arrives with 22 games.|"
        " He said 40% of players would wait."
    )
    assert _resolved(body) == ["", "", ""]


@pytest.mark.parametrize(
    "body",
    [
        # Two people in the sentence that names the subject.
        "Janet Yellen met Jerome Powell on Tuesday.| She said unemployment had fallen.",
        # Another person named since.
        "Janet Yellen, the Treasury secretary, spoke on Tuesday.|"
        " Jerome Powell, the Fed chair, was there too.| She said unemployment had fallen.",
        # A company or a place is no person: nothing names it again by its second word.
        "Goldman Sachs raised its forecast on Tuesday.| He said unemployment had fallen.",
        "North Korea fired two missiles on Tuesday.| He said the tests would go on.",
        # A conjunction or an article opening the sentence is no first name.
        "While Buckley sang, the crowd left.| She said the song was a gift.",
        # A role before the name, and another person named beside them.
        "The mayor, Jane Roe, met Governor Tim Smith on Tuesday.| She said roads cost $40m.",
        # A role's word that opens a company's or a league's name.
        "General Motors raised prices on Tuesday.| He said costs rose 3%.",
        "Premier League clubs voted on Monday.| He said 14 clubs agreed.",
        # A company in apposition after a word that is no role.
        "The firm, Acme Widgets, opened a plant on Tuesday.| He said it cost $40m.",
        # A speaker credited before and a person introduced since: two candidates.
        "Tim Cook said sales rose 12%.| Jane Doe, the chief financial officer, spoke next.|"
        " He said costs fell 3%.",
    ],
)
def test_an_english_pronoun_the_text_leaves_open_stays_unresolved(body):
    assert _resolved(body)[-1] == ""


def test_korean_pronoun_resolves_to_a_person_named_as_the_topic():
    body = "김철수 삼성전자 부회장은 5일 기자간담회를 열었다.| 그는 매출이 20% 늘었다고 말했다."
    assert _resolved(body) == ["", "김철수 삼성전자 부회장"]


def test_korean_person_introduced_after_an_organisation_is_named_from_the_full_name():
    body = (
        "법률사무소 로베리 김동훈 변호사는 법의 취지에 주목했다.|"
        ' 그는 "적용 대상은 사람으로 제한된다"고 말했다.'
    )
    assert _resolved(body) == ["", "김동훈 변호사"]


@pytest.mark.parametrize(
    "body",
    [
        # Another person beside the topic.
        "김철수 삼성전자 부회장은 5일 이영희 LG전자 사장을 만났다.|"
        " 그는 매출이 20% 늘었다고 말했다.",
        # Another person named since.
        "김철수 삼성전자 부회장은 5일 기자간담회를 열었다.| 이영희 LG전자 사장도 참석했다.|"
        " 그는 매출이 20% 늘었다고 말했다.",
        # An unnamed official is no person a pronoun can name.
        "회사 관계자는 5일 기자간담회를 열었다.| 그는 매출이 20% 늘었다고 말했다.",
        # A body is not a "그".
        "삼성전자는 5일 기자간담회를 열었다.| 그는 매출이 20% 늘었다고 말했다.",
        # A credited speaker, then a person introduced since, then neither: two candidates.
        "박영희 사장은 비용이 줄었다고 밝혔다.| 김철수 부회장은 5일 공장을 찾았다.|"
        " 공장은 2곳이다.| 그는 매출이 20% 늘었다고 말했다.",
    ],
)
def test_a_korean_pronoun_the_text_leaves_open_stays_unresolved(body):
    assert _resolved(body)[-1] == ""


def test_extracted_claims_credit_a_person_introduced_without_a_reporting_verb():
    body = "김철수 삼성전자 부회장은 5일 기자간담회를 열었다. 그는 매출이 20% 늘었다고 말했다."
    claims = extract_claims(body, language="ko", published_at=datetime(2024, 3, 6))
    assert claims
    assert claims[-1].attribution == "김철수 삼성전자 부회장"


def test_korean_foreign_name_before_a_title_is_a_person_introduced():
    body = (
        "트럼프 대통령은 2시간 만에 영상 메시지를 내놓았다.|"
        ' 그는 "여러분은 이제 집으로 돌아가야 한다"며 해산을 촉구했다.'
    )
    assert _resolved(body) == ["", "트럼프 대통령"]


def test_korean_pronoun_right_after_a_person_named_credits_them_whoever_came_before():
    """Korean news goes on about the topic it just named: "그는" right after a sentence
    that opens with a person, when neither sentence names anyone else."""
    body = (
        "바이든 당선인은 선거인단 270명을 넘겼다.| 트럼프 대통령은 선거가 조작됐다고 주장했다.|"
        " 그는 승복하지 않겠다는 입장을 밝혔다."
    )
    assert _resolved(body) == ["", "", "트럼프 대통령"]


@pytest.mark.parametrize(
    "body",
    [
        # The sentence right before names a second person.
        "바이든 당선인은 선거인단 270명을 넘겼다.|"
        " 트럼프 대통령은 바이든 당선인이 선거를 훔쳤다고 주장했다.|"
        " 그는 승복하지 않겠다는 입장을 밝혔다.",
        # Two people, and a sentence naming neither between them and the pronoun.
        "바이든 당선인은 선거인단 270명을 넘겼다.| 트럼프 대통령은 선거가 조작됐다고 주장했다.|"
        " 개표는 6일 끝났다.| 그는 승복하지 않겠다는 입장을 밝혔다.",
    ],
)
def test_korean_pronoun_after_two_people_not_right_after_one_alone_stays_open(body):
    assert _resolved(body)[-1] == ""


def test_korean_full_title_and_surname_with_its_last_part_are_one_person():
    body = (
        "김재영 서울항공청장은 헬기가 경로를 이탈했다고 말했다.|"
        " 김 청장은 헬기가 300m 떨어져 비행해야 한다고 말했다.|"
        ' 그는 "기장 책임하에 비행한다"고 했다.'
    )
    assert _resolved(body) == ["", "", "김재영 서울항공청장"]


def test_english_last_name_alone_as_subject_keeps_the_person_named_before():
    body = (
        "Richard Locksley said the cells were new.|"
        " Locksley had discovered a group of cells in 2010.|"
        " “Textbooks had no idea what these cells did,” he said."
    )
    assert _resolved(body) == ["", "", "Richard Locksley"]


def test_english_last_name_alone_of_no_one_named_before_is_no_candidate():
    body = "Locksley had discovered a group of cells in 2010.| He said 40% were new."
    assert _resolved(body) == ["", ""]


def test_korean_role_named_again_before_a_date_and_its_verb_resolves():
    """ "…고 이 관계자는 이날 설명했다": the date no longer hides "이 관계자"."""
    body = (
        "회사 관계자는 공장 2곳을 새로 짓는다고 전했다.|"
        " 투자 규모가 3조원이라고 이 관계자는 이날 설명했다."
    )
    assert _resolved(body) == ["", "회사 관계자"]


def test_a_team_named_again_after_the_is_no_person_for_he():
    body = (
        "Los Angeles Lakers won 112-104 on Tuesday.| Fans cheered the Lakers until midnight.|"
        " He said the team would rest on Friday."
    )
    assert _resolved(body) == ["", "", ""]


def test_korean_title_after_a_word_that_only_looks_like_a_name_is_no_person_introduced():
    """ "이번" opens like a name ("이" and a syllable) but names no one."""
    body = "이번 대회 감독은 5일 기자간담회를 열었다.| 그는 관중이 20% 늘었다고 말했다."
    assert _resolved(body) == ["", ""]


@pytest.mark.parametrize(
    ("opening", "person"),
    [
        ("박광온 민주당 대변인은 5일 국회를 찾았다.", "박광온 민주당 대변인"),
        ("다행히 노 회장은 상처가 깊지 않았다.", "노 회장"),
        ("오세훈 서울시장은 5일 현장을 찾았다.", "오세훈 서울시장"),
        ("올겨울 날씨가 유독 추웠다.", ""),
        ("미국 주식시장은 5일 3% 올랐다.", ""),
        ("조선민주주의인민공화국 군은 포 100발을 쐈다.", ""),
    ],
)
def test_korean_person_introduced_is_named_from_the_name_to_the_title(opening, person):
    body = f"{opening}| 그는 매출이 20% 늘었다고 말했다."
    assert _resolved(body) == ["", person]


def test_korean_person_named_beside_another_before_them_is_no_person_introduced():
    body = "최성순 씨의 아들 최현서 군은 5일 센터를 찾았다.| 그는 시설이 20% 늘었다고 말했다."
    assert _resolved(body) == ["", ""]
