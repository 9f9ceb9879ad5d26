from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from companies.models import Company
from companies.selectors import company_list_visible
from marketplace.choices import Language
from marketplace.matching.messages import reason_text
from marketplace.models import (
    Certification,
    MatchResult,
    MatchRun,
    OutsourcingRequest,
    Sector,
    SectorRelation,
    Skill,
    Vendor,
)


class SlugList(serializers.ManyRelatedField):
    """DRF's list of related rows, refusing an object: DRF reads an object's keys as the list,
    so `{"skills": {}}` emptied a vendor's skills where it means nothing."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


def slugs(model, **kwargs):
    """A list of slugs in, related rows out; an unknown slug is a 400 naming it."""
    return SlugList(
        child_relation=serializers.SlugRelatedField(
            slug_field="slug", queryset=model.objects.all()
        ),
        **kwargs,
    )


class LanguagesField(serializers.ListField):
    """Working languages as ISO 639-1 codes (`["en", "es"]`), in a fixed order."""

    child = serializers.ChoiceField(choices=Language.choices)

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_empty", False)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance.languages

    def to_internal_value(self, data):
        return list(dict.fromkeys(super().to_internal_value(data)))


# --- Reference data ---------------------------------------------------------------------------


class SectorRelationSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(source="related", slug_field="slug", read_only=True)

    class Meta:
        model = SectorRelation
        fields = ["sector", "strength"]


class SectorSerializer(serializers.ModelSerializer):
    related = SectorRelationSerializer(source="relations", many=True, read_only=True)

    class Meta:
        model = Sector
        fields = ["slug", "name", "name_es", "name_fr", "related"]


class SlugOrNull(serializers.SlugRelatedField):
    """A slug, or null for none. DRF also reads "" as null, for HTML forms; in JSON it is
    neither a slug nor null, so it is refused as the schema says."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("invalid")
        return super().run_validation(data)


class SkillSerializer(serializers.ModelSerializer):
    sector = SlugOrNull(
        slug_field="slug", queryset=Sector.objects.all(), required=False, allow_null=True
    )
    aliases = serializers.ListField(child=serializers.CharField(max_length=120), required=False)

    class Meta:
        model = Skill
        fields = ["slug", "name", "name_es", "name_fr", "sector", "aliases"]


class CertificationSerializer(serializers.ModelSerializer):
    sectors = slugs(Sector, required=False)

    class Meta:
        model = Certification
        fields = ["slug", "name", "issuer", "sectors"]


# --- Vendors ----------------------------------------------------------------------------------


class ExpertiseSerializer(serializers.Serializer):
    sector = serializers.SlugRelatedField(slug_field="slug", queryset=Sector.objects.all())
    level = serializers.IntegerField(min_value=1, max_value=5)
    years = serializers.IntegerField(min_value=0, max_value=80, default=0)


class VendorSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(max_length=220, required=False)
    currency = serializers.CharField(read_only=True)
    languages = LanguagesField()
    skills = slugs(Skill, required=False)
    certifications = slugs(Certification, required=False)
    expertise = ExpertiseSerializer(many=True, required=False)

    class Meta:
        model = Vendor
        fields = [
            "id",
            "slug",
            "name",
            "province",
            "city",
            "description",
            "website",
            "business_number",
            "team_size",
            "hourly_rate_min",
            "hourly_rate_max",
            "currency",
            "languages",
            "skills",
            "certifications",
            "expertise",
            "status",
            "status_reason",
        ]
        read_only_fields = ["id"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if not (request and request.user.is_staff):
            # Only staff moderate: a status sent by anyone else is ignored, never applied.
            fields["status"].read_only = True
            fields["status_reason"].read_only = True
        return fields

    def validate(self, attrs):
        low = attrs.get("hourly_rate_min", getattr(self.instance, "hourly_rate_min", None))
        high = attrs.get("hourly_rate_max", getattr(self.instance, "hourly_rate_max", None))
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"hourly_rate_min": _("The minimum rate cannot exceed the maximum rate.")},
                code="min_above_max",
            )
        return attrs


class ModerationSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SuspensionSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000,
        error_messages={
            "blank": _("Say why the vendor is suspended."),
            "required": _("Say why the vendor is suspended."),
        },
    )


# --- Requests ---------------------------------------------------------------------------------


class OutsourcingRequestSerializer(serializers.ModelSerializer):
    company = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.none(),
        required=False,
        help_text="Company id; defaults to the caller's company.",
    )
    sector = serializers.SlugRelatedField(slug_field="slug", queryset=Sector.objects.all())
    skills = slugs(Skill, required=False)
    languages = LanguagesField(required=False, allow_empty=True)
    required_certifications = slugs(Certification, required=False)

    class Meta:
        model = OutsourcingRequest
        fields = [
            "id",
            "company",
            "title",
            "description",
            "sector",
            "skills",
            "budget_min",
            "budget_max",
            "currency",
            "team_size",
            "duration_weeks",
            "languages",
            "required_certifications",
            "status",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "status", "published_at", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            # Only companies the caller may see can be named; others read as "does not exist".
            self.fields["company"].queryset = company_list_visible(user=request.user)
        if self.instance is not None and not isinstance(self.instance, list):
            # A request never moves to another company.
            self.fields["company"].read_only = True

    def validate(self, attrs):
        low = attrs.get("budget_min", getattr(self.instance, "budget_min", None))
        high = attrs.get("budget_max", getattr(self.instance, "budget_max", None))
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"budget_min": _("The minimum budget cannot exceed the maximum budget.")},
                code="min_above_max",
            )
        return attrs


# --- Matching ---------------------------------------------------------------------------------


class MatchReasonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable identifier, e.g. `sector_expertise`.")
    met = serializers.BooleanField(help_text="Whether this requirement is met.")
    text = serializers.CharField(help_text="The reason as a sentence in the caller's language.")


class MatchResultSerializer(serializers.ModelSerializer):
    vendor = serializers.IntegerField(source="vendor_id")
    vendor_name = serializers.CharField(source="vendor.name")
    vendor_slug = serializers.CharField(source="vendor.slug")
    score = serializers.FloatField()
    breakdown = serializers.DictField(
        child=serializers.FloatField(),
        help_text="Signal → points; penalties (budget, capacity) are negative; they add up to "
        "the score.",
    )
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = MatchResult
        fields = ["vendor", "vendor_name", "vendor_slug", "rank", "score", "breakdown", "reasons"]

    @extend_schema_field(MatchReasonSerializer(many=True))
    def get_reasons(self, result):
        names = self.context["reason_names"]
        return [
            {"code": r["code"], "met": r["met"], "text": reason_text(r, names)}
            for r in result.reasons
        ]


class MatchesSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=MatchRun.Status.choices, help_text="Status of the latest run."
    )
    run = serializers.IntegerField(help_text="Id of the latest run.")
    finished_at = serializers.DateTimeField(
        allow_null=True, help_text="When the run whose results are listed finished."
    )
    error = serializers.CharField(
        allow_blank=True, help_text="Why the latest run failed, if it did."
    )
    results = MatchResultSerializer(
        many=True, help_text="From the latest finished run, best first."
    )


class MatchRunSerializer(serializers.ModelSerializer):
    run = serializers.IntegerField(source="pk")

    class Meta:
        model = MatchRun
        fields = ["run", "status", "trigger", "created_at"]
