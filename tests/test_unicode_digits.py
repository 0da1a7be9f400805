"""Digits that are not ASCII in ids, positions and filters (schemathesis sent "32²" as an
outlet: str.isdigit() accepts superscripts that int() refuses, and the export answered 500)."""

from __future__ import annotations

import pytest

from articles.models import outlet_match
from claims.notifications import parse_position
from tests.factories import make_article, make_claims, make_user, token_client


def test_an_outlet_of_superscript_digits_is_matched_by_name_not_read_as_an_id():
    assert "outlet__name__iexact" in str(outlet_match("32²"))
    assert "outlet_id" in str(outlet_match("32"))


def test_an_inbox_position_with_superscript_digits_or_a_row_id_too_large_is_no_position():
    assert parse_position("1700000000000000.5") is not None
    assert parse_position("1700000000000000.5²") is None
    assert parse_position("17²0.5") is None
    assert parse_position("1700000000000000." + "9" * 20) is None


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/export/claims.csv", "/api/v1/export/claims.jsonl"])
def test_the_claim_export_filtered_by_an_outlet_of_superscript_digits_answers_empty(path):
    make_claims(
        make_article(sentences=["정부는 35개국에 친서를 보냈다."], language="ko", outlet="뉴스핌")
    )
    client = token_client(make_user("viewer-digits", "viewer"))
    everything = client.get(path)
    assert everything.status_code == 200
    assert "35개국" in _text(everything)
    response = client.get(path, {"outlet": "32²"})
    assert response.status_code == 200
    assert "35개국" not in _text(response)


def _text(response) -> str:
    return b"".join(response.streaming_content).decode()
