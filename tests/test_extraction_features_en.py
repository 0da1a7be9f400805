"""The English structure tokens mark modality and stance (issue 16's English false positives):
a reported feeling or belief, an evaluation, an obligation, a hedge of the past, a
definition's frame, a time point, the tense. Pure text; sentences written for these tests."""

from __future__ import annotations

import pytest

from claims.extraction.claims import Prepared, read_units
from claims.extraction.features import article_tokens, english_structure


def _marks(text: str) -> list[str]:
    return [t for t in english_structure(text).split() if t.isupper() and t.isalpha()]


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("She said she was shocked by the decision.", ["REPORT", "PAST", "FEEL"]),
        ("He said he believed the vote would unite the country.", ["REPORT", "BELIEF", "MODAL"]),
        ("The ministry will announce a new strategy on Friday.", ["MODAL", "WHEN"]),
        ("The plan is clearly an attempt to buy votes.", ["FUTURE", "PRESENT", "EVAL"]),
        ("A bond is a type of loan made to a government.", ["DEFINE"]),
        ("The fire may have been caused by a cigarette.", ["MAYHAVE", "PAST", "PAST"]),
        ("Drivers need to carry the card at all times.", ["OBLIGE"]),
        ("She was not involved in the study.", ["PAST", "NEG", "PAST"]),
        ("People usually feel sleepy after a long trip.", ["GENERIC", "GENERIC", "BELIEF"]),
    ],
)
def test_stance_marks_follow_the_text_order(text, marks):
    assert _marks(text) == marks


def test_may_the_month_is_no_modal_and_a_stance_word_is_read_whatever_its_case():
    assert _marks("In May 2020 the rate rose to 14 percent.") == ["WHEN"]
    assert _marks("Clearly, the money was spent.") == ["EVAL", "PAST"]


def test_a_mark_inside_a_quotation_stays_a_quoted_word():
    tokens = english_structure('She said the result was "clearly wrong" in her view.').split()
    assert "q:clearly" in tokens
    assert "EVAL" not in tokens
    assert tokens.index("REPORT") < tokens.index("PAST")


def test_a_regular_past_verb_marks_the_past():
    assert _marks("The council voted to raise the fee.") == ["PAST"]


def test_article_tokens_give_each_marks_share_in_quarters_to_every_unit():
    units = [("REPORT PAST", True), ("PAST", False), ("SECOND MODAL", False), ("", False)]
    tokens = article_tokens(units, 4)
    assert "ART_REPORT1" in tokens  # a quarter
    assert "ART_PAST2" in tokens  # a half
    assert "ART_YOU1" in tokens
    assert "ART_I0" in tokens
    assert "ART_FIGURE1" in tokens
    assert tokens[-1] == "ART_UNITS1"


def test_an_english_units_model_input_carries_its_articles_tokens_and_a_lone_one_none():
    body = (
        "The council voted on Tuesday to raise the parking fee to 5 dollars. "
        "The mayor said the vote was a mistake and would cost the city."
    )
    units = [u for u in read_units(body, language="en") if isinstance(u.prepared, Prepared)]
    assert len(units) == 2
    for unit in units:
        assert isinstance(unit.prepared, Prepared)
        assert "ART_PAST3" in unit.prepared.inputs.tokens.split()
    alone = list(read_units("The mayor said the vote was a mistake.", language="en"))
    assert len(alone) == 1
    assert isinstance(alone[0].prepared, Prepared)
    assert "ART_" not in alone[0].prepared.inputs.tokens
