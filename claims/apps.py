from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Claims")

    def ready(self) -> None:
        # Signed webhooks listen to the desk's events (claims.signals.desk_event).
        from claims import webhooks

        webhooks.connect()
        from claims.notifications import on_desk_event
        from claims.signals import desk_event

        desk_event.connect(on_desk_event, dispatch_uid="claims.notifications")
