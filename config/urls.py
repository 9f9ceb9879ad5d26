from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt

from config.throttling import LoginThrottle, throttle
from config.views import page_not_found

urlpatterns = [
    path("", include("marketplace.urls")),
    path("", include("companies.urls")),
    path("accounts/", include("companies.accounts_urls")),
    path("", include("marketplace.tenders.urls")),
    path("", include("marketplace.notifications.urls")),
    path("", include("marketplace.webhooks.urls")),
    path("", include("marketplace.insights.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's login form, throttled like the site's (it resolves before the admin's own).
    path("admin/login/", throttle(LoginThrottle)(admin.site.login)),
    path("admin/", admin.site.urls),
    # One namespace per major version of the API (DRF's NamespaceVersioning); see the README
    # for what makes a change breaking and how a version is retired.
    path("api/v1/", include(("config.api_urls", "v1"))),
    # Anything else under /api/ is an unknown route: the JSON 404 even with DEBUG on, where
    # Django would otherwise show its HTML page listing every route. It acts on nothing, so a
    # PUT with a session cookie and no CSRF token gets the 404 too, not Django's HTML 403.
    re_path(r"^api/", csrf_exempt(page_not_found), kwargs={"exception": None}),
]

if settings.REFERENCE_VIEWS:
    # The benchmarks' hand-written references (marketplace/benchmarks), at `/_reference` + the
    # real path; off unless NORTE_REFERENCE_VIEWS asks for them.
    urlpatterns.insert(0, path("_reference/", include("marketplace.benchmarks.urls")))

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
# allauth answers its own rate limits (sign-ups, password changes…) with this.
handler429 = "config.views.too_many_requests"
handler500 = "config.views.server_error"
