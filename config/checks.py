"""System checks of what Norte needs beside its code.

The compiled catalogs (locale/*/LC_MESSAGES/django.mo) are built from the .po files, not
committed: a site started without compiling them serves its own strings in English to every
reader (only Django's and the apps' own strings come out translated), and nothing else says so.
Every command that runs the checks (migrate, runserver, `check --deploy`, which the production
steps run with --fail-level WARNING) warns when one is missing or older than its .po."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.translation)
def compiled_catalogs_check(app_configs, **kwargs) -> list[Warning]:
    problems = []
    for folder in settings.LOCALE_PATHS:
        for source in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            compiled = source.with_suffix(".mo")
            if compiled.exists() and compiled.stat().st_mtime >= source.stat().st_mtime:
                continue
            state = f"older than {source.name}" if compiled.exists() else "missing"
            problems.append(
                Warning(
                    f"{compiled.name} is {state}: readers of this language see Norte's own "
                    "strings in English.",
                    hint="Run `make messages` (manage.py compilemessages).",
                    obj=f"{source.parent.parent.parent} ({source.parent.parent.name})",
                    id="norte.W001",
                )
            )
    return problems
