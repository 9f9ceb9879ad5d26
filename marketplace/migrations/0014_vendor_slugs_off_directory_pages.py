"""Vendors stored with the address of one of the directory's pages (0010 only refuses new ones)
move to the next free address, as a new vendor with that name would get, so their profile
can be reached again."""

from django.db import migrations

from config.services import unique_slug

# The reserved words when this migration was written (marketplace.validators), frozen so that
# running it later does the same; a word reserved later needs its own migration.
RESERVED_VENDOR_SLUGS = frozenset({"compare"})


def move_off_reserved_slugs(apps, schema_editor):
    Vendor = apps.get_model("marketplace", "Vendor")
    for vendor in Vendor.objects.filter(slug__in=RESERVED_VENDOR_SLUGS).order_by("pk"):
        vendor.slug = unique_slug(
            Vendor, vendor.slug, max_length=220, reserved=RESERVED_VENDOR_SLUGS
        )
        vendor.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0013_certification_names_per_language"),
    ]

    # Going back leaves the new address: the old one hid a page of the directory.
    operations = [migrations.RunPython(move_off_reserved_slugs, migrations.RunPython.noop)]
