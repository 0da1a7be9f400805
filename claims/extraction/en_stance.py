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


# A stance in a speaker's own voice, opening the line or its quotation: "I think they were
# being overly cautious.", "“We are very glad to see this ...", "We need to preserve ...",
# "They don't want to be arrested," the woman said. The subject is the speaker or a generic
# "we/you/they/people", the verb says what someone thinks, feels, wants or ought to do
# (codebook rule 7), and nothing before it could state a fact.
_OPENING = (
    r"^[\s\"'“‘(*•-]*(?:[A-Z][A-Z .'’-]{1,30}: )?"  # "JON SIEBEN: I don't think it should."
    r"(?:(?:And|But|So|Now|Still|Honestly|Frankly|Personally|Well|Yes|No),? )?"
    r"(?:I|We|You|They|Everyone|Everybody|People)"
    r"(?: (?:really|just|still|also|truly|genuinely|all|personally|certainly|definitely|"
    r"strongly|simply|do|don't|don’t|do not|would|'d|’d))*"
)
# A feeling in the first person, not one that announces a fact ("We are excited to share
# that Docker Desktop for Linux is now available", "I am glad that the media noticed ...").
_OWN_FEELING = (
    r"(?:am|are|'m|’m|'re|’re) (?:so |very |really |truly |deeply |extremely )?"
    r"(?:proud|happy|excited|glad|grateful|thrilled|sad|disappointed|confident|hopeful|"
    r"pleased|delighted|honou?red|committed|determined|sorry|worried|concerned)"
    r"(?! that| to (?:share|announce|report|introduce|say|confirm|welcome))"
)
# Obligation, belief (not "believe that ...": a belief over a fact is a claim, rule 5),
# feeling, wish, liking (not "love that they trademarked it": the liking of a fact).
VOICED_STANCE = re.compile(
    _OPENING + r"(?: |(?=['’]))(?:should|shouldn't|shouldn’t|must|needs? to|have to|ought to|"
    r"(?:think|believe|love|hate)(?! that)|feel|hope|wish|want|" + _OWN_FEELING + r")\b"
)
# A clause that may state a fact beside the stance: "..., but it is not the end of ...",
# "... and I think the FDA is attempting to ...", "... know that I have had a consistent
# record ...".
_OTHER_CLAUSE = re.compile(
    r",? \b(?:but|because|since|which means|although|though|whereas)\b|[;:—–]| - "
    r"| and (?:I|we|they|he|she|it|the)\b|\b(?:know|knew|shows?|showed|proves?|proved) that\b"
    # A fact handed over by the stance: "We should also note that the price is ...".
    r"|\b(?:note|remember|point out|mention|admit|acknowledge|recogni[sz]e|realize) that\b"
)


def voiced_stance(text: str) -> bool:
    """Whether an English line (or its quotation) opens with its speaker's own stance,
    obligation, wish or feeling (``VOICED_STANCE``), with no other clause that may state a
    fact."""
    stripped = text.strip()
    match = VOICED_STANCE.search(stripped)
    return match is not None and _OTHER_CLAUSE.search(stripped, match.end()) is None
