from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/bell/", views.notification_bell, name="bell"),
    path("notifications/read-all/", views.notification_read_all, name="read-all"),
    path("notifications/<int:pk>/read/", views.notification_read, name="read"),
    path("notifications/preferences/", views.notification_preferences, name="preferences"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.notification_unsubscribe,
        name="unsubscribe",
    ),
]
