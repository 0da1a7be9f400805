from typing import Any

from django.core.management.base import BaseCommand

from claims.webhooks import retry_due


class Command(BaseCommand):
    help = (
        "Send the webhook deliveries that came due (retries, and attempts whose worker was "
        "lost). Celery beat does this every minute; without workers, run it from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = retry_due()
        self.stdout.write(f"{count} webhook deliveries sent or handed to the workers.")
