"""The figure grammar's word tables: what a unit word, counter, currency, month or label
means. Data only; the rules that read them are in ``ko_*.py`` and ``en*.py``."""

from __future__ import annotations

import calendar

# Korean counters: what follows a number, and what kind of figure it makes.
KO_COUNTERS: dict[str, tuple[str, str]] = {
    "개국": ("count", "countries"),
    "개사": ("count", "companies"),
    "개월": ("duration", "months"),
    "개": ("count", "items"),
    "명": ("count", "people"),
    "곳": ("count", "places"),
    "건": ("count", "cases"),
    "차례": ("count", "times"),
    "번째": ("rank", "rank"),
    "번": ("count", "times"),
    "회": ("count", "times"),
    "가지": ("count", "kinds"),
    "가구": ("count", "households"),
    "세대": ("count", "households"),
    "척": ("count", "ships"),
    "채": ("count", "buildings"),
    "마리": ("count", "animals"),
    "표": ("count", "votes"),
    "석": ("count", "seats"),
    "주": ("count", "shares"),
    "위": ("rank", "rank"),
    "등": ("rank", "rank"),
    "배": ("ratio", "times"),
    "세": ("age", "years"),
    "살": ("age", "years"),
    "분간": ("duration", "minutes"),
    "분": ("duration", "minutes"),
    "시간": ("duration", "hours"),
    "일간": ("duration", "days"),
    "일 동안": ("duration", "days"),
    "주일": ("duration", "weeks"),
    "주간": ("duration", "weeks"),
    "년간": ("duration", "years"),
    "년 동안": ("duration", "years"),
    "년 만에": ("duration", "years"),
    "초": ("duration", "seconds"),
    # "3년 전", "4년 내내": calendar years (2020년) are read as dates first.
    "년": ("duration", "years"),
    "대": ("age", "years"),  # "20대 남성": in one's twenties; checked in ko_amounts.py
    "차": ("rank", "rank"),  # "1차 회의"
    "mm": ("quantity", "mm"),
    "㎜": ("quantity", "mm"),
    "cm": ("quantity", "cm"),
    "㎝": ("quantity", "cm"),
    "보": ("count", "steps"),
    "인": ("count", "people"),  # "5인 미만 사업장"
    "점": ("quantity", "points"),  # scores and items ("96점", "국보 2점")
    "층": ("count", "floors"),
    "구": ("count", "bodies"),
    "호선": ("rank", "line"),
    "호기": ("rank", "unit"),
    "차전": ("rank", "rank"),
    "타점": ("count", "runs"),
    "단": ("rank", "dan"),
    "급": ("rank", "grade"),  # "7급 공무원"
    "기": ("rank", "rank"),  # "1기 신도시"; plants and reactors ("원전 4기") in ko_amounts.py
    "t": ("quantity", "t"),
    "톤": ("quantity", "t"),
    "kg": ("quantity", "kg"),
    "㎏": ("quantity", "kg"),
    "km": ("quantity", "km"),
    "Km": ("quantity", "km"),  # "900Km", "90Kg": a capital K as often as not
    "KM": ("quantity", "km"),
    "Kg": ("quantity", "kg"),
    "KG": ("quantity", "kg"),
    "㎞": ("quantity", "km"),
    "ha": ("quantity", "ha"),
    "㎡": ("quantity", "m2"),
    "평": ("quantity", "pyeong"),
    "m": ("quantity", "m"),
    "GW": ("quantity", "GW"),
    "MW": ("quantity", "MW"),
    "kWh": ("quantity", "kWh"),
    "GHz": ("quantity", "GHz"),
    "MHz": ("quantity", "MHz"),
    "리터": ("quantity", "l"),
    "배럴": ("quantity", "barrels"),
    "도": ("quantity", "degrees"),
    "℃": ("quantity", "celsius"),
    "포인트": ("quantity", "points"),
    # Sports, media, schools and courts (KLUE-NER news).
    "장": ("count", "sheets"),
    "편": ("count", "works"),
    "강전": ("rank", "round_of"),
    "강": ("rank", "round_of"),  # "16강": the round of sixteen
    "라운드": ("rank", "round"),
    "학년도": ("date", "year"),  # read as a date in ko_amounts.py
    "학년": ("rank", "school_year"),
    "학기": ("rank", "semester"),
    "학급": ("count", "classes"),
    "학점": ("count", "credits"),
    "골": ("count", "goals"),
    "득점": ("count", "scored"),
    "승째": ("rank", "win"),
    "연승": ("count", "consecutive_wins"),
    "연패": ("count", "streak"),  # consecutive losses, or titles (連覇)
    "승": ("count", "wins"),
    "패": ("count", "losses"),
    "무": ("count", "draws"),
    "경기": ("count", "games"),
    "세트": ("rank", "set"),
    "이닝": ("count", "innings"),
    "타수": ("count", "at_bats"),
    "안타": ("count", "hits"),
    "타": ("count", "strokes"),
    "언더파": ("quantity", "under_par"),
    "오버파": ("quantity", "over_par"),
    "루": ("rank", "base"),
    "사": ("count", "companies"),  # "이통 3사"; outs before a base ("1사 1루")
    "심": ("rank", "instance"),  # "1심", "2심": court instance
    "호골": ("rank", "goal"),
    "호": ("rank", "number"),
    "주년": ("rank", "anniversary"),
    "주기": ("rank", "anniversary"),
    "분기": ("rank", "quarter"),
    "세기": ("rank", "century"),
    "공화국": ("rank", "republic"),
    "일째": ("rank", "day"),
    "자회담": ("count", "parties"),
    "자대결": ("count", "parties"),  # "5자대결": a race of five
    "선": ("count", "terms"),  # "3선 의원"; not "38선" (a parallel), dropped in ko_amounts.py
    "방": ("count", "shots"),  # "홈런 2방"
    "루수": ("rank", "base"),  # "2루수": the second baseman
    "야드": ("quantity", "yards"),
    "성": ("rank", "stars"),  # "3성 장군"
    "반": ("rank", "class"),  # "3학년 1∼3반"
    "구경": ("quantity", "caliber"),
    "일 만에": ("duration", "days"),
    "일만에": ("duration", "days"),
    "일만": ("duration", "days"),
    "일": ("duration", "days"),  # only past 31 ("300일이 지났다"); days of a month are dates
    "발": ("count", "rounds"),
    "화": ("rank", "episode"),
    "종목": ("count", "events"),
    "종": ("count", "kinds"),
    "국": ("count", "countries"),
    "등급": ("rank", "grade"),
    "인승": ("quantity", "seats"),
    "인방": ("count", "members"),
    "인조": ("count", "members"),
    "인자": ("rank", "rank"),
    "촌": ("rank", "kinship_degree"),
    "자": ("count", "characters"),  # "3자": parties, in ko_amounts.py
    "관왕": ("count", "titles"),
    "가족": ("count", "families"),
    "단계": ("rank", "stage"),
    "쌍": ("count", "pairs"),
    "권": ("count", "volumes"),
    "과목": ("count", "subjects"),
    "부": ("rank", "part"),
    "면": ("count", "pages"),
    "쪽": ("count", "pages"),
    "자리": ("count", "places"),
    "병": ("count", "bottles"),
    "잔": ("count", "glasses"),
    "갑": ("count", "packs"),
    "칸": ("count", "compartments"),
    "량": ("count", "cars"),
    "실": ("count", "rooms"),
    "통": ("count", "items"),
    "집": ("rank", "album"),
    "동": ("count", "buildings"),
    "롤": ("count", "rolls"),
    "성급": ("rank", "stars"),
    "섹션": ("count", "sections"),
    "마디": ("count", "bars"),  # music: "8마디"
    "바이알": ("count", "vials"),
    "주택": ("count", "homes"),  # "1주택자": an owner of one home
    "저자": ("rank", "author"),  # "1저자": the first author
    "교리": ("count", "doctrines"),
    "자녀": ("count", "children"),
    "순위": ("rank", "rank"),
    "범": ("count", "convictions"),
    "박": ("duration", "nights"),
    "막": ("rank", "act"),
    "할": ("ratio", "fraction"),  # "5할": five tenths, read as 0.5 in ko_amounts.py
    "인치": ("quantity", "inches"),
    "미터": ("quantity", "m"),
    "마일": ("quantity", "miles"),
    "kcal": ("quantity", "kcal"),
    "mg": ("quantity", "mg"),
    "g": ("quantity", "g"),
    "ml": ("quantity", "ml"),
    "l": ("quantity", "l"),
    "°C": ("quantity", "celsius"),
    "μg/m3": ("quantity", "ug/m3"),
    "㎍/㎥": ("quantity", "ug/m3"),
    # Speeds, power, power density and storage ("120km/h", "300마력", "5W/kg", "128GB").
    "km/h": ("quantity", "km/h"),
    "㎞/h": ("quantity", "km/h"),
    "kW": ("quantity", "kW"),
    "W/kg": ("quantity", "W/kg"),
    "kW/kg": ("quantity", "kW/kg"),
    "마력": ("quantity", "hp"),
    "기가바이트": ("quantity", "GB"),
    "테라바이트": ("quantity", "TB"),
    "메가바이트": ("quantity", "MB"),
    "GB": ("quantity", "GB"),
    "TB": ("quantity", "TB"),
    "MB": ("quantity", "MB"),
    # Batteries: charge and energy density ("5000mAh", "250Wh/kg").
    "mAh": ("quantity", "mAh"),
    "Wh/kg": ("quantity", "Wh/kg"),
    "Wh": ("quantity", "Wh"),
}
# Currencies named after an amount ("3조7800억원", "100달러").
KO_CURRENCIES = {
    "원": "KRW",
    "달러": "USD",
    "엔": "JPY",
    "위안": "CNY",
    "유로": "EUR",
    "파운드": "GBP",
    "캐나다달러": "CAD",
    "호주달러": "AUD",
    "홍콩달러": "HKD",
    "대만달러": "TWD",
    "싱가포르달러": "SGD",
    "뉴질랜드달러": "NZD",
    "루피": "INR",
    "루블": "RUB",
    "바트": "THB",
    "링깃": "MYR",
    "리라": "TRY",
    "헤알": "BRL",
}
# Percent and percentage points ("61.57%", "3.5%p").
KO_PERCENT = {
    "%p": "percentage_point",
    "%P": "percentage_point",
    "%포인트": "percentage_point",
    "퍼센트포인트": "percentage_point",
}
KO_PERCENT |= {"%": "percent", "퍼센트": "percent", "프로": "percent"}

# Months named relative to the article's ("지난달", "이달", "내달"): how many months on.
KO_REL_MONTH = {
    "지난달": -1,
    "전달": -1,
    "전월": -1,
    "이달": 0,
    "이번달": 0,
    "이번 달": 0,
    "금월": 0,
    "내달": 1,
    "다음달": 1,
    "다음 달": 1,
}
# Days named relative to the article's date: how many days on.
KO_DAY_WORDS = {"오늘": 0, "어제": -1, "그제": -2, "내일": 1, "이날": 0, "전날": -1, "전일": -1}
KO_DAY_WORDS |= {"다음날": 1, "다음 날": 1, "이튿날": 1}  # not 모레: 아모레퍼시픽
# The day a part of a month stands for ("3월 초", "중순", "하순"; "말" is its last day).
PART_DAY = {"초": 1, "초순": 5, "중순": 15, "하순": 25}
# Weekdays by their first syllable ("수요일"), Monday first as in ``date.weekday()``.
KO_WEEKDAY_NAMES = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}

# What a native numeral counts, for counters not in KO_COUNTERS.
KO_NATIVE_NAMES = {
    "사람": "people",
    "개비": "sticks",
    "폭": "pictures",
    "방": "shots",
    "줄": "lines",
    "종류": "kinds",
    "갈래": "branches",
    "모녀": "people",
    "부자": "people",
    "형제": "people",
    "자매": "people",
    "아들": "sons",
    "딸": "daughters",
    "시즌": "seasons",
    "벌": "sets",
    "켤레": "pairs",
    "그루": "trees",
    "송이": "flowers",
    "판": "games",
    "끼": "meals",
    "바퀴": "laps",
    "군데": "places",
    "나라": "countries",
    "국가": "countries",
    "팀": "teams",
    "회": "times",
}

# Counters that only follow native numerals ("두 달", "세 해", "다섯 대").
KO_NATIVE_UNITS = {
    "달": ("duration", "months"),
    "해": ("duration", "years"),
    "대": ("count", "vehicles"),
}

# The counter after an ordinal "제" ("제24회", "제1조"): what the rank is of.
KO_ORDINAL_UNITS = {
    "회": "edition",
    "차": "round",
    "호": "number",
    "대": "term",
    "조": "article",
    "항": "paragraph",
    "기": "term",
    "강": "lecture",
    "주": "week",
}
# A measure named before its number ("승점 4", "타율 0.338", "규모 8.2"): its unit.
KO_LABEL_UNITS = {
    "승점": "points",
    "골득실": "goal_difference",
    "득실차": "goal_difference",
    "타율": "batting_average",
    "방어율": "era",
    "평균자책점": "era",
    "평균자책": "era",
    "규모": "magnitude",
}
# Decimals that name past events ("제주 4.3", "5.18", "9.11"), not numbers.
KO_EVENT_DATES = {"2.28", "3.1", "3.15", "4.3", "4.16", "4.19", "5.16", "5.18", "6.10", "6.15"}
KO_EVENT_DATES |= {"6.25", "6.29", "7.4", "8.15", "9.11", "9.19", "10.4", "10.26", "12.12"}

# English months and weekdays, full and abbreviated, by number (January 1, Monday 0).
EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
EN_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
EN_MONTHS["sept"] = 9
EN_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
# Signs and codes before an amount ("$", "Rs.", "KSh"), and words after one.
EN_CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR",
    "Rs": "INR", "Rs.": "INR", "₦": "NGN", "N": "NGN", "KSh": "KES", "Ksh": "KES",
}  # fmt: skip
EN_CURRENCY_WORDS = {
    "rupees": "INR",
    "rupee": "INR",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
    "won": "KRW",
    "yuan": "CNY",
}
# A unit of time in the singular, and the unit its figure takes.
EN_DURATIONS = {
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "decade": "decades",
}

# A measure glued to its number by a hyphen ("a 500-pound gorilla"): its unit.
EN_MEASURES = {
    "pound": "lb", "ton": "t", "tonne": "t", "mile": "miles", "foot": "ft", "kilogram": "kg",
    "kilometer": "km", "kilometre": "km", "meter": "m", "metre": "m", "inch": "inches",
    "acre": "acres", "magnitude": "magnitude",
}  # fmt: skip
