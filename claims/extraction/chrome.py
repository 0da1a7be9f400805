"""Lines of a page that are not sentences of its story: bylines, copyright notices, photo
credits and captions, programme details, a page's calls to act, tables and listings.

``CHROME_RULES`` names each kind of chrome with its pattern and why it is chrome; a sentence
matching one is no claim, and its assessment names the rule.
"""

from __future__ import annotations

import re

EN_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# A capitalised word (the rules are read ignoring case; a name is not).
NAME = r"(?-i:[A-Z])[\w.'’&-]*"

CHROME_RULES: dict[str, tuple[str, str]] = {
    "chrome_email": (
        r"[\w.+-]+@[\w-]+\.[\w.]+",
        "a reporter's address signs the article",
    ),
    "chrome_wire_byline": (
        r"기자\s*=",
        "a wire agency's dateline and byline: '(서울=뉴스핌) 홍길동 기자 ='",
    ),
    "chrome_photo_credit": (
        r"\[\s*사진|\(\s*사진\s*=|[/=]\s*(?:[\w가-힣]+\s*){0,3}캡[처쳐]",
        "a photo's credit: '[사진=...]', '(사진=...)', '백아영 / 화면캡처 유튜브'",
    ),
    "chrome_copyright": (
        r"무단\s*전재|재배포\s*금지|Copyright\s*(?:\(c\)|\d{4})|"
        r"All rights reserved|ⓒ|©",
        "the copyright notice ('Copyright 2019 ...', '©'; not a story's 'copyright infringement')",
    ),
    "chrome_timestamp": (
        r"기사입력|최종수정|^\W*(?:입력|수정|등록|업데이트)\s*[:：]?\s*\d{4}\s*[.\-/년]\s*\d{1,2}\s*"
        r"[.\-/월]\s*\d{1,2}\s*일?(?:[^가-힣]|입력|수정|등록|업데이트){0,40}$|"
        r"^\W*(?:segunda|terça|quarta|quinta|sexta)-feira,?\s+\d{1,2}\s+de\s+\w+\s+de\s+\d{4}|"
        r"^\W*\d{1,2}/\d{1,2}/\d{4}\s*-\s*Publicado\s+por\b",
        "the page's time stamps: '기사입력', '- 입력 2023-04-07 08:26:22', 'sexta-feira, 22 de "
        "outubro de 2010 às 20:13'",
    ),
    "chrome_navigation": (
        r"Top으로 이동|전체기사|베스트 기사",
        "the page's links to other pages",
    ),
    "chrome_label": (
        r"^\s*(?:사진|더보기|속보|Subscribe|Read more|Related|Advertisement)\s*$",
        "a label alone on its line",
    ),
    "chrome_programme_details": (
        r"^\W*(?:방송\s*일시|방송|일시|일자|날짜|진행|출연|대담|정리)\s*[:：]",
        "a broadcast transcript's programme details: '□ 방송일시 : 2023년 4월 10일'",
    ),
    "chrome_photo_disclaimer": (
        r"사진은\s*기사\s*내용과",
        "'▲위 사진은 기사 내용과 직접적인 관련이 없습니다'",
    ),
    "chrome_gallery_lead": (
        r"사진\s*\d+\s*장(?:이다|입니다)\W*$|전문(?:이다|입니다)\W*$|"
        r"사진으로\s*정리해\s*(?:봤|보았)습니다|(?:올라온|올린)\s*(?:사진|영상|글)(?:이다|입니다)\W*$",
        "what follows is a gallery or a text in full: '...사진 7장이다', '...글 전문이다'",
    ),
    "chrome_schedule": (
        r"매주\s*[월화수목금토일,·\s]+요일[^.]{0,30}방송(?:된다|됩니다)",
        "a programme's schedule: '...는 매주 수요일 밤 10시 30분에 방송된다'",
    ),
    "chrome_anchor_handover": (
        r"연결(?:돼|되어)\s*있습니다|연결해\s*보겠습니다|나와\s*계십니다|"
        r"^\W*[가-힣]{2,4}\s*(?:기자|특파원)(?:가|이)\s*(?:취재|보도)했습니다\W*$",
        "an anchor hands over: '취재기자 전화 연결돼 있습니다', '홍길동 교수 나와 계십니다', "
        "'장가희 기자가 취재했습니다'",
    ),
    "chrome_caption_position": (
        r"\((?:(?:\d+(?:st|nd|rd|th)|second|third|fourth|far)\s+from\s+(?:L|R|left|right)|L|C)\)",
        "a photo caption's position marker: 'Gen. Kim (3rd from L) speaks ...', '(C)'",
    ),
    "chrome_graphic_label": (
        r"^\W*(?:Graphic|Chart|Infographic)\s*:",
        "a graphic's label",
    ),
    "chrome_related_link": (
        r"^\W*(?:Related(?:\s+(?:story|stories|articles?|coverage|reading|content|links?))?|"
        r"(?:Read|See)(?:\s+(?:more|also|next))?|Also\s+(?:read|see)|More(?:\s+on\s+[^:]{1,40})?|"
        r"Recommended(?:\s+reading)?|Don['’]t\s+miss|Most\s+read|Trending|Up\s+next)\s*[:|]|"
        r"^\W*Also\s+on\s+\w+\.\w+|"
        r"\[(?-i:WARNING|NEWS|VIDEO|Video|PICS|PICTURES|INSIGHT|REVEAL|ANALYSIS|LATEST|POLL|REACTION)\]\s*$",
        "a link to another story: 'Related: ...', '[Read: ...]', 'READ MORE: ...', "
        "'Also on rt.com ...', '... outbreak [NEWS]'",
    ),
    "chrome_comment_count": (
        r"^\W*(?:(?:View|See|Read|Show|Load)\s+(?:all\s+|more\s+)?)?\d[\d,.]*[kK]?\s+comments?\W*$|"
        r"^\W*(?:View|See|Read|Show|Load)\s+(?:all\s+)?(?:\d[\d,.]*\s+)?comments?\b",
        "a comment widget's count: '- 312 comments', 'View all 48 comments'",
    ),
    "chrome_site_today": (
        rf"^\W*(?:Today|This\s+week|Now|More)\s+on\s+(?:the\s+)?{NAME}(?:\s+{NAME}){{0,3}}"
        r"\s*(?:[:|—–-].*)?$",
        "a site's own heading over its links: 'Today on The Sample Times'",
    ),
    "chrome_author_bio": (
        r"^\W*(?:She|He|They)\s+(?:has|have)\s+(?:covered|written\s+about|reported\s+on|been\s+"
        r"(?:covering|reporting\s+on|writing\s+about))\b[^.]{0,80}\bsince\s+\d{4}|"
        rf"^\W*(?:She|He|{NAME}(?:\s+{NAME}){{0,2}})\s+is\s+an?\s+(?:[\w-]+\s+){{0,3}}"
        r"(?:reporter|writer|editor|correspondent|columnist|contributor|journalist)\s+"
        rf"(?:at|for|with|on)\s+(?:the\s+)?{NAME}[^.]{{0,60}}\.?$|"
        rf"^\W*{NAME}(?:\s+{NAME}){{0,2}}\s+is\s+(?:the\s+)?{NAME}(?:\s+{NAME}){{0,2}}['’]s\s+"
        r"(?:[\w-]+\s+){0,3}"
        r"(?:reporter|writer|editor|correspondent|columnist|contributor|journalist|curator|critic)\b",
        "an author's bio: 'She has covered markets since 2015', 'He is a senior reporter at ...', "
        "'Eric Song is IGN's deal curator ...'",
    ),
    "chrome_first_published": (
        rf"^\W*(?:First|Originally)\s+(?:published|posted)\b[\s:,]*(?:on\s+)?(?:\w+day,?\s+)?"
        rf"(?:{EN_MONTH}\s+\d{{1,2}},?\s*\d{{4}}|\d{{1,2}}\s+{EN_MONTH}\s+\d{{4}}|\d{{4}}-\d\d-\d\d)|"
        r"^\W*This\s+(?:article|story|post|piece)\s+(?:was\s+)?(?:originally|first)\s+"
        r"(?:published|appeared|posted)\b",
        "the page's first-published line: 'First published March 3, 2019'",
    ),
    "chrome_time_line": (
        rf"^\W*(?=[^:]*\d{{1,2}}:\d\d)(?:(?:\d{{1,4}}(?:st|nd|rd|th)?|{EN_MONTH}|[AP]\.?M\.?|"
        r"(?-i:[A-Z]{2,4}|[A-Z]T)|UTC|GMT|T\d\d)[\s:,.\-–/+()]*)+$",
        "a time stamp alone on its line: '2019-11-19T07:23:12+01:00', '17:41 JST, Oct. 13, 2024'",
    ),
    "chrome_caption": (
        r"^\W*(?:(?:Top|Bottom|Upper|Lower)(?:\s+(?:left|right|row|center|centre))?|Above|Below|"
        r"Left|Right|Center|Centre|Clockwise\s+from\s+(?:top\s+)?(?:left|right))\s*:|"
        r"^\W*(?:(?:Cover|Header|Featured|Lead|Main|Top)\s+)?(?:image|photo|photograph|picture|"
        r"illustration|caption)s?\s*:|"
        rf"\b(?-i:Photo|PHOTO|Image|Picture)s?\s*(?:by|:|credit:?)\s*{NAME}\s+{NAME}|"
        r"\((?:top\s+|bottom\s+)?(?:left|right|center|centre|top|bottom)\)|"
        r"\.(?-i:Reuters|AFP|Getty Images|Yonhap)\s*$",
        "a photo caption or credit: 'Top left: ... Bottom: ...', '(right)', 'Photo: Jane Roe/...', "
        "'... in New York.Reuters'",
    ),
    "chrome_credit_line": (
        r"^\W*(?:With\s+)?(?:additional\s+)?(?:Reporting|Writing|Editing|Research)\s+by\s+"
        rf"(?:(?:the\s+)?{NAME}\s+(?:{NAME}\s+)?(?:writers?|reporters?|correspondents?)\s+)?"
        rf"{NAME}\s+{NAME}|"
        rf"^\W*{NAME}(?:\s+{NAME})?\s+reported\s+from\s+{NAME}[\w\s.,-]{{0,40}}\s+and\s+"
        rf"{NAME}(?:\s+{NAME})?\s+from\s+{NAME}[\w\s.,-]{{0,30}}\.?$|"
        r"\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|story|article)(?:ing)?\W*$",
        "the desk's credits: 'Reporting by Jane Roe; Editing by ...', 'With reporting by "
        "Associated Press writer Jane Roe', 'Roe reported from New York and Doe from "
        "Washington.', '... contributed to this report.'",
    ),
    "chrome_reprints": (
        r"\bnon-?personal\s+use\b|\bto\s+order\s+(?:multiple\s+|additional\s+)?"
        r"(?:copies|reprints)\b|\breprints?\s+(?:at|desk|department|permissions?)\b",
        "a reprints notice: 'For non-personal use or to order multiple copies, please contact "
        "... Reprints at 1-800-...'",
    ),
    "chrome_social_credit": (
        r"\bby\s+@\w{1,15}\W*$",
        "a promotion or a link signed with a social handle: '... from just $1 each by @jroe'",
    ),
    "chrome_caption_people": (
        r"^\W*Pictured\s+(?:above|below|left|right|top|bottom|here|at\s+the\s+\w+|"
        r"(?:from\s+)?(?:left|right)\b)|\b(?:from\s+(?:left|right)|left\s+to\s+right)\s*:|"
        r"^\W*(?:In\s+(?:the\s+)?front|(?:At|In)\s+the\s+back|(?:Front|Back|Middle)\s+row)"
        r"(?:,?\s*\(?(?:from\s+)?(?:left|right)\)?)?,?\s+(?:are|is)\s+"
        rf"(?-i:[a-z][a-z-]*\s+){{0,3}}{NAME}",
        "a photo caption naming who is in it: 'Pictured right, is ...', 'Pictured from left, "
        "are ...', 'Murder victims from left: ...', its second line 'In front are ...'",
    ),
    "chrome_promotion": (
        r"^\W*\d+\s+(?:issues|months|weeks)\s+for\s+(?:just\s+|only\s+)?[£$€]\s?\d|"
        r"^\W*(?:Get|Try|Enjoy|Unlock)\s+(?:unlimited\s+|full\s+|instant\s+)?access\b|"
        r"\b(?:book|album|novel|podcast|documentary)\b.{0,160}\bis\s+(?:out|available)\s+now\W*$|"
        r"\boffers\s+you\s+(?:all\s+)?(?:the\s+)?(?:information|news|insights?|analysis|coverage|"
        r"tools)\b[^.]{0,40}\byou\s+need\b|"
        r"\bnewsletter\b[^.]{0,80}\b(?:bringing\s+you|(?:delivered\s+)?(?:straight\s+)?to\s+your\s+"
        r"inbox)|\b(?:new\s+|first-time\s+)?subscribers\s+(?:also\s+|will\s+)?(?:receive|get)\b|"
        r"\bis\s+(?:out|available)\s+now\s+on\s+(?:[\w-]+\s+){0,3}(?:blu-ray|dvd|digital|"
        r"netflix|itunes|spotify|steam)\b",
        "a subscription offer or a promotion: '12 issues for £11.99', 'Get access to ... for as "
        "little as Rs 599', 'Her book ... is out now', '... Pro offers you all the information "
        "you need', '... a weekly newsletter bringing you ...', 'First-time subscribers also "
        "receive ...', '... is out now on Blu-ray and DVD'",
    ),
    "chrome_disclosure": (
        r"^\W*(?:Disclosure\s*:|This\s+(?:shop|post|article|story|review|page|content|video)\s+"
        r"(?:has\s+been|was|is)\s+(?:compensated|sponsored|paid\s+for)\b|"
        r"(?:When\s+you\s+buy\s+[^.]{0,60},\s*)?(?:We|I)\s+may\s+(?:earn|receive|get)\s+"
        r"(?:an?\s+)?(?:small\s+)?(?:affiliate\s+)?(?:commission|compensation|fee)\b|"
        r"This\s+(?:post|article|story|page)\s+(?:contains|may\s+contain)\s+affiliate\s+links)",
        "a sponsorship or affiliate disclosure: 'This shop has been compensated by ...', 'We may "
        "earn a commission when you buy through links on our site'",
    ),
    "chrome_widget_message": (
        r"(?:주소|URL|링크)[이가]?\s*복사되었습니다|"
        r"^\W*(?:An\s+)?error\s+(?:has\s+)?occurred\b.{0,40}\btry\s+again\b",
        "a share button's or a form's message: '기사 URL이 복사되었습니다', 'An error has "
        "occurred, please try again later.'",
    ),
    "chrome_caps_headline": (
        r"^(?-i:(?=(?:[^a-z가-힣]*?\b[A-Z][A-Z'’.-]+\b){4})[^a-z가-힣]+)$",
        "another story's headline in capitals between the paragraphs: 'SEAN SPICER ELIMINATED "
        "FROM 'DANCING WITH THE STARS''",
    ),
    "chrome_citation": (
        r"^\s*\[\d+\]\s|^\s*\d{4};\s*\d+|\bDOI:\s*10\.",
        "a numbered reference, a journal citation or a DOI",
    ),
}
CAPTION_BEFORE = re.compile(r"(?:\[\s*(?:사진|그래픽|자료|Photo)[^\]]*\]|\(\s*사진\s*=[^)]*\))\s*$")
KO_PREDICATE_END = re.compile(r"[다요죠까니][.!?\"'”’)\]]*$")
EN_PAGE_LINE = re.compile(
    # An embedded tweet's signature: "— PFF CLE Browns (@PFF_Browns) November 16, 2019".
    rf"\(@\w{{1,15}}\)\s*{EN_MONTH}\s+\d{{1,2}},\s*\d{{4}}\W*$|"
    # The page's time stamp: "(Published Monday, Nov. 18, 2019)", "Updated: March 3, 2021".
    r"^\W*(?:Published|Updated|Posted|Last updated)\b[\s:,]*(?:on\s+)?"
    rf"(?:\w+day,?\s+)?(?:{EN_MONTH}\s+\d{{1,2}},?|\d{{1,2}}\s+{EN_MONTH})\s*\d{{4}}[^.]{{0,20}}$|"
    # The page's calls to act: "Sign up for our newsletter ...", "Catch up on ... podcast".
    r"^\W*(?:Sign up|Subscribe|Catch up on|Click|Tap|Download|Check out|Don['’]t miss|"
    r"Listen to|Watch|Follow us|Learn more|Find out more|Stay up to date|Join us)\b",
    re.I,
)
# A listing's entry: a date, a dash, and places or a venue ("June 20 – Raleigh, NC @ ...").
EN_LISTING = re.compile(rf"^{EN_MONTH}\s+\d{{1,2}}\s*(?:–|—|-{{1,2}})\s*(?P<rest>.+)$")
EN_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


CAPS_LETTERS = 20
CAPITAL = re.compile(r"[A-Z]")
LATIN = re.compile(r"[A-Za-z]")
# The strings (lower case) without one of which a rule cannot match: a sentence holding none
# of a rule's needles is not read with its pattern, and one holding no needle at all (most
# of a body's sentences) with none. The headline in capitals has no needle but its capitals
# (``_in_capitals``).
CHROME_NEEDLES: dict[str, tuple[str, ...]] = {
    "chrome_email": ("@",),
    "chrome_wire_byline": ("기자",),
    "chrome_photo_credit": ("사진", "캡처", "캡쳐"),
    "chrome_copyright": ("무단", "재배포", "copyright", "all rights reserved", "ⓒ", "©"),
    "chrome_timestamp": ("입력", "수정", "등록", "업데이트", "-feira", "publicado"),
    "chrome_navigation": ("top으로 이동", "전체기사", "베스트 기사"),
    "chrome_label": (
        "사진", "더보기", "속보", "subscribe", "read more", "related", "advertisement",
    ),
    "chrome_programme_details": (":", "："),
    "chrome_photo_disclaimer": ("사진",),
    "chrome_gallery_lead": ("사진", "전문", "올라온", "올린"),
    "chrome_schedule": ("매주",),
    "chrome_anchor_handover": ("연결", "나와", "취재했", "보도했"),
    "chrome_caption_position": ("from", "(l)", "(c)"),
    "chrome_graphic_label": ("graphic", "chart"),
    "chrome_related_link": (":", "|", "also on", "["),
    "chrome_comment_count": ("comment",),
    "chrome_site_today": ("today on", "this week on", "now on", "more on"),
    "chrome_author_bio": (
        "since", "reporter", "writer", "editor", "correspondent", "columnist", "contributor",
        "journalist", "curator", "critic",
    ),
    "chrome_first_published": ("published", "posted", "appeared"),
    "chrome_time_line": (":",),
    "chrome_caption": (
        ":", "photo", "image", "picture", "(left)", "(right)", "(center)", "(centre)", "(top",
        "(bottom", "reuters", "afp", "getty", "yonhap",
    ),
    "chrome_credit_line": (
        "reporting by", "writing by", "editing by", "research by", "reported from",
        "contributed",
    ),
    "chrome_reprints": ("personal use", "copies", "reprint"),
    "chrome_social_credit": ("by @",),
    "chrome_caption_people": (
        "pictured", "from", "left to right", "in front", "the back", "front row", "back row",
        "middle row",
    ),
    "chrome_promotion": (
        "issues for", "months for", "weeks for", "access", "out now", "available now",
        "offers you", "newsletter", "subscribers",
    ),
    "chrome_disclosure": ("disclosure", "compensated", "sponsored", "paid for", "may "),
    "chrome_widget_message": ("복사되었습니다", "error"),
    "chrome_caps_headline": (),
    "chrome_citation": ("[", ";", "doi"),
}  # fmt: skip
# Each needle, with the rules it opens (read once per sentence).
NEEDLE_RULES: dict[str, tuple[str, ...]] = {}
for _name, _needles in CHROME_NEEDLES.items():
    for _needle in _needles:
        NEEDLE_RULES[_needle] = (*NEEDLE_RULES.get(_needle, ()), _name)
# The needles without a Latin letter: all a text without one can hold (most Korean lines).
OTHER_NEEDLE_RULES = {n: r for n, r in NEEDLE_RULES.items() if not LATIN.search(n)}
RULE_ORDER = {name: order for order, name in enumerate(CHROME_RULES)}
CHROME_PATTERNS = {name: re.compile(pattern, re.I) for name, (pattern, _) in CHROME_RULES.items()}


def _in_capitals(text: str) -> bool:
    """A line in capitals (the needle of ``chrome_caps_headline``): no lower-case letter,
    twenty capitals or more."""
    return text == text.upper() and len(CAPITAL.findall(text)) >= CAPS_LETTERS


def chrome_rule(text: str) -> str | None:
    """The name of the chrome rule ``text`` matches (``CHROME_RULES``), or None. Of several,
    the one matching first in the text, then the first in ``CHROME_RULES``."""
    low = text.lower()
    needles = NEEDLE_RULES if LATIN.search(low) else OTHER_NEEDLE_RULES
    opened = {name for needle, names in needles.items() if needle in low for name in names}
    if _in_capitals(text):
        opened.add("chrome_caps_headline")
    found: tuple[int, int, str] | None = None
    for name in opened:
        match = CHROME_PATTERNS[name].search(text)
        if match:
            key = (match.start(), RULE_ORDER[name], name)
            found = key if found is None or key < found else found
    return found[2] if found else None


def table_row(text: str, language: str) -> bool:
    """A run of figures with names between them (a price list, a results table) is data,
    not a sentence: "Asiana Airlines 13,310 UP 70 POSCO Holdings 412,000 DN 2,500 ...".
    A Korean sentence ending in a predicate is a sentence however many figures it lists
    ("1심에서 법원은 A 씨에겐 징역 4년 6개월, B 씨에겐 ... 2년을 선고했습니다")."""
    if language == "ko" and KO_PREDICATE_END.search(text):
        return False
    words = text.split()
    numeric = sum(any(ch.isdigit() for ch in word) for word in words)
    return numeric >= 6 and numeric * 3 >= len(words)


def en_page_line(text: str) -> bool:
    """A line of the page, not a sentence of the story: an embedded tweet's signature, a
    time stamp, a call to act, a listing's entry. (A related story's headline in title case
    stays: a headline is what a desk checks, "Adam Schiff Paid Witnesses Over $40 Million".)"""
    if EN_PAGE_LINE.search(text):
        return True
    listing = EN_LISTING.match(text)
    if listing:
        # A timeline's entry says what happened ("March 3 – The president signed ..."); a
        # listing names places only.
        words = re.findall(r"[A-Za-z][\w'’.-]*", listing["rest"])
        return all(w[0].isupper() or w in EN_SMALL_WORDS for w in words)
    return False


# "Fill: 650 Fill Power Down", "- Calories : 216", "Common Name: Paper Flower": a label of at
# most three words, a colon and a short value with no verb and no closing stop.
EN_LABEL_VALUE = re.compile(
    r"^\s*(?:[-–•*▪·]\s*)?[A-Z][\w'’/&-]*(?:\s+[\w'’/&-]+){0,2}\s*:\s+(?P<value>.+)$"
)
EN_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|said|says|can|could|did|does|do|been|"
    r"being|[a-z]{3,}ed)\b",
    re.I,
)
LABEL_VALUE_WORDS = 8


def en_label_value(text: str) -> bool:
    """A label and its value on a line of its own (a specification, a fact box's entry, a
    recipe's nutrition row, a headline's "Topic: ..." form) states no sentence: the English
    training labels file all 79 such lines as no claim."""
    line = EN_LABEL_VALUE.match(text)
    if not line:
        return False
    value = line["value"].strip()
    return (
        len(value.split()) <= LABEL_VALUE_WORDS
        and value[-1:] not in ".!?"
        and not EN_FINITE_VERB.search(value)
    )


def ko_bracket_line(text: str) -> bool:
    """A line that ends in a bracketed label with no predicate before it is a programme or
    section title ("YTN라디오(FM 94.5) [뉴스킹 박지훈입니다]"), not a sentence."""
    if not text.endswith("]"):
        return False
    before = text[: text.rfind("[")].strip()
    return not KO_PREDICATE_END.search(before)


def photo_caption(body: str, start: int, text: str, language: str) -> bool:
    """The words right after a photo marker, without a predicate, describe the photo."""
    if language != "ko" or KO_PREDICATE_END.search(text.strip()):
        return False
    return bool(CAPTION_BEFORE.search(body[max(0, start - 120) : start]))
