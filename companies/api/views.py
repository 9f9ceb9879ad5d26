from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated

from companies.selectors import company_list_visible
from companies.services import company_create, company_update

from .mixins import MembersActionMixin
from .permissions import CanManageOrganisationOrReadOnly
from .serializers import CompanySerializer


class CompanyViewSet(
    MembersActionMixin,
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

    def get_queryset(self):
        return company_list_visible(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = company_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = company_update(
            company=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )
