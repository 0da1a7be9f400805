from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from articles.models import Feed
from claims.pipeline import SourceError, poll_feed, work_is_queued
from claims.tasks import BrokerError, broker_reachable, ingest_feed_entry_task
from lib.urls import URLError, clean_http_url


class Command(BaseCommand):
    help = (
        "Follow an RSS or Atom feed (polled on a schedule by celery beat); --now polls it here "
        "and queues its new entries (ingests them here when no broker is configured)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url", help="the feed's http(s) URL")
        parser.add_argument("--now", action="store_true", help="poll it once now")

    def handle(self, *args: Any, **options: Any) -> None:
        url: str = options["url"]
        try:
            clean_http_url(url)
        except URLError as error:
            raise CommandError(f"{url}: a feed must be an http(s) URL ({error.reason})") from None
        feed, created = Feed.objects.get_or_create(url=url)
        self.stdout.write(f"{'Following' if created else 'Already following'} {url}")
        if options["now"]:
            self.poll_now(feed)

    def poll_now(self, feed: Feed) -> None:
        queued = work_is_queued()
        if queued:
            # Polling records the new entries once: check first that they can be queued.
            problem = broker_reachable()
            if problem:
                raise CommandError(
                    f"The background queue cannot be reached ({problem}), so the feed was not "
                    "polled. The feed is saved: celery beat polls it once Redis and the "
                    "workers run. Start Redis (CELERY_BROKER_URL) and run add_feed --now "
                    "again, or unset CELERY_BROKER_URL to poll and ingest here."
                )
        try:
            outcome = poll_feed(feed)
        except SourceError as error:
            Feed.objects.filter(pk=feed.pk).update(
                last_error=error.reason[:500], last_polled_at=timezone.now()
            )
            why = error.reason
            raise CommandError(f"{feed.url}: the feed could not be polled: {why}") from None
        count = len(outcome.new_entries)
        try:
            for entry in outcome.new_entries:
                ingest_feed_entry_task.delay(entry.pk)
        except BrokerError as error:
            raise CommandError(
                f"{count} new entries were recorded but the background queue stopped "
                f"answering ({error}); start Redis and the workers, then ingest them from "
                "the admin's feed entries or with: manage.py ingest URL"
            ) from None
        done = "queued" if queued else "ingested"
        self.stdout.write(f"{count} new entr{'y' if count == 1 else 'ies'} {done}")
