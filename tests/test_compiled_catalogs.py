"""The site's own strings are translated however it is served: every way of serving it
compiles the catalogs (the .mo files are not committed), and a Spanish reader gets Norte's own
words in Spanish, not only Django's."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(settings.BASE_DIR)


def _make_dry_run(target: str) -> list[str]:
    """The commands `make <target>` would run, in order."""
    make = shutil.which("make")
    if make is None:
        pytest.fail("make is not installed: the README's two commands need it")
    result = subprocess.run(  # noqa: S603
        [make, "--dry-run", "--always-make", target],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.splitlines()


def _position(commands: list[str], word: str) -> int:
    return next(index for index, command in enumerate(commands) if word in command)


@pytest.mark.parametrize(
    "target, serves", [("run", "runserver"), ("stack", "honcho start"), ("test", "pytest")]
)
def test_every_make_target_that_serves_or_tests_compiles_the_catalogs_first(target, serves):
    commands = _make_dry_run(target)

    assert _position(commands, "compilemessages") < _position(commands, serves)


def test_the_readme_s_production_steps_compile_the_catalogs_before_serving():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    steps = re.search(r"## Production stack\n\n```sh\n(.*?)```", readme, re.DOTALL).group(1)
    commands = steps.splitlines()

    assert _position(commands, "compilemessages") < _position(commands, "check --deploy")
    assert _position(commands, "compilemessages") < _position(commands, "gunicorn")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, words",
    [
        ("es-mx", "Proveedores de tecnología en Canadá para empresas en México"),
        ("fr-ca", "Des fournisseurs technologiques au Canada pour les entreprises du Mexique"),
    ],
)
def test_a_reader_gets_norte_s_own_words_in_their_language(client, language, words):
    response = client.get("/", headers={"accept-language": language})

    assert words in response.content.decode()
