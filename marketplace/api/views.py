from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from companies.api.mixins import INVITATIONS_POLICIES, InvitationsActionMixin
from companies.api.permissions import FOUND_ORGANISATION, OWNERS_ONLY
from companies.selectors import company_list_own
from config.api import ID_PATTERN, SLUG_PATTERN
from config.errors import Conflict
from config.idempotency.api import IdempotentCreateModelMixin, idempotent
from config.lists import ListPagination
from config.permissions import PolicyPermission, Rule
from config.schema import CONFLICT, location_header
from config.throttling import RematchThrottle, SearchThrottle, throttles
from config.viewsets import GenericViewSet
from marketplace.filters import (
    CertificationFilter,
    RequestFilter,
    SectorFilter,
    SkillFilter,
    VendorListFilter,
)
from marketplace.models import Certification, Sector, Skill
from marketplace.policies import (
    can_add_reference_data,
    can_create_request,
    can_edit_vendor,
    can_manage_request,
    can_moderate_vendors,
    can_view_matches,
)
from marketplace.selectors import (
    match_results,
    match_run_list_managed,
    match_runs_shown,
    request_list_managed,
    request_list_visible,
    vendor_list_visible,
)
from marketplace.services.matching.prose import described_skills_refresh_queue
from marketplace.services.matching.reasons import ReasonNames
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
    MatchResultSerializer,
    MatchRunSerializer,
    ModerationSerializer,
    OutsourcingRequestEditSerializer,
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
    GenericViewSet,
):
    """Public reference data, addressed by slug; staff add entries.

    Reference rows carry no business rule beyond their model's validation, so creation goes
    through the serializer's `save()` rather than a service.
    """

    permission_classes = [PolicyPermission]
    policies = {"list": None, "retrieve": None, "create": can_add_reference_data}
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    ordering_fields = ["name", "slug", "created_at", "updated_at"]
    ordering = ["name"]


class SectorViewSet(ReferenceViewSet):
    queryset = Sector.objects.prefetch_related("relations__related")
    serializer_class = SectorSerializer
    filterset_class = SectorFilter


class SkillViewSet(ReferenceViewSet):
    queryset = Skill.objects.select_related("sector")
    serializer_class = SkillSerializer
    filterset_class = SkillFilter

    def perform_create(self, serializer):
        super().perform_create(serializer)
        # Vendors' descriptions may name the new skill (`Vendor.described_skills`).
        described_skills_refresh_queue()


class CertificationViewSet(ReferenceViewSet):
    queryset = Certification.objects.prefetch_related("sectors")
    serializer_class = CertificationSerializer
    filterset_class = CertificationFilter


class VendorViewSet(
    InvitationsActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    IdempotentCreateModelMixin,
    mixins.UpdateModelMixin,
    GenericViewSet,
):
    """Canadian vendors. Anyone reads approved vendors; members also see their own; staff see
    all. Staff, or a user without an organisation, create; owners and staff edit; only staff
    change `status`."""

    serializer_class = VendorSerializer
    filterset_class = VendorListFilter
    # `ordering` is the FilterSet's, shared with the directory (best rated, most experienced in
    # a sector), not `ordering_fields`': those orders are more than a column.
    cursor_ordering_fields = ["created_at", "updated_at"]
    lookup_value_regex = ID_PATTERN
    # Anyone reads (the queryset decides what they see); writing needs a login.
    permission_classes = [IsAuthenticatedOrReadOnly, PolicyPermission]
    policies = {
        "list": None,
        "retrieve": None,
        "create": FOUND_ORGANISATION,
        "update": Rule(can_edit_vendor, message=OWNERS_ONLY),
        "partial_update": Rule(can_edit_vendor, message=OWNERS_ONLY),
        # Refused before the vendor is looked up: moderation is staff's, whatever the vendor.
        "approve": can_moderate_vendors,
        "suspend": can_moderate_vendors,
        **INVITATIONS_POLICIES,
    }
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
    @action(detail=True, methods=["post"])
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
    @action(detail=True, methods=["post"])
    @idempotent
    def suspend(self, request, pk=None):
        """Suspend the vendor with a reason (staff). 409 if already suspended."""
        payload = SuspensionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        vendor = vendor_suspend(
            vendor=self.get_object(), actor=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(vendor).data)


# The services say the same when they refuse.
COMPANY_MEMBERS_ONLY = gettext_lazy(
    "Only the company's members and Norte staff manage its requests."
)


def run_accepted_response(run, *, context: dict) -> Response:
    """202 with the run and its address in `Location`: the ranking goes on in the background,
    and the run is where its progress is read."""
    data = MatchRunSerializer(run, context=context).data
    # str(): DRF's Hyperlink is a str subclass a header should not carry past this view.
    return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": str(data["url"])})


RUN_LOCATION = location_header("The run's address (`GET /api/v1/match-runs/{id}/`).", status=202)
EDIT_RUN_LOCATION = location_header(
    "The address of `match_run`, when the edit started or joined one.",
    status=200,
    required=False,
)


class RankingPagination(ListPagination):
    """A list's pages, with the runs the results belong to (see `RankingListMixin`)."""

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        # The MatchRun component is the runs' own (publish, rematch, GET match-runs/{id}/).
        run = {"$ref": "#/components/schemas/MatchRun"}
        page["properties"] = {
            "run": {
                "allOf": [run],
                "nullable": True,
                "description": "The run the results come from; null until a run has finished.",
            },
            "latest_run": {
                "allOf": [run],
                "description": "The request's newest run, whatever its status.",
            },
            **page["properties"],
        }
        page["required"] = ["run", "latest_run", *page["required"]]
        return page


# What an action listing a run's ranked vendors takes (config/lists.py): the rank is the
# order, and a run's results never change once it is done, so a cursor may walk by rank.
RANKING_LIST = {
    "filterset_class": None,
    "ordering_fields": ["rank"],
    "ordering": ["rank"],
    "cursor_ordering_fields": ["rank"],
    "pagination_class": RankingPagination,
}


class RankingListMixin:
    """The ranked vendors of a run, as a list like every other (ordering, pages or cursor),
    with the run they come from (`run`) and the request's newest run (`latest_run`)."""

    def ranking_response(self, *, run, latest):
        results = self.paginate_queryset(self.filter_queryset(match_results(run)))
        context = {**self.get_serializer_context(), "reason_names": ReasonNames()}
        response = self.get_paginated_response(
            MatchResultSerializer(results, many=True, context=context).data
        )
        response.data = {
            "run": None if run is None else MatchRunSerializer(run, context=context).data,
            "latest_run": MatchRunSerializer(latest, context=context).data,
            **response.data,
        }
        return response


# An awarded or cancelled request can no longer change: 409 `request_closed`.
@extend_schema_view(
    update=extend_schema(
        request=OutsourcingRequestSerializer,
        responses={200: OutsourcingRequestEditSerializer, 409: CONFLICT},
        parameters=[EDIT_RUN_LOCATION],
    ),
    partial_update=extend_schema(
        request=OutsourcingRequestSerializer,
        responses={200: OutsourcingRequestEditSerializer, 409: CONFLICT},
        parameters=[EDIT_RUN_LOCATION],
    ),
)
class OutsourcingRequestViewSet(
    RankingListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    IdempotentCreateModelMixin,
    mixins.UpdateModelMixin,
    GenericViewSet,
):
    """Companies' outsourcing requests. Drafts are visible to their company and staff;
    published requests also to approved vendors."""

    serializer_class = OutsourcingRequestSerializer
    permission_classes = [IsAuthenticated, PolicyPermission]
    policies = {
        "list": None,
        "retrieve": None,
        "create": Rule(can_create_request, message=COMPANY_MEMBERS_ONLY),
        "update": Rule(can_manage_request, message=COMPANY_MEMBERS_ONLY),
        "partial_update": Rule(can_manage_request, message=COMPANY_MEMBERS_ONLY),
        "publish": Rule(can_manage_request, message=COMPANY_MEMBERS_ONLY),
        "matches": can_view_matches,
        "rematch": Rule(can_manage_request, message=COMPANY_MEMBERS_ONLY),
    }
    lookup_value_regex = ID_PATTERN
    filterset_class = RequestFilter
    ordering_fields = ["created_at", "updated_at", "title"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return request_list_visible(user=self.request.user).prefetch_related(
            "skills", "required_certifications"
        )

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return OutsourcingRequestEditSerializer
        return super().get_serializer_class()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if "company" not in data:
            data["company"] = company_list_own(user=self.request.user).first()
            if data["company"] is None:  # staff act for any company: they name it
                raise serializers.ValidationError(
                    {"company": [_("Say which company this request is for.")]}, code="required"
                )
        serializer.instance = request_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance, run = request_update(
            request=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )
        serializer.context["match_run"] = run

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        if response.data["match_run"] is not None:
            response["Location"] = str(response.data["match_run"]["url"])
        return response

    @extend_schema(request=None, responses={202: MatchRunSerializer, 409: CONFLICT})
    @extend_schema(parameters=[RUN_LOCATION])
    @action(detail=True, methods=["post"])
    @idempotent
    def publish(self, request, pk=None):
        """Publish a complete draft: approved vendors see it and matching starts. 202 with the
        run ranking them and its address in `Location`. 409 if it is already published; 400
        naming what is missing otherwise."""
        _published, run = request_publish(request=self.get_object(), actor=request.user)
        return run_accepted_response(run, context=self.get_serializer_context())

    def get_managed_object(self):
        """The request, if the caller may see its matches: its company's members and staff.
        Vendors get 404 even for published requests — rankings are the buyer's."""
        outsourcing_request = get_object_or_404(
            request_list_managed(user=self.request.user), pk=self.kwargs["pk"]
        )
        self.check_object_permissions(self.request, outsourcing_request)
        return outsourcing_request

    @extend_schema(responses={200: MatchResultSerializer(many=True), 409: CONFLICT})
    @action(detail=True, methods=["get"], **RANKING_LIST)
    def matches(self, request, pk=None):
        """The ranked vendors with each score's breakdown and reasons (in the caller's
        language), from the newest finished run (`run`, null while none has finished);
        `latest_run` is the newest run whatever its status (a rematch still queued, a failed
        one). Pages follow the newest finished run as it changes: to page through one run's
        results, follow `run.results`. 409 while the request is a draft."""
        outsourcing_request = self.get_managed_object()
        latest, shown = match_runs_shown(outsourcing_request)
        if latest is None:
            raise Conflict(
                _("Publish the request to have vendors matched to it."),
                code="request_not_published",
            )
        return self.ranking_response(run=shown, latest=latest)

    @extend_schema(request=None, responses={202: MatchRunSerializer, 409: CONFLICT})
    @extend_schema(parameters=[RUN_LOCATION])
    @action(detail=True, methods=["post"], throttle_classes=throttles(RematchThrottle))
    @idempotent
    def rematch(self, request, pk=None):
        """Rank the vendors again (company members, staff); 409 for a draft. 202 with the run
        and its address in `Location`. While a run is queued or running, the answer is that
        run: asking again does not queue more work."""
        run = request_rematch(request=self.get_managed_object(), actor=request.user)
        return run_accepted_response(run, context=self.get_serializer_context())


class MatchRunViewSet(RankingListMixin, mixins.RetrieveModelMixin, GenericViewSet):
    """A matching run: how a ranking of vendors for a request is going, and its results. Its
    request's company members and staff read it; anyone else gets 404."""

    serializer_class = MatchRunSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return match_run_list_managed(user=self.request.user)

    @extend_schema(responses={200: MatchResultSerializer(many=True)})
    @action(detail=True, methods=["get"], **RANKING_LIST)
    def results(self, request, pk=None):
        """The run's ranked vendors, best first (empty unless it is done), with the run itself
        (`run`) and its request's newest run (`latest_run`: is there a newer ranking?)."""
        run = self.get_object()
        latest, _shown = match_runs_shown(run.request)
        return self.ranking_response(run=run, latest=latest)
