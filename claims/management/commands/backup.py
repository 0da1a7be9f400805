from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.backup import BackupError, archive_location, backup_write


class Command(BaseCommand):
    help = (
        "Write everything (users, roles, articles, claims, verdicts, sources) to a .jsonl.gz "
        "file, through a temporary file renamed only once the backup is complete."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the backup file to write, ending in .jsonl.gz")
        parser.add_argument(
            "--verify",
            action="store_true",
            help="before the file takes its name, restore it into a scratch database "
            "(SQLite: a temporary file; PostgreSQL: a database created and dropped) and "
            "compare every table's row count and checksum with the database's",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            report = backup_write(path=path, verify=options["verify"])
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}. Nothing was written to {path}.") from error
        self.stdout.write(f"Backup written to {path} ({report.size:,} bytes).")
        if options["verify"]:
            rows = sum(table.rows for table in report.tables.values())
            self.stdout.write(
                f"Verified: restored into {report.verified_in}, {len(report.tables)} tables "
                f"and {rows:,} rows, each table's row count and checksum the same as the "
                "database's."
            )
            if options["verbosity"] > 1:
                for table in report.tables.values():
                    self.stdout.write(f"  {table.table:32} {table.rows:>9,}  {table.checksum}")
        self.stdout.write(
            "Source archives: their rows are in the backup; their WARC records are not. Copy "
            f"them beside it from {archive_location()} (e.g. rsync -a FOLDER/ backup-host:"
            "claimdesk-archives/), or rely on the bucket's versioning for a storage backend."
        )
