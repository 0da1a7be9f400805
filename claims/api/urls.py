"""REST API under /api/v1/, its schema and docs. (Owned by the API work.)"""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
