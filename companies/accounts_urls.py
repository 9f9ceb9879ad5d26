"""Accounts: django-allauth's pages (`allauth.account`), under /accounts/ with allauth's URL
names (`account_login`…), which allauth itself reverses.

Only the pages Norte offers are routed: log in and out, sign up, verify an address (the page
saying a link was sent, and the link's page), change or set a password, reset a forgotten one,
and the page for a deactivated account. Not routed: managing several addresses, log-in or
reauthentication by emailed code, phone numbers (none of them is switched on).

Logging in and asking for a password reset are throttled with the API's throttles and rates
(config/throttling.py) and, for logging in, guarded by axes' lockout (AUTHENTICATION_BACKENDS):
the same protections as the admin's login form and the API's token endpoint.
"""

from allauth.account import views
from django.urls import path, re_path

from config.throttling import (
    LoginThrottle,
    PasswordResetAddressThrottle,
    PasswordResetThrottle,
    throttle,
)

urlpatterns = [
    path("login/", throttle(LoginThrottle)(views.login), name="account_login"),
    path("logout/", views.logout, name="account_logout"),
    path("inactive/", views.account_inactive, name="account_inactive"),
    path("signup/", views.signup, name="account_signup"),
    path("confirm-email/", views.email_verification_sent, name="account_email_verification_sent"),
    re_path(
        r"^confirm-email/(?P<key>[-:\w]+)/$", views.confirm_email, name="account_confirm_email"
    ),
    path("password/change/", views.password_change, name="account_change_password"),
    path("password/set/", views.password_set, name="account_set_password"),
    path(
        "password/reset/",
        throttle(PasswordResetThrottle, PasswordResetAddressThrottle)(views.password_reset),
        name="account_reset_password",
    ),
    path("password/reset/done/", views.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "password/reset/key/done/",
        views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
]
