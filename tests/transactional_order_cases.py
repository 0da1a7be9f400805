"""Run only by tests/test_transactional_order.py, in a pytest of its own (the name keeps it
out of the suite's collection): transactional tests in the order that broke ``pytest -n 2``.

A transactional test's flush empties every table. Without serialized rollback, Django then
sends post_migrate, which makes the content types and permissions again under new ids; a
serialized-rollback test after it put back the rows the migrations made, under their first
ids, beside those, and failed: "UNIQUE constraint failed: django_content_type...".
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from tests.factories import make_claim, make_team


@pytest.mark.django_db(transaction=True)
def test_first_a_transactional_test_without_serialized_rollback() -> None:
    make_team()
    make_claim()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_then_one_with_it_finds_the_migrations_rows_once() -> None:
    assert ContentType.objects.filter(app_label="claims", model="claim").count() == 1
    assert Group.objects.filter(name="reviewer").exists()


@pytest.mark.django_db(transaction=True)
def test_then_one_without_it_again_finds_the_roles() -> None:
    team = make_team()
    assert team["alice"].has_perm("claims.review_claim")
