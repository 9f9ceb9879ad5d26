"""Every API route under /api/, one router so the schema lists them together."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from companies.api.views import (
    CompanyViewSet,
    InvitationViewSet,
    LogoutAllView,
    LogoutView,
    TokenView,
)
from marketplace.api.views import (
    CertificationViewSet,
    OutsourcingRequestViewSet,
    SectorViewSet,
    SkillViewSet,
    VendorViewSet,
)

router = DefaultRouter()
router.register("sectors", SectorViewSet, basename="sector")
router.register("skills", SkillViewSet, basename="skill")
router.register("certifications", CertificationViewSet, basename="certification")
router.register("vendors", VendorViewSet, basename="vendor")
router.register("companies", CompanyViewSet, basename="company")
router.register("requests", OutsourcingRequestViewSet, basename="request")
router.register("invitations", InvitationViewSet, basename="invitation")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="api-logout-all"),
    *router.urls,
]
