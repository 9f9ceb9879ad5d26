"""Accounts (Django's auth views with Norte's templates) and onboarding.

Logging in and asking for a password reset are throttled with the API's throttles and rates
(config/throttling.py); wrong passwords lock a username out from an address (django-axes).
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from config.throttling import (
    LoginThrottle,
    PasswordResetAddressThrottle,
    PasswordResetThrottle,
    throttle,
)

from . import views

app_name = "companies"

urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path(
        "accounts/login/",
        throttle(LoginThrottle)(auth_views.LoginView.as_view()),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        throttle(PasswordResetThrottle, PasswordResetAddressThrottle)(
            auth_views.PasswordResetView.as_view(
                success_url=reverse_lazy("companies:password-reset-done"),
                email_template_name="registration/password_reset_email.txt",
            )
        ),
        name="password-reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("companies:password-reset-complete")
        ),
        name="password-reset-confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("onboarding/", views.onboarding, name="onboarding"),
    path("onboarding/company/", views.onboarding_company, name="onboarding-company"),
    path("team/", views.team, name="team"),
    path("team/invitations/", views.team_invite, name="team-invite"),
    path("team/invitations/<int:pk>/revoke/", views.team_revoke, name="team-invitation-revoke"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
