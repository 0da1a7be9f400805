"""Locust users for bench/bench_load.py: one class per target, named on locust's command line.

Credentials and the article id range come from the environment, set by bench_load.py:
LOAD_SESSION (a signed-in reviewer's session id), LOAD_TOKEN (an API token),
LOAD_ARTICLES ("first:last").

Every request must answer 200 without a redirect: a lost session would otherwise be followed
to the sign-in page and counted as a success. Anything else is a locust failure.
"""

from __future__ import annotations

import os
import random
from typing import Any

from locust import HttpUser, between, task

FIRST, LAST = (int(n) for n in os.environ.get("LOAD_ARTICLES", "1:1").split(":"))


class LoadUser(HttpUser):
    abstract = True
    wait_time = between(0, 0.01)

    def fetch(self, url: str, name: str, marker: bytes = b"") -> Any:
        """GET url, no redirects; a failure unless 200 (and the body holds marker)."""
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif marker and marker not in response.content:
                response.failure(f"no {marker!r} in the page")
            return response


class Reviewer(LoadUser):
    """A reviewer's browser: the session cookie of a signed-in reviewer."""

    abstract = True

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", os.environ["LOAD_SESSION"])


class Bare(LoadUser):
    """The reference: a bare Django JsonResponse on the same server."""

    @task
    def bare(self) -> None:
        self.fetch("/bench/bare/", "bare")


class Queue(Reviewer):
    """The queue's first page: open work, both languages interleaved."""

    @task
    def first_page(self) -> None:
        self.fetch("/", "queue", b"bench-reviewer")


class QueueFiltered(Reviewer):
    """The queue filtered by a status and a language."""

    @task
    def filtered(self) -> None:
        status = random.choice(["unreviewed", "verified", "disputed"])  # noqa: S311
        self.fetch(f"/?status={status}&language=ko", "queue?filters", b"bench-reviewer")


class Article(Reviewer):
    @task
    def article(self) -> None:
        pk = random.randint(FIRST, LAST)  # noqa: S311
        self.fetch(f"/articles/{pk}/", "article", b"bench-reviewer")


class Api(LoadUser):
    """An API client with a token: the first page, two cursor pages after it, a filter."""

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Token {os.environ['LOAD_TOKEN']}"

    @task(3)
    def pages(self) -> None:
        url = "/api/v1/claims/"
        for _ in range(3):
            response = self.fetch(url, "api claims")
            if response.status_code != 200:
                break
            url = response.json()["next"]
            if not url:
                break

    @task(1)
    def filtered(self) -> None:
        self.fetch("/api/v1/claims/?status=verified&kind=statistical", "api filtered")
