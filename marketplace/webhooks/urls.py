"""The webhooks pages (the API's routes are in config/api_urls.py)."""

from django.urls import path

from . import views

app_name = "webhooks"

urlpatterns = [
    path("webhooks/", views.endpoint_list, name="endpoint-list"),
    path("webhooks/new/", views.endpoint_create, name="endpoint-create"),
    # The "endpoint disabled" notification links here: keep the name and its `pk`.
    path("webhooks/<int:pk>/", views.endpoint_detail, name="endpoint-detail"),
    path("webhooks/<int:pk>/enable/", views.endpoint_enable, name="endpoint-enable"),
    path("webhooks/<int:pk>/roll-secret/", views.endpoint_roll_secret, name="endpoint-roll-secret"),
    path("webhooks/<int:pk>/delete/", views.endpoint_delete, name="endpoint-delete"),
    path("webhooks/<int:pk>/replay/", views.endpoint_replay, name="endpoint-replay"),
]
