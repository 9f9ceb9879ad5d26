"""The site's languages, for whoever picks one."""

from django.conf import settings
from django.utils import translation


def languages_in_their_own_words() -> list[tuple[str, str]]:
    """(code, name) of each of the site's languages, named in itself ("Español (México)",
    "English", "Français (Canada)"), so a reader finds theirs whatever the page is in."""
    named = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            named.append((code, str(name)))
    return named
