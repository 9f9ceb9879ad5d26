"""marketplace/languages.py: telling which of English, French and Spanish a text is in."""

import pytest

from marketplace.languages import guess_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We build sportsbook engines and the tools for their traders.", "en"),
        ("Nous concevons des plateformes de paris pour les casinos du Québec.", "fr"),
        ("Desarrollamos plataformas de apuestas para los casinos y las loterías.", "es"),
    ],
)
def test_it_tells_the_language_of_a_sentence(text, language):
    assert guess_language(text) == language


@pytest.mark.parametrize("text", ["", "Sportsbook, odds, Unity.", "la de en que son"])
def test_too_little_or_only_shared_words_tell_nothing(text):
    assert guess_language(text) is None


def test_a_tie_tells_nothing():
    assert guess_language("the and les des") is None
