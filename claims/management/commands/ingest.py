from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from claims.pipeline import IngestOutcome, SourceError, ingest_path, ingest_url
from lib.urls import looks_like_url


class Command(BaseCommand):
    help = (
        "Store the articles and claims of files or URLs. Idempotent: a source ingested again "
        "stores nothing new unless its text changed, which makes a new revision."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "sources", nargs="+", metavar="SOURCE", help="a file path or an http(s) URL"
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        sources: list[str] = options["sources"]
        show_bar = len(sources) > 1 and not options["no_progress"]
        outcomes: list[IngestOutcome] = []
        errors: list[SourceError] = []
        for source in tqdm(sources, disable=not show_bar, unit="source", file=self.stderr):
            try:
                ingest = ingest_url if looks_like_url(source) else ingest_path
                outcomes.append(ingest(source))
            except SourceError as error:
                errors.append(error)
                tqdm.write(self.style.ERROR(f"failed: {source}: {error.reason}"), file=self.stderr)
        self._summary(outcomes, errors)
        if errors:
            raise CommandError(f"{len(errors)} of {len(sources)} sources failed", returncode=1)

    def _summary(self, outcomes: list[IngestOutcome], errors: list[SourceError]) -> None:
        articles = [a for o in outcomes for a in o.articles]
        new = sum(a.article_created for a in articles)
        revised = sum(a.revision_created and not a.article_created for a in articles)
        unchanged = len(articles) - new - revised
        claims = sum(a.claims_new for a in articles)
        self.stdout.write(
            f"{len(outcomes)} source(s) ingested, {len(errors)} failed: "
            f"{new} new article(s), {revised} revised, {unchanged} unchanged; "
            f"{claims} new claim(s)."
        )
        for outcome in outcomes:
            for a in outcome.articles:
                state = (
                    "new"
                    if a.article_created
                    else ("revised" if a.revision_created else "unchanged")
                )
                self.stdout.write(
                    f"  [{state}] #{a.article.pk} {a.article.title[:70]} "
                    f"({a.claims_new} new, {a.claims_kept} kept, {a.claims_gone} gone)"
                )
