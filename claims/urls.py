"""The review interface."""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, path

from claims.views import (
    article,
    bulk,
    comments,
    dashboard,
    exports,
    inbox,
    ingest,
    links,
    panel,
    queue,
    queue_steps,
    saved,
    sources,
)
from config.auth import SignInForm

app_name = "claims"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", queue.queue, name="queue"),
    path("", queue.queue, name="home"),
    path("queue/export.csv", exports.queue_csv, name="queue_csv"),
    path("queue/export.jsonl", exports.queue_jsonl, name="queue_jsonl"),
    path("views/", saved.saved_views_page, name="saved_views"),
    path("views/menu/", saved.views_menu, name="views_menu"),
    path("views/save/", saved.save_view, name="save_view"),
    path("views/<int:pk>/", saved.apply_view, name="apply_view"),
    path("views/<int:pk>/rename/", saved.rename_view, name="rename_view"),
    path("views/<int:pk>/delete/", saved.delete_view, name="delete_view"),
    path("queue/assign/", bulk.queue_assign, name="queue_assign"),
    path("queue/dismiss/", bulk.queue_dismiss, name="queue_dismiss"),
    path("queue/verdict/", bulk.queue_verdict, name="queue_verdict"),
    path("queue/step/<int:pk>/", queue_steps.queue_step, name="queue_step"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("ingest/", ingest.ingest, name="ingest"),
    path("ingest/jobs/<int:pk>/", ingest.ingest_job, name="ingest_job"),
    path("articles/<int:pk>/", article.article_detail, name="article"),
    path("articles/<int:pk>/claims/add/", article.article_add_claim, name="add_claim"),
    path("claims/<int:pk>/", panel.claim_detail, name="claim"),
    path("claims/<int:pk>/verdict/", panel.claim_verdict, name="verdict"),
    path("claims/<int:pk>/dismiss/", panel.claim_dismiss_view, name="dismiss"),
    path("claims/<int:pk>/restore/", panel.claim_restore_view, name="restore"),
    path("claims/<int:pk>/span/", panel.claim_span, name="span"),
    path("claims/<int:pk>/assign/", panel.claim_assign_view, name="assign"),
    path("claims/<int:pk>/merge/", panel.claim_merge_view, name="merge"),
    path("claims/<int:pk>/links/<int:link_pk>/confirm/", links.link_confirm, name="link_confirm"),
    path("claims/<int:pk>/links/<int:link_pk>/reject/", links.link_reject, name="link_reject"),
    path("claims/<int:pk>/apply/<int:source_pk>/", links.apply_verdict, name="apply_verdict"),
    path("claims/<int:pk>/split/", links.split, name="split"),
    path("claims/<int:pk>/group/", links.group, name="group"),
    path("claims/<int:pk>/recheck/", panel.claim_recheck_view, name="recheck"),
    path("claims/<int:pk>/blind/", panel.claim_blind_view, name="blind"),
    path("claims/<int:pk>/comments/", comments.comment_create, name="comment"),
    path(
        "claims/<int:pk>/comments/<int:comment_pk>/edit/",
        comments.comment_update,
        name="comment_edit",
    ),
    path("inbox/", inbox.inbox_page, name="inbox"),
    path("inbox/<int:pk>/", inbox.inbox_open, name="inbox_open"),
    path("inbox/read/", inbox.inbox_read, name="inbox_read"),
    path("inbox/email/", inbox.inbox_email, name="inbox_email"),
    path("sources/<int:pk>/archive/", sources.source_archive, name="source_archive"),
    path(
        "sources/<int:pk>/archive/<int:version>.warc.gz",
        sources.source_warc,
        name="source_warc",
    ),
    path("sources/<int:pk>/evidence/", sources.source_evidence, name="source_evidence"),
    path("sources/<int:pk>/refetch/", sources.source_refetch, name="source_refetch"),
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
