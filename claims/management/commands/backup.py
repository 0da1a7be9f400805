from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.backup import archive_location, backup_write


class Command(BaseCommand):
    help = "Write everything (users, roles, articles, claims, verdicts, sources) to a .xml.gz file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the backup file to write, ending in .xml.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        backup_write(path=path)
        self.stdout.write(f"Backup written to {path} ({path.stat().st_size:,} bytes).")
        self.stdout.write(
            "Source archives: their rows are in the backup; their WARC records are not. Copy "
            f"them beside it from {archive_location()} (e.g. rsync -a FOLDER/ backup-host:"
            "claimdesk-archives/), or rely on the bucket's versioning for a storage backend."
        )
