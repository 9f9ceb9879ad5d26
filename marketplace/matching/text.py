"""Reading free text for matching: which skills a request (or a vendor's prose) talks about.

Pure (no Django). A `SkillLexicon` maps every way of writing a skill — its names in English,
Spanish and French and its aliases ("momios", "contratos inteligentes", "k8s") — to the skill's
slug. Text is compared after lower-casing, removing accents and punctuation, word by word, so
"Apuestas en vivo" finds the same skill as "apuestas en vivo," and "node.js" as "NodeJS".
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping

from . import weights as W

_SEPARATORS = re.compile(r"[^a-z0-9+#]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
# Words with which buyers state what they need, in the marketplace's three languages.
_NEED_CUES = frozenset(
    {
        "need", "needs", "require", "requires", "required", "requirement", "requirements",
        "seeking", "want", "looking",
        "necesitamos", "necesita", "necesito", "requerimos", "requiere", "requerido",
        "requeridos", "buscamos", "solicitamos",
        "besoin", "recherchons", "cherchons", "exigeons", "requis",
    }
)  # fmt: skip


def tokens(text: str) -> tuple[str, ...]:
    """Lower case, no accents, words split on anything but letters, digits, + and #."""
    spelled = (text or "").lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", spelled)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(word for word in _SEPARATORS.split(plain.replace("node.js", "nodejs")) if word)


class SkillLexicon:
    """Phrases → skill slugs, built from each skill's names and aliases."""

    def __init__(self, phrases_by_skill: Mapping[str, Iterable[str]]):
        self._slug_by_phrase: dict[tuple[str, ...], str] = {}
        for slug, phrases in phrases_by_skill.items():
            for phrase in (slug.replace("-", " "), *phrases):
                words = tokens(phrase)
                if words:
                    self._slug_by_phrase.setdefault(words, slug)
        self._longest = max((len(p) for p in self._slug_by_phrase), default=0)

    def find(self, text: str) -> set[str]:
        """Slugs of the skills mentioned in `text`."""
        words = tokens(text)
        found = set()
        for start in range(len(words)):
            for length in range(1, min(self._longest, len(words) - start) + 1):
                slug = self._slug_by_phrase.get(words[start : start + length])
                if slug is not None:
                    found.add(slug)
        return found


def request_skills(
    *, title: str, description: str, typed: Iterable[str], lexicon: SkillLexicon
) -> dict[str, float]:
    """The skills a request asks for, each with a weight for the skills signal.

    Skills the buyer typed weigh 1. Skills the text mentions weigh less (MENTIONED_SKILL_WEIGHT):
    a description also talks about context. When the buyer typed none, the text is all there
    is, and the skills in the last sentence that states the need ("We need…", "Requerimos…")
    count fully.
    """
    weights = dict.fromkeys(typed, 1.0)
    sentences = [s for s in _SENTENCE_END.split(f"{title}.\n{description}") if s.strip()]
    found = [lexicon.find(sentence) for sentence in sentences]
    stated = [i for i, s in enumerate(sentences) if found[i] and _NEED_CUES & set(tokens(s))]
    need_sentence = stated[-1] if stated and not weights else None
    for i, skills in enumerate(found):
        weight = W.STATED_NEED_WEIGHT if i == need_sentence else W.MENTIONED_SKILL_WEIGHT
        for slug in skills:
            weights[slug] = max(weights.get(slug, 0.0), weight)
    return weights


def prose_coverage(description: str, skills: Mapping[str, float], lexicon: SkillLexicon) -> float:
    """Weighted share of the request's skills that a vendor's description mentions (0–1)."""
    total = sum(skills.values())
    if total <= 0:
        return 0.0
    mentioned = lexicon.find(description)
    return sum(weight for slug, weight in skills.items() if slug in mentioned) / total
