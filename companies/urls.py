"""Onboarding, teams and invitations. The account pages (sign up, log in…) are allauth's:
companies/accounts_urls.py."""

from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("onboarding/", views.onboarding, name="onboarding"),
    path("onboarding/company/", views.onboarding_company, name="onboarding-company"),
    path("team/", views.team, name="team"),
    path("team/invitations/", views.team_invite, name="team-invite"),
    path("team/invitations/<int:pk>/revoke/", views.team_revoke, name="team-invitation-revoke"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
