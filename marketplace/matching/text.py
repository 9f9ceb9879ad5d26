"""Reading free text for matching: which skills a request (or a vendor's prose) talks about.

Pure (no Django). A `SkillLexicon` maps every way of writing a skill — its names in English,
Spanish and French and the aliases staff keep per language ("momios", "k8s", "contrats
intelligents") — to the skill's slug. People do not write the way the lexicon does, so text is
read twice and what either reading finds counts:

- word for word, after lower-casing and removing accents and punctuation ("Apuestas en vivo"
  is "apuestas en vivo," and "node.js" is "NodeJS");
- by its content words: articles and prepositions dropped, plurals reduced, and a word that is
  not in the lexicon but is one letter off a lexicon word of six letters or more read as that
  word (rapidfuzz), so "cuentas de jugador" finds "cuentas de jugadores", "détection de la
  fraude" finds "détection de fraude" and "kubernets" finds Kubernetes. Only phrases of
  several words, or of one long word, are read this loosely.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from . import weights as W

_SEPARATORS = re.compile(r"[^a-z0-9+#]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
# Words with which buyers state what they need, in the marketplace's three languages.
_NEED_CUES = frozenset(
    {
        "need", "needs", "require", "requires", "required", "requirement", "requirements",
        "seeking", "want", "looking",
        "necesitamos", "necesita", "necesito", "requerimos", "requiere", "requerido",
        "requeridos", "buscamos", "solicitamos", "ocupamos", "ocupo", "queremos",
        "besoin", "recherchons", "cherchons", "exigeons", "requis",
    }
)  # fmt: skip
# Articles, prepositions and conjunctions of the three languages: "cuentas de jugador" and
# "cuentas jugador", "détection de la fraude" and "détection de fraude" say the same.
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "of", "and", "or", "for", "to", "with", "in", "on", "by",
        "de", "del", "la", "las", "el", "los", "y", "e", "o", "en", "con", "para", "por",
        "un", "una", "unos", "unas", "al",
        "d", "l", "du", "des", "le", "les", "et", "ou", "pour", "avec", "au", "aux", "une",
    }
)  # fmt: skip
# A single-word phrase is read loosely (stemmed, typos forgiven) only from this many letters:
# "kubernetes", "sportsbook", "antifraude" are nobody's other word; "stripe", "cotes" are.
LOOSE_WORD_LENGTH = 8
# A word missing from the lexicon is read as a lexicon word of at least this many letters
# when rapidfuzz's ratio (a letter missing or added in a long word) reaches TYPO_RATIO:
# "antifraude"/"antifraud" 95, "kubernets"/"kubernetes" 95, but "recommended"/"recommender"
# (another word, one letter changed) 91 and "unit"/"unity" 89.
TYPO_MIN_LENGTH = 6
TYPO_RATIO = 92.0
# How many words' spellings a lexicon remembers (about 100 bytes each) before starting afresh.
SPELLING_MEMORY = 20_000


def tokens(text: str) -> tuple[str, ...]:
    """Lower case, no accents, words split on anything but letters, digits, + and #."""
    spelled = (text or "").lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", spelled)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(word for word in _SEPARATORS.split(plain.replace("node.js", "nodejs")) if word)


def stem(word: str) -> str:
    """A word without its plural and final e, so that singular and plural, and often the three
    languages, meet: "jugadores"/"jugador", "machines"/"machine", "fraude"/"fraud",
    "technologies"/"technology", "jeux"/"jeu". Only letters; words of three letters or fewer
    ("aws", "ios", "k8s") are left alone."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4 and word[-4] not in "aeiou":  # not "monnaies"
        return word[:-3] + "y"
    plural_x = word.endswith(("eux", "eaux"))
    plural_s = (
        word.endswith("s")
        and not word.endswith(("ss", "us"))
        and not (word.endswith("is") and len(word) > 4)  # "paris", "analysis"; not "apis"
    )
    if plural_x or plural_s:
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def content_words(words: Iterable[str]) -> tuple[str, ...]:
    """The words that carry meaning, stemmed: function words ("de", "the", "des") dropped."""
    return tuple(stem(word) for word in words if word not in _FUNCTION_WORDS)


def loose_key(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The content words a phrase is also read by, or None when it is read only as written:
    loose reading needs a phrase distinctive enough to survive it — several words, or one long
    word. A short single word stemmed or one letter off is another word too ("stripe"/"strip",
    "cotes"/"côte"); "in-play" without "in" would be the bare "play"."""
    content = content_words(words)
    if len(content) > 1 or (
        len(content) == 1 == len(words) and len(content[0]) >= LOOSE_WORD_LENGTH
    ):
        return content
    return None


def phrase_keys(phrase: str) -> list[tuple[str, ...]]:
    """Every key a lexicon files `phrase` under: two phrases sharing one are the same phrase
    to matching, which finds only the first skill it met with it."""
    words = tokens(phrase)
    if not words:
        return []
    keys = [("as written", *words)]
    loose = loose_key(words)
    if loose is not None:
        keys.append(("loosely", *loose))
    return keys


class SkillLexicon:
    """Phrases → skill slugs, built from each skill's names and aliases; `sectors` (skill slug →
    sector slug) says which sector each skill belongs to, for reading a request's sector."""

    def __init__(
        self,
        phrases_by_skill: Mapping[str, Iterable[str]],
        sectors: Mapping[str, str] | None = None,
    ):
        self.sectors: Mapping[str, str] = dict(sectors or {})
        self._slug_by_phrase: dict[tuple[str, ...], str] = {}
        self._slug_by_content: dict[tuple[str, ...], str] = {}
        for slug, phrases in phrases_by_skill.items():
            for phrase in (slug.replace("-", " "), *phrases):
                words = tokens(phrase)
                if not words:
                    continue
                self._slug_by_phrase.setdefault(words, slug)
                loose = loose_key(words)
                if loose is not None:
                    self._slug_by_content.setdefault(loose, slug)
        self._longest = max((len(p) for p in self._slug_by_phrase), default=0)
        self._vocabulary = {word for phrase in self._slug_by_content for word in phrase}
        self._typo_targets = sorted(w for w in self._vocabulary if len(w) >= TYPO_MIN_LENGTH)
        # A word read once is not looked up again; bounded, since the words come from anyone
        # typing into a form.
        self._spelling: dict[str, str] = {}

    def find(self, text: str) -> set[str]:
        """Slugs of the skills mentioned in `text`."""
        words = tokens(text)
        found = _scan(words, self._slug_by_phrase, self._longest)
        content = tuple(self._spelled(word) for word in content_words(words))
        return found | _scan(content, self._slug_by_content, self._longest)

    def _spelled(self, word: str) -> str:
        """`word`, or the lexicon word it is a typo of."""
        if word in self._vocabulary or len(word) < TYPO_MIN_LENGTH - 1 or not word.isalpha():
            return word
        if word not in self._spelling:
            if len(self._spelling) >= SPELLING_MEMORY:
                self._spelling.clear()
            best = process.extractOne(
                word, self._typo_targets, scorer=fuzz.ratio, score_cutoff=TYPO_RATIO
            )
            self._spelling[word] = best[0] if best else word
        return self._spelling[word]


def _scan(words: tuple[str, ...], slug_by_phrase: Mapping, longest: int) -> set[str]:
    found = set()
    for start in range(len(words)):
        for length in range(1, min(longest, len(words) - start) + 1):
            slug = slug_by_phrase.get(words[start : start + length])
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
