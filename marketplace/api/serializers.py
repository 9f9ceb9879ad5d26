from collections.abc import Mapping
from copy import copy

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from companies.models import Company
from companies.selectors import company_list_visible
from config.serializers import ModelSerializer
from marketplace.choices import Language
from marketplace.matching import weights as W
from marketplace.matching.core import ExclusionCode, ReasonCode
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
from marketplace.policies import can_moderate_vendors
from marketplace.selectors import match_run_error_for
from marketplace.services.matching.reasons import ReasonNames, exclusion_text, reason_text
from marketplace.tenders.selectors import vendor_median_answer_times


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


class SectorRelationSerializer(ModelSerializer):
    sector = serializers.SlugRelatedField(source="related", slug_field="slug", read_only=True)

    class Meta:
        model = SectorRelation
        fields = ["sector", "strength"]


class SectorSerializer(ModelSerializer):
    related = SectorRelationSerializer(source="relations", many=True, read_only=True)

    class Meta:
        model = Sector
        fields = [
            "slug",
            "name",
            "name_es",
            "name_fr",
            "is_gambling",
            "related",
            "created_at",
            "updated_at",
        ]


class SlugOrNull(serializers.SlugRelatedField):
    """A slug, or null for none. DRF also reads "" as null, for HTML forms; in JSON it is
    neither a slug nor null, so it is refused as the schema says."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("invalid")
        return super().run_validation(data)


class AliasesField(serializers.ListField):
    """A skill's aliases in one language: texts of at most 120 characters."""

    child = serializers.CharField(max_length=120)

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class SkillSerializer(ModelSerializer):
    sector = SlugOrNull(
        slug_field="slug", queryset=Sector.objects.all(), required=False, allow_null=True
    )
    aliases = AliasesField(
        help_text="Aliases in English: abbreviations and slang people write for the skill "
        '("k8s", "pen test"), and the acronyms and product names written the same in every '
        "language. v1's single list of aliases: before `aliases_es` and `aliases_fr`, it held "
        "all three languages."
    )
    aliases_es = AliasesField(help_text='Aliases in Spanish ("momios", "app de apuestas").')
    aliases_fr = AliasesField(help_text='Aliases in French ("contrats intelligents").')

    class Meta:
        model = Skill
        fields = [
            "slug",
            "name",
            "name_es",
            "name_fr",
            "sector",
            "aliases",
            "aliases_es",
            "aliases_fr",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        # The model says which aliases it takes (none another skill is written as, each list
        # without repeats); DRF's `save()` would not ask it.
        skill = copy(self.instance) if self.instance else Skill()
        for field, value in attrs.items():
            setattr(skill, field, value)
        others = [f.name for f in Skill._meta.fields if f.name not in Skill.ALIAS_FIELDS]
        skill.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
        return {
            **attrs,
            **{field: getattr(skill, field) for field in Skill.ALIAS_FIELDS if field in attrs},
        }


class CertificationSerializer(ModelSerializer):
    sectors = slugs(Sector, required=False)

    class Meta:
        model = Certification
        fields = [
            "slug",
            "name",
            "name_es",
            "name_fr",
            "issuer",
            "sectors",
            "created_at",
            "updated_at",
        ]


# --- Vendors ----------------------------------------------------------------------------------


class ExpertiseSerializer(serializers.Serializer):
    sector = serializers.SlugRelatedField(slug_field="slug", queryset=Sector.objects.all())
    level = serializers.IntegerField(min_value=1, max_value=5)
    years = serializers.IntegerField(min_value=0, max_value=80, default=0)


class VendorSerializer(ModelSerializer):
    slug = serializers.SlugField(max_length=220, required=False)
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        # The limit of the language it is written to, so the error names the field sent.
        max_length=Vendor._meta.get_field("description_en").max_length,
        help_text="The vendor's description in the first language it wrote one in (English, "
        "French, then Spanish); the same whatever the caller's language. Writing it sets that "
        "language's description (for a vendor without one, the language the text is written in, "
        "else English) unless the same request sets that language's own field.",
    )
    currency = serializers.CharField(read_only=True)
    languages = LanguagesField()
    skills = slugs(Skill, required=False)
    certifications = slugs(Certification, required=False)
    expertise = ExpertiseSerializer(many=True, required=False)
    rating = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="The Bayesian mean (1–5) of the vendor's verified reviews, pulled towards the "
        "middle while they are few; null without reviews.",
    )
    review_count = serializers.IntegerField(
        read_only=True, help_text="How many verified reviews the vendor has."
    )
    median_invitation_answer_seconds = serializers.SerializerMethodField(
        help_text="The median time, in seconds, the vendor took to accept or decline a bid "
        "invitation; null until it has answered one."
    )

    class Meta:
        model = Vendor
        fields = [
            "id",
            "slug",
            "name",
            "province",
            "city",
            "description",
            *Vendor.DESCRIPTION_FIELDS,
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
            "rating",
            "review_count",
            "median_invitation_answer_seconds",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if not (request and can_moderate_vendors(user=request.user)):
            # Only staff moderate: a status sent by anyone else is ignored, never applied.
            fields["status"].read_only = True
            fields["status_reason"].read_only = True
        return fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_median_invitation_answer_seconds(self, vendor) -> int | None:
        # A page of vendors is answered with one query for all of them, kept in the context.
        times = self.context.get("median_answer_times")
        if times is None or vendor.pk not in times:
            rows = (
                self.parent.instance
                if isinstance(self.parent, serializers.ListSerializer)
                else None
            )
            vendor_ids = [row.pk for row in rows] if rows else [vendor.pk]
            times = vendor_median_answer_times(vendor_ids=[*vendor_ids, vendor.pk])
            self.context["median_answer_times"] = times
        median = times[vendor.pk]
        return None if median is None else round(median.total_seconds())

    def validate(self, attrs):
        low = attrs.get("hourly_rate_min", getattr(self.instance, "hourly_rate_min", None))
        high = attrs.get("hourly_rate_max", getattr(self.instance, "hourly_rate_max", None))
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"hourly_rate_min": _("The minimum rate cannot exceed the maximum rate.")},
                code="min_above_max",
            )
        if "description" in attrs:
            text = attrs.pop("description")
            language = (self.instance or Vendor()).description_language_for(text)
            attrs.setdefault(f"description_{language}", text)
        return attrs


# The model's limit on the reason, which these surface.
STATUS_REASON_LIMIT = Vendor._meta.get_field("status_reason").max_length


class ModerationSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=STATUS_REASON_LIMIT)


class SuspensionSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=STATUS_REASON_LIMIT,
        error_messages={
            "blank": _("Say why the vendor is suspended."),
            "required": _("Say why the vendor is suspended."),
        },
    )


# --- Requests ---------------------------------------------------------------------------------


class OutsourcingRequestSerializer(ModelSerializer):
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
            "sector_confirmed",
            "skills",
            "budget_min",
            "budget_max",
            "currency",
            "team_size",
            "duration_weeks",
            "languages",
            "required_certifications",
            "status",
            "visibility",
            "proposals_due",
            "questions_due",
            "published_at",
            "closed_at",
            "cancellation_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "published_at",
            "closed_at",
            "cancellation_reason",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "sector_confirmed": {
                "help_text": "Rank vendors by `sector` as filed even when the skills and text "
                "clearly read as another sector (`ranked_as_sector` then is `sector`). Default "
                "false. Changing `sector` without sending this sets it back to false: the buyer "
                "confirmed the old sector."
            },
            "visibility": {
                "help_text": "`open`: every approved vendor meeting the hard constraints may "
                "propose; `invitation`: only the vendors the company invites."
            },
            "proposals_due": {
                "help_text": "Vendors propose until then; publishing without one sets three "
                "weeks ahead."
            },
            "questions_due": {
                "help_text": "Vendors ask questions until then (no later than `proposals_due`); "
                "until proposals are due if null."
            },
            "closed_at": {"help_text": "When the request was awarded or cancelled."},
            "cancellation_reason": {
                "help_text": "Why the company cancelled it, as every vendor that took part reads it."
            },
        }

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


# The schema's MatchExclusionCodeEnum (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
EXCLUSION_CODE_CHOICES = [(code.value, code.value) for code in ExclusionCode]


class MatchExclusionSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=EXCLUSION_CODE_CHOICES,
        help_text="The hard constraint failed, a stable identifier to switch on.",
    )
    count = serializers.IntegerField(help_text="How many approved vendors fail it.")
    certification = serializers.CharField(
        required=False,
        help_text="The certification's slug, for `certification_missing` only.",
    )
    text = serializers.CharField(help_text="The same as a sentence in the caller's language.")


class MatchRunSerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="match-run-detail", help_text="This run's address."
    )
    request = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="Id of the outsourcing request the run ranks vendors for."
    )
    error = serializers.SerializerMethodField(
        help_text="Why the run failed; empty unless `status` is `failed`. Staff read the error "
        "recorded; everyone else one fixed sentence in their language, the details being no "
        "use to them."
    )
    candidates = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="How many vendors met the hard constraints; null until the run is done.",
    )
    excluded = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="How many approved vendors the hard constraints (a shared working language, "
        "the required certifications) left out; null until the run is done, and for runs done "
        "before these were counted.",
    )
    exclusions = serializers.SerializerMethodField(
        help_text="The vendors left out, per hard constraint (a vendor failing several counts "
        "under each; constraints nobody fails are not listed); null when `excluded` is."
    )
    ranked_as_sector = serializers.SlugRelatedField(
        source="sector",
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The sector the run ranked the request as: the request's own, unless its skills "
        "and text clearly belong to another (a sports-betting request filed under software "
        "development), which the web page tells the buyer. Hard constraints never depend on "
        "it. Null until the run is done, and for runs done before sectors were read.",
    )
    results = serializers.HyperlinkedIdentityField(
        view_name="match-run-results",
        help_text="The run's ranked vendors (a paginated list, empty unless it is done).",
    )

    class Meta:
        model = MatchRun
        fields = [
            "id",
            "url",
            "request",
            "status",
            "trigger",
            "created_at",
            "started_at",
            "finished_at",
            "error",
            "candidates",
            "excluded",
            "exclusions",
            "ranked_as_sector",
            "results",
        ]
        read_only_fields = fields

    def get_error(self, run) -> str:
        return match_run_error_for(run=run, user=self.context["request"].user)

    @extend_schema_field(MatchExclusionSerializer(many=True, allow_null=True))
    def get_exclusions(self, run):
        if run.exclusions is None:
            return None
        names = self.context.get("reason_names") or ReasonNames()
        return [
            {
                "code": exclusion["code"],
                "count": exclusion["count"],
                **exclusion.get("params", {}),
                "text": exclusion_text(exclusion, names),
            }
            for exclusion in run.exclusions
        ]


class OutsourcingRequestEditSerializer(OutsourcingRequestSerializer):
    """A request as an edit answers it: with the matching run the edit started, if any."""

    match_run = serializers.SerializerMethodField(
        help_text="The run ranking vendors for what a published request says after this edit "
        "(a run already queued is joined rather than another started); null when nothing "
        "is ranked again: a draft, or an edit that changed nothing. Its address is also the "
        "`Location` header."
    )

    class Meta(OutsourcingRequestSerializer.Meta):
        fields = [*OutsourcingRequestSerializer.Meta.fields, "match_run"]

    @extend_schema_field(MatchRunSerializer(allow_null=True))
    def get_match_run(self, outsourcing_request):
        run = self.context.get("match_run")
        return None if run is None else MatchRunSerializer(run, context=self.context).data


# The schema's MatchReasonCodeEnum (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
REASON_CODE_CHOICES = [(code.value, code.value) for code in ReasonCode]


class MatchReasonSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=REASON_CODE_CHOICES,
        help_text="What the reason is about, a stable identifier to switch on.",
    )
    met = serializers.BooleanField(help_text="Whether this requirement is met.")
    text = serializers.CharField(help_text="The reason as a sentence in the caller's language.")


class MatchBreakdownSerializer(serializers.Serializer):
    """The score's parts in points; they add up to the score (weights: matching/weights.py)."""

    expertise = serializers.FloatField(
        help_text=f"Expertise in the request's sector, or a related one: 0 to {W.EXPERTISE:g}."
    )
    skills = serializers.FloatField(
        help_text=f"The requested skills the vendor lists: 0 to {W.SKILLS:g}."
    )
    languages = serializers.FloatField(
        help_text=f"The request's working languages the vendor speaks: 0 to {W.LANGUAGES:g}."
    )
    rating = serializers.FloatField(
        help_text=f"Review rating (neutral without reviews): 0 to {W.RATING:g}."
    )
    text = serializers.FloatField(
        help_text=f"The vendor's description mentions the requested skills: 0 to {W.TEXT:g}."
    )
    budget = serializers.FloatField(
        help_text="Penalty, 0 or negative: the vendor's lowest rate is above the budget per "
        "person-hour."
    )
    capacity = serializers.FloatField(
        help_text="Penalty, 0 or negative: the vendor's team is smaller than the team asked for."
    )


class MatchResultSerializer(ModelSerializer):
    vendor = serializers.IntegerField(source="vendor_id")
    vendor_name = serializers.CharField(source="vendor.name")
    vendor_slug = serializers.CharField(source="vendor.slug")
    score = serializers.FloatField()
    strong = serializers.BooleanField(
        source="is_strong",
        help_text=f"A strong match: a score of {W.STRONG_MATCH_SCORE:g} or more (the web page "
        "lists these first and the others on demand).",
    )
    breakdown = MatchBreakdownSerializer()
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = MatchResult
        fields = [
            "vendor",
            "vendor_name",
            "vendor_slug",
            "rank",
            "score",
            "strong",
            "breakdown",
            "reasons",
        ]

    @extend_schema_field(MatchReasonSerializer(many=True))
    def get_reasons(self, result):
        names = self.context["reason_names"]
        return [
            {"code": r["code"], "met": r["met"], "text": reason_text(r, names)}
            for r in result.reasons
        ]
