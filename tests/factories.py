"""Named test users and small factories for articles and claims (no extraction involved).

Users: alice and bob are reviewers, erin is an editor, victor is a viewer, and oscar is
signed up with no role (an outsider).
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.http import HttpRequest
from django.test import Client

from articles.models import Article, ArticleRevision, Outlet
from claims.models import Claim, Source, Verdict

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


def ensure_roles() -> None:
    """The role groups as the data migrations make them (``claims.roles.ROLE_PERMISSIONS``).

    Transactional tests (live server, threads, flush) empty every table afterwards, the
    groups included, so tests that need roles make sure they exist.
    """
    from claims.roles import ROLE_PERMISSIONS

    for role, names in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=role)
        if not created:
            continue
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def make_user(username: str, role: str | None = None, **extra: Any) -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


def client_for(name: str) -> Client:
    """A browser client signed in as the user ``name`` (with the test password)."""
    client = Client()
    assert client.login(request=HttpRequest(), username=name, password=PASSWORD)
    return client


def make_team() -> dict[str, Any]:
    return {
        "alice": make_user("alice", "reviewer"),
        "bob": make_user("bob", "reviewer"),
        "erin": make_user("erin", "editor"),
        "victor": make_user("victor", "viewer"),
        "oscar": make_user("oscar"),
    }


def make_article(
    *, sentences: list[str] | None = None, language: str = "en", outlet: str = "Test Wire"
) -> Article:
    """An article whose body is ``sentences`` joined by spaces, with one revision."""
    n = next(_counter)
    sentences = sentences or [f"The city spent ${n} million on roads in 2024."]
    body = " ".join(sentences)
    article = Article.objects.create(
        key=f"test:{n}",
        outlet=Outlet.objects.get_or_create(name=outlet)[0],
        url=f"https://news.example/{n}",
        title=f"Test article {n}",
        authors=["Reporter"],
        published_at=datetime(2025, 1, 1, 9, 0, tzinfo=UTC),
        language=language,
    )
    ArticleRevision.objects.create(
        article=article,
        number=1,
        title=article.title,
        authors=article.authors,
        published_at=article.published_at,
        language=language,
        body=body,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
    )
    return article


def make_claims(article: Article, **fields: Any) -> list[Claim]:
    """One claim per sentence of the article's body."""
    revision = article.revisions.get(number=1)
    claims, at = [], 0
    for i, sentence in enumerate(revision.body.split(". ")):
        text = sentence if sentence.endswith(".") else sentence + "."
        start = revision.body.index(text, at)
        at = start + len(text)
        values = {
            "kind": "statistical",
            "score": 0.5,
            "figures": [],
            "attribution": "",
            **fields,
        }
        claims.append(
            Claim.objects.create(
                article=article,
                revision=revision,
                text=text,
                start=start,
                end=at,
                fingerprint=hashlib.sha256(f"{i}:{text}".encode()).hexdigest()[:40],
                **values,
            )
        )
    return claims


def make_claim(**fields: Any) -> Claim:
    return make_claims(make_article(), **fields)[0]


def row_counts() -> tuple[int, int, int, int, int]:
    """How many articles, revisions, claims, verdicts and sources are stored."""
    return (
        Article.objects.count(),
        ArticleRevision.objects.count(),
        Claim.objects.count(),
        Verdict.objects.count(),
        Source.objects.count(),
    )


def token_client(user: Any = None) -> Any:
    """A DRF test client sending ``user``'s API token (anonymous without a user)."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def run_command(command: str, *args: str) -> tuple[str, str, int]:
    """Run a management command: its stdout, its stderr (with the final error) and exit code."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    out, err = StringIO(), StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return out.getvalue(), err.getvalue(), code
