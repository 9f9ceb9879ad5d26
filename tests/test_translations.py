"""The catalogs under locale/: every message translated, nothing fuzzy, placeholders intact.

Read with a small parser rather than gettext tools so the test needs nothing installed.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import to_locale

CATALOGS = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


def entries(path: Path) -> list[dict]:
    """Each entry as {"flags", "msgid", "msgid_plural", "msgstr": {form: text}}, header included."""
    found, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry is not None:
                found.append(entry)
            entry, field = None, None
            continue
        entry = entry or {"flags": set(), "msgid": "", "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            field = "msgid_plural"
            entry[field] = ast.literal_eval(line.split(" ", 1)[1])
        elif line.startswith("msgid "):
            field = "msgid"
            entry[field] = ast.literal_eval(line.split(" ", 1)[1])
        elif line.startswith("msgstr"):
            key, value = line.split(" ", 1)
            field = int(key[7:-1]) if "[" in key else 0
            entry["msgstr"][field] = ast.literal_eval(value)
        elif line.startswith('"'):
            if isinstance(field, int):
                entry["msgstr"][field] += ast.literal_eval(line)
            else:
                entry[field] += ast.literal_eval(line)
    return found


def messages(path: Path) -> list[dict]:
    return [entry for entry in entries(path) if entry["msgid"]]


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
