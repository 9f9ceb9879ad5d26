"""The `members` action, shared by the company and vendor endpoints."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from companies.services import membership_add

from .serializers import MemberCreateSerializer, MembershipSerializer


class MembersActionMixin:
    @extend_schema(request=MemberCreateSerializer, responses={201: MembershipSerializer})
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        """Add a person to this organisation (its owners and staff); creates the account if the
        username is new. A person already in an organisation is refused with 409."""
        organisation = self.get_object()
        payload = MemberCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = membership_add(
            actor=request.user, organisation=organisation, **payload.validated_data
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)
