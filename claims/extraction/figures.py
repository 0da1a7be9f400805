"""The number grammar: figures in Korean and English text, normalised (PRODUCT.md section 4).

A figure is a number with what it counts: an amount with its currency, a percentage, a
count with its counter, an age, a duration, a rank, a date or a time. Numbers that are
not figures of a claim (phone numbers, e-mail addresses, URLs, IDs, model and version
names such as Qwen-7B or '완 2.1') are left out.

Korean news shapes read beyond PRODUCT.md's examples (KLUE-NER news, issue #3):
- scores ("2-3으로", "0대 1로"): one count per side, unit "score";
- ordinals "제24회" (rank, unit from the counter), court instances "1심" (rank), bases
  "1,2루" (rank), pars "(파5)" (quantity), "톱10" (rank, unit "top");
- a native numeral before any noun ("두 회사", "세 학자"): a count with no unit, but not
  한/열/첫 before an arbitrary noun ("한 결과" is "the result of doing");
- weekdays resolve only against the article date: "수요일인 9일" and "14일(목요일)" take the
  day's date, "지난 수요일" the last one before it, a bare "일요일" the one in the article's
  week; "매주 금요일" (recurring) and a weekday in brackets after a date give no figure;
- a bare year before what it dates ("2014 브라질 월드컵") is a date; a year after a name
  ("응답하라 1988", "CES 2025") is part of the name, and so are dates naming past events
  ("4·19", "9.11 테러"); an election named by its date ("오는 6·4 지방선거") is a date.

Shapes of checked claims (SNU FactCheck, QuanTemp):
- birth years "61년생", "1975년생" are dates with unit "birth_year"; a two-digit year
  ("61년생", "87년도") takes its century from the article date and has none without it;
- days counted from an event ("7일전에", "3일 뒤"), "4일뿐" and days a week ("주 4일제")
  are durations, not days of the month;
- a number after a headline verb ("Says 1,000 ...", "Did 100 ...") is no name; naira
  ("N70 million") and Kenyan shillings ("KSh10 billion") are amounts;
- a counted named set ("이슬람 5대 루머", "3대쇼") is a count with no unit, but not "4대강";
  a decimal before a particle ("합계출산율은 1.22로") is a plain number, but not an event's
  date ("5.18을") unless a rate or an index comes before it ("성장률 4.3으로"), nor a
  version ("버전 2.1로");
- a day after 오는 is on or after the article date, after 지난 on or before it; the last
  day of a range ("오는 28일부터 3일까지") is in the month of the first, or the next;
- a mixed fraction ("2 1/2 Years", "3½ hours") is one number; a number glued to letters
  other than a scale or a unit ("5800X", "i7-9750H", "5G"), four digits and more glued to a
  scale letter ("Radeon Pro 5500M") and a number after an acronym ("RTX 3080 costs") are
  names; after a Title Case gerund ("After Holding 4 Campaign Rallies") or before "at a time"
  ("to Idaho 300 at a time") a number is a count;
- a decade ("the 1990s", "the '80s", "the mid-1970s") is a date of its first year with unit
  "decade"; "in their 40s" is an age;
- a display resolution before what it names ("4K TVs", "8K display") is a name, and so is
  a number after a known product or a year after a host city or a plan ("Windows 11
  users", "Beijing 2022 Games", "Agenda 2030 goals"): no count of the noun after it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext

from claims.extraction.numbers import (
    DIGITS,
    EN_FRACTIONS,
    EN_ORDINALS,
    EN_SCALES,
    EN_UNITS,
    KO_NATIVE,
    KO_NUMBER,
    MIXED_FRACTION,
    VULGAR_FRACTIONS,
    format_decimal,
    parse_english_words,
    parse_korean_number,
    parse_mixed_fraction,
    to_decimal,
)
from claims.extraction.types import Figure

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
    "대": ("age", "years"),  # "20대 남성": in one's twenties; checked in _ko_amounts
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
    "기": ("rank", "rank"),  # "1기 신도시"; plants and reactors ("원전 4기") in _ko_special
    "t": ("quantity", "t"),
    "톤": ("quantity", "t"),
    "kg": ("quantity", "kg"),
    "㎏": ("quantity", "kg"),
    "km": ("quantity", "km"),
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
    "학년도": ("date", "year"),  # read as a date in _ko_amounts
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
    "선": ("count", "terms"),  # "3선 의원"; not "38선" (a parallel), dropped in _ko_special
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
    "자": ("count", "characters"),  # "3자": parties, in _ko_amounts
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
    "할": ("ratio", "fraction"),  # "5할": five tenths, read as 0.5 in _ko_amounts
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
}
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
KO_PERCENT = {
    "%p": "percentage_point",
    "%P": "percentage_point",
    "%포인트": "percentage_point",
    "퍼센트포인트": "percentage_point",
}
KO_PERCENT |= {"%": "percent", "퍼센트": "percent", "프로": "percent"}
APPROX_BEFORE = re.compile(
    r"(약|대략|거의|얼추|무려|최대|최소|about|nearly|almost|around|roughly|"
    r"approximately|some|more than|over|less than|under|at least|up to|"
    r"an estimated|close to)\s*$",
    re.I,
)
APPROX_AFTER = re.compile(
    r"^\s*(가량|여|남짓|안팎|이상|이하|미만|초과|수준|정도|넘게|넘는|께|or more|plus)"
)

EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
EN_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
EN_MONTHS["sept"] = 9
EN_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
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

# Spans that hold digits but no figures. A version number (1.2.3) is noise, and so is a
# dotted date stamped with a time (기사입력 2020.10.08 16:57); a dotted date alone is a date.
NOISE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b0\d{1,2}[-.)\s]\d{3,4}[-.\s]\d{4}\b|\+\d{1,3}[-\s]\d{1,4}[-\s]\d{3,4}[-\s]\d{3,4}"
    r"|\b\d{3}-\d{3,4}-\d{4}\b|\b\d{8,}\b(?![,.]\d)"
    r"|\b(?!(?:19|20)\d\d\.\d{1,2}\.\d{1,2}\b(?!\.?\s?\d{1,2}:\d\d))v?\d+\.\d+\.\d+\b"
)
# A number glued to letters is a name (Qwen-7B, 코로나19, G20, B2C), not a figure.
GLUED_BEFORE = re.compile(r"[A-Za-z_\-][\-]?$|[A-Za-z]$")
KO_GLUE_OK = re.compile(
    r"(약|총|각|연|월|무려|최대|최소|전년|전체|모두|또|및|는|은|이|가|을|를|에|의|로|와|과|도|만|씩|\(|~"
    r"|\d(?:일|박|세|년|시간|개월|대)|징역|금고|(?<![가-힣])주)$"
)


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    value: str
    unit: str
    kind: str
    approximate: bool = False


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------- Korean


KO_FULL_DATE = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
KO_DOT_DATE = re.compile(r"(?<![\d.])(\d{4})[.\-/]\s?(\d{1,2})[.\-/]\s?(\d{1,2})\.?(?![\d])")
KO_YEAR_MONTH = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월(?!\s*\d{1,2}\s*일)")
KO_MONTH_DAY = re.compile(
    r"(?:(지난|오는|올해|내년|작년|지난해|이듬해)\s*)?(?<!\d)(\d{1,2})\s*월\s*(\d{1,2})\s*일"
)
KO_MONTH_PART = re.compile(
    r"(?:(지난|오는|올해|내년)\s*)?(?<!\d)(\d{1,2})\s*월\s*(초|초순|중순|하순|말)"
)
# "지난 3월", and a bare "3월에" (the article's year); not "월세", "월급", "월드".
KO_MONTH_ONLY = re.compile(
    r"(?:(지난|오는|올해|내년|작년|지난해)\s*)?(?<![\d.])(?<!\d년)(?<!\d년\s)(\d{1,2})\s*월"
    r"(?!\s*\d{1,2}\s*일|세|급|드|간|별)"
)
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
KO_REL_DAY = re.compile(r"(지난달|전달|전월|이달|이번\s?달|금월|내달|다음\s?달)\s*(\d{1,2})\s*일")
KO_REL_PART = re.compile(
    r"(지난달|전달|전월|이달|이번\s?달|금월|내달|다음\s?달)\s*(초|초순|중순|하순|말)"
)
KO_DAY_RANGE = re.compile(
    r"(?<![\d월.])(\d{1,2})\s*(?:일\s*)?[~∼-]\s*(\d{1,2})\s*일(?!\s*(?:간|동안))"
)
# Days counted from an event ("7일전에", "7일 전까지", "3일 뒤"): a duration. Not "7일 전
# 대통령" (the former president, on the 7th): 전 needs a particle or a stop after it. And
# not "오는 26일 전까지" (before the 26th): after 오는, 지난, 이달 the day is a date.
KO_DAYS_AROUND = r"\s?(?:전|후|뒤)(?=에|까지|부터|의|만|쯤|께|이|인|[,.)'’\"”]|$)|\s?(?:후|뒤)\s"
KO_DAYS_AROUND_RE = re.compile(KO_DAYS_AROUND)
KO_DATED_DAY_BEFORE = re.compile(r"(?:오는|지난|이달|이번\s?달|내달|다음\s?달|지난달)\s?$")
# "주 4일제", "주5일": so many days a week (read in _ko_news), not a day of the month.
# Not "다음 주 3일" (the 3rd, next week).
PER_WEEK = r"(?<![가-힣])(?<!(?:이번|다음|지난)\s)주"
NOT_PER_WEEK = rf"(?<!{PER_WEEK})(?<!{PER_WEEK}\s)"
KO_DAY = re.compile(
    rf"(?<![\d.,])(?<![\d.][~∼]){NOT_PER_WEEK}"
    r"(\d{1,2})\s*일(?![간째])(?!\s*동안)"
    r"(?=\s|\(|에|부터|까지|,|·|오전|오후|$|\)|[~∼'’\"”]|[과와은는이의로자도께쯤]|경(?![가-힣]))"
)
# "오는 26일" is upcoming (on or after the article date), "지난 5일" past (on or before it).
KO_DAY_WHEN = re.compile(r"(오는|지난)\s?$")
KO_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*년(생)?(?!\s*(?:간|동안|만에|째))")
# "1955∼1963년생", "2010~2015년": the first year of a range (KO_YEAR reads the last).
KO_YEAR_RANGE_FIRST = re.compile(
    r"(?<![\d.])(?P<a>(?:19|20)\d{2})\s?[~∼]\s?(?=(?:19|20)\d{2}\s?년(?P<born>생)?)"
)
# "10년도 넘었다", "1년도 안 돼": 도 is "even" and the years are a duration, not "'10년도".
KO_EVEN_YEARS = r"도\s?(?:넘|안\s|안되|안돼|못|채|지나|지났|더|걸|되|됐)"
# Two-digit years: "61년생" (born in 1961), "82~88년생", "87년도 이후". The century is the
# one that puts a birth year no later than the article's year, and any other year no more
# than ten years after it; without an article date there is no figure.
KO_SHORT_YEAR = re.compile(
    rf"(?<![\d.,])(?P<a>\d{{2}})(?:\s?[~∼]\s?(?P<b>\d{{2}}))?\s?년(?P<born>생|(?!{KO_EVEN_YEARS})도)"
)
KO_TIME = re.compile(
    r"(오전|오후|새벽|밤|저녁|낮|아침)?\s*(?<![\d.])(\d{1,2})\s*시\s*(?:(\d{1,2})\s*분|반)?(?!\s*간)"
)
KO_DAY_WORDS = {"오늘": 0, "어제": -1, "그제": -2, "내일": 1, "이날": 0, "전날": -1, "전일": -1}
KO_DAY_WORDS |= {"다음날": 1, "다음 날": 1, "이튿날": 1}  # not 모레: 아모레퍼시픽
KO_DAY_WORDS_RE = re.compile("|".join(sorted(KO_DAY_WORDS, key=len, reverse=True)))

PART_DAY = {"초": 1, "초순": 5, "중순": 15, "하순": 25}


def _part_date(year: int, month: int, part: str) -> date:
    if part == "말":
        return _month_end(year, month)
    return date(year, month, PART_DAY[part])


def _ko_year_for(prefix: str | None, month: int, day: int, ref: date) -> int:
    if prefix in ("작년", "지난해"):
        return ref.year - 1
    if prefix == "내년":
        return ref.year + 1
    if prefix == "지난":
        return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    if prefix == "오는":
        return ref.year if (month, day) >= (ref.month, ref.day) else ref.year + 1
    return ref.year


# A bare year before what it dates ("2014 브라질 월드컵", "2015 서울모터쇼", "'친구'(2001)")
# is a date; a year after a name ("응답하라 1988", "CES 2025", "어젠다 2020") is part of the
# name and is not. Seasons: "2015-16 프리미어리그", "2014-2015학년도", "2014시즌".
KO_BARE_YEAR = re.compile(
    r"(?<![\w.,\-/~∼·])(?<![A-Za-z가-힣]\s)(?P<year>(?:19|20)\d{2})"
    r"(?=\s(?:[가-힣]|[A-Z][A-Za-z\d]{0,5}\s[가-힣]))"  # "2021 G7 정상회의"
    r"|(?<![\w.,\-/~∼·])(?P<year4>(?:19|20)\d{2})(?=·(?:19|20)\d{2}\s?년|시즌|년도)"
    r"|(?<=['’\"”]\()(?P<year2>(?:19|20)\d{2})(?=\))"
    r"|(?<=[가-힣]\s)(?P<year3>(?:19|20)\d{2})(?=\s[가-힣])"
)
KO_SEASON = re.compile(
    r"(?<![\w.,\-/])(?P<a>(?:19|20)\d{2})[-–/](?P<b>(?:19|20)?\d{2})(?![\d.,\-])"
    r"(?=\s|학년도|시즌|년|['’\"”])"
)
# Weekdays: "수요일인 9일", "14일(목요일)", "수요일(15일)" take the day's date; "지난
# 수요일" the last one before the article; a bare "일요일에는" the one in the article's week
# (Monday to Sunday): Korean news names days of the current week so. Without an article
# date there is no figure. A recurring one ("매주 금요일") is not a date, and a weekday in
# brackets after a date ("2023년 4월 10일 (월요일)") only restates that date: both left out.
KO_WEEKDAY_NAMES = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
KO_WEEKDAY_DAY = re.compile(
    r"(?P<w>[월화수목금토일])요일(?:인\s?|\s?\()(?P<d>\d{1,2})일\)?"
    r"|(?P<d2>\d{1,2})일\s?\((?P<w2>[월화수목금토일])(?:요일)?\)"
)
KO_WEEKDAY = re.compile(
    r"(?:(?P<which>매주|지난주|지난\s?주|지난|오는|다음\s?주|이번\s?주)\s?)?"
    r"(?<![가-힣(])(?P<w>[월화수목금토일])요일(?!\))"
)
# "다음달", "지난달", "이달": the month itself (not "전달": also "to deliver") (with a day or a part it is read above).
KO_REL_MONTH_ONLY = re.compile(
    r"(?<![가-힣])(지난달|이달|이번\s?달|내달|다음\s?달)(?!\s*\d|\s*(?:초|중순|하순|말))"
)
# Elections named by their date: "오는 6·4 지방선거", "4.24 재보궐선거". Dates naming a
# past event ("4·19", "5·18 민주화운동", "9.11 테러", "6·25전쟁") are names: no year.
KO_ELECTION_DAY = re.compile(
    r"(?:(지난|오는|올해|작년|지난해)\s*)?(?<![\d.])(?P<m>\d{1,2})[.·ᆞㆍ‧](?P<d>\d{1,2})"
    r"(?=\s?(?:재보궐|재보선|보궐|지방선거|총선|대선|전당대회|선거))"
)


def _ko_year_names(text: str) -> Iterator[Candidate]:
    for m in KO_BARE_YEAR.finditer(text) if "19" in text or "20" in text else ():
        group = next(g for g in ("year", "year2", "year3", "year4") if m[g])
        if group == "year3" and not _year_before_event(text, m.end(group)):
            continue
        yield Candidate(m.start(group), m.end(group), m[group], "", "date")
    for m in KO_SEASON.finditer(text) if "-" in text or "–" in text or "/" in text else ():
        low, high = int(m["a"]), int(m["b"])
        if high < 100:
            high += low // 100 * 100
        if high == low + 1:
            yield Candidate(m.start("a"), m.end("a"), str(low), "", "date")
            yield Candidate(m.start("b"), m.end("b"), str(high), "", "date")


# After a Korean word, a bare year dates what follows only when an event follows.
KO_EVENT_AFTER = re.compile(
    r"\s?[가-힣]{0,6}\s?(?:월드컵|올림픽|동계올림픽|아시안게임|모터쇼|대회|축제|박람회|페스티벌|"
    r"시즌|선거|엑스포|컨퍼런스|포럼|시상식|콜렉션|컬렉션|봄|여름|가을|겨울)"
)


# "뽑은 2017 최악의 가짜뉴스": a year before a superlative dates what is ranked.
KO_SUPERLATIVE_AFTER = re.compile(r"\s(?:최악|최고|최대|최다|최저|최소)의")


def _year_before_event(text: str, end: int) -> bool:
    return bool(
        KO_EVENT_AFTER.match(text, end, min(len(text), end + 16))
        or KO_SUPERLATIVE_AFTER.match(text, end)
    )


def _ko_weekdays(text: str, ref: date) -> Iterator[Candidate]:
    for m in KO_WEEKDAY_DAY.finditer(text) if "요일" in text else ():
        found = _day_in_context(int(m["d"] or m["d2"]), ref, text, m.start())
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")
    for m in KO_WEEKDAY.finditer(text) if "요일" in text else ():
        which = (m["which"] or "").replace(" ", "")
        if which == "매주":
            continue
        weekday = KO_WEEKDAY_NAMES[m["w"]]
        monday = ref - timedelta(days=ref.weekday())
        if which in ("지난", ""):
            back = (ref.weekday() - weekday) % 7
            found = ref - timedelta(days=back or 7) if which else monday + timedelta(weekday)
        elif which == "오는":
            found = ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
        elif which == "지난주":
            found = monday - timedelta(days=7 - weekday)
        elif which == "다음주":
            found = monday + timedelta(days=7 + weekday)
        else:
            found = monday + timedelta(days=weekday)
        yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")
    for m in KO_REL_MONTH_ONLY.finditer(text) if "달" in text else ():
        year, month = _shift_month(ref, KO_REL_MONTH.get(m[1].replace(" ", ""), 0))
        yield Candidate(m.start(), m.end(), f"{year:04d}-{month:02d}", "", "date")
    for m in KO_ELECTION_DAY.finditer(text) if "선" in text or "전당대회" in text else ():
        month, day = int(m["m"]), int(m["d"])
        found = _safe_date(_ko_year_for(m[1], month, day, ref), month, day)
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


def _ko_dates(text: str, ref: date | None) -> Iterator[Candidate]:
    for m in KO_FULL_DATE.finditer(text):
        found = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")
    for m in KO_DOT_DATE.finditer(text):
        found = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")
    for m in KO_YEAR_MONTH.finditer(text):
        if 1 <= int(m[2]) <= 12:
            yield Candidate(m.start(), m.end(), f"{int(m[1]):04d}-{int(m[2]):02d}", "", "date")
    for m in KO_YEAR.finditer(text):
        yield Candidate(m.start(), m.end(), m[1], "birth_year" if m[2] else "", "date")
    for m in KO_YEAR_RANGE_FIRST.finditer(text) if "~" in text or "∼" in text else ():
        unit = "birth_year" if m["born"] else ""
        yield Candidate(m.start("a"), m.end("a"), m["a"], unit, "date")
    yield from _ko_year_names(text)
    if ref is None:
        return
    yield from _ko_short_years(text, ref)
    yield from _ko_relative_dates(text, ref)
    yield from _ko_weekdays(text, ref)


def _ko_short_years(text: str, ref: date) -> Iterator[Candidate]:
    for m in KO_SHORT_YEAR.finditer(text) if "년" in text else ():
        born = m["born"] == "생"
        latest = ref.year if born else ref.year + 10
        unit = "birth_year" if born else ""
        if m["b"]:  # "82~88년생": the first year, then the last with the suffix
            yield Candidate(m.start("a"), m.end("a"), _century(m["a"], latest), unit, "date")
        high = "b" if m["b"] else "a"
        yield Candidate(m.start(high), m.end(), _century(m[high], latest), unit, "date")


def _century(two_digits: str, latest: int) -> str:
    """'61' -> '1961', '05' -> '2005': the latest year ending in the digits, not after latest."""
    year = latest - (latest - int(two_digits)) % 100
    return str(year)


def _ko_relative_dates(text: str, ref: date) -> Iterator[Candidate]:
    days: dict[int, date] = {}  # where each dated day ends: the first of a range
    for m in KO_MONTH_DAY.finditer(text):
        month, day = int(m[2]), int(m[3])
        found = _safe_date(_ko_year_for(m[1], month, day, ref), month, day)
        if found:
            days.setdefault(m.end(), found)
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")
    for m in KO_MONTH_PART.finditer(text):
        month = int(m[2])
        if 1 <= month <= 12:
            year = _ko_year_for(m[1], month, 15, ref)
            value = _part_date(year, month, m[3]).isoformat()
            yield Candidate(m.start(), m.end(), value, "", "date", approximate=True)
    for m in KO_MONTH_ONLY.finditer(text):
        month = int(m[2])
        if 1 <= month <= 12:
            year = _ko_year_for(m[1], month, 1, ref)
            yield Candidate(m.start(), m.end(), f"{year:04d}-{month:02d}", "", "date")
    for m in KO_REL_DAY.finditer(text):
        year, month = _shift_month(ref, KO_REL_MONTH.get(m[1].replace(" ", ""), 0))
        found = _safe_date(year, month, int(m[2]))
        if found:
            days.setdefault(m.end(), found)
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")
    for m in KO_REL_PART.finditer(text):
        year, month = _shift_month(ref, KO_REL_MONTH.get(m[1].replace(" ", ""), 0))
        value = _part_date(year, month, m[2]).isoformat()
        yield Candidate(m.start(), m.end(), value, "", "date", approximate=True)
    for m in KO_DAY_RANGE.finditer(text):
        # Both ends in the month of the last day: "7일∼13일", "17~18일".
        last = _day_in_context(int(m[2]), ref, text, m.start())
        first = last and int(m[1]) <= last.day and last.replace(day=int(m[1]))
        if last and first:
            end = m.end(1) + (1 if text[m.end(1)] == "일" else 0)
            yield Candidate(m.start(1), end, first.isoformat(), "", "date")
            yield Candidate(m.start(2), m.end(), last.isoformat(), "", "date")
    for m in KO_DAY.finditer(text):
        if _days_counted(text, m.start(), m.end()):
            continue
        since = KO_RANGE_FROM.search(text, max(0, m.start() - 8), m.start())
        first = days.get(since.start() + 1) if since else None
        if first:
            found = _day_after(first, int(m[1]))
        else:
            found = _day_in_context(int(m[1]), ref, text, m.start())
        if found:
            days.setdefault(m.end(), found)
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")
    for m in KO_DAY_WORDS_RE.finditer(text):
        value = (ref + timedelta(days=KO_DAY_WORDS[m.group(0)])).isoformat()
        yield Candidate(m.start(), m.end(), value, "", "date")


# "3일부터 5일까지", "28일에서 3일 사이": the last day of a range, read from the first.
KO_RANGE_FROM = re.compile(r"일\s?(?:부터|에서)\s?$")


def _day_after(first: date, day: int) -> date | None:
    """The last day of a range: in the month of the first day, or the next month when it is
    smaller ("오는 28일부터 3일까지"). So after 오는 it is upcoming as the first day is."""
    if not 1 <= day <= 31:
        return None
    year, month = (first.year, first.month) if day >= first.day else _shift_month(first, 1)
    return _safe_date(year, month, day)


def _days_counted(text: str, start: int, end: int) -> bool:
    """ "7일 전에" counts days from an event; "오는 7일 전에" is before the 7th."""
    return bool(KO_DAYS_AROUND_RE.match(text, end)) and not KO_DATED_DAY_BEFORE.search(
        text, max(0, start - 6), start
    )


def _day_in_context(day: int, ref: date, text: str = "", start: int = 0) -> date | None:
    """A bare day of the month ("8일") is in the article's month, or the month before. After
    오는 (upcoming) in ``text`` before ``start`` it is on or after the article date, in the
    next month when the day has passed; after 지난 (past) on or before it."""
    if not 1 <= day <= 31:
        return None
    when = KO_DAY_WHEN.search(text, max(0, start - 3), start) if start else None
    if when and when[1] == "오는":
        months = 0 if day >= ref.day else 1
    elif when:
        months = 0 if day <= ref.day else -1
    else:
        months = 0 if day <= ref.day + 1 else -1
    year, month = _shift_month(ref, months)
    return _safe_date(year, month, day)


def _ko_times(text: str) -> Iterator[Candidate]:
    for m in KO_TIME.finditer(text):
        hour = int(m[2])
        if hour > 24:
            continue
        if m[1] in ("오후", "밤", "저녁") and hour < 12:
            hour += 12
        minute = 30 if m[0].rstrip().endswith("반") else int(m[3] or 0)
        if minute >= 60:
            continue
        start = m.start(1) if m[1] else m.start(2)
        yield Candidate(start, m.end(), f"{hour:02d}:{minute:02d}", "", "time")


KO_AMOUNT = re.compile(
    rf"(?P<num>{KO_NUMBER})\s*(?:(?P<range>[~∼])\s*(?P<num2>{KO_NUMBER})\s*)?"
    r"(?P<approx>여\s*)?(?P<unit>"
    + "|".join(
        re.escape(u)
        for u in sorted([*KO_PERCENT, *KO_CURRENCIES, *KO_COUNTERS], key=len, reverse=True)
    )
    + r")(?![A-Za-z])"
)
# What may follow a counter in the same word: a particle or a suffix ("한 명이다", "두 달간").
KO_AFTER_PARTICLE = (
    "이|가|을|를|은|는|의|에|과|와|도|만|꼴|쯤|씩|로|으로|나|당|간|치|째|여|부터|까지|"
    "인|께|마저|마다|밖에|짜리|때|뿐"
)
KO_AFTER_COUNTER = rf"(?:(?![가-힣])|(?=(?:{KO_AFTER_PARTICLE})))"
KO_NATIVE_COUNTERS = "가지|번째|차례|명|개국|개|곳|번|배|살|시간|달|해|마리|척|채|건|표|구|점"
# Counters that read as a count only after a space and a numeral other than 첫 ("한편" is
# "meanwhile", "석방" a release, "첫 경기" the opening game).
KO_NATIVE_SPACED = (
    "개비|사람|쌍|갑|병|잔|장|폭|골|방|줄|종류|갈래|가족|모녀|부자|형제|자매|자녀|아들|딸|시즌|"
    "벌|켤레|그루|송이|끼|바퀴|군데|경기|세트|이닝|라운드|회|나라|국가|팀"
)  # not 권: "한 권 변호사" (a surname)
KO_NATIVE_RE = re.compile(
    r"(?<![가-힣])(?:(?P<num>"
    + "|".join(sorted(KO_NATIVE, key=len, reverse=True))
    + rf")(?:\s?(?P<unit>{KO_NATIVE_COUNTERS})|\s(?P<vehicle>대))"
    + r"|(?P<num2>"
    + "|".join(sorted(set(KO_NATIVE) - {"첫"}, key=len, reverse=True))
    + rf")\s(?P<unit2>{KO_NATIVE_SPACED}))"
    + KO_AFTER_COUNTER
)
# "두 회사", "세 학자": a native numeral before any noun counts it (not 한, 열, 첫: "한
# 결과" is "the result of doing", "열 계획" is "plan to open").
KO_NATIVE_NOUN = re.compile(
    r"(?<![가-힣])(?P<num>두|세|네|다섯|여섯|일곱|여덟|아홉|스무|서른|마흔|쉰)\s(?P<noun>[가-힣]{1,4})"
)
KO_NOUN_PARTICLE = re.compile(r"(?:은|는|을|를|에게|에서|와|과|도|로|으로)$")
# Only after two syllables: 아이, 국가, 혐의, 회의 end in them.
KO_NOUN_PARTICLE_LONG = re.compile(r"(?:이|가|인|의|에)$")
# "첫째", "둘째": ordinals.
KO_NATIVE_ORDINAL = re.compile(r"(?<![가-힣])(?P<num>첫|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열)째")
# A number after one of these in Korean text belongs to a name, not a measure.
KO_PARTICLES = "인의이에로가를은는으와과도만까부였이다며을씩짜때배당쯤께마밖나"
UNIT_STOP_AFTER = {
    "분": re.compile(r"^분(?:기|의)"),
    # "CES 2025 개막": 개 opening a word is no counter
    "개": re.compile(
        r"^개(?:막|최|발|선|인|편|정|설|혁|장|방|시|입|통|념|성|별|요|표|회|업|봉|원)"
    ),
    "세": re.compile(rf"^세[^{KO_PARTICLES}\s\W\d]"),
    "살": re.compile(rf"^살[^{KO_PARTICLES}\s\W\d]"),
    "주": re.compile(rf"^주[^{KO_PARTICLES}\s\W\d]"),
    "등": re.compile(rf"^등[^{KO_PARTICLES}\s\W\d]"),
    "대": re.compile(r"^대강"),  # "4대강" is a name; other words after 대 in _ko_dae
    "차": re.compile(rf"^차[^{KO_PARTICLES}\s\W\d]"),
    "보": re.compile(rf"^보[^{KO_PARTICLES}\s\W\d]"),
    "년": re.compile(rf"^년(?:생|(?!{KO_EVEN_YEARS})도)"),
    "인": re.compile(rf"^인[^{KO_PARTICLES}\s\W\d]"),
    "급": re.compile(rf"^급[^{KO_PARTICLES}\s\W\d]"),
    "기": re.compile(rf"^기[^{KO_PARTICLES}\s\W\d]"),
    "점": re.compile(rf"^점[^{KO_PARTICLES}\s\W\d]"),
    "구": re.compile(rf"^구[^{KO_PARTICLES}\s\W\d]"),
    "단": re.compile(rf"^단[^{KO_PARTICLES}\s\W\d]"),
    "층": re.compile(rf"^층[^{KO_PARTICLES}\s\W\d]"),
}


def _ko_amounts(text: str) -> Iterator[Candidate]:
    for m in KO_AMOUNT.finditer(text):
        unit = m["unit"]
        stop = UNIT_STOP_AFTER.get(unit)
        if stop and stop.search(text[m.start("unit") :]):
            continue
        if unit in TIGHT_UNITS and not _tight(m, text):
            continue
        kind, unit_name = _ko_unit(unit)
        if unit == "대":
            found = _ko_dae(m, text)
            if found is None:
                continue
            kind, unit_name = found
        approx = bool(m["approx"]) or "여" in m["num"]
        first = Candidate(m.start(), m.end(), "", unit_name, kind, approx)
        if m["range"]:
            low = Candidate(m.start("num"), m.end("num"), "", unit_name, kind, approx)
            low.value = _ko_value(m["num"], m["num2"])
            yield low
            first = Candidate(m.start("num2"), m.end(), "", unit_name, kind, approx)
            first.value = format_decimal(parse_korean_number(m["num2"]))
        else:
            first.value = format_decimal(parse_korean_number(m["num"]))
        if _ko_special(first, unit, text):
            yield first
    yield from _ko_natives(text)


def _ko_dae(m: re.Match[str], text: str) -> tuple[str, str] | None:
    """ "대" after a number: an age group (20대), machines or vehicles (차량 2대가), a term
    of office (16대 국회, 3대 대통령) or a counted named set (이슬람 5대 루머, 3대쇼)."""
    after = text[m.end() : m.end() + 2]
    if re.fullmatch(r"[1-9]0", m["num"]) and not m["num2"]:
        return ("age", "years")
    if m["num2"] and re.fullmatch(r"[1-9]0", m["num2"]):
        return ("age", "years")
    if re.match(r"\s?\d", after):
        return None  # "0대 1로": a score
    if re.match(KO_DAE_UNITS_AFTER, text[m.end() :]):
        return ("count", "units")
    if re.match(KO_AFTER_COUNTER, after) and not re.match(r"\s[가-힣]", after):
        if not re.match(r"[가-힣]", after):
            return ("count", "units")
        if re.match(r"[이가을를은는의에와과도로등]", after):
            return ("count", "units")
    number = m["num2"] or m["num"]
    if not re.match(r"\s?[가-힣]", after):
        return None
    if KO_DAE_RANK.match(text, m.end()):
        return ("rank", "rank")  # "2대 주주": the second-largest shareholder
    spaced = after.startswith(" ")
    if KO_DAE_TERM.match(text, m.end()) or (spaced and len(number) == 2 and int(number) > 10):
        return ("rank", "term")
    if re.fullmatch(r"[1-9]", number) and not m["num2"]:
        return ("count", "")  # "5대 루머": the five major rumours
    return None


KO_DAE_UNITS_AFTER = r"\s(?:등|씩|가량|이상|정도|안팎|모두|중\s|가운데|뿐)"
KO_DAE_RANK = re.compile(r"\s?주주")
KO_DAE_TERM = re.compile(
    r"\s?(?:대통령|대선|총선|국회|의원|회장|위원장|총장|의장|교황|국왕|황제|총재|지사|시장|"
    r"구청장|군수|사장|원장|이사장|감독|주교|장관|총리|교육감|달라이)"
)


# Machines counted with 기 ("원전 4기", "미사일 2기"); other numbers before 기 are
# generations or cohorts ("1기 신도시", "7기 졸업생").
KO_MACHINES_BEFORE = re.compile(
    r"원전|원자로|발전소|발전기|미사일|전투기|항공기|헬기|발사대|포대|터빈|위성"
)


def _ko_special(c: Candidate, unit: str, text: str) -> bool:
    """Counters whose reading depends on the value or on what follows; False drops it."""
    value = Decimal(c.value or "0")
    after = text[c.end : c.end + 8]
    if unit == "일":  # "300일", "4일뿐": a duration; "8일" is a day of the month
        return value > 31 or bool(re.match(r"뿐|밖에|짜리|씩", after))
    if unit == "선" and value > 9:
        return False
    if unit == "자" and value < 10:
        c.unit = "parties"  # "3자 회담"; "1천200자" counts characters
    elif unit == "기" and KO_MACHINES_BEFORE.search(text, max(0, c.start - 12), c.start):
        c.kind, c.unit = "count", "units"  # "화력발전소를 7기나": seven plants
    elif unit == "할":
        c.value = format_decimal(value / 10)
    elif unit == "학년도":
        if not re.fullmatch(r"(?:19|20)\d\d", c.value):
            return False
        c.unit = ""
    elif unit == "사" and re.match(r"\s?(?:\d(?:,\s?\d)?루|만루)", after):
        c.unit = "outs"
    elif unit == "호" and (value >= 1000 or re.search(r"[조억만천]", text[c.start : c.end])):
        c.kind, c.unit = "count", "households"  # "3만 5천호": housing units; "64호" a number
    elif unit == "분기" and re.match(r"\s?연속", after):
        c.kind, c.unit = "duration", "quarters"
    return True


def _ko_natives(text: str) -> Iterator[Candidate]:
    counted = set()
    for m in KO_NATIVE_RE.finditer(text):
        counted.add(m.start())
        unit = m["unit"] or m["vehicle"] or m["unit2"]
        kind, unit_name = KO_NATIVE_UNITS.get(unit) or _native_unit(unit)
        if m["num"] == "첫":
            kind, unit_name = "rank", "rank"
        value = str(KO_NATIVE[m["num"] or m["num2"]])
        yield Candidate(m.start(), m.end(), value, unit_name, kind)
    for m in KO_NATIVE_NOUN.finditer(text):
        noun = m["noun"]
        if m.start() in counted:
            continue  # read above with its counter
        counter = re.match(r"가지|번째|차례|명|개국|시간|마리", noun)
        if counter:  # "세 명입니다", "두 가지죠": the counter ends in a verb ending
            kind, unit_name = _native_unit(counter.group(0))
            end = m.start("noun") + counter.end()
            yield Candidate(m.start(), end, str(KO_NATIVE[m["num"]]), unit_name, kind)
            continue
        if re.match(f"(?:{KO_NATIVE_COUNTERS}|{KO_NATIVE_SPACED}|대){KO_AFTER_COUNTER}", noun):
            continue  # a counter: read above
        if re.match(r"(?:부담|수입|수|율|금|제|멋대로|마음|말)", noun):
            continue  # "세 부담" is a tax burden, "네 멋대로" is "your way"
        stripped = KO_NOUN_PARTICLE.sub("", noun) or noun
        if len(stripped) > 2:
            stripped = KO_NOUN_PARTICLE_LONG.sub("", stripped)
        end = m.start("noun") + len(stripped)
        yield Candidate(m.start(), end, str(KO_NATIVE[m["num"]]), "", "count")
    for m in KO_NATIVE_ORDINAL.finditer(text):
        rank = 1 if m["num"] == "첫" else KO_NATIVE.get(m["num"], 0)
        yield Candidate(m.start(), m.end(), str(rank), "rank", "rank")


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


def _native_unit(unit: str) -> tuple[str, str]:
    if unit in KO_NATIVE_NAMES:
        return "count", KO_NATIVE_NAMES[unit]
    return _ko_unit(unit)


# Counters that only follow native numerals ("두 달", "세 해", "다섯 대").
KO_NATIVE_UNITS = {
    "달": ("duration", "months"),
    "해": ("duration", "years"),
    "대": ("count", "vehicles"),
}


TIGHT_UNITS = {"세", "살", "주", "등", "도", "m", "t", "초", "대", "차", "보", "인", "급", "기"}
TIGHT_UNITS |= {"점", "층", "구", "단"}
# One-syllable counters added for news (sports, media, courts): tight, and never followed
# by more of a word ("2심사", "3발사", "7화재" are not counts).
NEWS_TIGHT = {
    *("장", "편", "강", "골", "승", "패", "무", "타", "루", "사", "심", "호", "일", "발", "화"),
    *("종", "국", "자", "부", "면", "쪽", "병", "잔", "갑", "칸", "량", "실", "통", "집", "동"),
    *("롤", "범", "박", "막", "할", "촌", "권", "쌍", "g", "l", "선", "방", "성", "반"),
}
TIGHT_UNITS |= NEWS_TIGHT
for _unit in NEWS_TIGHT:
    UNIT_STOP_AFTER.setdefault(
        _unit, re.compile(rf"^{re.escape(_unit)}(?=[가-힣])(?!{KO_AFTER_PARTICLE})")
    )
# "박씨(32)": Korean news gives a person's age in brackets after the name.
# Also "(본명 박재상·35)", "(22·이지은)", "A(10)군".
KO_BRACKET_AGE = re.compile(
    r"(?<=[가-힣A-Z])\((?:[^()\d]{1,12}[·,.\s-]\s?)?(?P<num>\d{1,3})(?:[·,.]\s?[^()\d]{1,16})?\)"
)
# "40억", "100조 이상": an amount with a scale word but no unit.
KO_BARE_SCALE = re.compile(
    rf"(?<![\d.,])(?:{DIGITS})(?:\s?(?:{DIGITS})?[조억만천]+)+(?![가-힣]*원)"
)


# "출산율은 1.22로", "0.84에서": a decimal before a particle is a plain number. Not dates
# naming past events ("제주 4.3은", "5.18을"), nor versions ("버전 2.1로", "웹 2.0은").
KO_BARE_DECIMAL = re.compile(
    r"(?<![\w.,'‘’\-])(?<!버전\s)(?<![A-Za-z]\s)(?P<num>\d{1,3}\.\d+)(?![\d.,])"
    r"(?=로|으로|에서|에|까지|부터|보다|를|을|이|가|은|는|의|와|과|였|이었|이다|이며|이고)"
)
KO_EVENT_DATES = {"2.28", "3.1", "3.15", "4.3", "4.16", "4.19", "5.16", "5.18", "6.10", "6.15"}
KO_EVENT_DATES |= {"6.25", "6.29", "7.4", "8.15", "9.11", "9.19", "10.4", "10.26", "12.12"}

# "성장률 4.3으로", "지수가 6.25에서": after a rate, an index or a score the decimal is that
# quantity, though it reads like an event's date.
KO_QUANTITY_BEFORE = re.compile(
    r"(?:[률율]|지수|점수|배율|수치|평점|평균|지표|금리)(?:은|는|이|가|을|를|도)?\s?$"
)


def _ko_bare(text: str) -> Iterator[Candidate]:
    for m in KO_BRACKET_AGE.finditer(text):
        yield Candidate(m.start("num"), m.end("num"), m["num"], "years", "age")
    for m in KO_BARE_SCALE.finditer(text):
        if not re.search(r"[조억만]", m.group(0)):
            continue
        value = format_decimal(parse_korean_number(m.group(0)))
        yield Candidate(m.start(), m.end(), value, "", "count")
    for m in KO_BARE_DECIMAL.finditer(text) if "." in text else ():
        number = m["num"]
        measured = KO_QUANTITY_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if (number not in KO_EVENT_DATES or measured) and not number.endswith(".0"):
            yield Candidate(m.start(), m.end(), format_decimal(to_decimal(number)), "", "count")


# Scores: "2-3으로", "0대 1로", "1 대 0 승리", "63 대 36": one count per side.
# A tally spelt out with spaces ("63 대 36 득표율") needs no word after it.
KO_SCORE = re.compile(
    r"(?<![\d.,:\-–])(?P<a>\d{1,3})(?:\s?(?:[-–]|\s?대\s?)(?P<b>\d{1,3})(?![\d.,:\-–%])"
    r"(?=\s?(?:으로|로|의|\)|(?:역전)?(?:승리|패배|완승|완패|승|패)|무승부|동점|리드|앞선|뒤진))"
    r"|\s대\s(?P<b2>\d{1,3})(?![\d.,:\-–%])(?=\s|[,.)]|$))"
)
# "1,2루": two bases; "(파5)": a hole's par; "1심", "2심" in KO_COUNTERS.
KO_BASES = re.compile(r"(?<![\d,])(?P<a>[1-3]),\s?(?P<b>[2-3])루")
KO_PAR = re.compile(r"(?<![가-힣A-Za-z])파\s?(?P<num>[3-6]|7[0-3])(?!\d)")
# "제24회", "제1위원장", "제 2의 소니": an ordinal.
KO_ORDINAL = re.compile(
    r"제\s?(?P<num>\d{1,4})(?P<unit>차|회|호|대|조|항|기|강|주|권|편|부)?(?![\d.]|,\d)"
    r"(?:,\s?(?P<num2>\d{1,2})(?![\d.,]))?"  # "제1, 2 연평해전": the first and the second
)
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
# "A(16·고1)양", "고3 학생": a school year.
KO_SCHOOL_YEAR = re.compile(
    r"(?:(?<=[(·\s'\"‘“])|^)(?:고|중)(?P<num>[1-3])(?=[)\s양군,]|(?:이|은|는|의|들|생)(?![가-힣]))"
)
# "톱10", "탑2", "베스트11": the top N.
KO_TOP = re.compile(r"(?<![가-힣])(?:톱|탑|베스트)\s?(?P<num>\d{1,3})(?!\d)")
# A measure named before its number: "승점 4", "골득실 -1", "타율 0.338", "규모 8.2".
KO_LABELLED = re.compile(
    r"(?P<label>승점|골득실|득실차|타율|방어율|평균자책점|평균자책|규모)(?:을|은|이|는)?\s?\(?"
    r"(?P<num>[-−]?\d{1,3}(?:\.\d+)?)(?!\d|[.,]\d)(?!\s?[조억만천%])"
    r"(?=\s|[)·,.]|으로|로|을|를|의|에|이|가|은|는|$)"
    r"(?:에서\s?(?P<num2>\d{1,3}(?:\.\d+)?)(?=으로|로))?"
)
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
# "5분의 3": three fifths.
KO_FRACTION = re.compile(r"(?<![\d.])(?P<b>\d{1,3})\s?분의\s?(?P<a>\d{1,3})(?![\d.])")
# "전 정부의 1/4이다", "평균의 1/3 수준": a proper fraction of a small denominator before a
# particle or 수준. Larger denominators (5/12) are dates more often than fractions.
KO_SLASH_FRACTION = re.compile(
    r"(?<![\d./])(?<!\d\s)(?P<a>[1-9])/(?P<b>[2-9]|10)"
    r"(?=\s?(?:이|가|을|를|의|로|에|만|수준|밖에|\s|$))"
)
# "최모 (41)씨": an age in brackets after a space.
KO_SPACED_AGE = re.compile(r"(?<=[가-힣]\s)\((?P<num>\d{1,2})\)(?=\s?(?:씨|군|양))")
# "1년6월" (a sentence; "6월" alone would read as June), "1박2일": a duration in two parts.
KO_YEARS_MONTHS = re.compile(r"(?<!\d)(?P<y>\d{1,2})년\s?(?P<m>\d{1,2})월(?!\s?\d)")
KO_NIGHTS_DAYS = re.compile(r"(?<!\d)(?P<n>\d{1,2})박\s?(?P<d>\d{1,2})일(?:간)?")
# "7일전에", "3일 뒤" (KO_DAYS_AROUND); "주 4일제", "주5일 근무": days a week.
KO_DAYS_COUNTED = re.compile(
    rf"(?<![\d.,~∼])(?P<num>\d{{1,3}})\s?일(?={KO_DAYS_AROUND})"
    rf"|{PER_WEEK}\s?(?P<week>[1-7])\s?일"
)
# "일주일", "일년": a week, a year.
KO_SINO_ONE = re.compile(r"(?<![가-힣])일(?P<unit>주일|년)(?:간)?")


def _ko_news(text: str) -> Iterator[Candidate]:
    """Sports scores, bases and pars, ordinals, labelled measures, fractions, two-part
    durations: shapes of KLUE-NER news with no counter after the number."""
    for m in KO_SCORE.finditer(text) if "-" in text or "–" in text or "대" in text else ():
        for side in ("a", "b" if m["b"] else "b2"):
            yield Candidate(m.start(side), m.end(side), str(int(m[side])), "score", "count")
    for m in KO_BASES.finditer(text) if "루" in text else ():
        yield Candidate(m.start("a"), m.end("a"), m["a"], "base", "rank")
        yield Candidate(m.start("b"), m.end(), m["b"], "base", "rank")
    for m in KO_PAR.finditer(text) if "파" in text else ():
        yield Candidate(m.start(), m.end(), m["num"], "par", "quantity")
    for m in KO_ORDINAL.finditer(text) if "제" in text else ():
        unit = KO_ORDINAL_UNITS.get(m["unit"] or "", "rank")
        end = m.end("unit") if m["unit"] else m.end("num")
        yield Candidate(m.start(), end, str(int(m["num"])), unit, "rank")
        if m["num2"]:
            yield Candidate(m.start("num2"), m.end("num2"), str(int(m["num2"])), unit, "rank")
    for m in KO_SCHOOL_YEAR.finditer(text) if "고" in text or "중" in text else ():
        yield Candidate(m.start(), m.end(), m["num"], "school_year", "rank")
    for m in KO_TOP.finditer(text) if "톱" in text or "탑" in text or "베스트" in text else ():
        yield Candidate(m.start(), m.end(), str(int(m["num"])), "top", "rank")
    for m in KO_LABELLED.finditer(text) if any(label in text for label in KO_LABEL_UNITS) else ():
        unit = KO_LABEL_UNITS[m["label"]]
        number = format_decimal(to_decimal(m["num"].replace("−", "-")))
        # "타율(0.262)": the figure starts at the number after a bracket.
        start = m.start("num") if "(" in text[m.start() : m.start("num")] else m.start()
        yield Candidate(start, m.end("num"), number, unit, "quantity")
        if m["num2"]:
            number = format_decimal(to_decimal(m["num2"]))
            yield Candidate(m.start("num2"), m.end("num2"), number, unit, "quantity")
    for m in KO_FRACTION.finditer(text) if "분의" in text else ():
        if int(m["b"]):
            value = format_decimal(Decimal(m["a"]) / Decimal(m["b"]))
            yield Candidate(m.start(), m.end(), value, "fraction", "ratio")
    for m in KO_SLASH_FRACTION.finditer(text) if "/" in text else ():
        if int(m["a"]) < int(m["b"]):
            value = format_decimal(Decimal(m["a"]) / Decimal(m["b"]))
            yield Candidate(m.start(), m.end(), value, "fraction", "ratio")
    for m in KO_SPACED_AGE.finditer(text) if "(" in text else ():
        yield Candidate(m.start("num"), m.end("num"), m["num"], "years", "age")
    for m in KO_YEARS_MONTHS.finditer(text) if "년" in text else ():
        months = int(m["y"]) * 12 + int(m["m"])
        yield Candidate(m.start(), m.end(), str(months), "months", "duration")
    for m in KO_NIGHTS_DAYS.finditer(text) if "박" in text else ():
        yield Candidate(m.start("n"), m.end("n") + 1, m["n"], "nights", "duration")
        yield Candidate(m.start("d"), m.end(), m["d"], "days", "duration")
    for m in KO_DAYS_COUNTED.finditer(text) if "일" in text else ():
        if m["num"] and not _days_counted(text, m.start(), m.end()):
            continue
        group = "num" if m["num"] else "week"
        yield Candidate(m.start(group), m.end(), m[group], "days", "duration")
    for m in KO_SINO_ONE.finditer(text) if "일주일" in text or "일년" in text else ():
        unit = "weeks" if m["unit"] == "주일" else "years"
        yield Candidate(m.start(), m.end(), "1", unit, "duration")


def _tight(m: re.Match[str], text: str) -> bool:
    """Single-syllable counters count only right after the number (66세, not '66 세계')."""
    between = text[m.end("num") if not m["num2"] else m.end("num2") : m.start("unit")]
    return between in ("", "여", "여 ")


def _ko_value(low: str, high: str) -> str:
    """The low end of a range borrows the scale of the high end: 3~4조 -> 3조."""
    value = parse_korean_number(low)
    if not re.search(r"[조억만천]", low):
        scale = re.search(r"[조억만천]", high)
        if scale:
            value = parse_korean_number(low + scale.group(0))
    return format_decimal(value)


def _ko_unit(unit: str) -> tuple[str, str]:
    if unit in KO_PERCENT:
        kind = KO_PERCENT[unit]
        return kind, "percent" if kind == "percent" else "percentage_points"
    if unit in KO_CURRENCIES:
        return "money", KO_CURRENCIES[unit]
    return KO_COUNTERS[unit]


# ---------------------------------------------------------------- English

EN_NUMBER_WORD = "|".join(sorted(EN_UNITS, key=len, reverse=True))
EN_NUM = rf"(?:{MIXED_FRACTION}|{DIGITS}|(?:{EN_NUMBER_WORD})(?:[-\s](?:{EN_NUMBER_WORD}))?)"
# Korean particles follow scale words directly ("$2.1 billion을"): end at any non-Latin letter.
EN_SCALE = (
    r"(?:\s?(?:hundred|thousand|lakh|million|crore|billion|trillion|bn|mn)(?![A-Za-z])"
    r"|(?<=\d)(?:m|bn|b|k)(?![A-Za-z]))"
)
EN_MONTH_NAMES = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
# Naira written N ("N70 million") only with a scale word: "N95" is a mask.
EN_MONEY = re.compile(
    r"(?P<sign>US\$|\$|€|£|¥|₩|₹|₦|\b(?-i:Rs)\.?\s?|\b(?-i:KSh|Ksh)\s?"
    r"|\b(?-i:N)(?=\d[\d,.]*\s?(?:million|billion|trillion|bn)\b)"
    r"|\b(?:USD|EUR|GBP|JPY|KRW|CNY|INR|NGN|KES)\s?)"
    rf"(?P<num>{DIGITS})(?P<scale>{EN_SCALE})?"
    rf"|\b(?P<num2>{EN_NUM})(?P<scale2>{EN_SCALE})?\s(?P<word>dollars?|euros?|pounds|yen|won|yuan|rupees?)\b",
    re.I,
)
# Text without one of these holds no English money figure (a cheap test on Korean text).
EN_MONEY_HINT = re.compile(
    r"[$€£¥₩₹₦]|USD|EUR|GBP|JPY|KRW|CNY|INR|NGN|KES|Rs|KSh|N\d|dollar|euro|pound|yen|won|yuan|rupee",
    re.I,
)
EN_PERCENT = re.compile(
    rf"\b(?P<num>{EN_NUM})\s?(?P<unit>%|percent\b|per cent\b|percentage points?\b|points?\b)",
    re.I,
)
EN_RATIO = re.compile(rf"\b(?P<num>{EN_NUM})\s(?:times)\b|\b(?P<twice>twice|double|triple)\b", re.I)
EN_FRACTION = re.compile(
    r"\b(?P<frac>"
    + "|".join(re.escape(f) for f in sorted(EN_FRACTIONS, key=len, reverse=True))
    + r")(?=\s+(?:of|the|a|an)\b)"
    + rf"|\b(?P<a>{EN_NUMBER_WORD}|\d+)\s+(?:in|out of)\s+(?P<b>{EN_NUMBER_WORD}|\d+)\b",
    re.I,
)
EN_AGE = re.compile(rf"\b(?P<num>{EN_NUM})[-\s]years?[-\s]old\b|\baged\s(?P<num2>{EN_NUM})\b", re.I)
EN_DURATION = re.compile(
    rf"\b(?P<num>{EN_NUM})(?P<scale>{EN_SCALE})?[-\s](?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?![-\s]old)",
    re.I,
)
# "Stage 4 cancer": a rank. "a 500-pound gorilla", "a 6.3-magnitude quake": a measure (a
# spaced "500 pounds" is money, above).
EN_STAGE = re.compile(r"\bstage\s(?P<num>[0-4])\b(?![.,]\d)", re.I)
EN_MEASURES = {
    "pound": "lb", "ton": "t", "tonne": "t", "mile": "miles", "foot": "ft", "kilogram": "kg",
    "kilometer": "km", "kilometre": "km", "meter": "m", "metre": "m", "inch": "inches",
    "acre": "acres", "magnitude": "magnitude",
}  # fmt: skip
EN_MEASURE = re.compile(rf"\b(?P<num>{DIGITS})-(?P<unit>{'|'.join(EN_MEASURES)})\b", re.I)
EN_ORDINAL = re.compile(
    r"\b(?P<word>" + "|".join(EN_ORDINALS) + r")\b|\b(?P<num>\d+)(?:st|nd|rd|th)\b", re.I
)
# A number glued to letters is part of a name (5800X, 3080Ti, i7-9750H, 5G), unless they are
# a scale or a unit the number measures (512GB, 230V, 70C, 15p, 30fps, 25x, 3440x1440, 1990s).
EN_GLUED_UNIT = (
    r"(?-i:[KMGT]B|[kKMG]?Hz|k?Wh?|kW|w|mAh|V|[CF]|p|dB|MP|ppi|fps|k?bps|kps|Mbps|Gbps|ms|s"
    r"|kms?|kgs?|mg|g|lbs?|oz|ft|cm|mm|ml|mL|L|l|mph|kph|yrs?|hrs?|mins?|h|x|am|pm|st|nd|rd|th)"
)
EN_COUNT = re.compile(
    rf"\b(?P<num>{EN_NUM})(?P<scale>{EN_SCALE})?(?!\.\d)"
    rf"(?={EN_GLUED_UNIT}?(?![A-Za-z\d])|x\d)"
    r"(?:\s(?P<noun>[a-z][a-z-]+))?",
    re.I,
)
EN_DATE = re.compile(
    rf"\b(?P<month>{EN_MONTH_NAMES})\.?\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<year>(?:19|20)\d{{2}}))?"
    # "18 February", and "18February" glued (a capital month only: not "5mar").
    rf"|\b(?P<day2>\d{{1,2}})(?:\s|(?=(?-i:[A-Z])))(?P<month2>{EN_MONTH_NAMES})\b"
    r"(?:\s(?P<year2>(?:19|20)\d{2}))?"
    rf"|\b(?P<month3>{EN_MONTH_NAMES})\s(?P<year3>(?:19|20)\d{{2}})\b",
    re.I,
)
EN_REL_DAY = re.compile(
    r"\b(?:(?P<which>last|next|this|on)\s)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?P<word>yesterday|today|tomorrow)\b",
    re.I,
)
EN_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d{2})\b(?!\s?(?:%|percent))")
# "the 1990s", "the 1920's", "the '80s": a decade, dated by its first year (unit "decade").
EN_DECADE = re.compile(r"\b(?P<year>1\d\d0|20\d0)['’]?s\b|(?<![\w'’‘])['’‘](?P<two>\d0)s\b")
# "in their 40s", "in his early 30s": an age, as Korean "40대" is.
EN_AGE_DECADE = re.compile(
    r"\b(?:their|his|her|my|your|our)\s(?:(?:early|mid|late)[-\s])?(?P<num>[1-9]0)['’]?s\b",
    re.I,
)
EN_TIME = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s?(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)", re.I)
# Words after a bare number that say it is not a quantity of anything.
EN_NOT_NOUNS = {
    "to",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "the",
    "a",
    "an",
    "is",
    "was",
    "were",
    "are",
    "as",
    "than",
    "after",
    "before",
}
EN_MONTHS_CAP = set(EN_MONTHS)


def _en_number(num: str, scale: str | None = None) -> Decimal | None:
    text = num.strip()
    if "/" in text or text[-1] in VULGAR_FRACTIONS:
        value = parse_mixed_fraction(text)
    else:
        value = to_decimal(text) if text[0].isdigit() else parse_english_words(text)
    if value is None:
        return None
    if scale:
        value *= EN_SCALES[scale.strip().lower()]
    return value


def _en_money(text: str) -> Iterator[Candidate]:
    for m in EN_MONEY.finditer(text):
        if m["num"]:
            value = _en_number(m["num"], m["scale"])
            currency = EN_CURRENCY_SIGNS.get(m["sign"].strip(), m["sign"].strip().upper())
        else:
            value = _en_number(m["num2"], m["scale2"])
            currency = EN_CURRENCY_WORDS[m["word"].lower()]
        if value is not None:
            yield Candidate(m.start(), m.end(), format_decimal(value), currency, "money")


def _en_simple(text: str) -> Iterator[Candidate]:
    for m in EN_PERCENT.finditer(text):
        value = _en_number(m["num"])
        unit = m["unit"].lower()
        if value is None:
            continue
        if unit.startswith("percentage"):
            yield Candidate(
                m.start(), m.end(), format_decimal(value), "percentage_points", "percentage_point"
            )
        elif unit.startswith("point"):
            yield Candidate(m.start(), m.end(), format_decimal(value), "points", "quantity")
        else:
            yield Candidate(m.start(), m.end(), format_decimal(value), "percent", "percent")
    for m in EN_RATIO.finditer(text):
        if m["twice"]:
            factor = {"twice": 2, "double": 2, "triple": 3}[m["twice"].lower()]
            yield Candidate(m.start(), m.end(), str(factor), "times", "ratio")
            continue
        value = _en_number(m["num"])
        if value is not None:
            yield Candidate(m.start(), m.end(), format_decimal(value), "times", "ratio")
    for m in EN_FRACTION.finditer(text):
        if m["frac"]:
            value = EN_FRACTIONS[m["frac"].lower()]
        else:
            a, b = _en_number(m["a"]), _en_number(m["b"])
            if not a or not b:
                continue
            value = a / b
        yield Candidate(m.start(), m.end(), format_decimal(value), "fraction", "ratio")
    for m in EN_AGE.finditer(text):
        value = _en_number(m["num"] or m["num2"])
        if value is not None:
            yield Candidate(m.start(), m.end(), format_decimal(value), "years", "age")
    for m in EN_AGE_DECADE.finditer(text) if "0s" in text or "0's" in text else ():
        yield Candidate(m.start("num"), m.end(), m["num"], "years", "age")
    for m in EN_DURATION.finditer(text):
        value = _en_number(m["num"], m["scale"])
        if value is not None:
            unit = EN_DURATIONS[m["unit"].lower().rstrip("s")]
            yield Candidate(m.start(), m.end(), format_decimal(value), unit, "duration")
    for m in EN_TIME.finditer(text):
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if hour > 12 or minute > 59:
            continue
        if m["ap"].lower().startswith("p") and hour < 12:
            hour += 12
        yield Candidate(m.start(), m.end(), f"{hour:02d}:{minute:02d}", "", "time")
    for m in EN_ORDINAL.finditer(text):
        rank = EN_ORDINALS[m["word"].lower()] if m["word"] else int(m["num"])
        yield Candidate(m.start(), m.end(), str(rank), "rank", "rank")


def _en_measures(text: str) -> Iterator[Candidate]:
    for m in EN_STAGE.finditer(text):
        yield Candidate(m.start(), m.end(), m["num"], "stage", "rank")
    for m in EN_MEASURE.finditer(text):
        number = format_decimal(to_decimal(m["num"]))
        yield Candidate(m.start(), m.end(), number, EN_MEASURES[m["unit"].lower()], "quantity")


def _en_dates(text: str, ref: date | None) -> Iterator[Candidate]:
    for m in EN_DATE.finditer(text):
        if m["month3"]:
            month = EN_MONTHS[m["month3"].lower()]
            yield Candidate(m.start(), m.end(), f"{int(m['year3']):04d}-{month:02d}", "", "date")
            continue
        month = EN_MONTHS[(m["month"] or m["month2"]).lower()]
        day = int(m["day"] or m["day2"])
        year_text = m["year"] or m["year2"]
        if year_text:
            year = int(year_text)
        elif ref is not None:
            year = ref.year
        else:
            continue
        found = _safe_date(year, month, day)
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")
    for m in EN_YEAR.finditer(text):
        yield Candidate(m.start(), m.end(), m["year"], "", "date")
    yield from _en_decades(text, ref)
    if ref is None:
        return
    for m in EN_REL_DAY.finditer(text):
        found = _en_relative_day(m, ref)
        if found:
            yield Candidate(m.start(), m.end(), found.isoformat(), "", "date")


def _en_decades(text: str, ref: date | None) -> Iterator[Candidate]:
    for m in EN_DECADE.finditer(text) if "0s" in text or "0's" in text or "0’s" in text else ():
        if m["year"]:
            yield Candidate(m.start(), m.end(), m["year"], "decade", "date")
            continue
        # "'80s" is in the century that puts it no later than the article's year; without
        # an article date only the 1930s to 1990s are plain ("'20s" may be either century).
        if ref is not None:
            year = _century(m["two"], ref.year)
        elif int(m["two"]) >= 30:
            year = "19" + m["two"]
        else:
            continue
        yield Candidate(m.start(), m.end(), year, "decade", "date")


def _en_relative_day(m: re.Match[str], ref: date) -> date | None:
    if m["word"]:
        return ref + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"].lower()])
    weekday = EN_WEEKDAYS[m["weekday"].lower()]
    which = (m["which"] or "").lower()
    if which == "next":
        return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    back = (ref.weekday() - weekday) % 7
    if which == "last" and back == 0:
        back = 7
    return ref - timedelta(days=back)


EN_PLURALS = {"people", "children", "staff", "police", "personnel", "cattle", "men", "women"}


def _plural(noun: str) -> bool:
    return noun in EN_PLURALS or (noun.endswith("s") and not noun.endswith("ss") and len(noun) > 2)


def _model_number(num: str, scale: str | None) -> bool:
    """ "Radeon Pro 5500M", "Core i9 9900K": four digits and more glued to a scale letter
    name a model; amounts write "5.5B", "$5,500M", "5,500 million"."""
    glued = scale is not None and scale == scale.strip()
    return glued and re.fullmatch(r"\d{4,}", num) is not None


# "4K TVs", "8K display": a display resolution names a kind of screen or video, no 4,000 of
# anything ("$4K", "4K runners" stay figures).
EN_RESOLUTION = re.compile(
    r"(?:[2458]|1[026])[Kk]\s(?:TVs?|televisions?|resolution|videos?|displays?|monitors?|"
    r"screens?|streaming|streams?|UHD|Ultra HD|HDR|content|footage|cameras?|projectors?)\b"
)


def _short_decade(text: str, start: int) -> bool:
    """ "the '20s": a decade (read in _en_decades when its century is known), no count."""
    return (
        text[start - 1 : start] in ("'", "’", "‘") and EN_DECADE.match(text, start - 1) is not None
    )


def _en_counts(text: str) -> Iterator[Candidate]:
    for m in EN_COUNT.finditer(text):
        num = m["num"]
        noun = (m["noun"] or "").lower()
        if noun in EN_NOT_NOUNS or noun in EN_MONTHS_CAP or not _plural(noun):
            noun = ""
        value = _en_number(num, m["scale"])
        if value is None or _model_number(num, m["scale"]) or _short_decade(text, m.start()):
            continue
        if m["scale"] in ("K", "k") and EN_RESOLUTION.match(text, m.start()):
            continue
        # A bare "one" is mostly a pronoun ("one of the"); "three" alone still counts.
        if not num[0].isdigit() and not noun and value < 2:
            continue
        end = m.end() if noun else (m.end("scale") if m["scale"] else m.end("num"))
        yield Candidate(m.start(), end, format_decimal(value), noun, "count")


# ---------------------------------------------------------------- selection

PRIORITY = {
    "money": 0,
    "percent": 0,
    "percentage_point": 0,
    "date": 1,
    "time": 1,
    "age": 2,
    "duration": 2,
    "ratio": 2,
    "rank": 3,
    "quantity": 3,
    "count": 4,
}


def _noise_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in NOISE.finditer(text)]


def _glued(text: str, start: int, language: str) -> bool:
    """A figure glued to the letters before it is part of a name (Qwen-7B, 코로나19)."""
    if start == 0:
        return False
    before = text[max(0, start - 6) : start]
    if re.search(r"[A-Za-z]$|[A-Za-z가-힣]-$", before) and not re.search(
        r"(US|[A-Z]{3}\s?|\b(?:[Mm]id|[Ee]arly|[Ll]ate)-)$", before
    ):
        return True
    if language == "ko" and re.search(r"[가-힣]$", before):
        return not KO_GLUE_OK.search(before)
    return False


NAME_STOPWORDS = {
    "In", "By", "Since", "Until", "From", "The", "To", "Of", "At", "On", "And", "About",
    "Nearly", "Some", "Over", "Under", "Around", "Almost", "Only", "Just", "All", "Than",
    "After", "Before", "For", "With", "A", "An", "Past",
    # Verbs that open fact-check headlines ("Says 1,000 veterans die", "Did 14 Generals Say").
    "Says", "Said", "Say", "Has", "Have", "Had", "Did", "Does", "Do", "Is", "Are", "Was", "Were",
}  # fmt: skip
EN_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}  # "Winter 2020 edition"
EN_COUNTED_AFTER = re.compile(
    r"\s(?:at a time|at once|apiece|each\b|per\s|a (?:day|week|month|year)\b)", re.I
)
# An acronym or a CamelCase brand before a model number ("RTX 3080", "iPhone 15").
EN_MODEL_BEFORE = re.compile(r"(?<![\w.])(?-i:[A-Z]{2,5}|[a-z]+[A-Z][A-Za-z]*)\s$")
EN_TITLE_CASE_VERB = re.compile(r"[A-Z][a-z]+ing")
# Names that end like a Title Case gerund ("Boeing 737", "Beijing 2022").
EN_ING_NAMES = {"Boeing", "Beijing", "Nanjing", "Peking", "Chongqing", "Kunming", "Wyoming"}
EN_ING_NAMES |= {"Reading", "Sterling", "Viking", "Darjeeling", "Harding", "Browning", "Building"}


# Products and events named with a number: the number and the noun after it are no count
# ("Windows 11 users", "Android 14 devices", "Beijing 2022 Games", "Agenda 2030 goals").
EN_NUMBERED_PRODUCTS = {"Windows", "Android", "Pixel", "Xbox", "Office", "Firefox", "Chrome"}
EN_NUMBERED_PRODUCTS |= {"Ubuntu", "Java", "Python", "Photoshop", "Excel", "Galaxy", "Kindle"}
# Host cities and plans take a year: "Tokyo 2020 organisers", not "in Tokyo 300 people".
EN_YEAR_NAMES = {"Beijing", "Tokyo", "Paris", "London", "Rio", "Sochi", "Athens", "Sydney"}
EN_YEAR_NAMES |= {"Vancouver", "Pyeongchang", "PyeongChang", "Qatar", "Euro", "Expo"}
EN_YEAR_NAMES |= {"Agenda", "Vision", "Milan", "Brisbane", "Birmingham", "Glasgow"}


def _named_before(before: str, value: str) -> bool:
    word = re.search(r"(?<![\w.])([A-Z][A-Za-z]+)\s$", before)
    if word is None:
        return False
    year = re.fullmatch(r"(?:19|20)\d\d", value) is not None
    return word[1] in EN_NUMBERED_PRODUCTS or (year and word[1] in EN_YEAR_NAMES)


def _name_number(text: str, c: Candidate) -> bool:
    """'CES 2025', 'Windows 11', 'iPhone 15': a bare number right after a capitalised name;
    after an acronym or a brand ('RTX 3080 costs more') even with a word after it."""
    before = text[max(0, c.start - 30) : c.start]
    if c.kind == "count" and _named_before(before, c.value):
        return True
    # A count whose lowercase noun ends its span (not "Campaign Rallies", not "5명").
    if c.kind == "count" and c.unit and text[c.end - len(c.unit) : c.end] == c.unit:
        return EN_MODEL_BEFORE.search(before) is not None
    if c.kind not in ("count", "date") or c.unit:
        return False
    word = re.search(r"([A-Z][A-Za-z]*[A-Z0-9]?[A-Za-z]*)\s$", before)
    if word is None:
        return False
    name = word.group(1)
    lowered = name.lower()
    if lowered in EN_MONTHS or lowered in EN_WEEKDAYS or lowered in EN_SEASONS:
        return False
    if EN_COUNTED_AFTER.match(text, c.end):
        return False  # "importing them to Idaho 300 at a time"
    if EN_TITLE_CASE_VERB.fullmatch(name) and name not in EN_ING_NAMES:
        # A Title Case headline's verb: "After Holding 4 Campaign Rallies" (not "Building 7 on").
        return not re.match(r"\s[A-Z][a-z]", text[c.end : c.end + 3])
    return name not in NAME_STOPWORDS


def _approximate(text: str, c: Candidate) -> bool:
    return c.approximate or bool(
        APPROX_BEFORE.search(text[max(0, c.start - 20) : c.start])
        or APPROX_AFTER.search(text[c.end : c.end + 8])
    )


def _select(text: str, candidates: list[Candidate], language: str) -> list[Candidate]:
    noise = _noise_spans(text)
    chosen: list[Candidate] = []
    ranked = sorted(candidates, key=lambda c: (PRIORITY[c.kind], -(c.end - c.start), c.start))
    for c in ranked:
        if not c.value or c.end <= c.start:
            continue
        if any(c.start < e and s < c.end for s, e in noise):
            continue
        if any(c.start < o.end and o.start < c.end for o in chosen):
            continue
        if _glued(text, c.start, language) or (language == "en" and _name_number(text, c)):
            continue
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _scanners(language: str) -> list[Callable[[str, date | None], Iterator[Candidate]]]:
    korean: list[Callable[[str, date | None], Iterator[Candidate]]] = [
        lambda t, r: _ko_dates(t, r),
        lambda t, r: _ko_times(t),
        lambda t, r: _ko_amounts(t),
        lambda t, r: _ko_bare(t),
        lambda t, r: _ko_news(t),
    ]
    english: list[Callable[[str, date | None], Iterator[Candidate]]] = [
        lambda t, r: _en_money(t),
        lambda t, r: _en_simple(t),
        lambda t, r: _en_measures(t),
        lambda t, r: _en_dates(t, r),
        lambda t, r: _en_counts(t),
    ]
    # Korean news quotes dollar amounts in English notation ($2.1 billion); other English
    # patterns on Korean text would read model names and bare numbers as figures.
    dollars = [lambda t, r: _en_money(t) if EN_MONEY_HINT.search(t) else iter(())]
    return [*korean, *dollars] if language == "ko" else english + korean


def extract_figures(
    text: str, *, language: str = "ko", reference_date: date | None = None, offset: int = 0
) -> list[Figure]:
    """The figures of a text, with offsets into the text (plus ``offset``)."""
    # Cheap exit for text with no digit, numeral word or relative-date word.
    if not re.search(r"\d|[한두세네다섯여섯일곱여덟아홉열첫달날제늘]|[a-zA-Z]", text):
        return []
    scanned = _masked(text)
    # Enough precision that a long run of digits is read exactly before it is judged.
    with localcontext(prec=MAX_DIGITS * 2):
        candidates = [c for scan in _scanners(language) for c in scan(scanned, reference_date)]
    return [
        Figure(
            text=text[c.start : c.end],
            value=c.value,
            unit=c.unit,
            kind=c.kind,
            start=c.start + offset,
            end=c.end + offset,
            approximate=_approximate(text, c),
        )
        for c in _select(scanned, candidates, language)
        if _plausible(c.value)
    ]


# No figure in the news runs to 25 digits; such a run is an identifier or noise.
MAX_DIGITS = 24
# Runs no word or figure makes: blanked (same length, so offsets hold) before the scanners,
# whose patterns would otherwise try every start inside them (quadratic time).
OVERLONG = re.compile(rf"[\d.,]{{{MAX_DIGITS * 2},}}|\S{{200,}}|\s{{50,}}")


def _masked(text: str) -> str:
    # NUL: no pattern repeats over it (a blank would feed their whitespace runs).
    return OVERLONG.sub(lambda m: "\x00" * len(m.group(0)), text)


def _plausible(value: str) -> bool:
    return len(value.split(".")[0].lstrip("-")) <= MAX_DIGITS
