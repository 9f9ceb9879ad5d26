"""The insights' web page (the API's routes are in config/api_urls.py)."""

from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("insights/", views.insights, name="insights"),
]
