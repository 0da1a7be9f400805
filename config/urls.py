from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.http import FileResponse, HttpRequest
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from claims.urls import auth_urlpatterns
from config import errors
from config.health import health


@require_GET
@cache_control(max_age=60 * 60 * 24 * 7, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    """Browsers ask for /favicon.ico on every page; pages also link the SVG icon."""
    icon = Path(settings.BASE_DIR) / "static" / "claimdesk" / "favicon.ico"
    return FileResponse(icon.open("rb"), content_type="image/x-icon")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("claims.api.urls")),
    path("", include("claims.urls")),
    *auth_urlpatterns,
]

# JSON under /api/, a page in the reader's language elsewhere.
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
