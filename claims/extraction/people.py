"""People an article names and how to tell them apart: English and Korean names and titles
(``KO_PERSON_END``, ``EN_BODIES``), whether two credited speakers are one (``_same``), and
the person a sentence that credits no one opens with (``introduced_person``), for the
speakers' resolution (``claims.extraction.speakers``). Plain Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claims.extraction.attribution import (
    EN_LEAD_WORDS,
    EN_VERB,
    KO_LEAD,
    KO_PERSON_TITLE_END,
    QUOTED,
    _korean_name,
    ko_frame,
)

EN_ROLES = (
    "official|spokesman|spokeswoman|spokesperson|minister|president|mayor|governor|senator|"
    "professor|researcher|analyst|economist|executive|director|lawyer|attorney|prosecutor|judge|"
    "expert|doctor|scientist|officer|commissioner|chairman|chairwoman|secretary|ambassador|"
    "coach|ceo|chief|founder|lawmaker|congressman|congresswoman|leader|candidate|chancellor|"
    "premier|envoy|diplomat|general|manager|owner|researchers|officials|scientists|experts"
)

# Words that make an English source a body, not a person.
EN_BODIES = re.compile(
    r"\b(?:department|ministry|agency|bureau|center|centre|inc|corp|company|news|times|post|"
    r"reuters|bloomberg|ap|afp|xinhua|yonhap|police|council|commission|association|institute|"
    r"university|office|group|bank|court|committee|party|government|service|organi[sz]ation|"
    r"pentagon|white house|kremlin|report|survey|study|poll|data|officials|researchers|"
    r"scientists|experts|analysts|authorities|prosecutors|media|network|board|administration|"
    r"fund|foundation|union|league|club|team|army|navy|military|force|forces)\b",
    re.I,
)

# Titles that name a person ("김철수 OO전자 부회장", "조 씨", "이 교수").
KO_PERSON_END = re.compile(r"(?:씨|군|양|옹|" + KO_PERSON_TITLE_END.pattern.removeprefix("(?:"))
# Titles that are bound nouns after a name ("조 씨", "박 군").
KO_BOUND_TITLES = {"씨", "군", "양", "옹"}
# Adverbs before a name, no part of it ("이후 A 씨", "다행히 노 회장", "그간 오 시장").
KO_NAME_LEAD = {
    "이후", "이어", "결국", "다행히", "특히", "또한", "앞서", "한편", "다만", "또", "그간",
}  # fmt: skip
# Words that open no one's name ("한 중진 의원", "이 대표", "전 장관", "이번 대회 감독").
KO_NOT_NAME_START = {
    "전체", "우리나라", "국내", "해외", "세계",
    "한", "이", "그", "저", "해당", "같은", "전", "현", "각", "모든", "일부", "다른",
    "이번", "이날", "당시", "현재", "최근", "지난", "올해", "여러", "많은", "주요", "전직", "현직",
    "정부", "한국",
}  # fmt: skip

EN_PERSON_NAME = re.compile(r"\b(?-i:[A-Z][a-z]+(?:\s[A-Z]\.)?\s(?P<last>[A-Z][a-z'’-]+))\b")


# First words of a place's name, never a person's ("City Hall", "New York", "North Korea",
# "San Diego", "Downing Street", "Capitol Hill").
EN_PLACE_FIRST = frozenset(
    "city town county state capitol downing wall main times new north south east west san "
    "los las fort port lake mount saint".split()
)


def _people(texts: list[str]) -> set[str]:
    """The last names of the people an English article names ("Mary Steenburgen"), not the
    second word of a place ("City Hall", "New York")."""
    names = set()
    for text in texts:
        for m in EN_PERSON_NAME.finditer(text):
            whole = m.group(0)
            first = whole.split()[0].lower()
            if EN_BODIES.search(whole) or first in EN_LEAD_WORDS or first in EN_PLACE_FIRST:
                continue
            names.add(m["last"])
    return names


def _another_person(text: str, speaker: str, people: set[str]) -> bool:
    """Whether ``text`` names a person other than ``speaker`` (by last name)."""
    own = set(speaker.replace("’s", "").split())
    return any(name not in own and re.search(rf"\b{re.escape(name)}\b", text) for name in people)


EN_ROLE_WORDS = frozenset(EN_ROLES.split("|"))

# A Korean full name: a surname and one or two syllables ("이재명", "김상욱").
KO_SURNAME = (
    r"[김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채"
    r"원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예봉경사부]"
)
KO_FULL_NAME = re.compile(KO_SURNAME + r"[가-힣]{1,2}")
KO_PARTICLE_END = re.compile(r"(?:은|는|이|가|을|를|의|에|로|과|와|도|만|고|며|서)$")
# What follows a role named in a sentence ("후보가", "관계자는", "대표 측"): set aside to
# compare the role.
KO_ROLE_PARTICLE = re.compile(r"(?:은|는|이|가|을|를|의|에게|과|와|도|로서|측)$")


def _ko_named_before(words: list[str], at: int) -> str:
    """The full name and title ending at the role ``words[at]`` ("이재명 더불어민주당 대선
    후보는": "이재명 더불어민주당 대선 후보"), when a full name opens it within four words."""
    role = KO_ROLE_PARTICLE.sub("", words[at])
    for back in range(1, min(4, at) + 1):
        between = words[at - back + 1 : at]
        if any(
            KO_PARTICLE_END.search(w) or not re.fullmatch(r"[가-힣A-Za-z·]+", w) for w in between
        ):
            return ""
        if KO_FULL_NAME.fullmatch(words[at - back]):
            return " ".join([words[at - back], *between, role])
    return ""


def _same(a: str, b: str, language: str) -> bool:
    """Whether two credited speakers are one: the same words, or one's last name (or, in
    Korean, surname and title) in the other ("Tim Cook", "Cook"; "김철수 부회장", "김 부회장")."""
    if _source_words(a) == _source_words(b):
        return True
    if language == "ko":
        # "김재영 서울항공청장", "김 청장": the same surname, the one title ending the other
        words_a, words_b = a.split(), b.split()
        last_a, last_b = words_a[-1], words_b[-1]
        if a[:1] == b[:1] and (last_a.endswith(last_b) or last_b.endswith(last_a)):
            return True
        # "하지만 트럼프 대통령", "트럼프 대통령": one the other's last words
        shorter, longer = sorted((words_a, words_b), key=len)
        return len(shorter) > 1 and longer[-len(shorter) :] == shorter
    last_a, last_b = a.split()[-1].lower(), b.split()[-1].lower()
    return last_a == last_b or last_a in b.lower().split() or last_b in a.lower().split()


def _source_words(source: str) -> str:
    return re.sub(r"[\W_]+", "", re.sub(r"^(?:the|a|an)\s+", "", source.strip().lower()))


# People an article names without crediting them ---------------------------------------
#
# "Janet Yellen, the Treasury secretary, spoke on Tuesday.", "김철수 삼성전자 부회장은 5일
# 기자간담회를 열었다.": the person a sentence opens with, as its subject or topic, is who a
# "she said" or "그는 …고 말했다" that follows may mean.

# Titles before an English name that make it a person's ("Sen. Elizabeth Warren").
EN_TITLES = r"(?:Mr|Ms|Mrs|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof|Rev|Sgt|Capt|Adm|Amb|Pres)\."
EN_INTRO = re.compile(
    r"^(?:(?:On|In|At|Last|Earlier|Later|Meanwhile|Today|Yesterday)\b[^,]{0,40},\s+)?"
    # A title: "Dr.", or a role capitalised before the name ("Mayor Jane Roe").
    rf"(?P<title>(?:{EN_TITLES}|(?=[A-Z])(?i:{EN_ROLES})\b)\s+)?"
    r"(?P<name>(?-i:[A-Z][a-z'’-]+(?:\s(?:[A-Z]\.\s)?[A-Z][a-z'’-]+){0,2}))"
    r"(?:,\s+(?P<aside>(?:a|an|the)\s[^,;“”\"]{3,80}?|\d{1,3}),)?"
    r"\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b"
)
# The role before the name, in apposition: "The mayor, Jane Roe, spoke", "The city's
# longtime mayor, Jane Roe, …".
EN_INTRO_ROLE_FIRST = re.compile(
    rf"^(?:The|the|Its|Their|His|Her)\s(?:[\w'’-]+\s){{0,3}}?(?i:{EN_ROLES}),\s+"
    r"(?P<name>(?-i:[A-Z][a-z'’-]+(?:\s(?:[A-Z]\.\s)?[A-Z][a-z'’-]+){1,2})),"
    r"\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b"
)
# Roles that, capitalised before a single capitalised word, make it a person's surname
# ("President Roe", "Mayor Adams"); not "General" nor "Premier" ("General Motors",
# "Premier League").
EN_SURNAME_TITLES = {
    "president", "mayor", "governor", "senator", "minister", "chancellor", "secretary",
    "ambassador", "professor", "judge", "commissioner", "prosecutor", "congressman",
    "congresswoman",
}  # fmt: skip
# Words after a name that make it no sentence's subject ("Janet Yellen and ...").
EN_NOT_VERB = {
    "and", "or", "of", "in", "on", "at", "for", "to", "with", "from", "by", "the", "a", "an",
    "as", "than", "who", "which", "that", "whose", "de", "van", "von",
}  # fmt: skip
# Capitalised words that open a sentence, not a name ("While Buckley ...", "The Reddit").
EN_NOT_NAME = {
    "the", "a", "an", "while", "when", "as", "if", "since", "although", "though", "because",
    "once", "until", "unless", "whether", "where", "his", "her", "their", "its", "our", "my",
    "your", "this", "these", "those", "some", "many", "most", "all", "both", "every", "each",
    "no", "not", "so", "then", "now", "still", "yet", "even", "only", "just", "like", "unlike",
    "despite", "under", "over", "about", "into", "through", "among", "between", "without",
    "within", "against", "toward", "towards", "across", "around", "behind", "beyond", "near",
    "outside", "inside", "upon", "via", "per", "dear", "mr", "ms", "mrs", "dr", "what",
    "whatever", "whoever", "who", "why", "how", "would", "could", "should", "will", "can",
    "did", "does", "do", "is", "was", "are", "maybe", "perhaps", "summary", "here", "there",
}  # fmt: skip
EN_ROLE_ASIDE = re.compile(rf"\b(?:{EN_ROLES}|[a-z]+(?:man|woman|er|or|ist|ian|ant|ent))\b")


def introduced_person(
    text: str,
    language: str,
    body: str,
    people: Callable[[], set[str]],
    known: frozenset[str] | set[str] = frozenset(),
) -> str:
    """The person a sentence that credits no one opens with, as its subject or topic, when
    the text makes them a person and names no one else beside them: "Janet Yellen, the
    Treasury secretary, spoke" -> "Janet Yellen", "김철수 삼성전자 부회장은 …을 열었다" ->
    "김철수 삼성전자 부회장"; a last name alone ("Yellen spoke") when ``known`` holds it (the
    last names of the speakers named before); "" otherwise."""
    if language == "ko":
        return _ko_introduced(text)
    opening = QUOTED.sub(" ", text).strip()
    role_first = EN_INTRO_ROLE_FIRST.match(opening)
    found = role_first or EN_INTRO.match(opening)
    if not found or found["verb"] in EN_NOT_VERB or found["name"].endswith(("’s", "'s")):
        return ""
    name = found["name"]
    # The role in apposition ("The mayor, Jane Roe,") makes a person but stays out of the
    # name; a title before it ("Mayor Jane Roe") stays in it.
    title = "" if role_first else (found["title"] or "").strip()
    aside = "" if role_first else found["aside"] or ""
    last = name.split()[-1]
    surname_title = title.lower() in EN_SURNAME_TITLES  # "President Roe tied herself …"
    if " " not in name and name not in known and not surname_title:
        return ""
    person = bool(role_first or title) or aside.isdigit() or bool(EN_ROLE_ASIDE.search(aside))
    person = person or " " not in name
    # A person is named again by their last name alone ("Yellen said"), a place or a
    # company seldom by its second word.
    person = person or _named_alone(last, body.replace(name, " "))
    first = name.split()[0].lower()
    if not person or EN_BODIES.search(name) or first in EN_LEAD_WORDS or first in EN_NOT_NAME:
        return ""
    rest = QUOTED.sub(" ", text).replace(name, " ")
    if _another_person(rest, name, people()):
        return ""
    # A role capitalised before the name stays with it, as in a sentence's own attribution
    # ("Mayor Jane Roe"); an abbreviated title ("Dr.") does not.
    return f"{title} {name}" if title and not title.endswith(".") else name


def _ko_introduced(text: str) -> str:
    """The full name and title a Korean sentence opens with as its topic or subject
    ("김철수 삼성전자 부회장은"), when it names no other person."""
    words = KO_LEAD.sub("", ko_frame(text).strip()).split()
    for i, word in enumerate(words[:5]):
        if word.startswith("Q") or word.endswith(("고", "Q")):
            return ""
        name = _korean_name(words, i, subject=True)
        if name:
            return _ko_person(words, i, name.split())
    return ""


def _ko_person(words: list[str], at: int, parts: list[str]) -> str:
    """The person ``parts`` (the name ending at ``words[at]``) names, from their full name on
    ("법률사무소 로베리 김동훈 변호사": 김동훈 변호사), when it ends in a person's title and the
    rest of the sentence names no one else; "" otherwise."""
    first = at - len(parts) + 1
    previous = words[first - 1] if first else ""
    # "바이든 후보는", "박광온 민주당 대변인은": a name that ends like a verb's modifier
    if (len(parts) == 1 and _ko_plain_name(previous)) or (
        KO_FULL_NAME.fullmatch(previous)
        and not KO_PARTICLE_END.search(previous)
        and previous not in KO_NOT_NAME_START
        and len(parts) <= 3  # the name stopped before it, not at its four words
    ):
        parts = [previous, *parts]
    while parts and parts[0] in KO_NAME_LEAD:
        parts = parts[1:]
    full = next(
        (
            k
            for k, p in enumerate(parts[:-1])
            if KO_FULL_NAME.fullmatch(p) and p not in KO_NOT_NAME_START
        ),
        0,
    )
    parts = parts[full:]
    name = " ".join(parts)
    if len(parts) < 2 or parts[0] in KO_NOT_NAME_START or name.endswith("관계자"):
        return ""
    if not KO_PERSON_END.search(name):
        return ""
    if re.search(r".시장$", parts[-1]) and not KO_FULL_NAME.fullmatch(parts[0]):
        return ""  # "미국 주식시장": a market; "오세훈 서울시장" a mayor
    if parts[-1] in KO_BOUND_TITLES and not re.fullmatch(r"[가-힣]{1,4}|[A-Z]", parts[-2]):
        return ""  # "올겨울 날씨", "조선민주주의인민공화국 군": no one's 씨 or 군
    if len(parts[-1]) > 1 and parts[-1][-1] in KO_BOUND_TITLES:
        return ""
    rest = " ".join([*words[: at + 1 - len(parts)], "|", *words[at + 1 :]])
    return "" if _ko_another_person(rest, name) else name  # "최성순 씨의 아들 최현서 군은"


def _ko_people(text: str) -> list[str]:
    """The people a Korean text names by a title: a full name before it ("김철수 삼성전자
    부회장") or a surname ("김 부회장", "조 씨")."""
    words = text.split()
    found = []
    for j, word in enumerate(words):
        bare = re.sub(r"(?:은|는|이|가|을|를|의|에게|과|와|도|로서|으로|로|에)$", "", word)
        if j and bare and KO_PERSON_END.search(bare) and bare != "관계자":
            name = _ko_named_before(words, j)
            if not name and (
                re.fullmatch(KO_SURNAME, words[j - 1]) or _ko_plain_name(words[j - 1])
            ):
                name = f"{words[j - 1]} {bare}"
            if name:
                found.append(name)
    return found


def _ko_plain_name(word: str) -> bool:
    """Whether a word may be a name before a title ("바이든" in "바이든 당선인"): Hangul
    with no particle at its end, and no word that opens no one's name."""
    return (
        bool(re.fullmatch(r"[가-힣]{2,6}", word))
        and not KO_PARTICLE_END.search(word)
        and not re.search(r"(?:한|된|던|하는|받은|있는|없는|히)$", word)
        and word not in KO_NOT_NAME_START
        and not KO_LEAD.match(word + " ")
    )


def _ko_another_person(text: str, speaker: str) -> bool:
    """Whether a Korean text names a person by title other than ``speaker``."""
    return any(not _same(name, speaker, "ko") for name in _ko_people(text))


def _named_alone(last: str, body: str) -> bool:
    """Whether ``body`` names ``last`` alone as a person is named: with a reporting verb
    ("Yellen said", "said Yellen"), after a title ("Ms. Yellen") or before "who" ("Yellen,
    who"); not as a company's, a place's or a game's second word ("Goldman Sachs" then
    "Sachs", "Google Stadia" then "Stadia arrives")."""
    if last not in body:
        return False
    name = re.escape(last)
    pattern = (
        rf"\b{name}\s+(?:[a-z]+ly\s+)?{EN_VERB}\b|\b(?:said|says|told\s+\w+)\s+{name}\b"
        rf"|{EN_TITLES}\s{name}\b|\b{name},\swho\b"
    )
    for m in re.finditer(pattern, body):
        # Not after another capitalised word ("Goldman Sachs said"), unless a title.
        if not re.search(r"\b[A-Z][\w'’-]*\s$", body[max(0, m.start() - 40) : m.start()]):
            return True
        if re.fullmatch(EN_TITLES + r"\s" + name, m.group(0)):
            return True
    return False
