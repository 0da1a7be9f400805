"""Korean news conventions: datelines, bylines, timestamps, captions and page chrome."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")

# "[서울=뉴스핌] 노민호 기자 =", "(서울=연합뉴스) 홍길동 기자 =", "[세종=샘플통신] 이준호 기자="
DATELINE = re.compile(
    r"[\[(](?P<place>[^\[\]()=\n]{1,12})\s*=\s*(?P<outlet>[^\[\]()\n]{1,30}?)[\])]\s*"
    r"(?P<names>(?:[가-힣]{2,4}(?:\s*[·,]\s*)?)+?)\s*(?:기자|특파원|통신원|객원기자)\s*=\s*"
)
# "기사입력 : 2020년10월08일 16:57", "입력 2023.04.07 19:22", "최종수정 : ...", "수정 ..."
STAMP = re.compile(
    r"^\s*(?P<label>기사입력|입력|등록|최종수정|수정|업데이트)\s*:?\s*(?P<when>\d{4}\s*[년.\-/]\s*"
    r"\d{1,2}\s*[월.\-/]\s*\d{1,2}\s*일?\.?\s*(?:[T ]?\s*\d{1,2}\s*:\s*\d{2}(?::\d{2})?)?)\s*$"
)
WHEN = re.compile(
    r"(?P<y>\d{4})\s*[년.\-/]\s*(?P<m>\d{1,2})\s*[월.\-/]\s*(?P<d>\d{1,2})\s*일?\.?\s*"
    r"(?:T?\s*(?P<H>\d{1,2})\s*:\s*(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
)
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
# A reporter's e-mail, optionally with a name before it and a timestamp after it.
SIGNOFF = re.compile(
    rf"\s*(?:[가-힣]{{2,4}}\s*(?:기자|특파원)\s*)?(?P<email>{EMAIL})"
    r"(?:\s+(?P<when>\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}))?\s*$"
)
CAPTION_MARK = re.compile(r"[\[(]\s*(?:사진|그래픽|자료|영상|이미지)\s*=\s*[^\])\n]{0,60}[\])]")
COPYRIGHT = re.compile(r"(무단\s*전재|재배포\s*금지|Copyright|ⓒ|©|All rights reserved)", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
VERB_END = re.compile(r"(다|요|까|죠)[.!?]?[\"'”’]?\.?$")


def parse_when(text: str) -> datetime | None:
    """A Korean timestamp, read as Seoul time."""
    match = WHEN.search(text)
    if not match:
        return None
    parts = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
    try:
        return datetime(
            parts["y"], parts["m"], parts["d"], parts["H"], parts["M"], parts["S"], tzinfo=SEOUL
        )
    except ValueError:
        return None


def split_names(names: str) -> list[str]:
    return [n for n in re.split(r"\s*[·,]\s*|\s+", names.strip()) if n]


def drop_captions(paragraph: str) -> str:
    """Remove photo captions and their credit markers from a paragraph.

    A marker glued to the sentence before it ("...발표하고 있다.[사진=클래시스]") credits that
    sentence; a free-standing marker credits the caption after it, which is a noun phrase
    rather than a sentence ending in a verb ("[사진=...] 2019년 ... 전시 부스.").
    """
    while match := CAPTION_MARK.search(paragraph):
        before, after = paragraph[: match.start()], paragraph[match.end() :]
        if before and not before[-1].isspace():
            pieces = SENTENCE_END.split(before)
            before = " ".join(pieces[:-1])
        else:
            pieces = SENTENCE_END.split(after.strip(), maxsplit=1)
            if pieces and pieces[0] and not VERB_END.search(pieces[0]):
                after = pieces[1] if len(pieces) > 1 else ""
        paragraph = (before.rstrip() + " " + after.lstrip()).strip()
    return paragraph


# A wire photo's caption ends in its own stamp: "... 걷고 있다. 2023.7.10 hong@yna.co.kr".
CAPTION_STAMP = re.compile(
    r"\s*\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?(?:\s+\[?[\w.+-]+@[\w-]+\.[\w.]+\]?|\s*$)"
)
SENTENCE_DONE = re.compile(r"(?:[.!?]|다)[\"'”’)\]]*\s+")


def drop_caption_datelines(line: str) -> str:
    """A wire photo's caption inside an article opens with a dateline like the article's own
    ("(서울=연합뉴스) 홍길동 기자 = 10일 ... 걷고 있다. 2023.7.10 hong@yna.co.kr"): without its
    stamp, or in the middle of a paragraph, it would start a new article and split the page.
    The caption goes; a dateline that opens an article (after its title, or alone) stays."""
    if "=" not in line:
        return line
    matches = list(DATELINE.finditer(line))
    if not matches:
        return line
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        # The stamp must be this dateline's: before the next dateline on the line.
        window = min(match.end() + 400, after.start() if after else len(line))
        stamp = CAPTION_STAMP.search(line, match.end(), window)
        mid_paragraph = len(SENTENCE_DONE.findall(line, 0, match.start())) >= 2
        if stamp:
            end = stamp.end()
        elif mid_paragraph:
            found = SENTENCE_DONE.search(line, match.end())
            end = found.end() if found else len(line)
        else:
            continue
        kept = (line[: match.start()].rstrip() + " " + line[end:].lstrip()).strip()
        return drop_caption_datelines(kept)
    return line
