from axes.handlers.proxy import AxesProxyHandler
from drf_spectacular.utils import extend_schema, extend_schema_view
from knox import views as knox_views
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from companies.filters import CompanyFilter
from companies.selectors import company_list_visible, invitation_list_revocable
from companies.services import (
    api_token_create,
    company_create,
    company_update,
    invitation_accept,
    invitation_revoke,
)
from config.api import ID_PATTERN
from config.idempotency.api import IdempotentCreateModelMixin, idempotent
from config.permissions import PolicyPermission
from config.schema import CONFLICT
from config.throttling import (
    LoginThrottle,
    client_address,
    lockout_message,
    lockout_wait,
    throttles,
)
from config.viewsets import GenericViewSet

from .mixins import INVITATIONS_POLICIES, InvitationsActionMixin
from .permissions import FOUND_ORGANISATION, MANAGE_ORGANISATION
from .serializers import (
    AuthTokenSerializer,
    CompanySerializer,
    InvitationAcceptSerializer,
    InvitationSerializer,
    MembershipSerializer,
    TokenSerializer,
)


class CompanyViewSet(
    InvitationsActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    IdempotentCreateModelMixin,
    mixins.UpdateModelMixin,
    GenericViewSet,
):
    """Mexican companies. Members and staff read; staff, or a user without an organisation
    (who becomes the owner), create; owners and staff edit."""

    serializer_class = CompanySerializer
    permission_classes = [IsAuthenticated, PolicyPermission]
    policies = {
        "list": None,
        "retrieve": None,
        "create": FOUND_ORGANISATION,
        "update": MANAGE_ORGANISATION,
        "partial_update": MANAGE_ORGANISATION,
        **INVITATIONS_POLICIES,
    }
    lookup_value_regex = ID_PATTERN
    filterset_class = CompanyFilter
    ordering_fields = ["name", "created_at", "updated_at"]
    ordering = ["name"]

    def get_queryset(self):
        return company_list_visible(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = company_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = company_update(
            company=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: CONFLICT}))
class InvitationViewSet(mixins.DestroyModelMixin, GenericViewSet):
    """Withdraw a pending invitation (`DELETE`, its organisation's owners and staff), or accept
    one with the token from its link (`POST accept/`). Invitations are created and listed under
    `/api/v1/companies/{id}/invitations/` and `/api/v1/vendors/{id}/invitations/`."""

    serializer_class = InvitationSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return invitation_list_revocable(user=self.request.user)

    def perform_destroy(self, instance):
        # Withdrawn, not deleted: the audit trail keeps who was invited and when.
        invitation_revoke(actor=self.request.user, invitation=instance)

    @extend_schema(
        request=InvitationAcceptSerializer, responses={201: MembershipSerializer, 409: CONFLICT}
    )
    @action(detail=False, methods=["post"])
    @idempotent
    def accept(self, request):
        """Join the invitation's organisation. An unknown token is 400; a used, withdrawn or
        expired invitation, or a person already in an organisation, 409; staff 403."""
        payload = InvitationAcceptSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = invitation_accept(token=payload.validated_data["token"], user=request.user)
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


@extend_schema(request=AuthTokenSerializer, responses={200: TokenSerializer})
class TokenView(APIView):
    """Exchange a username and password for a new API token, to send as
    `Authorization: Token …`. Each call issues another token (one per integration or device,
    up to a limit: 409 past it); each expires after a period without use and, at the latest,
    a year after it was issued (`expiry` says when, as of now). Too many attempts from one
    address, or too many wrong passwords for one username from it, answer 429 with
    `Retry-After` (seconds). An account whose email address is not verified yet (the link
    emailed at sign-up) gets 403 `email_unverified`, as the site refuses it a log-in. Every
    token stops working when the password changes or its owner logs out of the site;
    `POST /api/v1/auth/logout/` revokes the one it is sent with."""

    authentication_classes = []
    permission_classes = [AllowAny]
    # Guarded like the site's login form: throttled, and a right password clears axes' count
    # of failures as a web login does.
    throttle_classes = throttles(LoginThrottle)

    def post(self, request, *args, **kwargs):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            # Set by axes on the request the serializer authenticated (DRF's, not Django's,
            # which is why axes' middleware never sees it).
            if getattr(request, "axes_locked_out", False):
                raise exceptions.Throttled(
                    wait=lockout_wait(), detail=lockout_message(), code="locked_out"
                )
            raise exceptions.ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        AxesProxyHandler.reset_attempts(
            username=user.get_username(), ip_address=client_address(request)
        )
        instance, token = api_token_create(user=user)
        return Response(TokenSerializer({"token": token, "expiry": instance.expiry}).data)


@extend_schema(request=None, responses={204: None})
class LogoutView(knox_views.LogoutView):
    """Revoke the token this request is sent with; the person's other tokens keep working."""


@extend_schema(request=None, responses={204: None})
class LogoutAllView(knox_views.LogoutAllView):
    """Revoke every token of the person this request's token belongs to."""
