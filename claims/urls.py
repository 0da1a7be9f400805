"""The review interface. (Owned by the review UI work.)"""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, path
from django.views.generic import RedirectView

app_name = "claims"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", RedirectView.as_view(url="/admin/", permanent=False), name="home"),
]

# Login lives outside the app namespace so settings.LOGIN_URL = "login" resolves.
auth_urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
