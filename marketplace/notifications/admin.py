from django.contrib import admin

from config.admin import ReadOnlyAdminMixin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "recipient", "read_at")
    list_filter = ("kind",)
    date_hierarchy = "created_at"
    raw_id_fields = ("recipient", "event")
