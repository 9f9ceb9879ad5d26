from django.contrib import admin

from config.admin import ReadOnlyAdminMixin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "recipient", "read_at", "email_status", "emailed_at")
    list_filter = ("kind", "email_status")
    date_hierarchy = "created_at"
    raw_id_fields = ("recipient", "event")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Each person's choices, for support; they change them themselves."""

    list_display = ("user", "kind", "email", "updated_at")
    list_filter = ("kind", "email")
    raw_id_fields = ("user",)
