from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.throttling import LoginThrottle, throttle

urlpatterns = [
    path("", include("marketplace.urls")),
    path("", include("companies.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's login form, throttled like the site's (it resolves before the admin's own).
    path("admin/login/", throttle(LoginThrottle)(admin.site.login)),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, not inline: the CSP allows no
    # inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
