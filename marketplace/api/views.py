from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    IsAdminUser,
    IsAuthenticated,
)
from rest_framework.response import Response

from companies.api.mixins import InvitationsActionMixin
from companies.api.permissions import CanManageOrganisationOrReadOnly
from companies.selectors import company_member_can_act, membership_of
from config.api import ID_PATTERN, SLUG_PATTERN
from config.errors import Conflict
from config.idempotency.api import IdempotentCreateModelMixin, idempotent
from config.permissions import IsStaffOrReadOnly
from config.schema import CONFLICT
from config.throttling import RematchThrottle, SearchThrottle, throttles
from marketplace.filters import VendorFilter
from marketplace.matching.messages import ReasonNames
from marketplace.models import Certification, Sector, Skill
from marketplace.selectors import (
    match_results,
    match_runs_shown,
    request_list_managed,
    request_list_visible,
    vendor_list_visible,
)
from marketplace.services.requests import (
    request_create,
    request_publish,
    request_rematch,
    request_update,
)
from marketplace.services.vendors import (
    vendor_approve,
    vendor_create,
    vendor_suspend,
    vendor_update,
)

from .serializers import (
    CertificationSerializer,
    MatchesSerializer,
    MatchRunSerializer,
    ModerationSerializer,
    OutsourcingRequestSerializer,
    SectorSerializer,
    SkillSerializer,
    SuspensionSerializer,
    VendorSerializer,
)


class ReferenceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    IdempotentCreateModelMixin,
    viewsets.GenericViewSet,
):
    """Public reference data, addressed by slug; staff add entries.

    Reference rows carry no business rule beyond their model's validation, so creation goes
    through the serializer's `save()` rather than a service.
    """

    permission_classes = [IsStaffOrReadOnly]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


class SectorViewSet(ReferenceViewSet):
    queryset = Sector.objects.prefetch_related("relations__related")
    serializer_class = SectorSerializer


class SkillViewSet(ReferenceViewSet):
    queryset = Skill.objects.select_related("sector")
    serializer_class = SkillSerializer
    filterset_fields = {"sector__slug": ["exact"]}


class CertificationViewSet(ReferenceViewSet):
    queryset = Certification.objects.prefetch_related("sectors")
    serializer_class = CertificationSerializer


class VendorPermission(BasePermission):
    """Anyone reads (what they may see is decided by the queryset); writing needs a login."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or request.user.is_authenticated


class VendorViewSet(
    InvitationsActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    IdempotentCreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Canadian vendors. Anyone reads approved vendors; members also see their own; staff see
    all. Staff, or a user without an organisation, create; owners and staff edit; only staff
    change `status`."""

    serializer_class = VendorSerializer
    filterset_class = VendorFilter
    lookup_value_regex = ID_PATTERN
    permission_classes = [VendorPermission, CanManageOrganisationOrReadOnly]
    throttle_classes = throttles(SearchThrottle)

    def get_queryset(self):
        return vendor_list_visible(user=self.request.user).prefetch_related(
            "skills", "certifications", "expertise__sector"
        )

    def perform_create(self, serializer):
        serializer.instance = vendor_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = vendor_update(
            vendor=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )

    @extend_schema(request=ModerationSerializer, responses={200: VendorSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], permission_classes=[IsAdminUser])
    @idempotent
    def approve(self, request, pk=None):
        """Approve the vendor (staff): it becomes public and matchable. 409 if already approved."""
        payload = ModerationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        vendor = vendor_approve(
            vendor=self.get_object(), actor=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(vendor).data)

    @extend_schema(request=SuspensionSerializer, responses={200: VendorSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], permission_classes=[IsAdminUser])
    @idempotent
    def suspend(self, request, pk=None):
        """Suspend the vendor with a reason (staff). 409 if already suspended."""
        payload = SuspensionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        vendor = vendor_suspend(
            vendor=self.get_object(), actor=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(vendor).data)


class CanActForRequestCompany(BasePermission):
    """Editing or publishing a request needs a member of its company, or staff."""

    message = gettext_lazy("Only the company's members and Norte staff manage its requests.")

    def has_permission(self, request, view):
        if view.action != "create":
            return True
        membership = membership_of(request.user)
        return request.user.is_staff or (
            membership is not None and membership.company_id is not None
        )

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or company_member_can_act(
            user=request.user, company=obj.company
        )


class OutsourcingRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    IdempotentCreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Companies' outsourcing requests. Drafts are visible to their company and staff;
    published requests also to approved vendors."""

    serializer_class = OutsourcingRequestSerializer
    permission_classes = [IsAuthenticated, CanActForRequestCompany]
    lookup_value_regex = ID_PATTERN
    filterset_fields = {"status": ["exact"], "sector__slug": ["exact"]}

    def get_queryset(self):
        return request_list_visible(user=self.request.user).prefetch_related(
            "skills", "required_certifications"
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if "company" not in data:
            membership = membership_of(self.request.user)
            if membership is None or membership.company is None:
                raise serializers.ValidationError(
                    {"company": [_("Say which company this request is for.")]}, code="required"
                )
            data["company"] = membership.company
        serializer.instance = request_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = request_update(
            request=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )

    @extend_schema(request=None, responses={202: OutsourcingRequestSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    @idempotent
    def publish(self, request, pk=None):
        """Publish a complete draft: approved vendors see it and matching starts (202).
        409 if it is already published; 400 naming what is missing otherwise."""
        outsourcing_request = request_publish(request=self.get_object(), actor=request.user)
        return Response(
            self.get_serializer(outsourcing_request).data, status=status.HTTP_202_ACCEPTED
        )

    def get_managed_object(self):
        """The request, if the caller may see its matches: its company's members and staff.
        Vendors get 404 even for published requests — rankings are the buyer's."""
        outsourcing_request = get_object_or_404(
            request_list_managed(user=self.request.user), pk=self.kwargs["pk"]
        )
        self.check_object_permissions(self.request, outsourcing_request)
        return outsourcing_request

    @extend_schema(responses={200: MatchesSerializer, 409: CONFLICT})
    @action(detail=True, methods=["get"])
    def matches(self, request, pk=None):
        """The ranked vendors with each score's breakdown and reasons (in the caller's
        language). `status` is the latest run's; results come from the latest finished run.
        409 while the request is a draft."""
        outsourcing_request = self.get_managed_object()
        latest, shown = match_runs_shown(outsourcing_request)
        if latest is None:
            raise Conflict(
                _("Publish the request to have vendors matched to it."),
                code="request_not_published",
            )
        results = match_results(shown)
        payload = {
            "status": latest.status,
            "run": latest.pk,
            "finished_at": shown.finished_at if shown else None,
            "error": latest.error,
            "results": results,
        }
        context = {**self.get_serializer_context(), "reason_names": ReasonNames()}
        return Response(MatchesSerializer(payload, context=context).data)

    @extend_schema(request=None, responses={202: MatchRunSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], throttle_classes=throttles(RematchThrottle))
    @idempotent
    def rematch(self, request, pk=None):
        """Rank the vendors again (company members, staff); 409 for a draft. While a run is
        queued or running, the answer is that run: asking again does not queue more work."""
        run = request_rematch(request=self.get_managed_object(), actor=request.user)
        return Response(MatchRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)
