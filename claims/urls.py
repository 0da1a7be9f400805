"""The review interface."""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, path

from claims import views
from config.auth import SignInForm

app_name = "claims"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.queue, name="queue"),
    path("", views.queue, name="home"),
    path("queue/assign/", views.queue_assign, name="queue_assign"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("ingest/", views.ingest, name="ingest"),
    path("ingest/jobs/<int:pk>/", views.ingest_job, name="ingest_job"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("articles/<int:pk>/claims/add/", views.article_add_claim, name="add_claim"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("claims/<int:pk>/verdict/", views.claim_verdict, name="verdict"),
    path("claims/<int:pk>/dismiss/", views.claim_dismiss_view, name="dismiss"),
    path("claims/<int:pk>/restore/", views.claim_restore_view, name="restore"),
    path("claims/<int:pk>/span/", views.claim_span, name="span"),
    path("claims/<int:pk>/assign/", views.claim_assign_view, name="assign"),
    path("claims/<int:pk>/merge/", views.claim_merge_view, name="merge"),
]

# Login lives outside the app namespace so settings.LOGIN_URL = "login" resolves.
auth_urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
