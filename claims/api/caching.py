"""Conditional requests and cached pages for the list endpoints.

A page is cached under a data version plus the full request URL, so a change that the
page could show makes a new version and a stale page is never served:

- On PostgreSQL the version is the WAL insert position (one function call, ~0.1 ms):
  every write to the database moves it, committed or not, so any change invalidates.
  Unrelated writes invalidate too; that costs cache hits, never correctness. (On a
  replica, the replay position.)
- Elsewhere (SQLite) it is read from the tables: a verdict, dismissal or assignment
  saves the claim (``updated_at``); new claims raise the highest claim id; claims gone
  from an article leave an event; a new revision raises the highest revision id; an
  edited article its ``updated_at``; a deleted article the count of articles.

The same version gives the ``ETag``: a client that sends it back in ``If-None-Match`` gets
``304 Not Modified`` without the page being built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import orjson
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from rest_framework.request import Request

TIMEOUT = 300

VERSION_SQL = """
SELECT (SELECT max(updated_at) FROM claims_claim),
       (SELECT max(id) FROM claims_claim),
       (SELECT max(id) FROM claims_claimevent),
       (SELECT max(id) FROM articles_articlerevision),
       (SELECT max(updated_at) FROM articles_article),
       (SELECT count(*) FROM articles_article)
"""


PG_VERSION_SQL = """
SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
            ELSE pg_current_wal_insert_lsn() END::text
"""


def data_version() -> str:
    sql = PG_VERSION_SQL if connection.vendor == "postgresql" else VERSION_SQL
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return repr(cursor.fetchone())


def _etag(version: str, url: str) -> str:
    digest = hashlib.blake2b(f"{version}|{url}".encode(), digest_size=16).hexdigest()
    return f'"{digest}"'


def _matches(request: Request, etag: str) -> bool:
    sent = request.headers.get("If-None-Match", "")
    return any(tag.strip().removeprefix("W/") == etag for tag in sent.split(",")) or sent == "*"


def cached_json(
    request: Request, build: Callable[[], Any], variant: str = ""
) -> HttpResponse | None:
    """The page as JSON from the cache (or 304), building it on a miss.

    Returns None when the client asked for another format (the browsable API), so the
    caller renders it the usual way.
    """
    if request.accepted_renderer.format != "json":
        return None
    # A page that differs by who asks (blind review) is cached apart under ``variant``.
    url = request.build_absolute_uri() + (f"#{variant}" if variant else "")
    etag = _etag(data_version(), url)
    headers = {"ETag": etag, "Vary": "Accept, Authorization, Cookie"}
    if _matches(request, etag):
        return HttpResponse(status=304, headers=headers)
    key = f"claimdesk:api:{etag}"
    body = cache.get(key)
    if body is None:
        body = orjson.dumps(build(), option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS)
        cache.set(key, body, TIMEOUT)
    return HttpResponse(body, content_type="application/json", headers=headers)
