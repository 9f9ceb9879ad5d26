from axes.handlers.proxy import AxesProxyHandler
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from companies.selectors import company_list_visible, invitation_list_revocable
from companies.services import (
    company_create,
    company_update,
    invitation_accept,
    invitation_revoke,
)
from config.api import ID_PATTERN
from config.throttling import (
    LoginThrottle,
    client_address,
    lockout_message,
    lockout_wait,
    throttles,
)

from .mixins import InvitationsActionMixin
from .permissions import CanManageOrganisationOrReadOnly
from .serializers import (
    AuthTokenSerializer,
    CompanySerializer,
    InvitationAcceptSerializer,
    InvitationSerializer,
    MembershipSerializer,
)


class CompanyViewSet(
    InvitationsActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Mexican companies. Members and staff read; staff, or a user without an organisation
    (who becomes the owner), create; owners and staff edit."""

    serializer_class = CompanySerializer
    permission_classes = [IsAuthenticated, CanManageOrganisationOrReadOnly]
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return company_list_visible(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = company_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = company_update(
            company=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )


class InvitationViewSet(mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Withdraw a pending invitation (`DELETE`, its organisation's owners and staff), or accept
    one with the token from its link (`POST accept/`). Invitations are created and listed under
    `/api/companies/{id}/invitations/` and `/api/vendors/{id}/invitations/`."""

    serializer_class = InvitationSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return invitation_list_revocable(user=self.request.user)

    def perform_destroy(self, instance):
        # Withdrawn, not deleted: the audit trail keeps who was invited and when.
        invitation_revoke(actor=self.request.user, invitation=instance)

    @extend_schema(request=InvitationAcceptSerializer, responses={201: MembershipSerializer})
    @action(detail=False, methods=["post"])
    def accept(self, request):
        """Join the invitation's organisation. An unknown token is 400; a used, withdrawn or
        expired invitation, or a person already in an organisation, 409; staff 403."""
        payload = InvitationAcceptSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = invitation_accept(token=payload.validated_data["token"], user=request.user)
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


class TokenView(ObtainAuthToken):
    """Exchange a username and password for the token to send as `Authorization: Token …`.
    Too many attempts from one address, or too many wrong passwords for one username from it,
    answer 429 with `Retry-After` (seconds). The token stops working when the password changes
    or its owner logs out of the site."""

    # Guarded like the site's login form. DRF's view turns throttling off and sends no
    # `user_logged_in` (a token is no session), so throttling is turned back on here, and a
    # right password clears axes' failures below as a web login does.
    throttle_classes = throttles(LoginThrottle)
    # DRF's view takes forms too; the project's parser (JSON, bounded) like every other endpoint.
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
    serializer_class = AuthTokenSerializer

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # Set by axes on the request the serializer authenticated (DRF's, not Django's,
            # which is why axes' middleware never sees it).
            if getattr(request, "axes_locked_out", False):
                raise exceptions.Throttled(wait=lockout_wait(), detail=lockout_message())
            raise exceptions.ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        AxesProxyHandler.reset_attempts(
            username=user.get_username(), ip_address=client_address(request)
        )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
