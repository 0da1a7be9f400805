import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.documents import extraction_document
from claims.pipeline import SourceError, SourceExtraction, extract_path, extract_url
from lib.urls import looks_like_url


class Command(BaseCommand):
    help = (
        "Extract articles and claims from files or URLs and print them; writes nothing to the "
        "database. With several sources, prints one JSON document per line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "sources", nargs="+", metavar="SOURCE", help="a file path or an http(s) URL"
        )
        parser.add_argument("--json", action="store_true", help="print JSON (the default)")
        parser.add_argument("--indent", type=int, default=None, help="pretty-print one source")
        parser.add_argument(
            "--explain",
            action="store_true",
            help="add the rule that read each figure and the reasons that decided each claim",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sources: list[str] = options["sources"]
        indent = options["indent"] if len(sources) == 1 else None
        failed = 0
        for source in sources:
            try:
                extract = extract_url if looks_like_url(source) else extract_path
                extraction = extract(source)
                document = extraction_document(extraction)
                if options["explain"]:
                    explain(document, extraction)
            except SourceError as error:
                failed += 1
                document = {"source": source, "error": error.reason}
                self.stderr.write(f"{source}: {error.reason}")
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=indent))
        if failed:
            raise CommandError(f"{failed} of {len(sources)} sources failed", returncode=1)


def explain(document: dict[str, Any], extraction: SourceExtraction) -> None:
    """Add ``"rule"`` to each figure of ``document`` and ``"reasons"`` to each claim: the
    names of the rules that decided it, then ``"model:<probability>"`` when a model was
    asked (``ExtractedClaim.reasons``)."""
    for article, item in zip(document["articles"], extraction.articles, strict=True):
        for claim, found in zip(article["claims"], item.claims, strict=True):
            claim["reasons"] = found.reasons
            for figure, read in zip(claim["figures"], found.figures, strict=True):
                figure["rule"] = read.rule
