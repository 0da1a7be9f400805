from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from claims.pipeline import SourceError, ingest_path
from claims.roles import EDITOR, REVIEWER, grant_role

DEMO_USERS = [("reviewer", REVIEWER), ("editor", EDITOR)]


class Command(BaseCommand):
    help = "Load the sample articles and create the demo reviewer and editor (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default="claimdesk-demo", help="the demo password")

    def handle(self, *args: Any, **options: Any) -> None:
        samples = sorted((Path(settings.BASE_DIR) / "samples").glob("*.html"))
        for sample in samples:
            try:
                outcome = ingest_path(str(sample))
            except SourceError as error:
                self.stderr.write(self.style.ERROR(f"sample {sample.name}: {error.reason}"))
                continue
            claims = sum(a.claims_new for a in outcome.articles)
            self.stdout.write(f"sample {sample.name}: {claims} new claim(s)")
        for username, role in DEMO_USERS:
            self._demo_user(username, role, options["password"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo logins: reviewer / {options['password']} and editor / {options['password']}"
            )
        )

    def _demo_user(self, username: str, role: str, password: str) -> None:
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_password(password)
            user.save()
        # The editor gets the admin console; the reviewer works in the review interface.
        grant_role(user, role)
