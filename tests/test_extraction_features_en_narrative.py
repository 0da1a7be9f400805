"""The English model's marks of narration and reported opinion (issue 16's largest English
false positives): scene colour, sensory and motion verbs, memory and first-person narration,
an unnamed crowd's saying, a speaker reporting on himself, what a record could anchor the
words to (names, digits), and a quotation's stance and figures. Pure text; sentences written
for these tests."""

from __future__ import annotations

import pytest

from claims.extraction import checkworthiness
from claims.extraction.claims import Prepared, read_units
from claims.extraction.features import (
    EN_EXTRA_MARKS,
    english_extras,
    english_structure,
    signature,
)

STORY = {"SCENE", "SENSE", "MEMORY", "FIRSTPAST", "CROWD", "SAYSELF"}


def _tokens(text: str) -> set[str]:
    return set(english_structure(text).split())


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("One evening the old harbour keeper stood by the water.", {"SCENE", "SENSE"}),
        ("Days later, she wandered back to the camp.", {"SCENE", "SENSE"}),
        ("He grew up on a farm and still remembers the smell of the barn.", {"MEMORY"}),
        ("I drove home and we talked until the lights went out.", {"FIRSTPAST"}),
        ("Critics say the new bridge is a waste of money.", {"CROWD"}),
        ("The coach said he was proud of the young players.", {"SAYSELF"}),
    ],
)
def test_narration_and_reported_opinion_are_marked(text, marks):
    assert marks <= _tokens(text)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said unemployment had fallen to 4.1 percent in May.",
        "The council approved the budget of the Northern Water Authority on Tuesday.",
        "Police arrested two men after the robbery in Leeds.",
        "Exports to Japan rose for a third month, the customs office said.",
    ],
)
def test_a_reported_or_plain_fact_carries_no_narration_mark(text):
    tokens = _tokens(text)
    assert not STORY & tokens
    assert "UNANCHORED" not in tokens


def test_a_line_naming_nothing_and_counting_nothing_is_unanchored():
    tokens = _tokens("She looked up, smiled and went back to her coffee.")
    assert {"UNANCHORED", "PRONOUN", "CAPS0"} <= tokens
    named = _tokens("She met Governor Alvarez at the Riverside depot.")
    assert "UNANCHORED" not in named
    assert "CAPS3" in named
    counted = _tokens("She said the depot had lost 40 buses.")
    assert "UNANCHORED" not in counted


def test_a_quotation_tells_its_stance_and_whether_it_holds_a_figure():
    opinion = _tokens('"This is a disgrace for the whole town," said Ortega.')
    assert {"qPRESENT", "qNODIGIT"} <= opinion
    assert "qDIGIT" not in opinion
    figure = _tokens('"We shipped 3 million phones last year," the chief executive said.')
    assert {"qWHEN", "qDIGIT"} <= figure
    assert "qNODIGIT" not in figure
    assert not {"qDIGIT", "qNODIGIT", "qWHEN"} & _tokens("The plant closed in 2019.")


def test_english_extras_follow_the_marks_and_a_quoted_stance():
    tokens = english_structure('"I feel terrible about it," she said as she stood by the door.')
    extras = english_extras(tokens)
    assert len(extras) == len(EN_EXTRA_MARKS) + 1
    assert extras[EN_EXTRA_MARKS.index("SENSE")] == 1.0
    assert extras[EN_EXTRA_MARKS.index("SCENE")] == 0.0
    assert extras[-1] == 1.0  # "I" and "terrible" inside the quotation
    assert english_extras(english_structure("The port handled 4 million boxes."))[-1] == 0.0


def test_a_neighbour_that_names_nothing_says_so_in_its_signature():
    assert "UNANCHORED" in signature("He sat by the window and waited.", "en", ())
    assert "UNANCHORED" not in signature("The port handled 4 million boxes.", "en", ())
    assert "UNANCHORED" not in signature("He sat beside Mayor Chen.", "en", ())


def test_the_english_model_reads_every_english_input_and_the_korean_one_its_own():
    body = (
        "The plant closed in March and 212 workers lost their jobs. "
        "She grew up on a farm and still remembers the smell of the barn."
    )
    units = [u for u in read_units(body, language="en") if isinstance(u.prepared, Prepared)]
    assert units
    for unit in units:
        assert isinstance(unit.prepared, Prepared)
        assert len(unit.prepared.inputs.extra) == len(checkworthiness.model("en").extra_weights)
    korean = list(read_units("공장은 3월에 문을 닫았다.", language="ko"))
    assert isinstance(korean[0].prepared, Prepared)
    assert len(korean[0].prepared.inputs.extra) == len(checkworthiness.model("ko").extra_weights)


def _tokens_of_units(body: str) -> list[set[str]]:
    units = [u for u in read_units(body, language="en") if isinstance(u.prepared, Prepared)]
    return [
        set(u.prepared.inputs.tokens.split()) for u in units if isinstance(u.prepared, Prepared)
    ]


def test_an_english_unit_knows_its_place_in_its_paragraph_and_what_the_paragraph_holds():
    body = (
        "The council cut the bus budget by 12 percent on Monday. Fares will rise in June.\n"
        "He sat by the window and waited. The rain kept falling on the empty square. "
        "Nobody came."
    )
    first, second, third, fourth, fifth = _tokens_of_units(body)
    assert "PARA_FIRST" in first and "PARA_LAST" in second
    assert not {"PARA_NOFIGURE", "PARA_UNANCHORED"} & first
    assert {"PARA_FIRST", "PARA_NOFIGURE", "PARA_UNANCHORED"} <= third
    assert "PARA_LAST" not in fourth and "PARA_FIRST" not in fourth
    assert "PARA_LAST" in fifth


def test_a_korean_unit_gets_no_paragraph_tokens():
    body = "시의회는 월요일 버스 예산을 12% 삭감했다.\n그는 창가에 앉아 기다렸다."
    for unit in read_units(body, language="ko"):
        assert isinstance(unit.prepared, Prepared)
        assert "PARA_" not in unit.prepared.inputs.tokens
