"""Certifications get Spanish and French names, as sectors and skills have (TranslatedName), so
es-MX and fr-CA pages stop naming them in English. The reference certifications (0002) are
named here; others fall back to their English name until staff add theirs."""

from django.db import migrations, models

NAMES = {
    "agco-registered": (
        "Proveedor de juegos registrado ante la AGCO",
        "Fournisseur de jeux inscrit auprès de la CAJO",
    ),
    "gli-certified": ("Certificación GLI", "Certification GLI"),
    "kahnawake-licensed": (
        "Licencia de la Kahnawake Gaming Commission",
        "Licence de la Commission des jeux de Kahnawake",
    ),
    "iso-27001": ("ISO/IEC 27001", "ISO/IEC 27001"),
    "soc-2": ("SOC 2 Tipo II", "SOC 2 Type II"),
    "pci-dss": ("PCI DSS", "PCI DSS"),
}


def name_the_reference_certifications(apps, schema_editor):
    Certification = apps.get_model("marketplace", "Certification")
    for slug, (name_es, name_fr) in NAMES.items():
        Certification.objects.filter(slug=slug, name_es="", name_fr="").update(
            name_es=name_es, name_fr=name_fr
        )


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0012_vendor_descriptions_per_language")]

    operations = [
        migrations.AddField(
            model_name="certification",
            name="name_es",
            field=models.CharField(blank=True, max_length=120, verbose_name="name (Spanish)"),
        ),
        migrations.AddField(
            model_name="certification",
            name="name_fr",
            field=models.CharField(blank=True, max_length=120, verbose_name="name (French)"),
        ),
        migrations.AlterField(
            model_name="certification",
            name="name",
            field=models.CharField(max_length=120, verbose_name="name (English)"),
        ),
        migrations.RunPython(name_the_reference_certifications, migrations.RunPython.noop),
    ]
