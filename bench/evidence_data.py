"""The rendering suite of source corroboration: claim figures, the ways sources print them,
and decoys that print a near miss or the same number of something else.

Each case is a claim sentence (its figure is read by the figure grammar, as the claim
stores it), sentences of sources that print the same figure another way (other spacing,
separators, scale words, the other language, words for digits, a rounding), and decoy
sentences that must not corroborate it: digits transposed or changed (6,070억 for 6,700억,
61.75% for 61.57%, 53 for 35), or the same number with another unit or currency (35% for
35개국, 670 billion dollars for 670 billion won). ``bench/bench_evidence.py`` serves each
sentence as a page on 127.0.0.1 and fetches it through the real fetcher; the tests in
``tests/test_evidence_renderings.py`` run the same suite.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    claim: str
    figure: str  # the text of the figure in the claim
    renderings: tuple[str, ...]
    decoys: tuple[str, ...]


C = Case
CASES: tuple[Case, ...] = (
    C(
        "베인캐피탈은 2021년 초 이 지분을 약 6700억원에 인수했다.",
        "6700억원",
        (
            "베인캐피탈은 당시 이 지분을 6,700억 원에 사들였다.",
            "Bain Capital bought the stake for 670 billion won in 2021.",
            "인수 금액은 0.67조 원이었다.",
            "당시 인수가는 약 6700억 수준이었다.",
            "The deal was worth KRW 670 billion, the filing shows.",
        ),
        (
            "베인캐피탈은 당시 이 지분을 6,070억원에 사들였다.",
            "Bain Capital bought the stake for 670 billion dollars in 2021.",
            "인수 금액은 약 7,600억 원이었다.",
        ),
    ),
    C(
        "클래시스 시가총액은 3조7800억원 수준이다.",
        "3조7800억원",
        (
            "Classys has a market value of 3.78 trillion won.",
            "시가총액은 3조 7800억 원에 이른다.",
            "시총은 3.78조원이다.",
            "Its market capitalisation stood at 3,780 billion won.",
            "시가총액은 3조7800억 규모다.",
        ),
        (
            "시가총액은 3조8700억원 수준이다.",
            "Classys has a market value of 3.87 trillion won.",
            "Classys has a market value of $3.78 trillion.",
        ),
    ),
    C(
        "베인캐피털 측 단순 지분 가치는 2조3000억원 수준에 달한다.",
        "2조3000억원",
        (
            "The stake is worth about 2.3 trillion won.",
            "지분 가치는 2조3000억 원 안팎이다.",
            "지분 가치는 2.3조원으로 평가된다.",
            "The holding is valued at 2,300 billion won.",
        ),
        (
            "지분 가치는 3조2000억원 수준이다.",
            "The stake is worth about 2.3 trillion dollars.",
            "지분 가치는 2조300억원 수준이다.",
        ),
    ),
    C(
        "클래시스는 2024년 매출액 2429억원을 기록했다.",
        "2429억원",
        (
            "매출액은 2,429억 원이었다.",
            "Sales reached 242.9 billion won last year.",
            "Revenue was KRW 242.9 billion.",
            "작년 매출은 0.2429조 원이었다.",
        ),
        (
            "매출액은 2,492억원이었다.",
            "Sales reached 242.9 billion yen last year.",
            "매출액은 2249억원이었다.",
        ),
    ),
    C(
        "영업이익은 1225억원이었다.",
        "1225억원",
        (
            "영업이익은 1,225억 원이다.",
            "Operating profit was 122.5 billion won.",
            "Operating profit came to KRW 122.5bn.",
            "영업이익 1225억원을 냈다.",
        ),
        (
            "영업이익은 1,252억원이다.",
            "Operating profit was 122.5 billion dollars.",
            "영업이익은 2215억원이다.",
        ),
    ),
    C(
        "당기순이익은 976억원으로 31% 증가했다.",
        "976억원",
        (
            "순이익은 976억 원이었다.",
            "Net profit rose to 97.6 billion won.",
            "Net income was KRW 97.6 billion.",
            "당기순이익 976억원.",
        ),
        (
            "순이익은 967억원이었다.",
            "Net profit rose to 97.6 billion yen.",
            "순이익은 679억원이었다.",
        ),
    ),
    C(
        "그는 4천만 원을 받았다고 한다.",
        "4천만 원",
        (
            "그가 받은 돈은 4,000만 원이다.",
            "He received 40 million won, prosecutors said.",
            "그는 4000만원을 받았다.",
            "그는 4천만원을 챙겼다.",
        ),
        (
            "그가 받은 돈은 400만 원이다.",
            "He received 40 million dollars, prosecutors said.",
            "그가 받은 돈은 4,400만 원이다.",
        ),
    ),
    C(
        "The council approved $2.1 billion for roads.",
        "$2.1 billion",
        (
            "The council set aside 2.1 billion dollars for roads.",
            "시의회는 도로 예산 21억 달러를 승인했다.",
            "Roads get US$2.1 billion under the plan.",
            "The plan allots $2,100 million to roads.",
            "Road spending: USD 2.1 billion.",
        ),
        (
            "The council approved $1.2 billion for roads.",
            "The council approved €2.1 billion for roads.",
            "The council approved 2.1 billion won for roads.",
        ),
    ),
    C(
        "The company raised $450 million from investors.",
        "$450 million",
        (
            "The start-up raised 450 million dollars.",
            "이 회사는 투자자들로부터 4억5000만 달러를 유치했다.",
            "It raised US$450 million in the round.",
            "Funding: USD 450 million.",
        ),
        (
            "The company raised $540 million from investors.",
            "The company raised 450 million euros from investors.",
            "The company raised $405 million from investors.",
        ),
    ),
    C(
        "정부는 추경 15조원을 편성했다.",
        "15조원",
        (
            "The government drew up a 15 trillion won extra budget.",
            "추가경정예산은 15조 원 규모다.",
            "The extra budget is worth KRW 15 trillion.",
            "추경 15조원이 국회를 통과했다.",
        ),
        (
            "정부는 추경 51조원을 편성했다.",
            "The government drew up a 15 trillion yen extra budget.",
            "정부는 추경 1.5조원을 편성했다.",
        ),
    ),
    C(
        "이번 시험에는 8만539명이 지원했다.",
        "8만539명",
        (
            "지원자는 80,539명이었다.",
            "지원자는 모두 8만 539명이다.",
            "A total of 80,539 people applied for the exam.",
            "응시 인원 80539명.",
        ),
        (
            "지원자는 85,039명이었다.",
            "A total of 80,539 votes were cast.",
            "지원자는 8만593명이었다.",
        ),
    ),
    C(
        "집회에는 15만 명이 모였다.",
        "15만 명",
        (
            "참가자는 150,000명으로 추산된다.",
            "참가자는 15만명이었다.",
            "Organisers said 150,000 people attended the rally.",
            "About 150 thousand people joined, police said.",
        ),
        (
            "집회에는 51만 명이 모였다.",
            "이번 대책은 15만 가구에 적용된다.",
            "집회에는 1.5만 명이 모였다.",
        ),
    ),
    C(
        "정부는 35개국에 친서를 보냈다.",
        "35개국",
        (
            "The government sent letters to 35 countries.",
            "Letters went to thirty-five countries.",
            "친서를 받은 나라는 35개 나라다.",
            "정부는 모두 35개국 정상에게 서한을 보냈다.",
            "Leaders of 35 nations received the letter.",
        ),
        (
            "정부는 53개국에 친서를 보냈다.",
            "응답자의 35%가 찬성했다.",
            "The government sent letters to 53 countries.",
            "35 companies signed the pledge.",
        ),
    ),
    C(
        "문 대통령은 독일과 러시아 등 5개국 정상과 전화통화를 했다.",
        "5개국",
        (
            "The president spoke with the leaders of five countries.",
            "대통령은 5개국 정상과 통화했다.",
            "He called the heads of 5 countries.",
            "Leaders of five nations took the call.",
        ),
        (
            "대통령은 15개국 정상과 통화했다.",
            "이동통신 5개사가 참여했다.",
            "대통령은 6개국 정상과 통화했다.",
        ),
    ),
    C(
        "매각 대상은 베인캐피탈이 보유한 클래시스 지분 61.57%다.",
        "61.57%",
        (
            "베인캐피탈의 지분율은 61.57 퍼센트다.",
            "지분 61.57 프로가 매물로 나왔다.",
            "Bain holds 61.57 percent of Classys.",
            "The stake on sale is 61.57 per cent.",
            "지분율 ６１．５７％.",
        ),
        (
            "매각 대상은 지분 61.75%다.",
            "매각 대상은 지분 16.57%다.",
            "지분율이 61.57%p 높아졌다.",
        ),
    ),
    C(
        "4분기 영업이익률은 48%까지 상승했다.",
        "48%",
        (
            "The operating margin rose to 48 percent.",
            "영업이익률이 48 퍼센트에 달했다.",
            "Its margin hit 48 per cent in the quarter.",
            "마진은 48%였다.",
        ),
        (
            "영업이익률은 84%까지 상승했다.",
            "영업이익률이 48%p 올랐다.",
            "이익이 48배 늘었다.",
        ),
    ),
    C(
        "매출액과 영업이익은 전년 대비 각각 34% 증가했다.",
        "34%",
        (
            "Sales grew 34 percent from a year earlier.",
            "매출은 34 퍼센트 늘었다.",
            "Revenue rose 34 per cent.",
            "매출 증가율은 34%다.",
        ),
        (
            "매출액은 전년 대비 43% 증가했다.",
            "점유율이 34%p 올랐다.",
            "매출액은 전년 대비 3.4% 증가했다.",
        ),
    ),
    C(
        "'완 2.1'은 총점 86.22%를 기록했다.",
        "86.22%",
        (
            "Wan 2.1 scored 86.22 percent overall.",
            "총점은 86.22 퍼센트였다.",
            "종합 점수 86.22%.",
            "총점 86.22 프로를 받았다.",
        ),
        (
            "총점은 86.02%였다.",
            "총점은 82.26%였다.",
            "총점은 86.22점이었다.",
        ),
    ),
    C(
        "오픈AI의 '소라'는 84.28%에 그쳤다.",
        "84.28%",
        (
            "Sora scored 84.28 percent.",
            "소라의 점수는 84.28 퍼센트다.",
            "소라는 84.28%를 받았다.",
            "Sora came in at 84.28 per cent.",
        ),
        (
            "소라는 84.82%에 그쳤다.",
            "소라는 48.28%에 그쳤다.",
            "소라는 84.28점에 그쳤다.",
        ),
    ),
    C(
        "알리바바 주가는 올해 들어서만 66% 상승했다.",
        "66%",
        (
            "Alibaba shares are up 66 percent this year.",
            "주가는 올해 66 퍼센트 올랐다.",
            "The stock has gained 66 per cent.",
            "주가 상승률은 66 프로다.",
        ),
        (
            "주가는 올해 들어서만 6.6% 상승했다.",
            "그는 올해 66세다.",
            "주가는 올해 들어서만 56% 상승했다.",
        ),
    ),
    C(
        "실업률은 3.5%p 낮아졌다.",
        "3.5%p",
        (
            "Unemployment fell 3.5 percentage points.",
            "실업률이 3.5%포인트 하락했다.",
            "실업률은 3.5 퍼센트포인트 떨어졌다.",
            "The jobless rate dropped by 3.5 percentage points.",
        ),
        (
            "실업률은 3.5% 낮아졌다.",
            "실업률은 5.3%p 낮아졌다.",
            "Unemployment fell 3.5 percent.",
        ),
    ),
    C(
        "수출은 1.8배 늘었다.",
        "1.8배",
        (
            "Exports grew 1.8 times.",
            "수출이 1.8배로 증가했다.",
            "Exports were 1.8 times higher than a year ago.",
            "수출 규모가 1.8배가 됐다.",
        ),
        (
            "수출은 8.1배 늘었다.",
            "수출은 1.8% 늘었다.",
            "수출은 2.8배 늘었다.",
        ),
    ),
    C(
        "문 대통령은 오후 3시부터 20분간 통화했다.",
        "20분간",
        (
            "The call lasted 20 minutes.",
            "두 정상은 20분 동안 대화했다.",
            "They spoke for twenty minutes.",
            "통화는 20분간 이어졌다.",
        ),
        (
            "통화는 20초간 이어졌다.",
            "The call lasted 20 hours.",
            "통화는 25분간 이어졌다.",
        ),
    ),
    C(
        "올해 66세인 오콘조 후보는 경쟁자보다 나이가 많다.",
        "66세",
        (
            "Okonjo, 66-year-old economist, is the favourite.",
            "The candidate, aged 66, leads the race.",
            "오콘조 후보는 66살이다.",
            "후보는 올해 66세다.",
        ),
        (
            "후보는 올해 56세다.",
            "후보의 지지율은 66%다.",
            "후보는 올해 65세다.",
        ),
    ),
    C(
        "일정은 1주일 늦춰졌다.",
        "1주일",
        (
            "The schedule slipped by one week.",
            "일정이 일주일 미뤄졌다.",
            "The launch was delayed 1 week.",
            "일정은 1주일간 연기됐다.",
        ),
        (
            "일정은 1개월 늦춰졌다.",
            "일정은 1일 늦춰졌다.",
            "The launch was delayed 7 weeks.",
        ),
    ),
    C(
        "이 병으로 200만 명이 숨졌다.",
        "200만 명",
        (
            "The disease has killed 2 million people.",
            "Two million people have died of it.",
            "The toll stands at 2,000,000 people.",
            "사망자는 200만명에 이른다.",
        ),
        (
            "이 병으로 20만 명이 숨졌다.",
            "The disease has hit 2 million households.",
            "이 병으로 250만 명이 숨졌다.",
        ),
    ),
    C(
        "정부는 1조원을 투입한다.",
        "1조원",
        (
            "The government will spend 1 trillion won.",
            "정부가 1조 원을 쏟아붓는다.",
            "The budget is KRW 1 trillion.",
            "투입 예산은 1조원이다.",
        ),
        (
            "정부는 10조원을 투입한다.",
            "정부는 1조 달러를 투입한다.",
            "정부는 2조원을 투입한다.",
        ),
    ),
    C(
        "이 사업에는 300억원이 들었다.",
        "300억원",
        (
            "The project cost 30 billion won.",
            "사업비는 300억 원이다.",
            "It cost KRW 30 billion.",
            "총 300억원이 들어갔다.",
        ),
        (
            "이 사업에는 3000억원이 들었다.",
            "The project cost 30 billion dollars.",
            "이 사업에는 30억원이 들었다.",
        ),
    ),
    C(
        "올해 1,234명이 귀화했다.",
        "1,234명",
        (
            "귀화자는 1234명이다.",
            "A total of 1,234 people were naturalised.",
            "귀화한 사람은 1,234명이었다.",
            "Some 1234 people became citizens.",
        ),
        (
            "올해 1,243명이 귀화했다.",
            "올해 1,234건이 접수됐다.",
            "올해 2,134명이 귀화했다.",
        ),
    ),
    C(
        "Unemployment was 4.2 percent in March.",
        "4.2 percent",
        (
            "The jobless rate was 4.2% in March.",
            "3월 실업률은 4.2%였다.",
            "실업률은 4.2 퍼센트다.",
            "Unemployment stood at 4.2 per cent.",
        ),
        (
            "Unemployment was 2.4 percent in March.",
            "Unemployment rose 4.2 percentage points.",
            "Unemployment was 4.7 percent in March.",
        ),
    ),
    C(
        "영업이익은 36% 증가했다.",
        "36%",
        (
            "Operating profit rose 36 percent.",
            "영업이익 증가율은 36퍼센트다.",
            "Profit was up 36 per cent.",
            "영업이익이 36% 늘었다.",
        ),
        (
            "영업이익은 63% 증가했다.",
            "영업이익은 3.6% 증가했다.",
            "영업이익은 36%p 증가했다.",
        ),
    ),
    C(
        "당기순이익은 31% 증가했다.",
        "31%",
        (
            "Net profit grew 31 percent.",
            "순이익은 31 퍼센트 늘었다.",
            "Net income was up 31 per cent.",
            "순이익 증가율 31%.",
        ),
        (
            "당기순이익은 13% 증가했다.",
            "당기순이익은 31배 증가했다.",
            "당기순이익은 3.1% 증가했다.",
        ),
    ),
    C(
        "발표는 2020년 10월 8일에 나왔다.",
        "2020년 10월 8일",
        (
            "The announcement came on October 8, 2020.",
            "발표일은 2020년 10월 8일이다.",
            "It was announced on 8 October 2020.",
            "발표: 2020.10.08",
        ),
        (
            "발표는 2020년 8월 10일에 나왔다.",
            "The announcement came on October 8, 2021.",
            "발표는 2020년 10월 18일에 나왔다.",
        ),
    ),
    C(
        "알리바바는 네 가지 모델을 공개했다.",
        "네 가지",
        (
            "Alibaba released four kinds of models.",
            "공개된 모델은 4가지다.",
            "알리바바가 네 가지 버전을 내놨다.",
            "There are 4 kinds of the model.",
        ),
        (
            "알리바바는 네 명의 연구자를 소개했다.",
            "알리바바는 다섯 가지 모델을 공개했다.",
            "알리바바는 14가지 모델을 공개했다.",
        ),
    ),
    C(
        "회원은 100만 명을 넘었다.",
        "100만 명",
        (
            "Membership passed 1 million people.",
            "회원 수는 100만명이다.",
            "It now counts one million people as members.",
            "Members: 1,000,000 people.",
        ),
        (
            "회원은 10만 명을 넘었다.",
            "The fund passed 1 million dollars.",
            "회원은 1000만 명을 넘었다.",
        ),
    ),
    C(
        "중국은 5000억 달러 규모의 투자를 약속했다.",
        "5000억 달러",
        (
            "China pledged $500 billion in investment.",
            "중국의 투자 약속은 5,000억 달러다.",
            "Beijing promised 500 billion dollars.",
            "The pledge totals US$500 billion.",
        ),
        (
            "China pledged $50 billion in investment.",
            "China pledged 500 billion won in investment.",
            "중국은 5500억 달러 규모의 투자를 약속했다.",
        ),
    ),
    C(
        "청년 실업률은 12.5%였다.",
        "12.5%",
        (
            "Youth unemployment was 12.5 percent.",
            "청년 실업률은 12.5 퍼센트다.",
            "Youth joblessness hit 12.5 per cent.",
            "청년 실업률 12.5 프로.",
        ),
        (
            "청년 실업률은 15.2%였다.",
            "청년 실업률은 12.5%p 올랐다.",
            "청년 실업률은 21.5%였다.",
        ),
    ),
    C(
        "철도 총연장은 1,300km다.",
        "1,300km",
        (
            "The network runs 1,300 km.",
            "노선 길이는 1300㎞다.",
            "The line is 1,300 kilometers long.",
            "총연장 1300km.",
        ),
        (
            "철도 총연장은 3,100km다.",
            "The network runs 1,300 miles.",
            "철도 총연장은 1,030km다.",
        ),
    ),
    C(
        "한국은 이 부문 세계 3위다.",
        "3위",
        (
            "Korea ranks third in the world.",
            "한국의 순위는 3위다.",
            "Korea is the world's 3rd largest producer.",
            "한국은 세 번째로 큰 생산국이다.",
        ),
        (
            "한국은 이 부문 세계 13위다.",
            "한국은 이 부문 세계 2위다.",
            "Korea ranks fourth in the world.",
        ),
    ),
    C(
        "그는 20년간 이 회사를 이끌었다.",
        "20년간",
        (
            "He led the company for 20 years.",
            "그는 20년 동안 회사를 이끌었다.",
            "He ran it for twenty years.",
            "재임 기간은 20년간이다.",
        ),
        (
            "그는 20개월간 이 회사를 이끌었다.",
            "그는 20일간 이 회사를 이끌었다.",
            "그는 12년간 이 회사를 이끌었다.",
        ),
    ),
    C(
        "한국의 경제 규모는 2조4000억 달러에 이른다.",
        "2조4000억 달러",
        (
            "Korea's economy is worth $2.4 trillion.",
            "The economy is worth 2.4 trillion dollars.",
            "GDP reached US$2.4 trillion.",
            "GDP totals $2,400 billion.",
        ),
        (
            "Korea's economy is worth $4.2 trillion.",
            "Korea's economy is worth 2.4 trillion won.",
            "한국의 경제 규모는 2조4000억 원에 이른다.",
        ),
    ),
    C(
        "사고로 7천 명이 대피했다.",
        "7천 명",
        (
            "Some 7,000 people were evacuated.",
            "대피 인원은 7000명이다.",
            "Seven thousand people fled the area.",
            "대피자는 7,000명이다.",
        ),
        (
            "사고로 700명이 대피했다.",
            "사고로 7,000가구가 대피했다.",
            "사고로 7,700명이 대피했다.",
        ),
    ),
    C(
        "그의 지지율은 25.3%다.",
        "25.3%",
        (
            "His approval rating is 25.3 percent.",
            "지지율이 25.3 퍼센트로 나타났다.",
            "Approval stood at 25.3 per cent.",
            "지지율 25.3 프로.",
        ),
        (
            "그의 지지율은 23.5%다.",
            "그의 지지율은 25.3%p 하락했다.",
            "그의 지지율은 52.3%다.",
        ),
    ),
    C(
        "신제품 가격은 2.5배 올랐다.",
        "2.5배",
        (
            "The price rose 2.5 times.",
            "가격이 2.5배가 됐다.",
            "Prices are 2.5 times higher.",
            "가격은 2.5배 수준이다.",
        ),
        (
            "신제품 가격은 5.2배 올랐다.",
            "신제품 가격은 2.5% 올랐다.",
            "신제품 가격은 2.8배 올랐다.",
        ),
    ),
    C(
        "회의는 45분간 진행됐다.",
        "45분간",
        (
            "The meeting lasted 45 minutes.",
            "회의는 45분 동안 열렸다.",
            "They met for forty-five minutes.",
            "회의 시간은 45분간이었다.",
        ),
        (
            "회의는 54분간 진행됐다.",
            "회의는 45초간 진행됐다.",
            "The meeting lasted 45 hours.",
        ),
    ),
    C(
        "라면 한 봉지 가격은 9,900원이다.",
        "9,900원",
        (
            "한 봉지 값은 9900원이다.",
            "A bag costs 9,900 won.",
            "The price is KRW 9,900.",
            "가격은 9,900원으로 올랐다.",
        ),
        (
            "라면 한 봉지 가격은 9,090원이다.",
            "A bag costs 9,900 yen.",
            "라면 한 봉지 가격은 9,990원이다.",
        ),
    ),
    C(
        "피해자는 18세 학생이다.",
        "18세",
        (
            "The victim, an 18-year-old student, was hurt.",
            "The student, aged 18, was hurt.",
            "피해 학생은 18살이다.",
            "피해자는 올해 18세다.",
        ),
        (
            "피해자는 81세 노인이다.",
            "피해자의 18%가 학생이다.",
            "피해자는 19세 학생이다.",
        ),
    ),
    C(
        "The city spent 35 million dollars on roads in 2024.",
        "35 million dollars",
        (
            "Road spending reached $35 million.",
            "시는 도로에 3500만 달러를 썼다.",
            "Roads cost the city US$35 million.",
            "Spending on roads: USD 35 million.",
        ),
        (
            "The city spent 53 million dollars on roads.",
            "The city spent 35 million won on roads.",
            "The city spent 3.5 million dollars on roads.",
        ),
    ),
    C(
        "세계 인구는 80억 명을 넘었다.",
        "80억 명",
        (
            "The world population passed 8 billion people.",
            "세계 인구가 80억명을 돌파했다.",
            "There are now eight billion people.",
            "The planet is home to 8,000,000,000 people.",
        ),
        (
            "세계 인구는 8억 명을 넘었다.",
            "The fund passed 8 billion dollars.",
            "세계 인구는 90억 명을 넘었다.",
        ),
    ),
    C(
        "이 회사는 직원 1,500명을 고용하고 있다.",
        "1,500명",
        (
            "The company employs 1,500 people.",
            "직원 수는 1500명이다.",
            "It has 1,500 people on staff.",
            "직원은 1천500명이다.",
        ),
        (
            "이 회사는 직원 5,100명을 고용하고 있다.",
            "이 회사는 1,500가구에 전기를 공급한다.",
            "이 회사는 직원 150명을 고용하고 있다.",
        ),
    ),
    C(
        "Inflation hit 7.1 percent in June.",
        "7.1 percent",
        (
            "Consumer prices rose 7.1% in June.",
            "6월 물가 상승률은 7.1%였다.",
            "물가가 7.1 퍼센트 올랐다.",
            "Inflation reached 7.1 per cent.",
        ),
        (
            "Inflation hit 1.7 percent in June.",
            "Inflation rose 7.1 percentage points.",
            "Inflation hit 7.4 percent in June.",
        ),
    ),
    C(
        "국회는 찬성 180표로 법안을 통과시켰다.",
        "180표",
        (
            "The bill passed with 180 votes.",
            "찬성은 180표였다.",
            "Lawmakers cast 180 votes in favour.",
            "찬성표는 모두 180표다.",
        ),
        (
            "국회는 찬성 108표로 법안을 통과시켰다.",
            "국회 의석 180석을 차지했다.",
            "국회는 찬성 181표로 법안을 통과시켰다.",
        ),
    ),
)


def rendering_count() -> int:
    return sum(len(case.renderings) for case in CASES)


def decoy_count() -> int:
    return sum(len(case.decoys) for case in CASES)
