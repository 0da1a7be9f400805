"""Speakers across sentences: a sentence that credits a pronoun or a role named before
("He said", "그는 …고 말했다", "이 관계자는 …고 밝혔다", "the official said") credits the
speaker the article named before (``resolve_speakers``). Plain Python, no Django; a
sentence's own attribution is ``claims.extraction.attribution``'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache, partial

from claims.extraction.attribution import (
    EN_BEFORE_VERB,
    EN_LEAD_WORDS,
    EN_VERB,
    KO_LEAD,
    QUOTED,
    _korean_name,
    attribution_of,
    ko_frame,
    ko_last_say,
)
from claims.extraction.people import (
    EN_BODIES,
    EN_ROLE_WORDS,
    EN_ROLES,
    KO_PERSON_END,
    KO_ROLE_PARTICLE,
    _another_person,
    _ko_another_person,
    _ko_named_before,
    _people,
    _same,
    introduced_person,
)

# Across sentences ------------------------------------------------------------------------
#
# "He said", "그는 …고 말했다", "이 관계자는 …고 밝혔다", "the official said": a sentence
# that credits a pronoun or a role named before ("the" official, "이" 관계자) credits the
# speaker the article named most recently, when the text leaves one candidate of the
# matching kind (a person for he, she, 그, 그녀; a body or a group for they, 그들, 이들; a
# speaker whose title holds the role for "the official", "이 대표").

# How many sentences back a pronoun or a role may reach for its speaker.
LOOKBACK = 8
EN_ANAPHOR_VERB = re.compile(
    rf"(?:^|[,;:—–“”\"(]\s*|\b(?:that|and|but|as|when|while|because)\s+)"
    rf"(?P<who>he|she|they|the\s+(?P<role>{EN_ROLES}))\s+{EN_BEFORE_VERB}{EN_VERB}\b"
    rf"|[,”\"]\s*(?:said|says|added|wrote|told\s+\w+)\s+"
    rf"(?P<who2>he|she|they|the\s+(?P<role2>{EN_ROLES}))\b",
    re.I,
)
KO_ANAPHOR_PERSON = {"그는", "그녀는", "그도", "그녀도", "그가", "그녀가"}
KO_ANAPHOR_GROUP = {"그들은", "이들은", "그들도", "이들도"}
# "이 관계자", "이 대표": a role named before, by its title.
KO_ROLE_ANAPHOR = re.compile(r"^(?:이|해당|같은)\s(?P<role>[가-힣]{1,6})$")


def resolve_speakers(body: str, sentences: Sequence[tuple[int, int, str]]) -> list[str]:
    """For each sentence of ``body`` (start, end, language), the speaker it credits through a
    pronoun or a role named before ("He said", "이 관계자는 … 밝혔다", "the official said"),
    resolved to the one the article named most recently; "" for a sentence that names its
    own source, credits no one, or whose pronoun the text leaves ambiguous: another person
    named since the speaker (or before, within ``LOOKBACK``, unless a Korean "그는" follows
    right after the sentence that named its person: ``_ko_adjacent``), or a speaker of the
    other sex for "he" and "she". The speakers are the ones credited before and the people
    the sentences that credit no one open with (``introduced_person``)."""
    texts = [body[start:end].strip() for start, end, _ in sentences]
    people = cache(partial(_people, texts))  # the English names, read when needed
    words: list[list[str]] = []  # the words of each sentence, quotes set aside, when needed
    resolved: list[str] = []
    named: list[tuple[int, str]] = []  # (sentence index, speaker) of each credited speaker
    sex: dict[str, str] = {}  # a speaker's, from the pronoun that was resolved to them
    # The sentences that credit no one, and the person each names (read when a pronoun
    # after it needs them; None until then): ``introduced_person``.
    plain: dict[int, str | None] = {}
    for index, (text, (_, _, language)) in enumerate(zip(texts, sentences, strict=True)):
        own = attribution_of(text, language)
        kind = _anaphor(text, own, language)
        speaker = ""
        if kind:
            _introduce(plain, named, texts, index, language, body, people)
            window = [(i, s) for i, s in named if i >= index - LOOKBACK]
            window += [(i, s) for i, s in plain.items() if s and i >= index - LOOKBACK]
            window.sort(key=lambda pair: pair[0])
            if language == "ko" and kind.startswith("role:"):
                words += [QUOTED.sub(" Q ", t).split() for t in texts[len(words) : index]]
                window += _ko_role_mentions(words[:index], kind[5:])
                window.sort(key=lambda pair: pair[0])
            pronoun = _pronoun(text, language)
            candidates = [
                (i, s)
                for i, s in window
                if _of_kind(s, kind, language) and sex.get(s, pronoun) == pronoun
            ]
            if language == "en" and kind.startswith("role:"):
                candidates += _en_role_mentions(texts[:index], kind[5:])
                candidates.sort(key=lambda pair: pair[0])
            speaker = _antecedent(candidates, language)
            if not speaker and kind == "person" and language == "ko":
                speaker = _ko_adjacent(candidates, index, texts)
            if speaker and kind == "person":
                # Another person named since the speaker (or beside them, in the sentence
                # that only named them) leaves the pronoun open.
                first = candidates[-1][0] + (candidates[-1][0] not in plain)
                if _another_since(texts[first : index + 1], speaker, language, people):
                    speaker = ""
            if speaker and pronoun:
                sex[speaker] = pronoun
        elif own:
            named.append((index, own))
        else:
            plain[index] = None
        if speaker:
            named.append((index, speaker))
        resolved.append(speaker)
    return resolved


def _introduce(
    plain: dict[int, str | None],
    named: list[tuple[int, str]],
    texts: list[str],
    index: int,
    language: str,
    body: str,
    people: Callable[[], set[str]],
) -> None:
    """Read the person each sentence of ``plain`` within ``LOOKBACK`` of ``index`` names
    (``introduced_person``), in order, each knowing the speakers named before it."""
    for i in sorted(plain):
        if plain[i] is None and i >= index - LOOKBACK:
            before = [s for j, s in named if j < i] + [s for j, s in plain.items() if j < i and s]
            known = {s.split()[-1] for s in before if _of_kind(s, "person", language)}
            plain[i] = introduced_person(texts[i], language, body, people, known)


def _another_since(
    texts: list[str], speaker: str, language: str, people: Callable[[], set[str]]
) -> bool:
    """Whether the sentences ``texts``, quotations set aside, name a person other than
    ``speaker``: by a title in Korean, by one of the article's last names in English."""
    since = " ".join(QUOTED.sub(" ", t) for t in texts)
    if language == "ko":
        return _ko_another_person(since, speaker)
    return _another_person(since, speaker, people())


def _pronoun(text: str, language: str) -> str:
    """ "m" or "f" for a sentence crediting "he" or "she" (그, 그녀); "" otherwise."""
    if language == "ko":
        return "f" if re.search(r"(?<![가-힣])그녀(?:는|도|가)", text) else ""
    found = EN_ANAPHOR_VERB.search(text)
    who = (found["who"] or found["who2"] or "").lower() if found else ""
    return {"he": "m", "she": "f"}.get(who, "")


def _ko_role_mentions(sentences: list[list[str]], role: str) -> list[tuple[int, str]]:
    """Where the sentences (their words) name someone by the role ("이재명 더불어민주당
    후보가", "회사 관계자는"): (sentence index, name and role). Korean news names a person
    once in full and then "이 후보" to the end, so the whole article before counts."""
    found = []
    for i, words in enumerate(sentences):
        for j, word in enumerate(words):
            bare = KO_ROLE_PARTICLE.sub("", word)
            if j and bare == role and not re.fullmatch(r"(?:이|해당|같은|그|전|현)", words[j - 1]):
                name = _ko_named_before(words, j) or _korean_name([*words[:j], role + "은"], j)
                if name and name != role:
                    found.append((i, name))
    return found


# An English person's name: two or three capitalised words ("Jane Doe", "Kim Min-su").
EN_NAME = r"(?-i:[A-Z][a-z'’-]+(?:\s(?:[A-Z]\.\s)?[A-Z][a-z'’-]+){1,2})"


@lru_cache(maxsize=64)
def _en_role_patterns(role: str) -> re.Pattern[str]:
    """Where a sentence names a person by ``role``: the title before the name ("Health
    Minister Jane Doe", "its top official, Kim Min-su") or an apposition after it ("John
    Smith, a spokesman for the city")."""
    return re.compile(
        rf"\b{role}(?:,\s|\s)(?P<name>{EN_NAME})\b"
        rf"|(?P<name2>{EN_NAME}),\s(?:the|a|an)\s(?:[\w'’-]+\s){{0,3}}?{role}\b",
        re.I,
    )


def _en_role_mentions(texts: list[str], role: str) -> list[tuple[int, str]]:
    """Where the sentences name a person by the role (sentence index, name), quotations
    set aside: as in Korean, the whole article before counts."""
    found = []
    pattern = _en_role_patterns(role)
    for i, text in enumerate(texts):
        for m in pattern.finditer(QUOTED.sub(" ", text)):
            words = (m["name"] or m["name2"]).split()
            while words and words[0].lower() in EN_ROLE_WORDS:  # "Chief Executive Tim Cook"
                words = words[1:]
            name = " ".join(words)
            if len(words) > 1 and words[0].lower() not in EN_LEAD_WORDS:
                if not EN_BODIES.search(name):
                    found.append((i, name))
    return found


def _role_named_again(text: str, own: str) -> bool:
    """Whether ``text`` names the role ``own`` after "이" or "해당" ("이 관계자는"): what the
    pattern (?<![가-힣])(?:이|해당)\\s<own>(?:은|는|도|이|가) finds, without compiling a
    pattern for every name met."""
    at = text.find(own)
    while at != -1:
        after = text[at + len(own) : at + len(own) + 1]
        if after and after in "은는도이가" and at > 0 and text[at - 1].isspace():
            for lead in ("이", "해당"):
                begin = at - 1 - len(lead)
                if (
                    begin >= 0
                    and text.startswith(lead, begin)
                    and not (begin > 0 and "가" <= text[begin - 1] <= "힣")
                ):
                    return True
        at = text.find(own, at + 1)
    return False


def _anaphor(text: str, own: str, language: str) -> str:
    """What kind of speaker a sentence credits by a pronoun or a role: "person", "group",
    "role:<title>"; "" when it names its speaker or credits no one."""
    if language == "ko":
        role = KO_ROLE_ANAPHOR.match(own)
        if role:
            return f"role:{role['role']}"
        if own and _role_named_again(text, own):
            return f"role:{own}"  # "이 관계자는": the name stops before 이
        if own:
            return ""
        frame = ko_frame(text)
        say = ko_last_say(frame)
        if say < 0:
            return ""
        words = KO_LEAD.sub("", frame[:say].strip()).split()
        for word in (words[:1] + words[-1:]) if words else []:
            if word in KO_ANAPHOR_PERSON:
                return "person"
            if word in KO_ANAPHOR_GROUP:
                return "group"
        return ""
    pronoun = EN_ANAPHOR_VERB.search(text)
    if pronoun is None:
        return ""
    who = (pronoun["who"] or pronoun["who2"]).lower()
    title = pronoun["role"] or pronoun["role2"]
    if own and own.lower() != who:
        return ""  # the sentence names its source ("Smith said he ...")
    if title:
        return f"role:{title.lower()}"
    return "group" if who == "they" else "person"


def _antecedent(candidates: list[tuple[int, str]], language: str) -> str:
    """The most recent candidate, when it is the only one there (the same person named
    twice, "Tim Cook" then "Cook", is one), in its fullest form."""
    if not candidates:
        return ""
    latest = candidates[-1][1]
    if any(not _same(s, latest, language) for _, s in candidates):
        return ""
    return max((s for _, s in candidates), key=len)


def _ko_adjacent(candidates: list[tuple[int, str]], index: int, texts: list[str]) -> str:
    """The person the sentence right before a Korean "그는" opens with, when that sentence
    and the pronoun's name no one else, whoever was named before it: "…고 말했다. 트럼프
    대통령은 …고 주장했다. 그는 …" (Korean news goes on about the topic just named)."""
    if not candidates or candidates[-1][0] != index - 1:
        return ""
    latest = candidates[-1][1]
    if _ko_another_person(
        " ".join(QUOTED.sub(" ", t) for t in texts[index - 1 : index + 1]), latest
    ):
        return ""
    return max((s for _, s in candidates if _same(s, latest, "ko")), key=len)


def _of_kind(speaker: str, kind: str, language: str) -> bool:
    if kind.startswith("role:"):
        return kind[5:] in speaker.lower() and not KO_ROLE_ANAPHOR.match(speaker)
    if language == "ko":
        person = bool(KO_PERSON_END.search(speaker))
    else:
        person = not EN_BODIES.search(speaker) and not re.match(r"(?i)(?:the|a|an)\s", speaker)
        person = person and not re.fullmatch(r"(?:[A-Z&.]{2,}\s?)+", speaker)  # "CBS DFW"
        person = person and not re.search(r"\s(?:and|or|I)(?:\s|$)", speaker)
        person = person or bool(
            re.match(rf"(?i)(?:the|a|an)\s(?:[\w'’-]+\s){{0,3}}(?:{EN_ROLES})$", speaker)
            and not speaker.lower().endswith("s")
        )
    return person if kind == "person" else not person
