"""The tenders' API: bid invitations, questions, proposals, the award or the cancellation of a
request, engagements and reviews.

Views are thin. An object is looked up through the selector scoped to the caller, so what they
may not see is a 404; `PolicyPermission` asks the tender policies each action names (403, with
the refusal written beside the policy) before the body is read; then the service decides —
what the input must say (400), what the state allows (409) — in one transaction, with the same
rules as the web pages (and asks the same policies again, for any other caller).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.reverse import reverse

from config.api import ID_PATTERN
from config.idempotency.api import idempotent
from config.permissions import PolicyPermission
from config.schema import CONFLICT, CREATED_LOCATION
from config.viewsets import GenericViewSet
from marketplace.api.serializers import OutsourcingRequestSerializer
from marketplace.selectors import request_list_managed, request_list_visible
from marketplace.services.matching.reasons import ReasonNames

from ..filters import (
    BidInvitationFilter,
    EngagementFilter,
    ProposalFilter,
    QuestionFilter,
    RequestBidInvitationFilter,
    RequestProposalFilter,
    ReviewFilter,
)
from ..policies import (
    can_answer_bid_invitation,
    can_answer_question,
    can_award_request,
    can_cancel_engagement,
    can_cancel_request,
    can_complete_engagement,
    can_invite_vendors,
    can_reply_to_review,
    can_review_engagement,
    can_shortlist_proposal,
    can_withdraw_proposal,
)
from ..selectors import (
    bid_invitation_list_visible,
    engagement_list_visible,
    proposal_comparison,
    proposal_list_visible,
    question_list_seen,
    question_list_visible,
    review_list_visible,
)
from ..services import (
    bid_invitation_accept,
    bid_invitation_create,
    bid_invitation_decline,
    engagement_cancel,
    engagement_complete,
    proposal_shortlist,
    proposal_submit,
    proposal_withdraw,
    question_answer,
    question_ask,
    request_award,
    request_cancel,
    review_create,
    review_reply,
    vendor_acting,
)
from .serializers import (
    AnswerSerializer,
    AwardSerializer,
    BidInvitationCreateSerializer,
    BidInvitationSerializer,
    DeclineSerializer,
    EngagementSerializer,
    ProposalComparisonSerializer,
    ProposalCreateSerializer,
    ProposalSerializer,
    QuestionAskSerializer,
    QuestionSerializer,
    ReasonSerializer,
    ReplySerializer,
    ReviewCreateSerializer,
    ReviewSerializer,
)

# What every tender list is ordered by (config/lists.py): newest first unless asked.
TIMESTAMPS = ["created_at", "updated_at"]


class TenderViewSet(GenericViewSet):
    permission_classes = [IsAuthenticated, PolicyPermission]
    # Reads are scoped by the queryset (404); each write action names its policy.
    policies = {"list": None, "retrieve": None}
    lookup_value_regex = ID_PATTERN
    ordering_fields = TIMESTAMPS
    ordering = ["-created_at"]

    def created(self, data, *, view_name: str) -> Response:
        """201 with the new object and its address in `Location`."""
        location = reverse(view_name, kwargs={"pk": data["id"]}, request=self.request)
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})

    def list_response(self, queryset, serializer_class, **context) -> Response:
        """A page of `queryset` as filtered, ordered and paginated by the view's list rules."""
        page = self.paginate_queryset(self.filter_queryset(queryset))
        context = {**self.get_serializer_context(), **context}
        return self.get_paginated_response(serializer_class(page, many=True, context=context).data)

    def payload(self, serializer_class, **context):
        serializer = serializer_class(
            data=self.request.data, context={**self.get_serializer_context(), **context}
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class TenderRequestViewSet(TenderViewSet):
    """What happens on a published request: its bid invitations, questions and proposals, and
    its award or cancellation. Registered under `requests/` beside the requests' own viewset
    (marketplace.api), which has no actions of these names."""

    serializer_class = OutsourcingRequestSerializer
    policies = {
        "bid_invitations": {"GET": None, "POST": can_invite_vendors},
        # Asking is a vendor's: the service refuses whoever is not taking part, saying why.
        "questions": {"GET": None, "POST": None},
        "proposals": None,
        "award": can_award_request,
        "cancel": can_cancel_request,
    }

    def get_queryset(self):
        return request_list_visible(user=self.request.user)

    def get_managed_object(self):
        """The request if the caller runs its tender (its company, staff): vendors that see
        it still get 404 for what is the buyer's alone, as for its matches."""
        return get_object_or_404(request_list_managed(user=self.request.user), pk=self.kwargs["pk"])

    @extend_schema(
        methods=["GET"], request=None, responses={200: BidInvitationSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=BidInvitationCreateSerializer,
        responses={201: BidInvitationSerializer, 409: CONFLICT},
        parameters=[CREATED_LOCATION],
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="bid-invitations",
        filterset_class=RequestBidInvitationFilter,
    )
    @idempotent
    def bid_invitations(self, request, pk=None):
        """GET: the request's bid invitations — all of them for its company and staff, its own
        for an invited vendor. POST: invite an approved vendor that meets the request's hard
        constraints (the company's members, staff); 409 if it is already invited, the request
        is not published or proposals are due."""
        outsourcing_request = self.get_object()
        if request.method == "GET":
            invitations = bid_invitation_list_visible(user=request.user).filter(
                request=outsourcing_request
            )
            return self.list_response(invitations, BidInvitationSerializer)
        invitation = bid_invitation_create(
            actor=request.user,
            outsourcing_request=outsourcing_request,
            **self.payload(BidInvitationCreateSerializer),
        )
        return self.created(
            BidInvitationSerializer(invitation).data, view_name="bid-invitation-detail"
        )

    @extend_schema(methods=["GET"], request=None, responses={200: QuestionSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request=QuestionAskSerializer,
        responses={201: QuestionSerializer, 409: CONFLICT},
        parameters=[CREATED_LOCATION],
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filterset_class=QuestionFilter,
        ordering=["created_at"],
    )
    @idempotent
    def questions(self, request, pk=None):
        """GET: the request's questions, oldest first — every one for its company and staff
        (with `vendor`, who asked); for a vendor the answered ones and its own, never who
        asked. POST: a vendor taking part asks, until questions close (409 after)."""
        outsourcing_request = self.get_object()
        if request.method == "GET":
            questions = question_list_visible(
                user=request.user, outsourcing_request=outsourcing_request
            )
            return self.list_response(questions, QuestionSerializer)
        question = question_ask(
            actor=request.user,
            outsourcing_request=outsourcing_request,
            **self.payload(QuestionAskSerializer),
        )
        context = self.get_serializer_context()
        return self.created(
            QuestionSerializer(question, context=context).data, view_name="question-detail"
        )

    @extend_schema(responses={200: ProposalComparisonSerializer(many=True)})
    @action(detail=True, methods=["get"], filterset_class=RequestProposalFilter)
    def proposals(self, request, pk=None):
        """The request's proposals side by side, for its company and staff (vendors 404):
        each with its price in the request's currency and in CAD at the rates of the day it
        was submitted, the vendor's score and reasons in the latest ranking, rating, reviews
        and median time to answer invitations."""
        outsourcing_request = self.get_managed_object()
        proposals = proposal_list_visible(user=request.user).filter(request=outsourcing_request)
        page = self.paginate_queryset(self.filter_queryset(proposals))
        for row in proposal_comparison(outsourcing_request=outsourcing_request, proposals=page):
            row.proposal.comparison = row
        context = {**self.get_serializer_context(), "reason_names": ReasonNames()}
        return self.get_paginated_response(
            ProposalComparisonSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        request=AwardSerializer,
        responses={201: EngagementSerializer, 409: CONFLICT},
        parameters=[CREATED_LOCATION],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def award(self, request, pk=None):
        """Award a live proposal with a reason (the company's owners): 201 with the engagement
        it starts. Every other proposal is not awarded, and every vendor that took part reads
        the reason. 409 if the request is already awarded (the second of two awards at once),
        closed, or proposals are not due while vendors may still propose."""
        outsourcing_request = self.get_object()
        engagement = request_award(
            actor=request.user,
            outsourcing_request=outsourcing_request,
            **self.payload(AwardSerializer, outsourcing_request=outsourcing_request),
        )
        return self.created(EngagementSerializer(engagement).data, view_name="engagement-detail")

    @extend_schema(
        request=ReasonSerializer, responses={200: OutsourcingRequestSerializer, 409: CONFLICT}
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def cancel(self, request, pk=None):
        """Cancel a draft or published request with a reason (the company's owners): every
        invited vendor and proposer reads it. 409 if it is already awarded or cancelled."""
        outsourcing_request = request_cancel(
            actor=request.user,
            outsourcing_request=self.get_object(),
            **self.payload(ReasonSerializer),
        )
        return Response(self.get_serializer(outsourcing_request).data)


class BidInvitationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenderViewSet):
    """Bid invitations to propose for a request (not to be confused with `invitations/`, which
    ask a person to join a team): a company's members and staff see those to its requests, a
    vendor's members those it received."""

    serializer_class = BidInvitationSerializer
    filterset_class = BidInvitationFilter
    policies = {
        **TenderViewSet.policies,
        "accept": can_answer_bid_invitation,
        "decline": can_answer_bid_invitation,
    }

    def get_queryset(self):
        return bid_invitation_list_visible(user=self.request.user)

    @extend_schema(request=None, responses={200: BidInvitationSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    @idempotent
    def accept(self, request, pk=None):
        """The invited vendor will propose (its members). 409 if it was already answered or
        proposals are due."""
        invitation = bid_invitation_accept(actor=request.user, bid_invitation=self.get_object())
        return Response(self.get_serializer(invitation).data)

    @extend_schema(
        request=DeclineSerializer, responses={200: BidInvitationSerializer, 409: CONFLICT}
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def decline(self, request, pk=None):
        """The invited vendor will not propose, saying why if it wishes (its members). 409 if
        it was already answered."""
        invitation = bid_invitation_decline(
            actor=request.user,
            bid_invitation=self.get_object(),
            **self.payload(DeclineSerializer),
        )
        return Response(self.get_serializer(invitation).data)


class QuestionViewSet(mixins.RetrieveModelMixin, TenderViewSet):
    """A question on a request, for whoever reads it in the request's list of questions."""

    serializer_class = QuestionSerializer
    policies = {"retrieve": None, "answer": can_answer_question}

    def get_queryset(self):
        return question_list_seen(user=self.request.user)

    @extend_schema(request=AnswerSerializer, responses={200: QuestionSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    @idempotent
    def answer(self, request, pk=None):
        """Answer once (the company's members, staff): every vendor taking part reads it.
        409 if it is already answered or the request is closed."""
        question = question_answer(
            actor=request.user, question=self.get_object(), **self.payload(AnswerSerializer)
        )
        return Response(self.get_serializer(question).data)


class ProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenderViewSet):
    """Proposals: a vendor's members see its own, a company's members and staff those to its
    requests. Vendors never see each other's."""

    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    policies = {
        **TenderViewSet.policies,
        # Proposing is a vendor's: `vendor_acting` and the service say who and why not.
        "create": None,
        "withdraw": can_withdraw_proposal,
        "shortlist": can_shortlist_proposal,
    }

    def get_queryset(self):
        return proposal_list_visible(user=self.request.user)

    @extend_schema(
        request=ProposalCreateSerializer,
        responses={201: ProposalSerializer, 409: CONFLICT},
        parameters=[CREATED_LOCATION],
    )
    @idempotent
    def create(self, request):
        """Propose for a request (a member of an approved vendor taking part: invited and not
        declined, or meeting an open request's hard constraints), before proposals are due.
        Proposing accepts a pending bid invitation. 409 while the vendor's last proposal on the
        request is not withdrawn, after the deadline or on a request that is not published."""
        # Who first: anyone outside an approved vendor is refused before the body is read.
        vendor_acting(actor=request.user)
        data = dict(self.payload(ProposalCreateSerializer))
        proposal = proposal_submit(
            actor=request.user, outsourcing_request=data.pop("request"), **data
        )
        return self.created(self.get_serializer(proposal).data, view_name="proposal-detail")

    @extend_schema(request=None, responses={200: ProposalSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request, pk=None):
        """Take the proposal back before proposals are due (the vendor's members); it stays as
        history, and the vendor may propose again. 409 once it is no longer live or after the
        deadline."""
        proposal = proposal_withdraw(actor=request.user, proposal=self.get_object())
        return Response(self.get_serializer(proposal).data)

    @extend_schema(request=None, responses={200: ProposalSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    @idempotent
    def shortlist(self, request, pk=None):
        """Mark the proposal for a closer look (the company's members, staff); the vendor is
        told. 409 unless it is simply submitted."""
        proposal = proposal_shortlist(actor=request.user, proposal=self.get_object())
        return Response(self.get_serializer(proposal).data)


class EngagementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenderViewSet):
    """The work an award started, for both parties and staff."""

    serializer_class = EngagementSerializer
    filterset_class = EngagementFilter
    policies = {
        **TenderViewSet.policies,
        "complete": can_complete_engagement,
        "cancel": can_cancel_engagement,
        "review": can_review_engagement,
    }

    def get_queryset(self):
        return engagement_list_visible(user=self.request.user).select_related("review")

    @extend_schema(request=None, responses={200: EngagementSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    @idempotent
    def complete(self, request, pk=None):
        """The company's members mark the work done; then it can be reviewed. 409 unless it is
        active."""
        engagement = engagement_complete(actor=request.user, engagement=self.get_object())
        return Response(self.get_serializer(engagement).data)

    @extend_schema(request=ReasonSerializer, responses={200: EngagementSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    @idempotent
    def cancel(self, request, pk=None):
        """End the work early with a reason (the company's owners). 409 unless it is active."""
        engagement = engagement_cancel(
            actor=request.user, engagement=self.get_object(), **self.payload(ReasonSerializer)
        )
        return Response(self.get_serializer(engagement).data)

    @extend_schema(
        request=ReviewCreateSerializer,
        responses={201: ReviewSerializer, 409: CONFLICT},
        parameters=[CREATED_LOCATION],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def review(self, request, pk=None):
        """The awarding company's verified review (its members), once, of a completed
        engagement: 409 before it is completed, or for a second one."""
        review = review_create(
            actor=request.user,
            engagement=self.get_object(),
            **self.payload(ReviewCreateSerializer),
        )
        return self.created(ReviewSerializer(review).data, view_name="review-detail")


class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenderViewSet):
    """Verified reviews, public wherever their vendor is; `vendor` narrows them to one."""

    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter
    permission_classes = [IsAuthenticatedOrReadOnly, PolicyPermission]
    policies = {**TenderViewSet.policies, "reply": can_reply_to_review}
    ordering_fields = [*TIMESTAMPS, "rating"]

    def get_queryset(self):
        return review_list_visible(user=self.request.user)

    @extend_schema(request=ReplySerializer, responses={200: ReviewSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    @idempotent
    def reply(self, request, pk=None):
        """The reviewed vendor's one reply (its members). 409 for a second one."""
        review = review_reply(
            actor=request.user, review=self.get_object(), **self.payload(ReplySerializer)
        )
        return Response(self.get_serializer(review).data)
