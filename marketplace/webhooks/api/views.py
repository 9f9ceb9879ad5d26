"""The webhooks' API: an organisation's endpoints, their secret's roll and their deliveries.

Reads are scoped by the selector (another organisation's endpoint is a 404); writes are the
owners' (`PolicyPermission`, 403 for members); the services decide the rest (400 for a URL the
SSRF guard refuses).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse

from config.api import ID_PATTERN
from config.idempotency.api import idempotent
from config.permissions import PolicyPermission
from config.policies import refuse_unless
from config.schema import CREATED_LOCATION, location_header
from config.viewsets import GenericViewSet

from ..filters import WebhookDeliveryFilter, WebhookEndpointFilter
from ..policies import can_create_webhook_endpoint, can_manage_webhook_endpoint
from ..selectors import webhook_delivery_list, webhook_endpoint_list_visible
from ..services import (
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_roll_secret,
    webhook_endpoint_update,
    webhook_replay,
)
from .serializers import (
    WebhookDeliverySerializer,
    WebhookEndpointCreateSerializer,
    WebhookEndpointSerializer,
    WebhookEndpointUpdateSerializer,
    WebhookEndpointWithSecretSerializer,
    WebhookReplaySerializer,
)

ATTEMPTS_LOCATION = location_header(
    "The endpoint's attempts for the event, where the replay's outcome appears.", status=202
)


class WebhookEndpointViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet):
    """Where an organisation's events are POSTed, signed (README: "Webhooks"). Its members
    read them; its owners register, change, roll and remove them."""

    serializer_class = WebhookEndpointSerializer
    filterset_class = WebhookEndpointFilter
    permission_classes = [IsAuthenticated, PolicyPermission]
    policies = {
        "list": None,
        "retrieve": None,
        "deliveries": None,
        # Refused in `create` itself, after the Idempotency-Key is read (as every POST does).
        "create": None,
        "update": can_manage_webhook_endpoint,
        "partial_update": can_manage_webhook_endpoint,
        "destroy": can_manage_webhook_endpoint,
        "roll_secret": can_manage_webhook_endpoint,
        "replay": can_manage_webhook_endpoint,
    }
    lookup_value_regex = ID_PATTERN
    ordering_fields = ["created_at", "updated_at"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return webhook_endpoint_list_visible(user=self.request.user)

    def payload(self, serializer_class, **kwargs):
        serializer = serializer_class(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(
        request=WebhookEndpointCreateSerializer,
        responses={201: WebhookEndpointWithSecretSerializer},
        parameters=[CREATED_LOCATION],
    )
    @idempotent
    def create(self, request):
        """Register an endpoint for your organisation (its owners). The answer carries the
        signing `secret`: store it, it is not shown again (roll it if lost)."""
        # Who first: anyone but an owner is refused before the body is read.
        refuse_unless(can_create_webhook_endpoint, user=request.user)
        endpoint = webhook_endpoint_create(
            actor=request.user, **self.payload(WebhookEndpointCreateSerializer)
        )
        location = reverse("webhook-endpoint-detail", kwargs={"pk": endpoint.pk}, request=request)
        return Response(
            WebhookEndpointWithSecretSerializer(endpoint).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )

    def _update(self, request, *, partial: bool):
        endpoint = webhook_endpoint_update(
            actor=request.user,
            webhook_endpoint=self.get_object(),
            **self.payload(WebhookEndpointUpdateSerializer, partial=partial),
        )
        return Response(self.get_serializer(endpoint).data)

    @extend_schema(request=WebhookEndpointUpdateSerializer)
    def update(self, request, pk=None):
        """Change the URL, the events or whether it is active (its owners)."""
        return self._update(request, partial=False)

    @extend_schema(request=WebhookEndpointUpdateSerializer)
    def partial_update(self, request, pk=None):
        """Change some of the URL, the events and whether it is active (its owners)."""
        return self._update(request, partial=True)

    def destroy(self, request, pk=None):
        """Remove the endpoint and its delivery log (its owners)."""
        webhook_endpoint_delete(actor=request.user, webhook_endpoint=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: WebhookEndpointWithSecretSerializer})
    @action(detail=True, methods=["post"], url_path="roll-secret")
    @idempotent
    def roll_secret(self, request, pk=None):
        """A new signing secret, shown this once; the old one stops signing at once."""
        endpoint = webhook_endpoint_roll_secret(
            actor=request.user, webhook_endpoint=self.get_object()
        )
        return Response(WebhookEndpointWithSecretSerializer(endpoint).data)

    @extend_schema(responses={200: WebhookDeliverySerializer(many=True)})
    @action(
        detail=True,
        methods=["get"],
        filterset_class=WebhookDeliveryFilter,
        ordering_fields=["created_at"],
    )
    def deliveries(self, request, pk=None):
        """Every attempt to deliver an event to the endpoint, newest first."""
        queryset = self.filter_queryset(webhook_delivery_list(webhook_endpoint=self.get_object()))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)

    @extend_schema(
        request=WebhookReplaySerializer,
        responses={202: WebhookDeliverySerializer},
        parameters=[ATTEMPTS_LOCATION],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def replay(self, request, pk=None):
        """Send one of the organisation's events to the endpoint again, once (its owners): 202
        with the attempt, recorded and queued; its outcome is in the deliveries (`Location`)
        within seconds. Whether or not it succeeds, no retries follow. Sent again with its
        `Idempotency-Key`, the first answer, and nothing sent again."""
        endpoint = self.get_object()
        delivery = webhook_replay(
            actor=request.user,
            webhook_endpoint=endpoint,
            event_id=self.payload(WebhookReplaySerializer)["event"],
        )
        attempts = reverse(
            "webhook-endpoint-deliveries", kwargs={"pk": endpoint.pk}, request=request
        )
        return Response(
            WebhookDeliverySerializer(delivery).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": f"{attempts}?event={delivery.event_id}"},
        )
