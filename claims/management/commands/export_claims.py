"""Export claims to stdout: CSV (UTF-8 with BOM), JSON Lines, or ClaimReview JSON-LD."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.claimreview import claimreview_chunks
from claims.exports import csv_chunks, jsonl_chunks
from claims.models import Claim, ClaimStatus


class Command(BaseCommand):
    help = (
        "Write claims to stdout, streamed: --format csv (UTF-8 with BOM, for spreadsheets), "
        "jsonl (one claim a line, as the API shows it) or claimreview (schema.org JSON-LD "
        "of every reviewed claim)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "jsonl", "claimreview"], default="csv")
        parser.add_argument("--status", choices=ClaimStatus.values, help="Only claims with it.")
        parser.add_argument(
            "--base-url",
            default="",
            help="Site address for ClaimReview 'url' (e.g. https://desk.example/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        claims = Claim.objects.all()
        if options["status"]:
            claims = claims.with_status(options["status"])
        chunks: Iterator[bytes]
        if options["format"] == "csv":
            chunks = csv_chunks(claims)
        elif options["format"] == "jsonl":
            chunks = jsonl_chunks(claims)
        else:
            chunks = claimreview_chunks(claims, base_url=options["base_url"])
        self._write(chunks)

    def _write(self, chunks: Iterator[bytes]) -> None:
        binary = getattr(self.stdout._out, "buffer", None)
        if binary is not None:
            for chunk in chunks:
                binary.write(chunk)
            binary.flush()
            return
        # A text stream (tests, redirected output): decode across chunk boundaries.
        decoder = codecs.getincrementaldecoder("utf-8")()
        for chunk in chunks:
            self.stdout.write(decoder.decode(chunk), ending="")
        self.stdout.write(decoder.decode(b"", final=True), ending="")
