"""Which of the marketplace's languages (English, French, Spanish) a text is written in.

Cheap on purpose: the commonest function words of each language, counted. It places the
descriptions vendors wrote before they could write one per language, and a description sent
through API v1's single `description` field to a vendor that has none yet. A text too short or
too mixed to tell says nothing (None), and the caller decides.
"""

import re

# Words frequent in one language and rare in the other two: "de", "la", "en", "que", "son",
# shared by French and Spanish (or words in both), are left out.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "for",
            "with",
            "we",
            "our",
            "is",
            "are",
            "on",
            "by",
            "from",
            "that",
            "this",
            "you",
            "your",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "les",
            "des",
            "et",
            "du",
            "une",
            "pour",
            "avec",
            "nous",
            "notre",
            "nos",
            "est",
            "sont",
            "dans",
            "sur",
            "au",
            "aux",
            "qui",
            "vous",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "los",
            "las",
            "y",
            "del",
            "una",
            "para",
            "con",
            "nosotros",
            "nuestro",
            "nuestra",
            "nuestros",
            "es",
            "por",
            "somos",
            "al",
            "usted",
        ]
    ),
}
# Fewer hits than this, or a tie for first place, is too little to go on.
MINIMUM_HITS = 2
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """ "en", "fr" or "es" for the language most of `text`'s function words belong to; None
    when it cannot tell."""
    words = _WORD.findall(text.lower())
    hits = {
        code: sum(word in vocabulary for word in words)
        for code, vocabulary in FUNCTION_WORDS.items()
    }
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (best, count), (_, runner_up) = ranked[0], ranked[1]
    if count < MINIMUM_HITS or count == runner_up:
        return None
    return best
