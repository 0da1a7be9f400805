"""Two editors choosing the desk's rating scale at once get one active scale and no 500.

Both activations turned the old scale off and met on the one-active-scale constraint: the
second, blocked on the old scale's row until the first committed, then found it already off,
did not see the first's new scale (not active when its statement began) and turned its own on
beside it: an IntegrityError, a 500 in the admin. ``claims.scales.scale_activate`` now locks
every scale row in one order first, so activations take turns, and turns the others off
again if one slipped in all the same.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from claims import scales
from claims.scale_models import RatingScale
from claims.scales import ensure_builtin_scales, scale_activate


def active_codes() -> list[str]:
    return list(RatingScale.objects.filter(active=True).values_list("code", flat=True))


def test_an_activation_that_meets_another_still_leaves_one_active_scale(db, monkeypatch):
    """Deterministic, both databases: another scale turns active between this activation's
    turning the others off and turning its own on, as a concurrent one would."""
    snu = RatingScale.objects.get(code="snu-factcheck")
    politifact = RatingScale.objects.get(code="politifact")
    real = scales._others_off
    raced: list[int] = []

    def others_off(scale: RatingScale) -> None:
        real(scale)
        if not raced:  # the other editor's activation commits here
            raced.append(politifact.pk)
            RatingScale.objects.filter(pk=politifact.pk).update(active=True)

    monkeypatch.setattr(scales, "_others_off", others_off)
    scale_activate(snu)
    assert raced == [politifact.pk]
    assert active_codes() == ["snu-factcheck"]


def test_the_admin_says_so_when_an_activation_cannot_be_made(db, monkeypatch):
    from django.db import IntegrityError
    from django.test import Client

    from tests.factories import make_user

    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))

    def refused(scale: RatingScale) -> RatingScale:
        raise IntegrityError("one_active_rating_scale")

    monkeypatch.setattr("claims.admin_scales.scale_activate", refused)
    politifact = RatingScale.objects.get(code="politifact")
    response = client.post(
        "/admin/claims/ratingscale/",
        {"action": "make_the_desks_scale", "_selected_action": [politifact.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "at the same moment" in response.content.decode()
    assert active_codes() == ["three-grade"]


def _waiting_locks() -> int:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return int(cursor.fetchone()[0])


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite's transactions begin "
    "IMMEDIATE (config.settings), so two activations never overlap there",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_activations_at_once_leave_one_active_scale_and_no_error():
    ensure_builtin_scales()
    snu = RatingScale.objects.get(code="snu-factcheck")
    politifact = RatingScale.objects.get(code="politifact")
    first_done, commit = threading.Event(), threading.Event()
    errors: list[str] = []

    def first() -> None:
        try:
            with transaction.atomic():
                scale_activate(snu)
                first_done.set()
                commit.wait(30)  # holds its locks until the second is waiting on them
        except Exception as error:  # noqa: BLE001 (reported by the test)
            errors.append(repr(error))
        finally:
            first_done.set()
            connections.close_all()

    def second() -> None:
        try:
            first_done.wait(30)
            scale_activate(politifact)
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_done.wait(30)
    waited = 0.0
    while _waiting_locks() == 0 and waited < 30:  # the second blocks on the first's locks
        time.sleep(0.05)
        waited += 0.05
    assert waited < 30, "the second activation never waited on the first"
    commit.set()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert active_codes() == ["politifact"]
