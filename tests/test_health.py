import pytest


@pytest.mark.django_db
def test_health_reports_the_database_and_inline_work(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "inline"}


@pytest.mark.django_db
def test_health_is_down_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    from config.celery import app

    previous = app.conf.broker_url
    app.conf.update(broker_url=settings.CELERY_BROKER_URL)
    try:
        response = client.get("/healthz")
    finally:
        app.conf.update(broker_url=previous)
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
