"""Sessions are Django's database sessions read with plain SQL (config.sessions, issue 18):
the same rows, expiry and keys as Django's own store."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from config.sessions import SessionStore


def test_the_project_reads_sessions_with_its_store():
    assert settings.SESSION_ENGINE == "config.sessions"


def test_a_stored_session_loads_what_django_stored(db):
    stored = DjangoStore()
    stored["who"] = "앨리스"
    stored["n"] = 3
    stored.create()
    loaded = SessionStore(stored.session_key)
    assert dict(loaded.items()) == {"who": "앨리스", "n": 3}
    assert loaded.session_key == stored.session_key


def test_a_session_written_by_the_store_is_read_back_from_the_row(db):
    session = SessionStore()
    session["who"] = "bob"
    session.save()
    row = Session.objects.get(session_key=session.session_key)
    assert row.get_decoded() == {"who": "bob"}


def test_an_expired_session_is_empty_and_loses_its_key(db):
    stored = DjangoStore()
    stored["who"] = "alice"
    stored.create()
    Session.objects.filter(session_key=stored.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    loaded = SessionStore(stored.session_key)
    assert dict(loaded.items()) == {}
    assert loaded.session_key is None


def test_an_unknown_or_malformed_key_is_empty(db):
    unknown = SessionStore("x" * 32)
    assert dict(unknown.items()) == {}
    assert unknown.session_key is None
    assert dict(SessionStore("short").items()) == {}
    assert dict(SessionStore(None).items()) == {}
