from django.contrib import admin
from django.urls import include, path

from claims.urls import auth_urlpatterns
from config.health import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("claims.api.urls")),
    path("", include("claims.urls")),
    *auth_urlpatterns,
]
