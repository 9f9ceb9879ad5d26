from django.db import migrations, models

# The gambling sectors of the reference data (0002): online casino, sports betting, lottery.
GAMBLING_SLUGS = ("igaming", "sports-betting", "lottery")


def mark_gambling(apps, schema_editor):
    Sector = apps.get_model("marketplace", "Sector")
    Sector.objects.filter(slug__in=GAMBLING_SLUGS).update(is_gambling=True)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0021_request_sector_confirmed"),
    ]

    operations = [
        migrations.AddField(
            model_name="sector",
            name="is_gambling",
            field=models.BooleanField(
                default=False,
                help_text="Casinos, sports betting, lottery: highlighted in the insights.",
                verbose_name="gambling sector",
            ),
        ),
        migrations.RunPython(mark_gambling, migrations.RunPython.noop),
    ]
