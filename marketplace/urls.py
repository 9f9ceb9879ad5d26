"""The marketplace's web pages (the API lives under config/api_urls.py)."""

from django.urls import path

from . import views

app_name = "marketplace"

urlpatterns = [
    path("", views.home, name="home"),
    path("vendors/", views.vendor_list, name="vendor-list"),
    # Before the profiles: no vendor's slug may be "compare" (validate_vendor_slug).
    path("vendors/compare/", views.vendor_compare, name="vendor-compare"),
    path("vendors/<slug:slug>/", views.vendor_detail, name="vendor-detail"),
    path("requests/", views.request_list, name="request-list"),
    path("requests/new/", views.request_create, name="request-create"),
    path("requests/validate/", views.request_validate, name="request-validate"),
    path("requests/suggestions/", views.request_suggestions, name="request-suggestions"),
    path("requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request-edit"),
    path("requests/<int:pk>/publish/", views.request_publish, name="request-publish"),
    path("requests/<int:pk>/rematch/", views.request_rematch, name="request-rematch"),
    path("requests/<int:pk>/keep-sector/", views.request_keep_sector, name="request-keep-sector"),
    path("requests/<int:pk>/matches/", views.request_matches, name="request-matches"),
    # Beside the company's onboarding (companies/urls.py), but founding a vendor is the
    # marketplace's: the companies app knows nothing of vendors' forms and services.
    path("onboarding/vendor/", views.onboarding_vendor, name="onboarding-vendor"),
    path("vendor/", views.vendor_dashboard, name="vendor-dashboard"),
    path("vendor/edit/", views.vendor_edit, name="vendor-edit"),
    path("vendor/edit/suggestions/", views.vendor_edit_suggestions, name="vendor-edit-suggestions"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="opportunity-detail"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path(
        "moderation/vendors/<int:pk>/approve/",
        views.moderation_approve,
        name="moderation-approve",
    ),
    path(
        "moderation/vendors/<int:pk>/suspend/",
        views.moderation_suspend,
        name="moderation-suspend",
    ),
]
