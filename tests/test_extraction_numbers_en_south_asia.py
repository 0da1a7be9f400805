"""Amounts in South Asian notation, as Indian fact-checks quote them: rupees, lakh, crore."""

from __future__ import annotations

import pytest

from claims.extraction import extract_figures


@pytest.mark.parametrize(
    ("text", "part", "value", "unit", "kind"),
    [
        ("Those refusing will be fined Rs 5 crore.", "Rs 5 crore", "50000000", "INR", "money"),
        ("It cost Rs. 2.5 lakh.", "Rs. 2.5 lakh", "250000", "INR", "money"),
        ("The budget is ₹40,000 crore.", "₹40,000 crore", "400000000000", "INR", "money"),
        ("a fine of 5 crore rupees", "5 crore rupees", "50000000", "INR", "money"),
        ("treatment for one crore patients", "one crore patients", "10000000", "patients", "count"),
    ],
)
def test_rupee_amounts_and_south_asian_scales(
    text: str, part: str, value: str, unit: str, kind: str
) -> None:
    [figure] = extract_figures(text, language="en")
    start = text.index(part)
    assert (figure.text, figure.value, figure.unit, figure.kind) == (part, value, unit, kind)
    assert (figure.start, figure.end) == (start, start + len(part))


def test_an_rs_232_cable_is_no_amount() -> None:
    assert extract_figures("Connect the RS 232 cable.", language="en") == []
