# Reference data gets the timestamps every other listed row has, so that API clients can sync
# it with `created_after`/`updated_after` like the rest. Rows that exist already count as
# created and updated now: nothing says when they were.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0005_single_line_names"),
    ]

    operations = [
        *(
            operation
            for model in ("sector", "skill", "certification")
            for operation in (
                migrations.AddField(
                    model_name=model,
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True,
                        default=django.utils.timezone.now,
                        verbose_name="created",
                    ),
                    preserve_default=False,
                ),
                migrations.AddField(
                    model_name=model,
                    name="updated_at",
                    field=models.DateTimeField(auto_now=True, verbose_name="updated"),
                ),
            )
        )
    ]
