"""The catalogs under locale/: every message translated, nothing fuzzy, placeholders intact."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import to_locale

from .catalogs import entries, messages

CATALOGS = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


def test_every_language_but_english_has_a_catalog():
    locales = {path.parent.parent.name for path in CATALOGS}

    assert locales == {to_locale(code) for code, _ in settings.LANGUAGES if code != "en"}


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_every_message_is_translated(catalog):
    untranslated = [
        entry["msgid"]
        for entry in messages(catalog)
        if not entry["msgstr"] or not all(entry["msgstr"].values())
    ]

    assert messages(catalog)
    assert untranslated == []


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_nothing_is_fuzzy(catalog):
    assert [entry["msgid"] for entry in entries(catalog) if "fuzzy" in entry["flags"]] == []


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_translations_keep_the_placeholders(catalog):
    broken = []
    for entry in messages(catalog):
        for index, translation in entry["msgstr"].items():
            source = entry["msgid_plural"] if index and entry["msgid_plural"] else entry["msgid"]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                broken.append((entry["msgid"], translation))

    assert broken == []
