from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.backup import RestoreError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup written by `backup` into an empty, migrated database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the backup file (.jsonl.gz; older backups: .xml.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            backup_restore(path=Path(options["path"]))
        except RestoreError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Backup restored.")
