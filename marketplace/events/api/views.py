"""The events feed: for integrations that cannot receive webhooks, the same payloads, read in
id order from where they left off (README: "Events feed")."""

from rest_framework import mixins
from rest_framework.permissions import IsAuthenticated

from config.api import ID_PATTERN
from config.lists import AfterIdPagination
from config.permissions import PolicyPermission
from config.viewsets import GenericViewSet

from ..filters import EventFeedFilter
from ..selectors import event_list_for_feed
from .serializers import EventSerializer


class EventViewSet(mixins.ListModelMixin, GenericViewSet):
    """The events concerning the caller's organisation, oldest first: ask with `after` the
    last id received and follow `next`; when it is null, nothing more is there yet. Staff read
    every event; a caller in no organisation reads an empty feed."""

    serializer_class = EventSerializer
    filterset_class = EventFeedFilter
    pagination_class = AfterIdPagination
    permission_classes = [IsAuthenticated, PolicyPermission]
    # Anyone signed in reads their own organisation's feed: the selector scopes it.
    policies = {"list": None}
    # No object addresses: a list only. Bounded anyway, as every viewset's (tests/config).
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return event_list_for_feed(user=self.request.user)
