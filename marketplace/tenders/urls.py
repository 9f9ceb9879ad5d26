"""The tenders' web pages: the company's side, engagements, and the vendors' side."""

from django.urls import path  # noqa: F401  (the sections below fill in)

from .views import company, engagements, vendor  # noqa: F401

app_name = "tenders"

urlpatterns = [
    # The company's side ---------------------------------------------------------------------
    # Engagements (both parties) ---------------------------------------------------------------
    # The vendors' side ------------------------------------------------------------------------
]
