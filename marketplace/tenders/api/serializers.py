"""The tenders as the API reads and writes them.

Input serializers check shapes and types; the rules (who may, what is required, which states
allow what) are the services', whose errors reach the client as 403, 400 or 409. A text that
must not be empty is therefore accepted blank here, so that the service's message says what
to write.
"""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.serializers import ModelSerializer
from marketplace.api.serializers import MatchReasonSerializer
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.models.requests import MAX_DURATION_WEEKS
from marketplace.selectors import request_list_visible, vendor_list_visible
from marketplace.services.matching.reasons import reason_text

from ..models import (
    MAX_MILESTONES,
    TEXT_LIMIT,
    BidInvitation,
    Engagement,
    Proposal,
    Question,
    Review,
)
from ..policies import can_see_question_asker


def seconds(duration) -> int | None:
    return None if duration is None else round(duration.total_seconds())


# --- Bid invitations ----------------------------------------------------------------------------


class BidInvitationSerializer(ModelSerializer):
    request_title = serializers.CharField(source="request.title", read_only=True)
    vendor_name = serializers.CharField(source="vendor.name", read_only=True)

    class Meta:
        model = BidInvitation
        fields = [
            "id",
            "request",
            "request_title",
            "vendor",
            "vendor_name",
            "status",
            "decline_reason",
            "responded_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "request": {"help_text": "The request's id."},
            "vendor": {"help_text": "The invited vendor's id."},
            "decline_reason": {"help_text": "Why the vendor declined, if it said."},
            "responded_at": {"help_text": "When the vendor accepted or declined; null before."},
        }


class BidInvitationCreateSerializer(serializers.Serializer):
    vendor = serializers.PrimaryKeyRelatedField(
        queryset=Vendor.objects.none(), help_text="The id of the approved vendor to invite."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # none when the schema is generated
        if request is not None:
            # A vendor the caller cannot see reads as one that does not exist.
            self.fields["vendor"].queryset = vendor_list_visible(user=request.user)


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=TEXT_LIMIT,
        help_text="Why the vendor declines (optional); the company reads it.",
    )


# --- Questions ----------------------------------------------------------------------------------


class QuestionSerializer(ModelSerializer):
    """A question and its answer. `vendor`, the asker, is there only for the request's company
    and staff: vendors read every answered question, never who asked it."""

    # Not read-only, so that the schema does not list it as always present (this serializer
    # only answers; questions are asked with QuestionAskSerializer).
    vendor = serializers.IntegerField(
        source="vendor_id",
        required=False,
        help_text="The id of the vendor that asked; only for the request's company and staff.",
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "request",
            "vendor",
            "text",
            "status",
            "answer",
            "answered_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [field for field in fields if field != "vendor"]
        extra_kwargs = {
            "request": {"help_text": "The request's id."},
            "answer": {"help_text": "The company's answer; empty until it is given."},
        }

    def to_representation(self, question):
        data = super().to_representation(question)
        user = self.context["request"].user
        if not can_see_question_asker(user=user, outsourcing_request=question.request):
            del data["vendor"]
        return data


class QuestionAskSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, max_length=TEXT_LIMIT, help_text="The question.")


class AnswerSerializer(serializers.Serializer):
    text = serializers.CharField(
        allow_blank=True,
        max_length=TEXT_LIMIT,
        help_text="The answer, which every vendor taking part reads.",
    )


# --- Proposals ----------------------------------------------------------------------------------


class MilestoneSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    week = serializers.IntegerField(
        min_value=1,
        max_value=MAX_DURATION_WEEKS,
        help_text="The week it is due, within the proposal's duration.",
    )
    amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        help_text="What is paid on it, in the proposal's currency (optional).",
    )


class ProposalSerializer(ModelSerializer):
    vendor_name = serializers.CharField(source="vendor.name", read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "request",
            "vendor",
            "vendor_name",
            "price",
            "currency",
            "duration_weeks",
            "team_size",
            "approach",
            "milestones",
            "status",
            "outcome_reason",
            "shortlisted_at",
            "withdrawn_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "request": {"help_text": "The request's id."},
            "vendor": {"help_text": "The proposing vendor's id."},
            "outcome_reason": {
                "help_text": "Why the request was awarded (to this proposal or another) or "
                "cancelled, as the company wrote it; empty while it is open."
            },
        }


class ProposalCreateSerializer(ModelSerializer):
    """What a vendor proposes. The limits are the model's; the service checks the rest
    (taking part, the deadline, one live proposal per vendor)."""

    request = serializers.PrimaryKeyRelatedField(
        queryset=OutsourcingRequest.objects.none(), help_text="The id of the request."
    )
    milestones = MilestoneSerializer(many=True, required=False, max_length=MAX_MILESTONES)

    class Meta:
        model = Proposal
        fields = [
            "request",
            "price",
            "currency",
            "duration_weeks",
            "team_size",
            "approach",
            "milestones",
        ]
        extra_kwargs = {
            "price": {"help_text": "The whole price, in `currency`."},
            "approach": {"allow_blank": True, "help_text": "How the vendor will do the work."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # none when the schema is generated
        if request is not None:
            # A request the caller cannot see reads as one that does not exist.
            self.fields["request"].queryset = request_list_visible(user=request.user)

    def validate_milestones(self, milestones):
        # Stored as JSON: amounts as exact decimal strings, an absent amount left out.
        return [
            {
                "title": milestone["title"],
                "week": milestone["week"],
                **(
                    {"amount": str(milestone["amount"])}
                    if milestone.get("amount") is not None
                    else {}
                ),
            }
            for milestone in milestones
        ]


class ProposalComparisonSerializer(ProposalSerializer):
    """A proposal beside the others (`selectors.proposal_comparison`), for the company."""

    price_in_request_currency = serializers.DecimalField(
        source="comparison.price_in_request_currency",
        max_digits=20,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="The price in the request's currency, at the rates valid the day it was "
        "submitted; null without a rate for that day.",
    )
    price_cad = serializers.DecimalField(
        source="comparison.price_cad",
        max_digits=20,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="The price in Canadian dollars, at the rate valid the day it was submitted.",
    )
    match_score = serializers.FloatField(
        source="comparison.match_score",
        read_only=True,
        allow_null=True,
        help_text="The vendor's score (0–100) in the request's latest ranking; null if it is "
        "not ranked.",
    )
    match_reasons = serializers.SerializerMethodField(
        help_text="The reasons of that score, as the matches list gives them."
    )
    rating = serializers.FloatField(
        source="comparison.rating",
        read_only=True,
        allow_null=True,
        help_text="The vendor's review rating (1–5); null without reviews.",
    )
    review_count = serializers.IntegerField(
        source="comparison.review_count", read_only=True, help_text="The vendor's reviews."
    )
    median_answer_seconds = serializers.SerializerMethodField(
        help_text="The vendor's median time to answer bid invitations, in seconds; null "
        "until it has answered one."
    )

    class Meta(ProposalSerializer.Meta):
        fields = [
            *ProposalSerializer.Meta.fields,
            "price_in_request_currency",
            "price_cad",
            "match_score",
            "match_reasons",
            "rating",
            "review_count",
            "median_answer_seconds",
        ]
        read_only_fields = fields

    @extend_schema_field(MatchReasonSerializer(many=True))
    def get_match_reasons(self, proposal):
        names = self.context["reason_names"]
        return [
            {"code": reason["code"], "met": reason["met"], "text": reason_text(reason, names)}
            for reason in proposal.comparison.match_reasons
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_median_answer_seconds(self, proposal) -> int | None:
        return seconds(proposal.comparison.median_answer_time)


# --- Closing a request, engagements and reviews -------------------------------------------------


class AwardSerializer(serializers.Serializer):
    proposal = serializers.PrimaryKeyRelatedField(
        queryset=Proposal.objects.none(), help_text="The id of the winning proposal."
    )
    reason = serializers.CharField(
        allow_blank=True,
        max_length=TEXT_LIMIT,
        help_text="Why it wins: every vendor that took part reads it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        outsourcing_request = self.context.get("outsourcing_request")
        if outsourcing_request is not None:  # none when the schema is generated
            self.fields["proposal"].queryset = outsourcing_request.proposals.all()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        allow_blank=True,
        max_length=TEXT_LIMIT,
        help_text="Why; the other party (every vendor that took part) reads it.",
    )


class EngagementSerializer(ModelSerializer):
    request_title = serializers.CharField(source="request.title", read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)
    vendor_name = serializers.CharField(source="vendor.name", read_only=True)
    review = serializers.SerializerMethodField(
        help_text="The id of the company's review; null until it is written."
    )

    class Meta:
        model = Engagement
        fields = [
            "id",
            "request",
            "request_title",
            "proposal",
            "company",
            "company_name",
            "vendor",
            "vendor_name",
            "status",
            "award_reason",
            "completed_at",
            "cancelled_at",
            "cancellation_reason",
            "review",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_review(self, engagement) -> int | None:
        try:
            return engagement.review.pk
        except Review.DoesNotExist:
            return None


class ReviewSerializer(ModelSerializer):
    vendor_name = serializers.CharField(source="vendor.name", read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "engagement",
            "vendor",
            "vendor_name",
            "company",
            "company_name",
            "rating",
            "text",
            "reply",
            "replied_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "reply": {"help_text": "The vendor's one reply; empty until it is written."},
        }


class ReviewCreateSerializer(ModelSerializer):
    class Meta:
        model = Review
        fields = ["rating", "text"]
        extra_kwargs = {
            "rating": {"help_text": "From 1 to 5."},
            "text": {"allow_blank": True, "help_text": "What the work was like."},
        }


class ReplySerializer(serializers.Serializer):
    text = serializers.CharField(
        allow_blank=True, max_length=TEXT_LIMIT, help_text="The vendor's reply."
    )
