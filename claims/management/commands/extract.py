import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.documents import extraction_document
from claims.pipeline import SourceError, extract_path, extract_url
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

    def handle(self, *args: Any, **options: Any) -> None:
        sources: list[str] = options["sources"]
        indent = options["indent"] if len(sources) == 1 else None
        failed = 0
        for source in sources:
            try:
                extract = extract_url if looks_like_url(source) else extract_path
                document = extraction_document(extract(source))
            except SourceError as error:
                failed += 1
                document = {"source": source, "error": error.reason}
                self.stderr.write(f"{source}: {error.reason}")
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=indent))
        if failed:
            raise CommandError(f"{failed} of {len(sources)} sources failed", returncode=1)
