"""The `invitations` action, shared by the company and vendor endpoints.

People join an organisation only by accepting an invitation (their own act): there is no way to
enrol an existing account into an organisation on someone else's say-so.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from companies.filters import InvitationFilter
from companies.selectors import invitation_list_pending
from companies.services import invitation_create
from config.idempotency.api import idempotent
from config.permissions import PolicyPermission
from config.schema import CONFLICT
from config.throttling import InvitationThrottle, throttles

from .permissions import MANAGE_ORGANISATION, VIEW_TEAM
from .serializers import (
    InvitationCreateSerializer,
    InvitationSerializer,
)

# What the action asks, for the `policies` of each viewset that has it: its members (and staff)
# read the invitations; its owners (and staff) invite.
INVITATIONS_POLICIES = {"invitations": {"GET": VIEW_TEAM, "POST": MANAGE_ORGANISATION}}


class InvitationsActionMixin:
    @extend_schema(methods=["GET"], request=None, responses={200: InvitationSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request=InvitationCreateSerializer,
        responses={201: InvitationSerializer, 409: CONFLICT},
    )
    # Signed-in callers only, even where the organisation itself is public (vendors); and the
    # invitations' own filters, never the organisation list's: they would hide the
    # organisation (404) or refuse the request (400) before anyone is asked whether they may
    # see its team. (The organisation is looked up by its address alone: config/viewsets.py.)
    @action(
        detail=True,
        methods=["get", "post"],
        permission_classes=[IsAuthenticated, PolicyPermission],
        filterset_class=InvitationFilter,
        ordering_fields=["created_at", "updated_at", "expires_at", "email"],
        ordering=["-created_at"],
        throttle_classes=throttles(InvitationThrottle),
    )
    @idempotent
    def invitations(self, request, pk=None):
        """GET: the organisation's pending invitations (its members and staff).
        POST: invite an email address (owners and staff); the person gets a link by email and
        accepts through `POST /api/v1/invitations/accept/` or the web page. Someone already a
        member, or already invited and not yet answered, is refused with 409."""
        organisation = self.get_object()
        if request.method == "GET":
            invitations = self.filter_queryset(
                invitation_list_pending(user=request.user, organisation=organisation)
            )
            page = self.paginate_queryset(invitations)
            return self.get_paginated_response(InvitationSerializer(page, many=True).data)
        payload = InvitationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        invitation = invitation_create(
            actor=request.user,
            organisation=organisation,
            base_url=request.build_absolute_uri("/"),
            **payload.validated_data,
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)
