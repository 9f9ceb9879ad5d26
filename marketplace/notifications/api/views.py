"""The caller's notifications: list them, mark one or all read. Another person's is a 404."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from config.api import ID_PATTERN
from config.idempotency.api import idempotent
from config.permissions import PolicyPermission
from config.viewsets import GenericViewSet

from ..filters import NotificationFilter
from ..messages import notification_messages
from ..selectors import notification_list_for
from ..services import notification_mark_read, notifications_mark_all_read
from .serializers import NotificationSerializer


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet):
    """What happened in the caller's tenders, newest first; `unread=true` for the unread."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    permission_classes = [IsAuthenticated, PolicyPermission]
    # Everyone may act on their own notifications; the queryset holds nobody else's (404).
    policies = {"list": None, "retrieve": None, "read": None, "read_all": None}
    lookup_value_regex = ID_PATTERN
    ordering_fields = ["created_at", "updated_at"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return notification_list_for(user=self.request.user)

    def get_serializer(self, *args, **kwargs):
        # The sentences name rows of several kinds: load them for the whole page at once.
        rows = args[0] if args else kwargs.get("instance")
        if rows is not None:
            many = kwargs.get("many", False)
            found = notification_messages(
                notifications=rows if many else [rows], user=self.request.user
            )
            kwargs["context"] = {
                **self.get_serializer_context(),
                "messages": {message.notification.pk: message for message in found},
            }
        return super().get_serializer(*args, **kwargs)

    @extend_schema(request=None, responses={200: NotificationSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def read(self, request, pk=None):
        """Mark it read; marking it again keeps the first time."""
        notification = notification_mark_read(notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer("NotificationsReadAll", {"marked": serializers.IntegerField()})
        },
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    @idempotent
    def read_all(self, request):
        """Mark read every unread notification of the caller; says how many."""
        return Response({"marked": notifications_mark_all_read(user=request.user)})
