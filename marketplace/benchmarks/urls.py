"""The reference views at `/_reference` + the real path (config/urls.py mounts them only when
REFERENCE_VIEWS is on)."""

from django.urls import path

from . import views

app_name = "benchmarks"

urlpatterns = [
    path("api/v1/vendors/", views.vendor_list_api, name="vendor-list-api"),
    path("api/v1/vendors/<int:pk>/", views.vendor_detail_api, name="vendor-detail-api"),
    path(
        "api/v1/requests/<int:pk>/matches/",
        views.request_matches_api,
        name="request-matches-api",
    ),
    path("vendors/", views.vendor_list, name="vendor-list"),
    path("requests/", views.request_list, name="request-list"),
]
