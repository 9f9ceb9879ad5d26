"""Every route of version 1 of the API (`/api/v1/`), one router so the schema lists them together,
and the schema and its Swagger UI beside them."""

from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from companies.api.views import (
    CompanyViewSet,
    InvitationViewSet,
    LogoutAllView,
    LogoutView,
    TokenView,
)
from config.views import SchemaView
from marketplace.api.views import (
    CertificationViewSet,
    MatchRunViewSet,
    OutsourcingRequestViewSet,
    SectorViewSet,
    SkillViewSet,
    VendorViewSet,
)
from marketplace.events.api.views import EventViewSet
from marketplace.insights.api.ocds import ReleasePackageView
from marketplace.insights.api.summary import InsightsSummaryCsvView, InsightsSummaryView
from marketplace.notifications.api.preferences import NotificationPreferenceViewSet
from marketplace.notifications.api.views import NotificationViewSet
from marketplace.tenders.api.views import (
    BidInvitationViewSet,
    EngagementViewSet,
    ProposalViewSet,
    QuestionViewSet,
    ReviewViewSet,
    TenderRequestViewSet,
)
from marketplace.webhooks.api.views import WebhookEndpointViewSet

router = DefaultRouter()
router.register("sectors", SectorViewSet, basename="sector")
router.register("skills", SkillViewSet, basename="skill")
router.register("certifications", CertificationViewSet, basename="certification")
router.register("vendors", VendorViewSet, basename="vendor")
router.register("companies", CompanyViewSet, basename="company")
# A request's tender actions (bid invitations, questions, proposals, award, cancel) sit under
# `requests/` too. Registered first: the API root lists one viewset per prefix, the last one.
router.register("requests", TenderRequestViewSet, basename="request-tender")
router.register("requests", OutsourcingRequestViewSet, basename="request")
router.register("match-runs", MatchRunViewSet, basename="match-run")
router.register("invitations", InvitationViewSet, basename="invitation")
# Tenders (marketplace/tenders/api).
router.register("bid-invitations", BidInvitationViewSet, basename="bid-invitation")
router.register("questions", QuestionViewSet, basename="question")
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("engagements", EngagementViewSet, basename="engagement")
router.register("reviews", ReviewViewSet, basename="review")
router.register("notifications", NotificationViewSet, basename="notification")
router.register(
    "notification-preferences",
    NotificationPreferenceViewSet,
    basename="notification-preference",
)
# The events feed (marketplace/events/api): webhooks' payloads, for integrations polling them.
router.register("events", EventViewSet, basename="event")
# Webhooks (marketplace/webhooks/api).
router.register("webhook-endpoints", WebhookEndpointViewSet, basename="webhook-endpoint")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("auth/logout/", LogoutView.as_view(), name="logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="logout-all"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, not inline: the CSP allows no
    # inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="v1:schema"), name="docs"),
    # Insights (marketplace/insights/api): the figures of the awards, as JSON and as CSV.
    path("insights/summary/", InsightsSummaryView.as_view(), name="insights-summary"),
    path("insights/summary.csv", InsightsSummaryCsvView.as_view(), name="insights-summary-csv"),
    # Open data: the published and awarded requests as an OCDS release package (insights).
    path("ocds/releases/", ReleasePackageView.as_view(), name="ocds-releases"),
    *router.urls,
]
