from django.contrib import admin

from config.admin import ReadOnlyAdminMixin

from .models import Event


@admin.register(Event)
class EventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "request", "actor")
    list_filter = ("kind",)
    date_hierarchy = "created_at"
    search_fields = ("request__title",)
    raw_id_fields = ("request", "actor")
