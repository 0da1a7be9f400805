"""Write the desk's decisions on claims as claim labels (JSON Lines) to stdout."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.claim_labels import label_lines


class Command(BaseCommand):
    help = (
        "Write the desk's decisions as claim labels for retraining the claim model, one JSON "
        "object a line: each decided claim's revision (with its body) once, then the claim's "
        "span and text, labelled not a claim (dismissed) or a claim (a verdict, or added by a "
        "reviewer). Unreviewed and merged claims are left out. Read by "
        "'python -m bench.train_checkworthiness LANGUAGE --desk FILE'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--language", help="Only articles in this language (ko, en).")

    def handle(self, *args: Any, **options: Any) -> None:
        for line in label_lines(options["language"]):
            self.stdout.write(json.dumps(line, ensure_ascii=False))
