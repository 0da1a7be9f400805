"""Narrative and discourse lines: a line that only hands over to what follows or tells how
the story was reported is no claim (``bench/data/CODEBOOK.md`` rule 10 and its "reporting
process" edge case), whatever the model makes of it (``rules.CLAIM_RULES["narrative_line"]``).

Such a line (1) hands over to a quotation, a list or a table that follows: it ends in a
colon ("In a long interview, she also said:"), or its last words are a hand-over ("as
follows", "here is what they told us", "취재진이 만난 한 주민은 이렇게 말했다",
"그는 다음과 같이 설명했다", "주요 내용은 아래와 같다", "다음은 사과문 전문이다"),
it opens "Here's …" or "The following are …", or a verb of saying closed by a comma ends
it ("Pompeo declared,"); or (2) is only the reporting itself: someone declined to comment,
did not respond, could not be reached, was asked for comment, spoke to reporters, a bare
frame ("the company said in a statement."), "입장을 밝히지 않았다", "연락이 닿지 않았다".

What it keeps: a line holding a figure that measures (``rules.WEIGHTY``) — "검찰은 징역
35년과 벌금 300억원을 구형한 이유에 대해 이렇게 말했다" reports the sentence asked for, a
codebook statistic; a line in which a clause says something besides the saying ("declined
to comment, but confirmed the plant had closed"); a said content ("the minister said
unemployment had fallen") and quotations, which none of these patterns reads. "X declined to
comment" alone is rejected: the codebook files it under the reporting process (narrative),
and it asserts nothing a desk could check about the story. Plain Python, no Django.
"""

from __future__ import annotations

import re

from claims.extraction.rules import WEIGHTY
from claims.extraction.types import Figure

# Closing marks after the last word ("…said:”", "…말했다.").
_TAIL = r"[\s\"'”’)\]]*$"

# Ends in a colon: hands over to what follows.
# (Not before a closing bracket: "[[분류:]]" is wiki markup.)
COLON_END = re.compile(r"[:：][\s\"'”’)]*$")

# English ---------------------------------------------------------------------------------

EN_HANDOVER = re.compile(
    r"\bas follows[.!]?" + _TAIL + r"|\b(?:here|this|that)(?:'s|’s| is| are) (?:what|how) "
    r"(?:\w+ ){0,3}?(?:said|told|tells|say|says|know|knew|learned|found|heard|asked|saw)"
    r"(?: \w+){0,2}[.!]?" + _TAIL,
    re.IGNORECASE,
)
# A line that presents what follows: "Here's a round-up of …", "Below are excerpts …",
# "TAYLORVILLE — The following are arrest reports …".
EN_HERE_IS = re.compile(
    r"^\W*(?:[A-Z]{2,}[A-Z ,.]* [—–-]+ )?(?:(?:here|below)(?:'s|’s| is| are)|the following "
    r"(?:is|are))\s",
    re.IGNORECASE,
)
# A verb of saying closed by a comma hands over to the quotation in the next unit ("A former
# partner stated in their testimony,", "Pompeo declared,").
EN_SAYING_COMMA = re.compile(
    r"\b(?:said|says|stated|states|declared|wrote|writes|added|told [\w'’ ]{1,30}|asked)"
    r"(?: in [^,]{1,40})?,[\s\"'”’)]*$"
)
# The reporting process: the whole line is someone declining, not answering, being asked
# for comment or speaking to the press.
_WHO = r"(?:[\w'’.&-]+ ){0,6}?"
_WHEN = r"(?:(?: on| in| at| by| for| during| after| before| to| via| through) [^,;:]{1,60})?"
EN_PROCESS = re.compile(
    r"^[-–—•*\s]*(?:(?:[Tt]hrough|[Vv]ia) an? [\w ]{1,30}, )?(?:[Rr]eached [^,]{1,60}, )?"
    + _WHO
    + r"(?:"
    r"(?:has |have |had |also )?(?:declined|refused)(?: to comment| to be interviewed| an "
    r"interview| a request for (?:comment|an interview))"
    r"|(?:did not|didn't|does not|doesn't|has not|hasn't|have not|haven't)(?: immediately)? "
    r"(?:(?:respond|reply)(?: to (?:[\w'’-]+ ){0,5}?(?:requests?|e-?mails?|calls?|messages?|"
    r"questions|inquiries|inquiry|queries|query)(?: for comment)?|(?! to))"
    r"|return (?:[\w'’-]+ ){0,2}?(?:calls?|messages?|e-?mails?|requests?)(?: for comment)?)"
    r"|could not (?:immediately )?be reached(?: for comment)?"
    r"|(?:has |have |had )?(?:reached out to|contacted|asked|emailed|called) [^,;:]{1,60}"
    r" for (?:comment|a response|an interview)"
    r"|(?:also )?spoke (?:to|with) (?:reporters|journalists|the (?:press|media)|us)"
    r")" + _WHEN + r"[.!]?" + _TAIL,
)
# A bare frame: "The company said in a statement.", "she told Reuters.", "he added."
_FRAME_WHERE = (
    r"(?: (?:in|on|at|to|during|after|via) (?:a |an |the )?(?:statement|interview|email|e-mail|"
    r"press release|news release|post|tweet|letter|video|briefing|press conference|news "
    r"conference|hearing|reporters|journalists|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|Twitter|X|Facebook|Instagram|social media|phone|telephone))?"
)
EN_FRAME = re.compile(
    r"^[-–—•*\s]*" + _WHO + r"(?:also )?(?:said|asked|added|wrote|explained|replied|answered|"
    r"told (?:reporters|journalists|us|(?:this|the) (?:newspaper|paper|reporter|station|site|"
    r"outlet|magazine)|[A-Z][\w.]*(?: [A-Z][\w.]*)?)|asked [A-Z][\w.]*)"
    + _FRAME_WHERE
    + _FRAME_WHERE
    + r"[.!]?"
    + _TAIL,
)
# A clause besides the saying: "…, but confirmed …", "…, saying …", "… that …".
EN_MORE = re.compile(r"\b(?:but|although|though|while|saying|that|because|and (?:said|added))\b")

# Korean ----------------------------------------------------------------------------------

# "…이렇게 말했다", "…다음과 같이 답변했다", "…아래와 같이 전망했다": the hand-over adverb
# and one verb end the line; after "이렇게", a verb of saying ("이렇게 결정했다" reports a
# decision). "이같이" points back to what was said before ("…며 이같이 말했다"): not read.
KO_HANDOVER_VERB = re.compile(
    r"(?:(?:다음과|아래와)\s*같이\s*[가-힣]{1,8}|이렇게\s*(?:말|밝|답|대답|답변|설명|진술|반박|"
    r"강조|주장|전했|언급|덧붙|호소|토로|발언|증언|적었|썼)[가-힣]{0,5})[.:]?" + _TAIL
)
# The reporting process, as the English "declined to comment", "could not be reached":
# "…은 입장을 밝히지 않았다", "…답변을 거부했다", "…연락이 닿지 않았다". (Not "…에 질의했다":
# a civic group's formal inquiry to a commission is an event.)
KO_PROCESS = re.compile(
    r"(?:연락이\s*닿지\s*않았|(?:입장|답변|언급|대답|해명|논평|응답)[을은]?\s*(?:밝히지\s*않았|"
    r"거부했|거부하였|피했|회피했|회피하였|내놓지\s*않았))(?:다|습니다)[.]?" + _TAIL
)
# A quotation closed by "…라며", "…면서", "…고" holds the said content in the line.
KO_QUOTED_BEFORE = re.compile(r"[”\"’']\s*(?:이?라?며|라면서|면서|고)\s")
# "…은 다음과 같다", "…아래와 같습니다": what follows is the content.
KO_AS_FOLLOWS = re.compile(r"(?:다음|아래)[과와]\s*같(?:다|습니다)[.:]?" + _TAIL)
# "다음은 사과문 전문이다": a line naming the document that follows.
KO_NEXT_IS = re.compile(r"^\s*(?:다음|아래)은\s.{1,60}(?:이다|입니다|다)[.:]?" + _TAIL)


def narrative_line(text: str, figures: list[Figure], language: str) -> bool:
    """Whether the unit only hands over to what follows or tells how the story was reported,
    with no measuring figure of its own."""
    stripped = text.strip()
    if not stripped or any(f.kind in WEIGHTY for f in figures):
        return False
    if COLON_END.search(stripped):
        return True
    if language == "ko":
        if KO_QUOTED_BEFORE.search(stripped):
            return False
        return bool(
            KO_HANDOVER_VERB.search(stripped)
            or KO_AS_FOLLOWS.search(stripped)
            or KO_NEXT_IS.search(stripped)
            or KO_PROCESS.search(stripped)
        )
    if EN_HANDOVER.search(stripped) or EN_HERE_IS.search(stripped):
        return True
    if EN_SAYING_COMMA.search(stripped) and stripped[:1] not in "\"'“‘":
        return True
    if stripped[:1] in "\"'“‘" or EN_MORE.search(stripped):
        return False
    return bool(EN_PROCESS.search(stripped) or EN_FRAME.search(stripped))
