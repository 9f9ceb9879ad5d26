"""A vendor's description per language (English, French, Spanish).

Each existing description moves to the language it is written in, told by its commonest
function words (`marketplace.languages.guess_language`); one too short or too mixed to tell
goes to English (`DESCRIPTION_DEFAULT_LANGUAGE`), the language Canadian vendors listed in so far.
Going back joins the languages into the single description again.
"""

import django.core.validators
from django.db import migrations, models

import companies.validators
import marketplace.validators
from marketplace.languages import guess_language

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "fr", "es")


def descriptions_split(apps, schema_editor):
    Vendor = apps.get_model("marketplace", "Vendor")
    for vendor in Vendor.objects.exclude(description="").only("description").iterator():
        language = guess_language(vendor.description) or DEFAULT_LANGUAGE
        Vendor.objects.filter(pk=vendor.pk).update(
            **{f"description_{language}": vendor.description}
        )


def descriptions_join(apps, schema_editor):
    Vendor = apps.get_model("marketplace", "Vendor")
    for vendor in Vendor.objects.all().iterator():
        texts = [getattr(vendor, f"description_{code}") for code in LANGUAGES]
        description = "\n\n".join(text for text in texts if text)
        Vendor.objects.filter(pk=vendor.pk).update(description=description)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0011_match_run_exclusions"),
    ]

    operations = [
        migrations.AddField(
            model_name="vendor",
            name="description_en",
            field=models.TextField(
                blank=True,
                max_length=5000,
                validators=[django.core.validators.MaxLengthValidator(5000)],
                verbose_name="description in English",
            ),
        ),
        migrations.AddField(
            model_name="vendor",
            name="description_es",
            field=models.TextField(
                blank=True,
                max_length=5000,
                validators=[django.core.validators.MaxLengthValidator(5000)],
                verbose_name="description in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="vendor",
            name="description_fr",
            field=models.TextField(
                blank=True,
                max_length=5000,
                validators=[django.core.validators.MaxLengthValidator(5000)],
                verbose_name="description in French",
            ),
        ),
        migrations.RunPython(descriptions_split, descriptions_join, elidable=False),
        migrations.RemoveField(
            model_name="vendor",
            name="description",
        ),
        migrations.AlterField(
            model_name="vendor",
            name="name",
            field=models.CharField(
                max_length=200,
                validators=[
                    companies.validators.validate_single_line,
                    marketplace.validators.validate_no_markup,
                ],
                verbose_name="name",
            ),
        ),
    ]
