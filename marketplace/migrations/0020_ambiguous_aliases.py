"""Aliases that are everyday words in another sense, found by a newcomer's walk-through: French
"cotes" is coasts and ratings as much as odds ("Côte-Nord", "cotes de satisfaction"), "puntos
de venta" any shop's tills, "prize draws" and "tirages au sort" a retailer's promotions. The
longer phrases stay ("flux de cotes", "terminales en puntos de venta", "gestión de sorteos").
Vendors' descriptions are read again without them."""

from importlib import import_module

from django.db import migrations

AMBIGUOUS = {
    "odds-feeds": {"aliases_fr": ["cotes"]},
    "retail-terminals": {"aliases_es": ["puntos de venta"]},
    "draw-management": {"aliases": ["prize draws"], "aliases_fr": ["tirages au sort"]},
}
READING = import_module("marketplace.migrations.0017_vendor_described_skills")


def drop(apps, schema_editor):
    Skill = apps.get_model("marketplace", "Skill")
    for skill in Skill.objects.filter(slug__in=AMBIGUOUS):
        for field, aliases in AMBIGUOUS[skill.slug].items():
            setattr(skill, field, [a for a in getattr(skill, field) if a not in aliases])
        skill.save()
    read_again(apps)


def restore(apps, schema_editor):
    Skill = apps.get_model("marketplace", "Skill")
    for skill in Skill.objects.filter(slug__in=AMBIGUOUS):
        for field, aliases in AMBIGUOUS[skill.slug].items():
            current = getattr(skill, field)
            setattr(skill, field, current + [a for a in aliases if a not in current])
        skill.save()
    read_again(apps)


def read_again(apps):
    apps.get_model("marketplace", "Vendor").described_skills.through.objects.all().delete()
    READING.read_descriptions(apps, None)


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0019_vendor_prose_counts_index")]

    operations = [migrations.RunPython(drop, restore)]
