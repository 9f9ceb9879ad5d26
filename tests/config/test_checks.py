"""config/checks.py: a compiled catalog that is missing or older than its .po is a warning in
every command that runs the checks (migrate, runserver, `check --deploy`)."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from config.checks import compiled_catalogs_check


@pytest.fixture
def locale(settings, tmp_path) -> Path:
    """A copy of Norte's Spanish catalog, not compiled, as LOCALE_PATHS."""
    source = tmp_path / "es_MX/LC_MESSAGES/django.po"
    source.parent.mkdir(parents=True)
    shutil.copy(Path(settings.BASE_DIR, "locale/es_MX/LC_MESSAGES/django.po"), source)
    settings.LOCALE_PATHS = [tmp_path]
    return source


def test_it_warns_of_a_catalog_that_was_never_compiled(locale):
    [warning] = compiled_catalogs_check(None)

    assert warning.id == "norte.W001"
    assert "django.mo is missing" in warning.msg
    assert "(es_MX)" in warning.obj


def test_it_warns_of_a_catalog_changed_since_it_was_compiled(locale):
    compiled = locale.with_suffix(".mo")
    compiled.write_bytes(b"")
    os.utime(compiled, (locale.stat().st_mtime - 60,) * 2)

    [warning] = compiled_catalogs_check(None)

    assert "django.mo is older than django.po" in warning.msg


def test_a_catalog_compiled_since_it_changed_passes(locale):
    compiled = locale.with_suffix(".mo")
    compiled.write_bytes(b"")
    os.utime(compiled, (locale.stat().st_mtime + 60,) * 2)

    assert compiled_catalogs_check(None) == []


def test_norte_s_catalogs_are_compiled_and_current():
    """`make test` compiles them first, like every way of serving the site."""
    assert settings.LOCALE_PATHS
    assert compiled_catalogs_check(None) == []
