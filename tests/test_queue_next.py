"""Next in queue (issue 19 item 4): a claim opened from the queue goes on to the next (and
back to the previous) claim of the same filtered, same-ordered queue, across articles and
languages, by keyset steps in a constant number of queries."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims import queue_order
from claims.models import Claim
from claims.services import claim_record_verdict
from tests.factories import client_for, make_article, make_claims

QUEUE = reverse("claims:queue")
ROW_LINK = re.compile(r'<td class="claim-text"[^>]*><a href="([^"]+)"')
STEP_LINK = re.compile(r'<a href="([^"]+)" data-queue-step="(next|previous)"')


def scored(language: str, scores: list[float], **fields: Any) -> list[Claim]:
    sentences = [f"Claim {language} {i} cost {i + 1} won." for i in range(len(scores))]
    claims = make_claims(make_article(sentences=sentences, language=language), **fields)
    for claim, score in zip(claims, scores, strict=True):
        Claim.objects.filter(pk=claim.pk).update(score=score)
    return claims


def row_links(client: Client, **query: Any) -> list[str]:
    page = client.get(QUEUE, query, HTTP_ACCEPT_LANGUAGE=query.pop("lang", "ko"))
    return [htmllib.unescape(u) for u in ROW_LINK.findall(page.content.decode())]


def claim_id(url: str) -> int:
    found = re.match(r"/claims/(\d+)/", url)
    assert found, url
    return int(found.group(1))


def walk(client: Client, start: str, go: str, limit: int = 40) -> tuple[list[int], str]:
    """Follow the panel's "next" (or "previous") link from ``start`` until the queue ends;
    the claims visited, and the page that said it ended."""
    visited = [claim_id(start)]
    url = start
    for _ in range(limit):
        html = client.get(url).content.decode()
        links = {kind: htmllib.unescape(href) for href, kind in STEP_LINK.findall(html)}
        assert set(links) == {"next", "previous"}, url
        response = client.get(links[go])
        assert response.status_code == 302
        url = response["Location"]
        if claim_id(url) == visited[-1]:
            return visited, client.get(url).content.decode()
        visited.append(claim_id(url))
    raise AssertionError("the queue did not end")


@pytest.fixture
def mixed_languages(team: dict[str, Any]) -> dict[str, list[Claim]]:
    """Two English articles and one Korean, of unequal sizes: Korean runs out first."""
    return {
        "en1": scored("en", [0.99, 0.97, 0.95]),
        "en2": scored("en", [0.98, 0.96]),
        "ko": scored("ko", [0.9, 0.4]),
    }


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_next_and_previous_follow_the_queue_order_across_articles(mixed_languages, lang):
    client = client_for("alice")
    links = row_links(client, lang=lang)
    expected = [claim_id(u) for u in links]
    assert len(expected) == 7
    client.cookies["django_language"] = lang
    forward, end_page = walk(client, links[0], "next")
    assert forward == expected
    ends = {
        "en": ("End of the queue", "Start of the queue"),
        "ko": ("대기열의 끝", "대기열의 처음"),
    }
    assert ends[lang][0] in end_page
    backward, start_page = walk(client, links[-1], "previous")
    assert backward == expected[::-1]
    assert ends[lang][1] in start_page
    # Opened from the middle, it goes on from there.
    middle, _ = walk(client, links[3], "next")
    assert middle == expected[3:]
    middle_back, _ = walk(client, links[3], "previous")
    assert middle_back == expected[3::-1]


def test_next_goes_on_across_pages_of_the_queue(mixed_languages, monkeypatch):
    monkeypatch.setattr("claims.views.queue.PAGE_SIZE", 2)
    client = client_for("alice")
    everything: list[str] = []
    query: dict[str, str] = {}
    for _ in range(10):
        page = client.get(QUEUE, query, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
        everything += [htmllib.unescape(u) for u in ROW_LINK.findall(page)]
        more = re.search(r'<a href="\?([^"]+)" rel="next"', page)
        if not more:
            break
        query = dict(re.findall(r"([^&=]+)=([^&]*)", htmllib.unescape(more.group(1))))
        query = {k: v.replace("%3A", ":").replace("%2C", ",") for k, v in query.items()}
    expected = [claim_id(u) for u in everything]
    assert len(expected) == 7
    # From each row of each page, "next" and "previous" agree with the whole queue.
    for i, link in enumerate(everything):
        forward, _ = walk(client, link, "next")
        assert forward == expected[i:], i
        backward, _ = walk(client, link, "previous")
        # Back across a page that began after Korean ran out, the order is kept within a
        # language: the claims are all there, each once.
        assert sorted(backward) == sorted(expected[: i + 1]), i


def test_next_keeps_the_filter(mixed_languages):
    Claim.objects.filter(pk__in=[c.pk for c in mixed_languages["en1"][:2]]).update(kind="quote")
    Claim.objects.filter(pk=mixed_languages["ko"][1].pk).update(kind="quote")
    client = client_for("alice")
    links = row_links(client, kind="quote")
    assert len(links) == 3
    forward, _ = walk(client, links[0], "next")
    assert forward == [claim_id(u) for u in links]
    assert set(forward) == {
        mixed_languages["en1"][0].pk,
        mixed_languages["en1"][1].pk,
        mixed_languages["ko"][1].pk,
    }


def test_after_a_verdict_next_still_goes_to_the_claim_after_it(team, mixed_languages):
    client = client_for("alice")
    links = row_links(client)
    expected = [claim_id(u) for u in links]
    judged = Claim.objects.get(pk=expected[2])
    claim_record_verdict(claim=judged, reviewer=team["alice"], verdict="unverifiable")
    assert Claim.objects.get(pk=judged.pk).status == "unverifiable"  # left open work
    forward, _ = walk(client, links[2], "next")
    assert forward == expected[2:]
    backward, _ = walk(client, links[2], "previous")
    assert backward == expected[2::-1]


def test_a_save_from_the_panel_keeps_the_queue_links(team, mixed_languages):
    """An htmx save answers the panel: the page's queue place comes with HX-Current-URL."""
    client = client_for("alice")
    link = row_links(client)[0]
    pk = claim_id(link)
    response = client.post(
        reverse("claims:verdict", args=[pk]),
        {"verdict": "unverifiable", "source-TOTAL_FORMS": "0", "source-INITIAL_FORMS": "0"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{link}",
    )
    assert response.status_code == 200
    assert 'data-queue-step="next"' in response.content.decode()
    # Another claim's page does not lend its place.
    other = client.get(reverse("claims:claim", args=[pk]), HTTP_HX_REQUEST="true")
    assert 'data-queue-step="next"' not in other.content.decode()


def test_the_queue_sorted_by_due_date_steps_in_due_date_order(team, mixed_languages):
    today = timezone.localdate()
    due = {
        mixed_languages["ko"][1].pk: today + timedelta(days=1),
        mixed_languages["en2"][1].pk: today + timedelta(days=1),
        mixed_languages["en1"][2].pk: today - timedelta(days=2),
    }
    for pk, day in due.items():
        Claim.objects.filter(pk=pk).update(assignment_due=day, assigned_to=team["bob"])
    client = client_for("alice")
    links = row_links(client, sort="due")
    # Soonest first; on the same day the higher score first (en2 0.96 before ko 0.4).
    assert [claim_id(u) for u in links] == [
        mixed_languages["en1"][2].pk,
        mixed_languages["en2"][1].pk,
        mixed_languages["ko"][1].pk,
    ]
    forward, _ = walk(client, links[0], "next")
    assert forward == [claim_id(u) for u in links]
    backward, _ = walk(client, links[-1], "previous")
    assert backward == [claim_id(u) for u in links][::-1]


def test_a_step_takes_the_same_queries_whatever_the_queue_size(team, django_assert_max_num_queries):
    client = client_for("alice")

    def steps_at(n: int) -> dict[str, str]:
        scored("en", [0.5 + i / (4 * n) for i in range(n)])
        scored("ko", [0.3 + i / (4 * n) for i in range(n)])
        html = client.get(row_links(client)[n // 2]).content.decode()
        return {kind: htmllib.unescape(href) for href, kind in STEP_LINK.findall(html)}

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 302
        return len(captured)

    small = steps_at(3)
    counts = {go: queries(url) for go, url in small.items()}
    assert len(counts) == 2
    large = steps_at(40)
    for go, url in large.items():
        with django_assert_max_num_queries(counts[go]):
            client.get(url)


def test_a_place_reads_back_as_written():
    place = queue_order.Place("en", 1, queue_order.Position(0.123456789, 42))
    assert queue_order.Place.parse(str(place)) == place
    assert queue_order.Place.parse("garbage") == queue_order.Place("ko", None, None)
    assert queue_order.Position.parse("2026-01-02:0.5:3") == queue_order.Position(
        0.5, 3, date(2026, 1, 2)
    )
