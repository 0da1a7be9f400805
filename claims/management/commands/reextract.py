from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from articles.models import Article
from claims.pipeline import reextract_article


class Command(BaseCommand):
    help = (
        "Re-extract the claims of every article (or those given) with the current extractor. "
        "Claims that still stand keep their verdicts; vanished ones are marked gone, not deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--article", type=int, action="append", help="an article id")

    def handle(self, *args: Any, **options: Any) -> None:
        articles = Article.objects.order_by("pk")
        if options["article"]:
            articles = articles.filter(pk__in=options["article"])
        new = kept = gone = 0
        for article in tqdm(articles.iterator(), total=articles.count(), file=self.stderr):
            result = reextract_article(article)
            new, kept, gone = (
                new + result.claims_new,
                kept + result.claims_kept,
                gone + result.claims_gone,
            )
        self.stdout.write(f"{new} new claim(s), {kept} kept, {gone} gone from current text.")
