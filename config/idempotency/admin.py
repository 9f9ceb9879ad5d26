from django.contrib import admin

from config.admin import ReadOnlyAdminMixin

from .models import IdempotencyKey


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: what a key answered and until when, to help an integrator who asks why a
    request was not acted on. Keys are written by the API and removed by the purge only."""

    list_display = (
        "key",
        "user",
        "method",
        "path",
        "response_status",
        "created_at",
        "completed_at",
        "expires_at",
    )
    list_filter = ("method", "response_status")
    list_select_related = ("user",)
    search_fields = ("key", "user__username", "path")
    date_hierarchy = "created_at"
