"""Skills read from each vendor's descriptions, stored so that ranking 100,000 vendors reads
them like the listed skills instead of parsing prose; filled here for the vendors there are,
with every alias of 0015–0016. It reads with today's `text.SkillLexicon` (the stored skills are
derived data that `manage.py refresh_described_skills` recomputes whenever reading changes),
counting and updating in bulk: one UPDATE per combination of counts, not per vendor."""

from collections import defaultdict

from django.db import migrations, models

from marketplace.matching.text import SkillLexicon

ALIAS_FIELDS = ("aliases", "aliases_es", "aliases_fr")
BATCH = 5000


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
    listed = defaultdict(set)
    for vendor_id, skill_id in Vendor.skills.through.objects.values_list("vendor_id", "skill_id"):
        listed[vendor_id].add(skill_id)
    through = Vendor.described_skills.through
    rows, vendors_by_counts, found_by_text = [], defaultdict(list), {}
    for vendor_id, *texts in Vendor.objects.values_list(
        "id", "description_en", "description_fr", "description_es"
    ).iterator(chunk_size=BATCH):
        prose = "\n\n".join(t for t in texts if t)
        if prose not in found_by_text:
            found_by_text[prose] = {id_by_slug[slug] for slug in lexicon.find(prose)}
        found = found_by_text[prose]
        rows.extend(through(vendor_id=vendor_id, skill_id=skill_id) for skill_id in found)
        counts = (len(found - listed[vendor_id]), len(listed[vendor_id]))
        vendors_by_counts[counts].append(vendor_id)
    through.objects.bulk_create(rows, batch_size=BATCH)
    for (unlisted, listed_count), vendor_ids in vendors_by_counts.items():
        for start in range(0, len(vendor_ids), BATCH):
            Vendor.objects.filter(pk__in=vendor_ids[start : start + BATCH]).update(
                described_unlisted_count=unlisted, listed_skill_count=listed_count
            )


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
