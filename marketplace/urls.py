"""The marketplace's web pages (the API lives under config/api_urls.py)."""

from django.urls import path

from . import views

app_name = "marketplace"

urlpatterns = [
    path("", views.home, name="home"),
    path("vendors/", views.vendor_list, name="vendor-list"),
    path("vendors/<slug:slug>/", views.vendor_detail, name="vendor-detail"),
]
