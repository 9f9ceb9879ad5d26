"""The tenders' web pages: the company's side, engagements, and the vendors' side."""

from django.urls import path

from .views import company, engagements, vendor  # noqa: F401

app_name = "tenders"

urlpatterns = [
    # The company's side ---------------------------------------------------------------------
    # Engagements (both parties) ---------------------------------------------------------------
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
