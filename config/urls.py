from django.contrib import admin
from django.urls import include, path

from claims.urls import auth_urlpatterns
from config import errors
from config.health import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
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
