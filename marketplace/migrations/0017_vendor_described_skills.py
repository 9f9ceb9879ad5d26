"""Skills read from each vendor's descriptions, stored so that ranking 100,000 vendors reads
them like the listed skills instead of parsing prose; filled here for the vendors there are."""

from django.db import migrations, models

from marketplace.matching.text import SkillLexicon

ALIAS_FIELDS = ("aliases", "aliases_es", "aliases_fr")


def read_descriptions(apps, schema_editor):
    Skill = apps.get_model("marketplace", "Skill")
    Vendor = apps.get_model("marketplace", "Vendor")
    skills = list(Skill.objects.all())
    if not skills:
        return
    lexicon = SkillLexicon(
        {
            skill.slug: [
                skill.name,
                skill.name_es,
                skill.name_fr,
                *(alias for f in ALIAS_FIELDS for alias in getattr(skill, f, None) or []),
            ]
            for skill in skills
        }
    )
    id_by_slug = {skill.slug: skill.id for skill in skills}
    listed = set(Vendor.skills.through.objects.values_list("vendor_id", "skill_id"))
    through = Vendor.described_skills.through
    rows = []
    for vendor in Vendor.objects.only("description_en", "description_fr", "description_es"):
        texts = (vendor.description_en, vendor.description_fr, vendor.description_es)
        found = {id_by_slug[slug] for slug in lexicon.find("\n\n".join(t for t in texts if t))}
        rows.extend(through(vendor_id=vendor.id, skill_id=skill_id) for skill_id in found)
        unlisted = sum((vendor.id, skill_id) not in listed for skill_id in found)
        Vendor.objects.filter(pk=vendor.id).update(
            described_unlisted_count=unlisted,
            listed_skill_count=sum(vendor_id == vendor.id for vendor_id, _ in listed),
        )
    through.objects.bulk_create(rows, batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0016_skill_aliases_sorted_by_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="vendor",
            name="described_skills",
            field=models.ManyToManyField(
                blank=True,
                editable=False,
                related_name="described_by",
                to="marketplace.skill",
                verbose_name="skills its description mentions",
            ),
        ),
        migrations.AddField(
            model_name="vendor",
            name="described_unlisted_count",
            field=models.PositiveSmallIntegerField(
                db_default=0,
                editable=False,
                verbose_name="skills its description mentions but it does not list",
            ),
        ),
        migrations.AddField(
            model_name="vendor",
            name="listed_skill_count",
            field=models.PositiveSmallIntegerField(
                db_default=0, editable=False, verbose_name="skills listed"
            ),
        ),
        migrations.RunPython(read_descriptions, migrations.RunPython.noop),
    ]
