from django.contrib import admin

from .models import WebhookDelivery, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "company", "vendor", "is_active", "disabled_at", "created_at"]
    list_filter = ["is_active"]
    # The secret signs deliveries: staff never need to read it.
    exclude = ["secret"]
    readonly_fields = ["created_by", "disabled_at", "created_at", "updated_at"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "endpoint", "attempt", "status_code", "error", "duration_ms"]
    list_filter = ["status_code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
