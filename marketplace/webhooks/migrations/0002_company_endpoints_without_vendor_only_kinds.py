"""Company endpoints registered before a company could no longer ask for a vendor's own events
(vendor.approved, vendor.suspended, request.published) lose them: no company is told of them, and
WebhookEndpoint.clean() now refuses them, so any change to such an endpoint would fail. One
that asked for nothing else is paused with the reason (its owners choose events to resume)."""

from django.db import migrations

# As they were when written (marketplace.events.models.VENDOR_ONLY_KINDS may change later).
VENDOR_ONLY_KINDS = {"vendor.approved", "vendor.suspended", "request.published"}
PAUSED_REASON = "It asked only for events no company is told of; choose others to resume."


def forward(apps, schema_editor):
    WebhookEndpoint = apps.get_model("webhooks", "WebhookEndpoint")
    for endpoint in WebhookEndpoint.objects.filter(company__isnull=False):
        kept = [kind for kind in endpoint.events if kind not in VENDOR_ONLY_KINDS]
        if kept == endpoint.events:
            continue
        endpoint.events = kept
        fields = ["events"]
        if not kept:
            endpoint.is_active, endpoint.disabled_reason = False, PAUSED_REASON
            fields += ["is_active", "disabled_reason"]
        endpoint.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
