from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from articles.models import Article
from claims.pipeline import analyse_revision


class Command(BaseCommand):
    help = (
        "Check each article's arithmetic and match its claims against the other articles' "
        "(what ingestion does after extraction), for articles stored before, or again. "
        "Decisions reviewers made on matches are kept; rejected pairs are not suggested again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--article", type=int, action="append", help="an article id")

    def handle(self, *args: Any, **options: Any) -> None:
        articles = Article.objects.order_by("published_at", "pk")
        if options["article"]:
            articles = articles.filter(pk__in=options["article"])
        checks = flagged = links = conflicts = 0
        for article in tqdm(articles.iterator(), total=articles.count(), file=self.stderr):
            revision = article.current_revision
            if revision is None:
                continue
            done = analyse_revision(revision.pk)
            checks += done.checks
            flagged += done.inconsistent
            links += done.links
            conflicts += done.conflicts
        self.stdout.write(
            f"{checks} arithmetic check(s), {flagged} inconsistent; "
            f"{links} new link(s) between claims, {conflicts} with conflicting figures."
        )
