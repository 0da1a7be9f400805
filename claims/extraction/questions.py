"""Questions that put a fact up for checking.

A question is mostly not a claim: a moderator's "What will you do about jobs?", a column's
"이런 조치가 과연 실효를 거둘 수 있을까". But fact-check desks and the posts they check put
claims as questions: "Did Obama order a drone strike that killed 10 women?", "23,000 ballots
came from voters using a previous address?", "…17조원의 재원이면 된다는 주장은 사실일까",
"100% 천연 성분으로 만들어졌을까". Such a question asks whether something already said or
done is so; the fact it asks about is checkable. A question about the future ("Will…",
"…할까", "…수 있을까") or an open one ("Why…", "왜…") asks for a forecast or an
explanation, and stays out. Plain Python, no Django.
"""

from __future__ import annotations

import re

from claims.extraction.attribution import QUOTED

# Ends in a question mark, whatever quotation marks close after it.
ASKED = re.compile(r"[?？][\"'”’)]*\s*$")

# English ---------------------------------------------------------------------------------

# A closed question about the past or the present, at the start or after a headline's lead
# ("'There Is Always A Risk' – Did Anthony Fauci Say This Quote In 2014 …?").
EN_CLOSED = re.compile(
    r"(?:^|\s[–—-]\s|:\s)[\"'“‘]?(?:Did|Does|Do|Has|Have|Had|Is|Are|Was|Were|Didn't|Doesn't|"
    r"Don't|Hasn't|Haven't|Isn't|Aren't|Wasn't|Weren't)\s"
)
# An open question, or one about the future or what could be (capitalised, as a sentence
# starts: "WHO data shows …?" is the World Health Organization).
EN_OPEN = re.compile(
    r"^\W*(?:What|Why|How|Who|Whom|Whose|Which|When|Where|Will|Would|Can|Could|Should|Shall|"
    r"May|Might|Must|Won't|Wouldn't|Can't|Couldn't|Shouldn't|If)\b(?!-)",
)
# A statement read out with a question mark asks whether it is so ("Bill Gates admits to
# making $200 billion from vaccine?"), unless it is a forecast, a supposition or a tag
# question ("…will be on somebody's ticket 4 years from now -- right?").
EN_SPECULATIVE = re.compile(
    r"\b(?:will|would|could|should|might|may|if|right|isn't it|aren't they|don't you|"
    r"do you think|what|why|how)\b",
    re.I,
)

# Korean ----------------------------------------------------------------------------------

KO_PAST = "[었았였했됐렸혔졌겼냈켰웠왔갔섰났쳤]"
KO_END = r"[.?？!]*[\"'”’)]*\s*$"
# The desk asks whether what came before is true: "…, 사실일까", "…는 주장은 진실일까",
# "…“…압승” 맞나", "OECD 1위, 진짜 그럴까".
KO_TRUTH_ASKED = re.compile(
    r"(?:(?:사실|진짜|진실|거짓)(?:일까요?|인가요?|입니까|이냐|이었을까)|맞(?:나요?|을까요?|는가|습니까)|"
    r"(?:그럴|그랬을)까요?|그런가요?)" + KO_END
)
# A closed question about what already happened ("…만들어졌을까", "…샘플링 왜곡했나") or
# what a thing is ("…'갤럭시노트FE'는 신제품일까", "…OECD 1위인가"); no open question word.
KO_PAST_ASKED = re.compile(rf"{KO_PAST}(?:을까요?|나요?|는가|는지|습니까){KO_END}")
KO_STATE_ASKED = re.compile(r"[가-힣\d%)'’”]\s*(?:일까요?|인가요?|입니까)" + KO_END)
# A statement read out with a question mark: "…23번 조정했다?", "…말을 바꿨다?".
KO_STATEMENT_ASKED = re.compile(r"(?:다|니다)[?？][\"'”’)]*\s*$")
# An open question: why, how, how much, who, where, when, what.
KO_OPEN = re.compile(
    r"(?:^|\s)(?:왜|어째서|어떻게|얼마나|무엇|뭐|누가|누구|어디|언제|몇)(?=\s|[을를이가에의은는도]|$)"
)


# The last character before ``KO_END`` of every Korean question pattern but the statement
# read out with a question mark.
KO_ASKED_ENDS = frozenset("까요가냐나지")


def _may_ask(stripped: str) -> bool:
    """Whether a Korean sentence can be one of the questions: it ends, before its closing
    marks, in the ending of one, or it holds a question mark. Most news sentences do neither,
    and the patterns, anchored at the end, would be tried at every position of them."""
    if "?" in stripped or "？" in stripped:
        return True
    return stripped.rstrip().rstrip("\"'”’)").rstrip(".?？!")[-1:] in KO_ASKED_ENDS


def asks_a_fact(text: str, language: str) -> bool:
    """Whether ``text`` is a question that asks whether a fact holds (a claim to check),
    not an open question or one about the future."""
    stripped = text.strip()
    if language == "ko" and not _may_ask(stripped):
        return False
    outside = QUOTED.sub(" ", stripped)
    if language == "ko":
        if KO_TRUTH_ASKED.search(stripped):
            return True
        asked = (
            KO_PAST_ASKED.search(stripped)
            or KO_STATE_ASKED.search(stripped)
            or KO_STATEMENT_ASKED.search(stripped)
        )
        return bool(asked) and not KO_OPEN.search(outside)
    if not ASKED.search(stripped):
        return False
    if EN_CLOSED.search(stripped):
        return True
    return not EN_OPEN.search(stripped) and not EN_SPECULATIVE.search(outside)
