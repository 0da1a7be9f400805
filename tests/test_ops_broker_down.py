"""The background queue down, or up with the work failing (issue 17, item 10): the admin's
re-extraction, ``add_feed --now`` and the API's URL ingestion say what happened, never a
500, a traceback or a success that was none."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Feed, FeedEntry
from claims.models import Claim
from config.celery import app as celery_app
from tests.factories import make_article
from tests.localserver import serve
from tests.pages import article_page, rss_feed
from tests.workers import BROKER, switch_broker


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def broker_down(settings) -> Iterator[None]:
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    switch_broker(f"redis://127.0.0.1:{closed_port()}/0", eager=False)
    yield
    switch_broker(previous[0], eager=previous[1])


@pytest.fixture
def broker_up(settings) -> Iterator[None]:
    """The test Redis broker (CLAIMDESK_TEST_BROKER_URL), with no worker behind it."""
    if not BROKER:
        pytest.skip("set CLAIMDESK_TEST_BROKER_URL=redis://127.0.0.1:6379/15 (.ci/run does)")
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    switch_broker(BROKER, eager=False)
    yield
    celery_app.control.purge()
    switch_broker(previous[0], eager=previous[1])


@pytest.fixture
def admin_client(client, team):
    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(root)
    return client


# The admin's re-extraction ----------------------------------------------------------------


def test_reextract_action_with_the_broker_down_says_so_instead_of_a_500(admin_client, broker_down):
    from django.contrib.admin.models import LogEntry

    articles = [make_article(sentences=["The city spent $5 million on roads in 2024."])]
    articles.append(make_article(sentences=["Rents rose 4% in 2024."]))
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "reextract", "_selected_action": [a.pk for a in articles]},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "background queue cannot be reached" in page
    assert "2 of 2 articles were not queued" in page
    assert "manage.py reextract --article" in page
    assert "Re-extraction queued" not in page
    assert not LogEntry.objects.exists()  # nothing is recorded as queued


def test_reextract_action_says_so_in_korean(admin_client, broker_down):
    article = make_article(sentences=["The city spent $5 million on roads in 2024."])
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "reextract", "_selected_action": [article.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 200
    assert "백그라운드 작업 대기열" in response.content.decode()


# add_feed --now -----------------------------------------------------------------------------


def feed_pages() -> dict[str, tuple[int, str, bytes]]:
    return {
        "/a": (200, "text/html", article_page("Council passes budget", day=1)),
        "/b": (200, "text/html", article_page("Housing grants grow", day=2)),
    }


def test_add_feed_now_with_the_broker_down_is_a_clear_error_not_a_traceback(db, broker_down):
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("add_feed", "https://news.example/feed.xml", "--now", stdout=out)
    message = str(failure.value)
    assert "background queue cannot be reached" in message
    assert "Start Redis" in message
    # The feed is followed (beat polls it later); nothing was polled or recorded.
    feed = Feed.objects.get()
    assert feed.last_polled_at is None
    assert not FeedEntry.objects.exists()


def test_add_feed_now_exits_non_zero_from_the_command_line_when_the_broker_is_down(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{closed_port()}/0",
        "HOME": str(tmp_path),
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True)
    done = subprocess.run(
        [sys.executable, "manage.py", "add_feed", "https://news.example/feed.xml", "--now"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "background queue cannot be reached" in done.stderr
    assert "Traceback" not in done.stderr


def test_add_feed_now_with_a_failing_poll_exits_non_zero_with_the_reason(db, fetch_loopback):
    with serve({}) as base:
        with pytest.raises(CommandError) as failure:
            call_command("add_feed", f"{base}/feed", "--now", stdout=StringIO())
    assert "could not be polled" in str(failure.value)
    assert "404" in str(failure.value)
    assert "404" in Feed.objects.get().last_error


def test_add_feed_now_with_the_broker_up_and_the_poll_failing_exits_non_zero(
    db, fetch_loopback, broker_up
):
    out = StringIO()
    with serve({"/feed": (200, "text/html", article_page("Not a feed"))}) as base:
        with pytest.raises(CommandError) as failure:
            call_command("add_feed", f"{base}/feed", "--now", stdout=out)
    assert "not an RSS or Atom feed" in str(failure.value)
    assert "None" not in out.getvalue() and "queued" not in out.getvalue()


def test_add_feed_now_with_the_broker_up_queues_the_new_entries(db, fetch_loopback, broker_up):
    out = StringIO()
    pages = feed_pages()
    with serve(pages) as base:
        pages["/feed"] = (200, "application/rss+xml", rss_feed(base, [("A", "/a"), ("B", "/b")]))
        call_command("add_feed", f"{base}/feed", "--now", stdout=out)
    assert "2 new entries queued" in out.getvalue()
    assert FeedEntry.objects.count() == 2


def test_add_feed_now_without_a_broker_ingests_the_new_entries(db, fetch_loopback):
    out = StringIO()
    pages = feed_pages()
    with serve(pages) as base:
        pages["/feed"] = (200, "application/rss+xml", rss_feed(base, [("A", "/a"), ("B", "/b")]))
        call_command("add_feed", f"{base}/feed", "--now", stdout=out)
        call_command("add_feed", f"{base}/feed", "--now", stdout=out)
    assert "2 new entries ingested" in out.getvalue()
    assert "0 new entries ingested" in out.getvalue()
    assert Article.objects.count() == 2
    assert Claim.objects.exists()
