"""English reported belief and feeling: "He said he believed the vote would unite the
country", "She said she was 'shocked' by the decision" (codebook example lines of
``reported_opinion``). The reported clause is all the sentence asserts, and what it holds is
the speaker's belief, hope, wish or feeling about something, not a fact a checker can
source. Plain Python, no Django.

A reported belief over a checkable fact is still a claim (codebook rule 5: "thinks" over a
fact gives a claim), so the rule reads only a belief whose content is a forecast or a
possibility ("believed the vote would ..."), or a feeling; and only when the saying opens the
sentence (no earlier clause that could state a fact) and the unit holds no figure.
"""

from __future__ import annotations

import re

# A speaker who reports on himself: "X said he ...", "X told reporters she ...".
_FRAME = (
    r"^[^,;:“”\"‘’()]{2,90}?\b(?:said|says|told(?: \w+){1,2}|added|wrote|tweeted)"
    r"\s+(?:that\s+)?(?:he|she|they|I|we)\s+"
)
# Believing or hoping that something will or could be: a forecast or a wish.
_BELIEF = (
    r"(?:believed|believes|believe|thought|thinks|think|hoped|hopes|hope|wished|wishes)"
    r"\s+(?:that\s+)?[^,;]{1,60}?\b(?:would|will|could|can|might|may)\b"
    # "believed the fire may have started in the kitchen": an estimate of the past, a claim.
    r"(?!\s+(?:not\s+)?have\b)"
)
# Wanting or hoping to do something: an intention.
_WANT = r"(?:wanted|wants|want|hoped|hopes|hope|wished|wishes)\s+to\b"
# The words of a feeling (the model's FEEL mark reads them too, ``features.EN_MARKS``).
FEELINGS = (
    r"shocked|surprised|happy|sad|proud|excited|worried|concerned|disappointed|pleased|"
    r"delighted|thrilled|angry|upset|frustrated|grateful|thankful|sorry|glad|afraid|scared|"
    r"confident|optimistic|pessimistic|hopeful|devastated|saddened|honou?red|relieved|"
    r"heartbroken|stunned|appalled|outraged|furious"
)
# A feeling: "was 'shocked'", "felt deeply saddened", "is thrilled".
_FEEL = (
    r"(?:was|were|is|are|am|felt|feels|feel|had been|has been|have been)\s+"
    r"(?:\w+ly\s+|so\s+|very\s+|too\s+)?[\"“‘']?"
    rf"(?:{FEELINGS}|humbled|encouraged|horrified|dismayed|overjoyed|elated)\b"
)
REPORTED_STANCE = re.compile(_FRAME + f"(?:{_BELIEF}|{_WANT}|{_FEEL})")
# A second clause that may state a fact: "..., but he has received calls from ...".
_SECOND_CLAUSE = re.compile(r"[,;]\s*(?:but|while|whereas|although|and)\s+(?!that\b)")


def reported_stance(text: str) -> bool:
    """Whether an English sentence only reports its speaker's belief in a forecast, wish,
    intention or feeling (``REPORTED_STANCE``), with no second clause that may state a fact."""
    stripped = text.strip()
    match = REPORTED_STANCE.search(stripped)
    if match is None:
        return False
    return _SECOND_CLAUSE.search(stripped, match.end()) is None
