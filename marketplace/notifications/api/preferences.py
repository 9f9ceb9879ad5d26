"""The caller's email preferences: one per kind of event, always all of them.

`GET /notification-preferences/` lists every kind (not paginated: a fixed set, one per event
kind, defaults included); `GET` and `PATCH /notification-preferences/{kind}/` read and change
one. There is no id of a person in the address: everyone reads and changes only their own.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from config.api import EVENT_KIND_PATTERN
from config.permissions import PolicyPermission
from config.viewsets import GenericViewSet

from ..models import NotificationPreference
from ..selectors import (
    notification_kinds_for,
    notification_preference_for,
    notification_preferences_for,
)
from ..services import notification_preference_set
from .serializers import NotificationPreferenceSerializer


class NotificationPreferenceViewSet(GenericViewSet):
    """Which notifications reach the caller by email, per kind of event."""

    serializer_class = NotificationPreferenceSerializer
    permission_classes = [IsAuthenticated, PolicyPermission]
    # Everyone may read and change their own, and only theirs: the caller is the only subject.
    policies = {"list": None, "retrieve": None, "partial_update": None}
    # For the schema's path parameter; rows are read through the selectors.
    queryset = NotificationPreference.objects.none()
    lookup_field = "kind"
    lookup_value_regex = EVENT_KIND_PATTERN
    pagination_class = None

    def _kind(self) -> str:
        """The kind in the URL; not found unless the caller can be told of it."""
        kind = self.kwargs["kind"]
        if kind not in notification_kinds_for(user=self.request.user):
            raise NotFound()
        return kind

    @extend_schema(responses={200: NotificationPreferenceSerializer(many=True)})
    def list(self, request):
        """Every kind of event, with how you are emailed of it."""
        preferences = notification_preferences_for(user=request.user)
        return Response(self.get_serializer(preferences, many=True).data)

    def retrieve(self, request, kind=None):
        """How you are emailed of one kind of event."""
        preference = notification_preference_for(user=request.user, kind=self._kind())
        return Response(self.get_serializer(preference).data)

    def partial_update(self, request, kind=None):
        """Choose how you are emailed of one kind: `{"email": "daily"}`."""
        kind = self._kind()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        if "email" in serializer.validated_data:
            notification_preference_set(
                user=request.user, kind=kind, email=serializer.validated_data["email"]
            )
        preference = notification_preference_for(user=request.user, kind=kind)
        return Response(self.get_serializer(preference).data)
