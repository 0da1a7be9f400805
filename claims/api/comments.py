"""The API of comments on a claim and of the caller's notifications (issue 19).

``GET/POST /api/v1/claims/{id}/comments/``, ``PATCH .../comments/{comment_id}/`` (its
author, for ten minutes), ``GET /api/v1/notifications/`` and ``POST
/api/v1/notifications/read/``. Lists are read as plain rows: a fixed number of queries
however many comments or notifications there are."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from articles.models import MAX_ID
from claims import blind
from claims.api import serializers as s
from claims.api.fields import CleanTextField
from claims.api.permissions import ReadOrReview
from claims.api.views import ApiView
from claims.comments import comment_edit, comment_post, merged_here
from claims.inbox_models import COMMENT_MAX_LENGTH, Comment, Notification, NotificationKind
from claims.models import Claim
from claims.notifications import (
    INBOX_SIZE,
    describe,
    inbox,
    mark_read,
    parse_position,
    unread_count,
)

# Serializers (the records below are built from rows; these describe and validate) ---------


class CommentInputSerializer(serializers.Serializer[Any]):
    body = CleanTextField(
        max_length=COMMENT_MAX_LENGTH,
        help_text="The comment; `@username` mentions notify those users.",
    )
    # The metaclass takes declared fields off the class: no clash with Field.parent at run time.
    parent = serializers.IntegerField(  # type: ignore[assignment]
        min_value=1,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        default=None,
        help_text="The comment this one replies to (one level of replies: a reply to a "
        "reply joins its thread).",
    )


class CommentEditSerializer(serializers.Serializer[Any]):
    body = CleanTextField(max_length=COMMENT_MAX_LENGTH)


class CommentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    claim = serializers.IntegerField()
    author = serializers.CharField()
    body = serializers.CharField()
    mentions = serializers.ListField(
        child=serializers.CharField(), help_text="Usernames of the users mentioned."
    )
    parent = serializers.IntegerField(allow_null=True)  # type: ignore[assignment]
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)


class NotificationSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=NotificationKind.choices)
    text = serializers.CharField(help_text="What happened, in a sentence.")
    claim = serializers.IntegerField()
    actor = serializers.CharField(allow_null=True)
    data = serializers.DictField(  # type: ignore[assignment]
        help_text="Details: `comment` and `excerpt` for a mention."
    )
    created_at = serializers.DateTimeField()
    read = serializers.BooleanField()
    read_at = serializers.DateTimeField(allow_null=True)


class NotificationListSerializer(serializers.Serializer[Any]):
    unread = serializers.IntegerField(help_text="How many of the caller's are unread.")
    results = NotificationSerializer(
        many=True, help_text=f"The newest {INBOX_SIZE}, or the {INBOX_SIZE} after `before`."
    )
    older = serializers.CharField(
        allow_null=True,
        help_text="Pass as `before` for the next, older page; null at the oldest.",
    )


class NotificationReadInputSerializer(serializers.Serializer[Any]):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=None,
        max_length=1000,
    )
    all = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["ids"] is None and not attrs["all"]:
            raise serializers.ValidationError(
                'Give "ids" (the notifications to mark read) or "all": true.'
            )
        return attrs


class NotificationReadSerializer(serializers.Serializer[Any]):
    marked = serializers.IntegerField(help_text="How many were unread and are now read.")
    unread = serializers.IntegerField()


# Records ------------------------------------------------------------------------------------

COMMENT_VALUES = (
    "id",
    "claim_id",
    "author__username",
    "body",
    "mentions",
    "parent_id",
    "created_at",
    "edited_at",
)


def comment_records(**where: Any) -> list[dict[str, Any]]:
    rows = Comment.objects.filter(**where).order_by("created_at", "id").values(*COMMENT_VALUES)
    return [
        {
            "id": r["id"],
            "claim": r["claim_id"],
            "author": r["author__username"],
            "body": r["body"],
            "mentions": r["mentions"],
            "parent": r["parent_id"],
            "created_at": r["created_at"],
            "edited_at": r["edited_at"],
        }
        for r in rows
    ]


def notification_record(n: Notification) -> dict[str, Any]:
    return {
        "id": n.pk,
        "kind": n.kind,
        "text": describe(n),
        "claim": n.claim_id,
        "actor": n.actor.get_username() if n.actor else None,
        "data": n.data,
        "created_at": n.created_at,
        "read": n.read_at is not None,
        "read_at": n.read_at,
    }


# Views -------------------------------------------------------------------------------------

ERRORS: dict[int | str, Any] = {401: s.ErrorSerializer, 403: s.ErrorSerializer}


class ClaimComments(ApiView):
    permission_classes = [ReadOrReview]

    @extend_schema(
        summary="A claim's comments, oldest first",
        responses={200: CommentSerializer(many=True), **ERRORS, 404: s.ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = Claim.objects.filter(pk=pk).first()
        if claim is None:
            raise NotFound("No claim with this id.")
        # With the comments of the claims merged into it (each record names its claim).
        ids = [pk, *merged_here(claim)]
        if blind.hides(request.user, claim):  # only their own until their verdict is in
            return Response(comment_records(claim_id__in=ids, author_id=request.user.pk))
        return Response(comment_records(claim_id__in=ids))

    @extend_schema(
        summary="Comment on a claim (reviewers)",
        description=(
            "`@username` mentions of active users are stored and notify them. Comments are "
            f"never deleted; their author may edit them for 10 minutes. At most "
            f"{COMMENT_MAX_LENGTH} characters."
        ),
        request=CommentInputSerializer,
        responses={
            201: CommentSerializer,
            400: OpenApiResponse(description="Field errors: {field: [message, ...]}"),
            **ERRORS,
            404: s.ErrorSerializer,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        claim = get_object_or_404(Claim, pk=pk)
        given = CommentInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        comment = comment_post(
            claim=claim,
            author=request.user,
            body=given.validated_data["body"],
            parent=given.validated_data["parent"],
        )
        return Response(comment_records(pk=comment.pk)[0], status=status.HTTP_201_CREATED)


class ClaimCommentDetail(ApiView):
    permission_classes = [ReadOrReview]

    @extend_schema(
        summary="Edit your comment (within 10 minutes of posting it)",
        description="403 for anyone but its author, and for its author after 10 minutes.",
        request=CommentEditSerializer,
        responses={
            200: CommentSerializer,
            400: OpenApiResponse(description="Field errors: {field: [message, ...]}"),
            **ERRORS,
            404: s.ErrorSerializer,
        },
    )
    def patch(self, request: Request, pk: int, comment_id: int) -> Response:
        # An id no row can have is no comment (SQLite cannot even compare it to claim_id).
        ids_possible = max(pk, comment_id) <= MAX_ID
        comment = (
            Comment.objects.filter(pk=comment_id, claim_id=pk).first() if ids_possible else None
        )
        if comment is None:
            raise NotFound("No comment with this id on this claim.")
        given = CommentEditSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        comment_edit(comment=comment, editor=request.user, body=given.validated_data["body"])
        return Response(comment_records(pk=comment.pk)[0])


class Notifications(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="notifications_list",
        summary="Your notifications, newest first, with how many are unread",
        description=(
            f"{INBOX_SIZE} a page; `older` is the position to pass as `before` for the next "
            "page (keyset: the same queries however far back)."
        ),
        parameters=[
            OpenApiParameter(
                "before",
                str,
                description="A page's `older`: the notifications after it, newest first.",
            )
        ],
        responses={
            200: NotificationListSerializer,
            400: OpenApiResponse(description="`before` is not a page's `older`"),
            401: s.ErrorSerializer,
        },
    )
    def get(self, request: Request) -> Response:
        before = request.query_params.get("before", "")
        if before and parse_position(before) is None:
            raise ValidationError({"before": ["Pass a page's `older` value, as given."]})
        page = inbox(request.user, before=before)
        return Response(
            {
                "unread": unread_count(request.user),
                "results": [notification_record(n) for n in page.rows],
                "older": page.older or None,
            }
        )


class NotificationsRead(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Mark your notifications read: those of `ids`, or `all`",
        request=NotificationReadInputSerializer,
        responses={
            200: NotificationReadSerializer,
            400: OpenApiResponse(description="Field errors: {field: [message, ...]}"),
            401: s.ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        given = NotificationReadInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        ids = None if given.validated_data["all"] else given.validated_data["ids"]
        marked = mark_read(user=request.user, ids=ids)
        unread = Notification.objects.unread().filter(recipient_id=request.user.pk).count()
        return Response({"marked": marked, "unread": unread})
