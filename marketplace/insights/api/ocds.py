"""`GET /api/v1/ocds/releases/`: every request Norte has published, as an Open Contracting
Data Standard 1.1 release package, for anyone (README: "Open data (OCDS)").

The releases are `ocds.ocds_release`'s; the serializers below only describe them in the API's
schema (the standard's own JSON Schema is what the tests validate them against).
"""

import django_filters
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from config.lists import CursorPagination, DateTimeFilter
from config.schema import AutoSchema

from ..ocds import LICENSE, OCDS_VERSION, ocds_release, ocds_release_list, ocds_release_package

CODELISTS = "https://standard.open-contracting.org/1.1/en/schema/codelists/"

# --- What a release holds (for the schema; fields named as the standard names them) ------------


class OcdsValueSerializer(serializers.Serializer):
    amount = serializers.FloatField()
    currency = serializers.CharField(help_text="ISO 4217: MXN, CAD or USD.")


class OcdsPeriodSerializer(serializers.Serializer):
    startDate = serializers.DateTimeField(required=False)
    endDate = serializers.DateTimeField(required=False)
    durationInDays = serializers.IntegerField(required=False)


class OcdsOrganizationReferenceSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The party's `id` in `parties`.")
    name = serializers.CharField()


class OcdsIdentifierSerializer(serializers.Serializer):
    scheme = serializers.CharField(help_text="`MX-RFC` for a company, `CA-BN` for a vendor.")
    id = serializers.CharField(help_text="The RFC, or the 9-digit business number.")
    legalName = serializers.CharField()


class OcdsAddressSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="The Mexican state or Canadian province.")
    countryName = serializers.CharField()


class OcdsPartySerializer(serializers.Serializer):
    id = serializers.CharField(
        help_text="`MX-RFC-<rfc>` for a company; `CA-BN-<business number>` for a vendor, or "
        "`norte-vendor-<id>` when it gave none."
    )
    name = serializers.CharField()
    identifier = OcdsIdentifierSerializer(
        required=False, help_text="Absent for a vendor without a business number."
    )
    address = OcdsAddressSerializer()
    roles = serializers.ListField(
        child=serializers.CharField(),
        help_text="Codes of the partyRole codelist: `buyer` and `procuringEntity` for the "
        "company; `supplier` and `tenderer` for the winner; `tenderer` for the others (staff).",
    )


class OcdsTenderSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The request's id.")
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.CharField(help_text="`active` while published, `complete` once awarded.")
    procuringEntity = OcdsOrganizationReferenceSerializer()
    minValue = OcdsValueSerializer(help_text="The request's minimum budget.")
    value = OcdsValueSerializer(help_text="The request's maximum budget.")
    procurementMethod = serializers.CharField(
        help_text="`open` for a request open to every vendor, `selective` by invitation."
    )
    mainProcurementCategory = serializers.CharField(help_text="`services`.")
    tenderPeriod = OcdsPeriodSerializer(help_text="Publishing to proposals due.")
    enquiryPeriod = OcdsPeriodSerializer(help_text="Publishing to the end of questions.")
    numberOfTenderers = serializers.IntegerField(
        help_text="Vendors with a proposal they did not withdraw."
    )
    tenderers = OcdsOrganizationReferenceSerializer(
        many=True, required=False, help_text="Those vendors; staff only."
    )


class OcdsAwardSerializer(serializers.Serializer):
    id = serializers.CharField()
    status = serializers.CharField(
        help_text="`active`, or `cancelled` once the company cancelled the engagement."
    )
    date = serializers.DateTimeField()
    suppliers = OcdsOrganizationReferenceSerializer(many=True)
    value = OcdsValueSerializer(required=False, help_text="The winning price; staff only.")


class OcdsContractSerializer(serializers.Serializer):
    id = serializers.CharField()
    awardID = serializers.CharField()
    status = serializers.CharField(
        help_text="`active` while the engagement runs, `terminated` once completed or cancelled."
    )
    dateSigned = serializers.DateTimeField(help_text="The award: it starts the engagement.")
    period = OcdsPeriodSerializer(help_text="From the award, for the proposal's duration.")
    value = OcdsValueSerializer(required=False, help_text="The winning price; staff only.")


class OcdsReleaseSerializer(serializers.Serializer):
    """One request as an OCDS release; `ocds.ocds_release` writes it."""

    ocid = serializers.CharField(help_text="`<OCDS_OCID_PREFIX>-<request id>`, never changing.")
    id = serializers.CharField(help_text="The ocid and the release's date: one per state.")
    date = serializers.DateTimeField(
        help_text="The latest of the publishing, the award, the engagement's and the "
        "proposals' last change."
    )
    tag = serializers.ListField(
        child=serializers.CharField(),
        help_text="Codes of the releaseTag codelist: `tender`; then `award` and `contract`; "
        "then `contractTermination` once the engagement is over.",
    )
    initiationType = serializers.CharField(help_text="`tender`.")
    language = serializers.CharField(help_text="The language the request is written in.")
    buyer = OcdsOrganizationReferenceSerializer()
    tender = OcdsTenderSerializer()
    awards = OcdsAwardSerializer(many=True, required=False)
    contracts = OcdsContractSerializer(many=True, required=False)
    parties = OcdsPartySerializer(many=True)

    def to_representation(self, instance):
        return ocds_release(outsourcing_request=instance, user=self.context["request"].user)


# --- The list --------------------------------------------------------------------------------


class ReleaseFilter(django_filters.FilterSet):
    updated_after = DateTimeFilter(
        field_name="release_date",
        lookup_expr="gte",
        help_text="Releases dated at or after this time (RFC 3339, e.g. 2026-04-01T00:00:00Z): "
        "what changed since a sync. The releases of that instant come again.",
    )


class ReleasePagination(CursorPagination):
    """Signed cursors (config/lists.py) over the releases in date order, ties by id; the page
    is the release package, `links` leading to the next and previous pages."""

    def get_ordering(self, request, queryset, view):
        return ("release_date", "pk")

    def query_parameters(self) -> set[str]:
        return {self.cursor_query_param, self.page_size_query_param}

    def get_paginated_response(self, data):
        return Response(
            ocds_release_package(
                releases=data,
                uri=self.request.build_absolute_uri(),
                publication_policy=publication_policy_url(self.request),
                links={"next": self.get_next_link(), "prev": self.get_previous_link()},
            )
        )

    def get_paginated_response_schema(self, schema):
        uri = {"type": "string", "format": "uri"}
        link = {**uri, "nullable": True}
        return {
            "type": "object",
            "description": "An OCDS 1.1 release package.",
            "externalDocs": {
                "description": "OCDS 1.1 release package schema",
                "url": "https://standard.open-contracting.org/1.1/en/schema/release_package/",
            },
            "required": ["uri", "version", "publishedDate", "publisher", "releases", "links"],
            "properties": {
                "uri": {**uri, "description": "This page."},
                "version": {"type": "string", "enum": [OCDS_VERSION]},
                "publishedDate": {
                    "type": "string",
                    "format": "date-time",
                    "description": "The latest release date on the page (now on an empty one).",
                },
                "publisher": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {"name": {"type": "string"}},
                },
                "license": {**uri, "enum": [LICENSE]},
                "publicationPolicy": {
                    **uri,
                    "description": "This operation's description, which is the policy.",
                },
                "releases": schema,
                "links": {
                    "type": "object",
                    "required": ["next", "prev"],
                    "properties": {
                        "next": {**link, "description": "The next page, null on the last."},
                        "prev": {**link, "description": "The previous page, null on the first."},
                    },
                },
            },
        }

    def get_schema_operation_parameters(self, view):
        maximum = 100
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the walk goes on: take it from `links.next` or `links.prev`.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Releases per page, 20 unless given; more than {maximum} reads "
                f"as {maximum}.",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]


class ReleasePackageSchema(AutoSchema):
    """The page is the package, named as the standard names it rather than `Paginated…List`."""

    def get_paginated_name(self, serializer_name: str) -> str:
        return "OcdsReleasePackage"


OPERATION_ID = "ocds_releases_list"
TAG = "ocds"


def publication_policy_url(request) -> str:
    """This operation in the API's docs, whose description states what is published."""
    return request.build_absolute_uri(reverse("v1:docs")) + f"#/{TAG}/{OPERATION_ID}"


@extend_schema_view(get=extend_schema(operation_id=OPERATION_ID, tags=[TAG]))
class ReleasePackageView(generics.ListAPIView):
    """Every request Norte has published (open, awarded, or cancelled since) as an Open
    Contracting Data Standard 1.1 release package: one release per request, dated by its latest
    change (publishing, edit, award, engagement, proposals), oldest first, ties by id, served
    once 150 seconds old (so that no change commits behind a cursor). Walk it with
    `links.next`; sync with `updated_after` set to the latest `date` received. Open data under
    CC BY 4.0; anyone may call it, throttled like every call.

    What is published: the requests that were open to every approved vendor, their budget,
    dates and number of tenderers, the buyer (RFC, state), and once awarded the winning vendor
    (business number if it gave one, province), the award and the contract without their
    value. Staff also read requests by invitation, the values and every vendor that proposed.
    Drafts are never published; a request cancelled after publishing is a cancelled tender.
    """

    permission_classes = [AllowAny]
    serializer_class = OcdsReleaseSerializer
    filterset_class = ReleaseFilter
    pagination_class = ReleasePagination
    schema = ReleasePackageSchema()

    def get_queryset(self):
        return ocds_release_list(user=self.request.user)
