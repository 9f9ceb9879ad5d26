"""The tenders' web pages: the company's side, engagements, and the vendors' side."""

from django.urls import path

from .views import company, engagements, vendor

app_name = "tenders"

urlpatterns = [
    # The company's side ---------------------------------------------------------------------
    path(
        "requests/<int:pk>/bid-invitations/",
        company.request_bid_invitations,
        name="request-bid-invitations",
    ),
    path(
        "requests/<int:pk>/bid-invitations/top/",
        company.request_bid_invitations_top,
        name="request-bid-invitations-top",
    ),
    path("requests/<int:pk>/questions/", company.request_questions, name="request-questions"),
    path("questions/<int:pk>/answer/", company.question_answer, name="question-answer"),
    path("requests/<int:pk>/proposals/", company.request_proposals, name="request-proposals"),
    path("proposals/<int:pk>/shortlist/", company.proposal_shortlist, name="proposal-shortlist"),
    path("requests/<int:pk>/award/", company.request_award, name="request-award"),
    path("requests/<int:pk>/cancel/", company.request_cancel, name="request-cancel"),
    # Engagements (both parties) ---------------------------------------------------------------
    path("engagements/", engagements.engagement_list, name="engagement-list"),
    path("engagements/<int:pk>/", engagements.engagement_detail, name="engagement-detail"),
    path(
        "engagements/<int:pk>/complete/",
        engagements.engagement_complete,
        name="engagement-complete",
    ),
    path("engagements/<int:pk>/cancel/", engagements.engagement_cancel, name="engagement-cancel"),
    path("engagements/<int:pk>/review/", engagements.engagement_review, name="engagement-review"),
    path("reviews/<int:pk>/reply/", engagements.review_reply, name="review-reply"),
    # The vendors' side ------------------------------------------------------------------------
    # (Their desk, /vendor/, and a request's page, /opportunities/<id>/, are the marketplace's.)
    path(
        "bid-invitations/<int:pk>/accept/",
        vendor.bid_invitation_accept,
        name="bid-invitation-accept",
    ),
    path(
        "bid-invitations/<int:pk>/decline/",
        vendor.bid_invitation_decline,
        name="bid-invitation-decline",
    ),
    path("opportunities/<int:pk>/questions/", vendor.question_ask, name="question-ask"),
    path("opportunities/<int:pk>/proposals/", vendor.proposal_submit, name="proposal-submit"),
    path("proposals/<int:pk>/withdraw/", vendor.proposal_withdraw, name="proposal-withdraw"),
]
