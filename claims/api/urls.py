"""REST API under /api/v1/, its schema at /api/schema/ and its docs at /api/docs/."""

from csp.decorators import csp_update
from django.urls import URLPattern, URLResolver, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from claims.api import beyond, claim, comments, scale, views

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", views.ApiIndex.as_view(), name="index"),
    path("api/v1/claims/", views.ClaimList.as_view(), name="claims"),
    path("api/v1/claims/<int:pk>/", claim.ClaimDetail.as_view(), name="claim"),
    path("api/v1/claims/<int:pk>/verdicts/", views.ClaimVerdicts.as_view(), name="verdicts"),
    path("api/v1/claims/<int:pk>/comments/", comments.ClaimComments.as_view(), name="comments"),
    path(
        "api/v1/claims/<int:pk>/comments/<int:comment_id>/",
        comments.ClaimCommentDetail.as_view(),
        name="comment",
    ),
    path("api/v1/notifications/", comments.Notifications.as_view(), name="notifications"),
    path(
        "api/v1/notifications/read/",
        comments.NotificationsRead.as_view(),
        name="notifications-read",
    ),
    path(
        "api/v1/claims/<int:pk>/claimreview/",
        views.ClaimReviewDetail.as_view(),
        name="claimreview",
    ),
    path("api/v1/canonical-claims/", beyond.CanonicalClaimList.as_view(), name="canonical-claims"),
    path(
        "api/v1/canonical-claims/<int:pk>/",
        beyond.CanonicalClaimDetail.as_view(),
        name="canonical-claim",
    ),
    path(
        "api/v1/sources/<int:pk>/archive/",
        beyond.SourceArchiveDetail.as_view(),
        name="source-archive",
    ),
    path("api/v1/sources/<int:pk>/refetch/", beyond.SourceRefetch.as_view(), name="source-refetch"),
    path("api/v1/rating-scale/", scale.DeskRatingScale.as_view(), name="rating-scale"),
    path("api/v1/articles/", views.ArticleList.as_view(), name="articles"),
    path("api/v1/articles/<int:pk>/", views.ArticleDetail.as_view(), name="article"),
    path("api/v1/jobs/<int:pk>/", views.JobDetail.as_view(), name="job"),
    path("api/v1/export/claims.csv", views.ExportCSV.as_view(), name="export-csv"),
    path("api/v1/export/claims.jsonl", views.ExportJSONL.as_view(), name="export-jsonl"),
    path(
        "api/v1/export/claimreview.jsonld",
        views.ExportClaimReview.as_view(),
        name="export-claimreview",
    ),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/",
        # Swagger UI sets inline styles; only this page may (its script is a file).
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"^api/", views.not_found, name="not-found"),
]
