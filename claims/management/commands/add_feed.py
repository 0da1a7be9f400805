from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Feed
from claims.pipeline import SourceError
from claims.tasks import poll_feed_task
from lib.urls import URLError, clean_http_url


class Command(BaseCommand):
    help = "Follow an RSS or Atom feed (polled on a schedule by celery beat); --now polls it."

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
            try:
                count = poll_feed_task.delay(feed.pk).get()
            except SourceError as error:
                raise CommandError(f"{url}: {error.reason}") from error
            self.stdout.write(f"{count} new entr{'y' if count == 1 else 'ies'} queued")
