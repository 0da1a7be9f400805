"""Celery application: used with a Redis broker when CELERY_BROKER_URL is set."""

import os

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("claimdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def schedule_feed_polling(sender: Celery, **kwargs: object) -> None:
    sender.add_periodic_task(
        settings.CLAIMDESK_FEED_POLL_MINUTES * 60.0,
        sender.signature("claims.tasks.poll_feeds_task"),
        name="poll feeds",
    )


@app.on_after_finalize.connect
def schedule_lost_job_sweep(sender: Celery, **kwargs: object) -> None:
    # Jobs whose worker was killed or lost are queued again within a lease and a sweep.
    sender.add_periodic_task(
        float(settings.CLAIMDESK_JOB_SWEEP_SECONDS),
        sender.signature("claims.tasks.requeue_lost_jobs_task"),
        name="queue again the jobs of lost workers",
    )


@app.on_after_finalize.connect
def schedule_source_rechecks(sender: Celery, **kwargs: object) -> None:
    # Sources of standing claims fetched again (a changed or vanished page brings its claim
    # back to the queue), and claims whose re-check date has come marked in their history.
    sender.add_periodic_task(
        3600.0,
        sender.signature("claims.tasks.refetch_sources_task"),
        name="re-fetch cited sources",
    )
    sender.add_periodic_task(
        3600.0,
        sender.signature("claims.tasks.mark_due_rechecks_task"),
        name="mark claims due for re-check",
    )


@app.on_after_finalize.connect
def schedule_webhook_retries(sender: Celery, **kwargs: object) -> None:
    # Webhook deliveries whose retry came due (and attempts of lost workers) are sent.
    sender.add_periodic_task(
        60.0, sender.signature("claims.tasks.retry_webhooks_task"), name="retry webhooks"
    )
