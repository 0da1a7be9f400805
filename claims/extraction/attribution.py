"""Attribution: the speaker or source a sentence credits for what it asserts ("강민석 청와대
대변인", "블룸버그통신", "the Labor Department"), written as the sentence gives it, title and
all; none when the sentence is the reporter's own statement. Plain Python, no Django.

Measured by ``bench.bench_extraction.bench_attribution`` against hand labels.
"""

from __future__ import annotations

import re
from functools import lru_cache

QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]{8,}’")

# Korean ---------------------------------------------------------------------------------

KO_ACCORDING = re.compile(r"([^,.\"“”]{2,60}?)\s*(?:에|의)\s*따르면")
KO_LEAD = re.compile(
    r"^(?:(?:한편|특히|또한|또|아울러|이에|다만|이어|앞서|그러나|하지만|그러자|이날|지난|오는)\s*,?\s*)+"
    r"|^(?:(?:\d{1,2}일|\d{1,2}월\s*\d{1,2}일|지난\s*\d{1,2}일)(?:\([^)]*\))?\s*)"
)
# The verbs that report what a source said, found or announced, in the written ("밝혔다")
# and the spoken ("밝혔습니다") register, closing the sentence or joining a clause
# ("항의했으나", "밝혔고"); a bare "했다" only after a quotation's "…고"/"…라고".
KO_SAY = re.compile(
    r"(?:밝혔|말했|설명했|(?<![가-힣])전했|발표했|강조했|주장했|덧붙였|답했|지적했|언급했|보도했|집계했|"
    r"공개했|확인했|알렸|알려왔|반발했|반박했|해명했|부인했|인정했|경고했|촉구했|당부했|"
    r"항의했|비판했|호소했|토로했|추산했|증언했|진술했|폭로했|보고했|내다봤|전망했|예상했|"
    r"추정했|분석했|판단했|파악했|결론\s*내렸|공시했|"
    # A body's assessment: "경찰은 ...배후에 유 씨가 있다고 보고, ..." / "...보고 있습니다".
    r"(?<=[다라]고)\s*보|(?<=[다라]고)\s*판단하|"
    r"(?:말하|밝히|설명하|전하|주장하)기도\s*했|(?:발표|공개|언급|주장|설명)한\s*바\s*있|"
    r"밝힌\s*바\s*있|(?:(?<=[다라냐자]고)|(?<=Q\s고))\s*했)"
    r"(?:다|습니다|다고\s*(?:한다|합니다)|으나|지만|는데|고|으며|며)"
)
# A transcript's or an interview's speaker label: "◆ 조원진: ...", "양무진/북한대학원대학교
# 교수 : "...", "인터뷰 : 이은희 / 인하대 소비자학 교수 -"...", "<홍길동 / 시장(기자회견)>".
KO_SPEAKER_LABEL = re.compile(
    r"(?:^|[.\]>】]\s*|&lt;|<)\s*[◆◇▶▷■□●○▲△]?\s*(?:인터뷰\s*[:：]\s*)?"
    r"(?P<name>[가-힣]{2,5}(?:\s[가-힣]{2,5})?|[가-힣]○○)(?:\s*/\s*(?P<role>[^:：<>&\"“”/\n]{2,40}?))?"
    r"\s*(?:\([^)]*\))?\s*(?:&gt;|>|[:：]|-(?=\s*[\"“]))"
)
# Labels that name a part of the page, not a speaker ("앵커:", "진행 :", "사진:").
KO_NOT_SPEAKER = {
    "앵커", "기자", "진행", "사진", "출처", "자료", "결론", "요약", "제목", "일시", "장소",
    "방송", "출연", "대담", "정리", "인터뷰", "리포트", "그래픽", "영상", "편집", "촬영",
}  # fmt: skip
KO_TOPIC_PARTICLE = re.compile(r"^(?P<stem>.+?)(?P<particle>은|는|도)$")
# A word ending in a particle or a verb's ending is not part of the name before a topic.
KO_NOT_NAME = re.compile(
    r"(?:을|를|에|의|로|와|과|고|며|면|서|도|만|게|까지|요|다|은|는|이|가|했|였|"
    # a verb's modifier: "나선", "거부당한", "열린"
    r"한|된|던|운|진|선|난|간|온|본|준|린|긴|든|낸|친|탄|쓴|"
    # a verb's modifier of what is to come: "이끌어갈", "맡을"
    r"갈|할|될|올|볼|줄|낼|릴|킬)$"
)
# "찾은", "많은", "같은": an adjective or a verb's modifier, not a noun with its topic marker
# (a stem closing in ㄷ, ㅈ, ㅊ, ㅌ, ㅍ, ㅎ or a double consonant is a verb's or an
# adjective's).
KO_FINALS = (
    " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # a syllable's final, by index
)
KO_MODIFIER_FINALS = {KO_FINALS.index(final) for final in "ㄷㅈㅊㅌㅍㅎㄳㄵㄶㄺㄻㄼㄽㄾㄿㅀㅄ"}
KO_MODIFIERS = {"같은", "다른", "이런", "그런"}
KO_BOUND_NOUNS = {"씨", "측", "군", "양", "옹"}
KO_PRONOUNS = {"그", "그녀", "이들", "그들", "이", "저"}


# The rules ask while deciding a unit and the speakers' resolution asks again for the same
# units: read once.
@lru_cache(maxsize=512)
def attribution_of(text: str, language: str) -> str:
    """The speaker or source a sentence credits ("강민석 청와대 대변인", "Bloomberg")."""
    if language == "ko":
        return _korean(text)
    return _english(text)


def _korean(text: str) -> str:
    label = KO_SPEAKER_LABEL.search(text)
    if label and label["name"] not in KO_NOT_SPEAKER:
        return " ".join(p.strip() for p in (label["name"], label["role"] or "") if p.strip())
    speaker = ko_headline_speaker(text)
    if speaker:
        return speaker
    frame = ko_frame(text)
    according = KO_ACCORDING.search(frame) if "따르면" in frame else None
    if according:
        # "강민석 청와대 대변인에 따르면 문 대통령은 ...고 말했다" (the seed page) credits
        # the spokesman, through whom the desk has the words.
        return _clean_source(according.group(1))
    # The last reporting verb carries the sentence.
    say = ko_last_say(frame)
    if say < 0:
        return ""
    # A bracket holds one part of a name: "정의선(현대차그룹 회장)은" is one word.
    frame = KO_BRACKET.sub(lambda m: m.group(0).replace(" ", JOINED), frame)
    before = ko_strip_aside(frame[:say]).split()
    if before and not before[-1].endswith(("고", "Q")):
        # The source right before its verb: "...이민자들이라고 밀레니오는 전했습니다",
        # "...전달한다고 연구진이 설명했다" (the subject, not the topic it spoke of).
        source = _korean_name(before, len(before) - 1, subject=True)
        if source:
            return source
    # The topic the sentence opens with: "조 씨는 "..."라고 밝혔습니다".
    words = KO_LEAD.sub("", frame[:say].strip()).split()
    opening = []
    for i, word in enumerate(words):
        if word.startswith("Q") or word.endswith(("고", "Q")):
            break
        source = _korean_name(words, i)
        if source:
            return source
        opening.append(i)
    return _opening_subject(words, opening[:KO_SUBJECT_REACH])


# How far into a sentence its subject may open it ("배우 김 모 씨가", three words).
KO_SUBJECT_REACH = 3
# The last word of a source a subject marker may name: a body ("한국은행", "경찰", "서울시",
# "국토교통부", "식약처", "회사 측") or a person by a title ("김 대표", "연구진"); not any
# word ending in 원 (a given name: "최서원이").
KO_BODY_END = re.compile(
    r"(?:정부|당국|경찰|검찰|법원|은행|공사|공단|협회|재단|위원회|연구소|그룹|노조|학회|본부|"
    r"경찰서|소방서|지검|지법|대학교|측|감사원|국정원|금감원|병원|[가-힣]{2,}[청부처시])$"
)


# A verb's modifier after a subject ("추진해온", "발표한", "밝힌"): the subject is the clause's.
KO_MODIFIER_AFTER = re.compile(r"(?:[한된던온운진낸준간본린힌든]|하는|되는|있는|없는)$")


def _opening_subject(words: list[str], opening: list[int]) -> str:
    """The subject the sentence opens with when it names a body or a titled person:
    "경찰이 …을 검거했다고 밝혔다", "한국은행이 …고 발표했다"; not "수출이 10% 늘었다고
    밝혔다", where what rose is no source."""
    for i in opening:
        source = _korean_name(words, i, subject=True)
        following = words[i + 1] if i + 1 < len(words) else ""
        if source and KO_MODIFIER_AFTER.search(following):
            return ""  # the subject of a clause that modifies a noun: "곽 교육감이 추진해온 …"
        if source:
            last = source.split()[-1]
            named = KO_PERSON_TITLE_END.search(last) or KO_GROUPS.search(last)
            return source if named or KO_BODY_END.search(last) else ""
    return ""


# A Korean sentence's frame (its quotations each " Q ") and where its last reporting verb
# starts: the attribution reads them, and the speakers' resolution again for the same units.
@lru_cache(maxsize=512)
def ko_frame(text: str) -> str:
    """``text`` with each quotation (``QUOTED``) replaced by " Q "."""
    return QUOTED.sub(" Q ", text)


@lru_cache(maxsize=512)
def ko_last_say(frame: str) -> int:
    """Where the last reporting verb (``KO_SAY``) of a frame starts; -1 when it has none."""
    start = -1
    for say in KO_SAY.finditer(frame):
        start = say.start()
    return start


# What sits between a source and its reporting verb without being either: a date or a time
# ("5일", "이날", "6일 오후", "현지시간 5일"), where or how it spoke ("기자회견에서",
# "보도자료를 통해", "자신의 SNS에"), an adverb of manner ("이같이", "공식"): "…고
# 질병관리청이 5일 밝혔다" credits 질병관리청.
KO_TIME_WORD = (
    r"(?:(?:지난|오는)\s*)?(?:\d{1,2}월\s*)?\d{1,2}일(?:\s*\([^)]*\))?|\d{1,2}시(?:\s*\d{1,2}분)?|"
    r"\(?현지\s*시[간각]\)?|이날|당일|전날|같은\s날|오늘|어제|최근|앞서|오전|오후|새벽|저녁|밤"
)
KO_VENUE = (
    r"(?:(?:자신의|본인의|공식|개인)\s*)?(?:SNS|페이스북|트위터|엑스|X|인스타그램|블로그|유튜브|홈페이지|"
    r"텔레그램)(?:\s*계정)?에(?:서)?(?:\s*글을\s*올려)?|"
    r"(?:(?:정례|긴급|공동|온라인|서면|비대면|신년|취임|퇴임)\s*)?(?:기자회견|기자간담회|간담회|브리핑|"
    r"회견|인터뷰|설명회|성명|입장문|보도자료|자료|서면|문자메시지|이메일|전화\s*통화|통화)"
    r"(?:에서|를\s*통해|을\s*통해|으로|로)"
)
KO_ASIDE_TAIL = re.compile(
    rf"\s(?:{KO_TIME_WORD}|{KO_VENUE}|이같이|이렇게|공식|공식적으로|거듭|재차|또)\s*$"
)


def ko_strip_aside(before: str) -> str:
    """What comes before a reporting verb, without the dates, times, venues and adverbs
    (``KO_ASIDE_TAIL``) that stand between it and its source."""
    before = " " + before
    # Each aside is short: look for one in the last characters only.
    found = KO_ASIDE_TAIL.search(before, max(0, len(before) - 60))
    while found:
        before = before[: found.start()]
        found = KO_ASIDE_TAIL.search(before, max(0, len(before) - 60))
    return before


# A short bracket in a sentence, and what joins its words while the sentence is split.
KO_BRACKET = re.compile(r"\([^()\n]{1,40}\)")
JOINED = "\u2060"
# A title a bracket after a bare name gives ("정의선(현대차그룹 회장)은"): part of the name.
KO_TITLE_END = re.compile(
    r"(?:회장|사장|대표|대표이사|교수|장관|차관|의원|대변인|위원장|위원|총장|원장|연구원|박사|이사|"
    r"국장|청장|소장|센터장|고문|변호사|전무|상무|부장|실장|팀장|본부장|감독|총리|대사|관계자|의장|"
    r"CEO|단장|지사|시장|구청장|군수|후보|후보자|당선인|당선자|최고위원|원내대표)$"
)
# More titles that end a person's name ("트럼프 대통령", "손흥민 선수"): the speakers'
# resolution reads them with KO_TITLE_END, and so does a subject opening a sentence.
KO_MORE_TITLES = (
    r"대통령|부통령|교육감|보좌관|비서관|수석|국무위원|총재|행장|처장|차장|주석|"
    r"국왕|여왕|총통|교황|추기경|목사|신부|스님|선수|코치|배우|가수|작가|판사|검사|애널리스트|"
    r"이코노미스트"
)
# A person by a title: either list ("김 대표", "트럼프 대통령").
KO_PERSON_TITLE_END = re.compile(
    rf"(?:{KO_MORE_TITLES}|{KO_TITLE_END.pattern.removeprefix('(?:').removesuffix(')$')})$"
)
# Nouns for a group of people that end like a verb's modifier ("연구진", "의료진").
KO_GROUPS = re.compile(r"(?:연구|의료|제작|취재|경영|수사|코치|운영|교수|집행|출연|자문|개발)진$")
KO_SUBJECT_PARTICLE = re.compile(r"^(?P<stem>.+?)(?P<particle>이|가)$")
# Bound nouns that take a subject marker and name no one ("…할 수가", "…한 것이").
KO_NOT_SUBJECT = {"것", "수", "점", "바", "데", "때", "등", "중", "뿐", "사", "아"}


# A headline's form: the speaker, then what they said, then at most a word on what it is
# ("문재인 “개성공단 폐쇄로 12만 명 일자리 잃어”", "홍준표 자유한국당 후보 "..." 발언 등",
# "홍준표, "..."는 사실일까").
KO_HEADLINE = re.compile(
    r"^\s*(?P<name>[가-힣A-Za-z]{1,12}(?:\s[가-힣A-Za-z]{1,12}){0,3}),?\s*"
    r"[\"“‘][^\"“”‘’]{6,}[\"”’]"
    r"(?:는|은)?\s*(?:발언|주장|사실|사실은)?\s*(?:등)?\s*(?:(?:사실|진짜|진실)\S{0,3}|맞나)?"
    r"[.…?？]*\s*$"
)
# A word that closes with a particle or a verb's ending is the start of a sentence, not a
# headline's speaker ("문 대통령은 "...").
KO_NOT_HEADLINE_SPEAKER = re.compile(r"(?:은|는|이|가|을|를|에|로|고|다|며|면|서|와|과|도|요)$")


def ko_headline_speaker(text: str) -> str:
    """The speaker of a line in a headline's form, speaker then quotation ("문재인 “…”"),
    or "" when the line is not one."""
    found = KO_HEADLINE.match(text)
    if not found:
        return ""
    name = found["name"]
    if KO_NOT_HEADLINE_SPEAKER.search(name) or name in KO_NOT_SPEAKER or name in KO_PRONOUNS:
        return ""
    return name


def _korean_name(words: list[str], at: int, *, subject: bool = False) -> str:
    """The name ending at ``words[at]`` when that word carries a topic marker ("조 씨는",
    "최호정 국민의힘 대표의원(원내대표)은"), or with ``subject`` a subject marker ("연구진이"),
    with up to three words of name or title before it; "" when the word is not a noun's
    topic. A title in a bracket after a bare name is part of the name ("정의선(현대차그룹
    회장)은": "정의선 현대차그룹 회장")."""
    bracket = re.search(r"\(([^)]*)\)", words[at])
    title = bracket[1].replace(JOINED, " ").strip() if bracket else ""
    titled = bool(KO_TITLE_END.search(title))  # a person's name, whatever it ends in
    word = re.sub(r"\([^)]*\)", "", words[at])
    found = KO_TOPIC_PARTICLE.match(word)
    if not found and subject:
        found = KO_SUBJECT_PARTICLE.match(word)
        if found and not _subject(found["stem"], found["particle"]):
            return ""
    if not found or word in KO_MODIFIERS or _modifier(word):
        return ""
    if KO_NOT_NAME.search(found["stem"]) and not (titled or KO_GROUPS.search(found["stem"])):
        return ""
    following = words[at + 1] if at + 1 < len(words) else ""
    if found["particle"] == "도" and following and not following.startswith("Q"):
        # "박 최고위원도 "..."고 했다", but not "한병도 대표" (a name) or "...한 점도".
        return ""
    name = [found["stem"]]
    for previous in reversed(words[max(0, at - 3) : at]):
        previous = re.sub(r"\([^)]*\)", "", previous)
        bound = name[0] in KO_BOUND_NOUNS and len(name) == 1
        if not bound and (KO_NOT_NAME.search(previous) or not re.fullmatch(r"[\w·]+", previous)):
            break
        if KO_LEAD.fullmatch(previous + " ") or re.fullmatch(
            r"\d+\w?|오늘|어제|지난|당시", previous
        ):
            break
        name.insert(0, previous)
    if titled and len(name) == 1:
        name.append(title)
    source = " ".join(name).replace(JOINED, " ")
    return "" if source in KO_PRONOUNS else source


def _subject(stem: str, particle: str) -> bool:
    """Whether a word read as ``stem`` and a subject marker is one: 이 after a final
    consonant, 가 after a vowel ("연구진이", "경찰청이", "교수가"), and not a bound noun or an
    adverb ("수가", "이같이", "많이")."""
    if stem in KO_NOT_SUBJECT or stem.endswith(("같", "없", "많", "깊", "높", "길")):
        return False
    last = ord(stem[-1]) - 0xAC00
    if not 0 <= last < 11172:
        return True  # "CEO가": no Hangul syllable to tell by
    return (last % 28 != 0) == (particle == "이")


def _modifier(word: str) -> bool:
    """Whether a word ending in 은 or 는 is an adjective or a verb's modifier ("찾은", "많은",
    "도입하는", "있다는"), not a noun with its topic marker."""
    if re.search(r"(?:하|되|있|없|않|라|다)는$", word):
        return True
    if not word.endswith("은") or len(word) < 2:
        return False
    stem = ord(word[-2]) - 0xAC00
    return 0 <= stem < 11172 and stem % 28 in KO_MODIFIER_FINALS


# "통계청이 14일 발표한 고용동향": the body and what it published, without the telling.
KO_PUBLISHED = re.compile(
    r"^(?P<who>\S+?)(?:이|가)\s+(?:\S+\s+){0,2}?(?:발표한|공개한|내놓은|낸|펴낸)\s+(?P<what>.+)$"
)


def _clean_source(source: str) -> str:
    source = source.strip().strip(",")
    source = re.split(r"[,]", source)[-1].strip()
    previous = None
    while previous != source:
        previous = source
        source = KO_LEAD.sub("", source).strip()
    published = KO_PUBLISHED.match(source)
    if published:
        source = f"{published['who']} {published['what']}"
    return source[:120]


# English --------------------------------------------------------------------------------

EN_ACCORDING = re.compile(r"\baccording to ((?:the )?[^,.;]{2,80})", re.I)
EN_VERB = (
    r"(?:said|says|told|tweeted|wrote|writes|reported|reports|announced|stated|estimated|"
    # "added" and "found" report only before what was said or found: not "Employers added
    # 12,500 jobs", "Police found the body".
    r"added(?=\s+that\b|\s*[,.:;“\"]|\s*$)|(?:found|finds)(?=\s+(?:that\b|\d)|\s*[,.:;“\"]|\s*$)|"
    r"denied|denies|confirmed|confirms|noted|argued|claimed|insisted|warned|"
    r"testified|posted|cited|explained|acknowledged|admitted|alleged|revealed|disclosed|"
    r"shows?|showed|suggests|suggested|indicates|indicated|expressed|stressed|emphasi[sz]ed|"
    r"asserted|maintained|conceded|recalled|reiterated|predicted)"
)
EN_NAME = r"[A-Z][\w'’.&-]*(?:\s(?:[A-Z][\w'’.&-]*|of|the|for|and|de|al|van|von|bin)){0,7}"
# Where a source can begin: the sentence's start, after punctuation or a quotation, or after
# a conjunction ("This comes a week after Bloomberg reported ...").
EN_OPEN = r"(?:^|[,;:—–“”\"(]\s*|\b(?:that|and|but|after|before|as|when|while|because|since)\s+)"
# People and bodies a report credits by their role ("Health officials said", "police said").
EN_SOURCE_NOUN = (
    r"(?:officials|police|prosecutors|authorities|analysts|experts|researchers|scientists|"
    r"investigators|witnesses|residents|sources|critics|lawmakers|economists|doctors|officers|"
    r"organizers|spokesman|spokeswoman|spokesperson|media|data|records|documents|studies)"
)
# A report, survey or figures and the body that made them ("A 2019 survey by the Pew
# Research Center", "Data from the Census Bureau").
EN_WORK = (
    r"(?:report|survey|study|poll|analysis|review|audit|census|investigation|data|figures|"
    r"statistics|estimates)"
)
EN_WHO = (
    rf"(?:(?i:the|a|an)\s+(?:[\w'’-]+\s+){{0,2}}?)?(?i:{EN_WORK})\s+(?:by|from|of)\s+"
    rf"(?:the\s)?{EN_NAME}"
    rf"|{EN_NAME}['’]s\s+(?:[a-z][\w'’-]*\s+){{0,2}}?[a-z][\w'’-]*"  # "Trump's lawyer"
    rf"|(?i:the\s)?{EN_NAME}(?:\s{EN_SOURCE_NOUN})?"  # "The Pentagon", "U.S. officials"
    # "the expert", "the British minister"
    rf"|(?i:the|a|an|one)\s+(?:[A-Za-z][\w'’-]*\s+){{0,3}}?[a-z][\w'’-]*"
    rf"|(?:[a-z][\w'’-]*\s+){{0,2}}?{EN_SOURCE_NOUN}"  # "police", "health officials"
)
# Words between a source and its verb: "has reportedly told", "flatly denied".
EN_BEFORE_VERB = r"(?:(?:has|had|have|also|later|reportedly|previously|publicly|[a-z]+ly)\s+)*"
EN_ASIDE = r"(?:,\s*(?:meanwhile|however|though|too|also|in turn))?,?"
EN_SOURCE_VERB = re.compile(rf"{EN_OPEN}(?P<who>{EN_WHO}){EN_ASIDE}\s+{EN_BEFORE_VERB}{EN_VERB}\b")
# A sentence whose subject's words follow as a participle: "Coach Bruce Ellis, however,
# weighed in on Monday, saying ...", "The mayor defended the budget, arguing that ...";
# "adding" and the like only before what was said ("..., adding 300 jobs" adds jobs).
EN_PARTICIPLE = re.compile(
    r",\s+(?:saying|telling|writing)\b|,\s+(?:adding|noting|arguing|claiming|insisting|"
    r"warning|explaining|stressing)\s+(?:that\b|[“\"])"
)
EN_SUBJECT = re.compile(
    rf"^(?:[A-Z][A-Z.,' ]+\s[—–-]\s*)?(?P<who>{EN_WHO}){EN_ASIDE}\s+"
    rf"{EN_BEFORE_VERB}[a-z]+(?:ed|s)\b"
)
# "John Smith, a spokesman for the city, said ...", "Prince Edward, the younger brother of
# the heir, Charles, has told ...", "X, one of the leading experts on Y, said": the name,
# not the role.
EN_APPOSITIVE = re.compile(
    rf"{EN_OPEN}(?P<who>{EN_NAME}),\s+"
    rf"(?:(?:a|an|the|who|one\s+of|among)\s[^;]{{3,100}}?|\d{{1,3}}(?:,\s+of\s[^,;]{{2,40}})?),\s+"
    rf"{EN_BEFORE_VERB}{EN_VERB}\b"
)
# A name right before its verb, wherever it stands: "Its chief executive Tim Cook said".
EN_NAME_VERB = re.compile(
    rf"(?<![\w'’.-])(?P<who>{EN_NAME})\s+(?:(?:also|later|reportedly|previously|publicly)\s+)?"
    rf"{EN_VERB}\b"
)
EN_VERB_SOURCE = re.compile(
    r"[,”\"]\s*(?:said|says|added|wrote|told reporters)\s+"
    rf"(?P<who>{EN_NAME}|(?i:the|a|an|one)\s+(?:[a-z][\w'’-]*\s*){{1,4}}?)"
    r"(?=[,.;]|$|\s(?:in|on|at|to|before|after|as|when|who)\b)"
)
EN_NOT_SOURCE = {"it", "he", "she", "they", "we", "i", "you", "this", "that", "who", "the", "there"}
EN_LEAD_WORDS = {
    "on", "in", "at", "by", "for", "from", "with", "after", "before", "during", "last", "this",
    "that", "but", "and", "also", "meanwhile", "however", "earlier", "later", "today",
    "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}  # fmt: skip


# Words a name cannot end in: "One of the shows ..." is no source "One of the" that "shows".
EN_OPEN_ENDS = {"the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "at", "by"}


def _open_ended(who: str) -> bool:
    return who.split()[-1].lower() in EN_OPEN_ENDS


def _english(text: str) -> str:
    found = EN_ACCORDING.search(text)
    if found:
        return found.group(1).strip()
    for pattern in (EN_APPOSITIVE, EN_SOURCE_VERB, EN_NAME_VERB, EN_VERB_SOURCE):
        for match in pattern.finditer(text):
            words = match["who"].split()
            while words and words[0].lower().strip(",") in EN_LEAD_WORDS:
                words.pop(0)
            who = " ".join(words).strip(" ,")
            if who and who.lower() not in EN_NOT_SOURCE and not _open_ended(who):
                return who
    participle = EN_PARTICIPLE.search(text)
    subject = EN_SUBJECT.match(text[: participle.start()]) if participle else None
    if subject and subject["who"].lower() not in EN_NOT_SOURCE:
        return subject["who"].strip()
    return ""
