"""Skills get aliases per language, like their names: `aliases` (v1's one list, in any
language) becomes the English ones, beside `aliases_es` and `aliases_fr`. 0016 sorts the data."""

import marketplace.models.reference
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('marketplace', '0014_vendor_slugs_off_directory_pages'),
    ]

    operations = [
        migrations.AddField(
            model_name='skill',
            name='aliases_es',
            field=models.JSONField(blank=True, default=list, help_text='Aliases in Spanish: abbreviations and slang buyers and vendors write, one per line.', validators=[marketplace.models.reference.validate_aliases], verbose_name='aliases (Spanish)'),
        ),
        migrations.AddField(
            model_name='skill',
            name='aliases_fr',
            field=models.JSONField(blank=True, default=list, help_text='Aliases in French: abbreviations and slang buyers and vendors write, one per line.', validators=[marketplace.models.reference.validate_aliases], verbose_name='aliases (French)'),
        ),
        migrations.AlterField(
            model_name='skill',
            name='aliases',
            field=models.JSONField(blank=True, default=list, help_text='Aliases in English: abbreviations and slang buyers and vendors write, one per line. Acronyms and product names written the same in every language (k8s, AWS) go here too.', validators=[marketplace.models.reference.validate_aliases], verbose_name='aliases (English)'),
        ),
    ]
