"""Reading free text: words, skill phrases in English, Spanish and French, and the weight each
skill a request mentions gets. No database: the seeded skills come straight from the data
migration's `SKILLS`, the same table `loading.skill_lexicon` reads once it is in the database."""

import importlib

import pytest

from marketplace.matching import text
from marketplace.matching import weights as W

REFERENCE_DATA = importlib.import_module("marketplace.migrations.0002_reference_data")

SMALL = text.SkillLexicon(
    {
        "dotnet": [".NET", "c#", "asp.net"],
        "nodejs": ["Node.js", "node js"],
        "sportsbook": ["Sportsbook", "Apuestas deportivas", "Paris sportifs", "casa de apuestas"],
        "odds-feeds": ["odds", "momios", "cotes"],
        "network-administration": ["networking"],
    }
)


@pytest.fixture(scope="module")
def seeded():
    """The lexicon as built from the seeded skills: names in three languages plus aliases."""
    return text.SkillLexicon(
        {
            slug: [name, name_es, name_fr, *aliases]
            for slug, (_, name, name_es, name_fr, aliases) in REFERENCE_DATA.SKILLS.items()
        }
    )


# tokens


def test_tokens_lower_case_and_drop_accents_and_punctuation():
    assert text.tokens("¡Lotería en Montréal, YA!") == ("loteria", "en", "montreal", "ya")
    assert text.tokens("Señal: développement à la carte…") == (
        "senal",
        "developpement",
        "a",
        "la",
        "carte",
    )


def test_tokens_split_on_apostrophes_hyphens_and_slashes():
    assert text.tokens("Centre d’assistance, in-play, CI/CD") == (
        "centre",
        "d",
        "assistance",
        "in",
        "play",
        "ci",
        "cd",
    )


def test_tokens_keep_sharp_and_plus_as_part_of_a_word():
    assert text.tokens("C#, C++ and F#.") == ("c#", "c++", "and", "f#")


def test_tokens_read_dotnet_as_the_word_net():
    assert text.tokens(".NET and ASP.NET") == ("net", "and", "asp", "net")


@pytest.mark.parametrize("spelling", ["Node.js", "NODE.JS", "nodejs", "NodeJS"])
def test_tokens_read_every_spelling_of_node_as_one_word(spelling):
    assert text.tokens(f"{spelling} backend") == ("nodejs", "backend")


def test_tokens_of_nothing_are_empty():
    assert text.tokens("") == ()
    assert text.tokens(" ,.; ") == ()


# SkillLexicon.find


def test_find_reads_single_words_and_multi_word_phrases():
    assert SMALL.find("Buscamos una casa de apuestas con momios en vivo") == {
        "sportsbook",
        "odds-feeds",
    }


def test_find_knows_a_skill_by_its_slug():
    assert SMALL.find("Network administration for 40 branches") == {"network-administration"}


@pytest.mark.parametrize(
    "phrase", ["C# developers", "a .NET team", "ASP.NET Core", "dotnet", "Migrar a .net 8"]
)
def test_find_reads_dotnet_however_it_is_written(phrase):
    assert SMALL.find(phrase) == {"dotnet"}


@pytest.mark.parametrize("phrase", ["Node.js", "NodeJS", "node js", "NODE.JS."])
def test_find_reads_node_however_it_is_written(phrase):
    assert SMALL.find(phrase) == {"nodejs"}


def test_find_does_not_match_inside_other_words():
    assert SMALL.find("Network security for our internet cafés and the intranet") == set()
    assert SMALL.find("Ask the oddsmakers") == set()


def test_find_ignores_case_and_accents():
    assert SMALL.find("APUESTAS DEPORTÍVAS") == {"sportsbook"}


def test_an_empty_lexicon_finds_nothing():
    assert text.SkillLexicon({}).find("Sportsbook with live odds") == set()


@pytest.mark.parametrize(
    ("sentence", "skills"),
    [
        ("Plataforma de apuestas deportivas con momios en vivo", {"sportsbook", "odds-feeds"}),
        ("Auditoría de contratos inteligentes en Solidity", {"smart-contracts", "solidity"}),
        ("Necesitamos una mesa de ayuda bilingüe", {"helpdesk"}),
        ("Integración de juegos y tragamonedas", {"game-integration", "slot-development"}),
        ("Audit de contrats intelligents", {"smart-contracts"}),
        ("Nouvelle plateforme de paris sportifs", {"sportsbook"}),
        ("Centre d’assistance en français", {"helpdesk"}),
        ("ASP.NET Core and C# developers", {"dotnet"}),
        ("Backend en Node.js con Kubernetes (k8s)", {"nodejs", "kubernetes"}),
    ],
)
def test_the_seeded_skills_are_found_in_english_spanish_and_french(seeded, sentence, skills):
    assert seeded.find(sentence) == skills


def test_the_seeded_dotnet_is_not_found_in_network(seeded):
    assert "dotnet" not in seeded.find("Network monitoring for our internet cafés")


# request_skills


def test_typed_skills_weigh_one_and_skills_only_in_the_text_weigh_less():
    skills = text.request_skills(
        title="Casa de apuestas",
        description="Necesitamos momios en vivo y un backend en Node.js.",
        typed=["dotnet", "sportsbook"],
        lexicon=SMALL,
    )

    assert skills == {
        "dotnet": 1.0,
        "sportsbook": 1.0,
        "odds-feeds": W.MENTIONED_SKILL_WEIGHT,
        "nodejs": W.MENTIONED_SKILL_WEIGHT,
    }


@pytest.mark.parametrize(
    "description",
    [
        "Operamos una casa de apuestas. Requerimos momios en Node.js.",
        "We run a sportsbook. We need odds feeds in Node.js.",
        "Nous exploitons des paris sportifs. Nous avons besoin de cotes en Node.js.",
    ],
)
def test_without_typed_skills_the_sentence_stating_the_need_counts_fully(description):
    skills = text.request_skills(title="", description=description, typed=[], lexicon=SMALL)

    assert skills == {
        "sportsbook": W.MENTIONED_SKILL_WEIGHT,
        "odds-feeds": W.STATED_NEED_WEIGHT,
        "nodejs": W.STATED_NEED_WEIGHT,
    }


def test_only_the_last_need_sentence_with_skills_counts_fully():
    skills = text.request_skills(
        title="Sportsbook",
        description="We need a C# team.\nLater we need Node.js.\nWe need them by March!",
        typed=[],
        lexicon=SMALL,
    )

    assert skills == {
        "sportsbook": W.MENTIONED_SKILL_WEIGHT,
        "dotnet": W.MENTIONED_SKILL_WEIGHT,
        "nodejs": W.STATED_NEED_WEIGHT,
    }


def test_with_typed_skills_a_need_sentence_is_only_mentioned():
    skills = text.request_skills(
        title="", description="We need Node.js.", typed=["dotnet"], lexicon=SMALL
    )

    assert skills == {"dotnet": 1.0, "nodejs": W.MENTIONED_SKILL_WEIGHT}


def test_without_a_need_sentence_every_skill_in_the_text_is_mentioned():
    skills = text.request_skills(
        title="Momios", description="Casa de apuestas en Monterrey.", typed=[], lexicon=SMALL
    )

    assert skills == {
        "odds-feeds": W.MENTIONED_SKILL_WEIGHT,
        "sportsbook": W.MENTIONED_SKILL_WEIGHT,
    }


def test_a_request_with_no_skills_anywhere_asks_for_none():
    assert (
        text.request_skills(
            title="Proyecto", description="Detalles por definir.", typed=[], lexicon=SMALL
        )
        == {}
    )


def test_request_skills_with_the_seeded_skills(seeded):
    skills = text.request_skills(
        title="Casa de apuestas",
        description="Operamos una casa de apuestas con Python. "
        "Requerimos contratos inteligentes y momios.",
        typed=[],
        lexicon=seeded,
    )

    assert skills == {
        "sportsbook": W.MENTIONED_SKILL_WEIGHT,
        "python": W.MENTIONED_SKILL_WEIGHT,
        "smart-contracts": W.STATED_NEED_WEIGHT,
        "odds-feeds": W.STATED_NEED_WEIGHT,
    }


# Reading text as people type it: plurals, function words, typos


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("jugadores", "jugador"),
        ("jugador", "jugador"),
        ("machines", "machin"),
        ("machine", "machin"),
        ("fraude", "fraud"),
        ("fraud", "fraud"),
        ("technologies", "technology"),
        ("cryptomonnaies", "cryptomonnai"),
        ("cryptomonnaie", "cryptomonnai"),
        ("jeux", "jeu"),
        ("apis", "api"),
        ("paris", "paris"),
        ("access", "access"),
        ("aws", "aws"),
        ("k8s", "k8s"),
    ],
)
def test_stem_meets_singular_and_plural_and_leaves_short_words_alone(word, stem):
    assert text.stem(word) == stem


@pytest.mark.parametrize(
    ("sentence", "skills"),
    [
        # Spanish as buyers type it: no accents, singular for plural, other prepositions.
        (
            "ocupamos cuentas de jugador y gestion de identidades",
            {"player-account-management", "iam"},
        ),
        ("pruebas de penetracion, urge", {"penetration-testing"}),
        ("generador de numeros aleatorios certificado", {"rng-certification"}),
        ("antifraude para pagos", {"fraud-detection"}),
        # English: a missing letter in a long word, a plural the lexicon has in the singular.
        ("Kubernets cluster and Terraform modules", {"kubernetes", "terraform"}),
        ("a recommendation engine", {"recommendation-systems"}),
        # French: articles the lexicon does not have, a singular it has in the plural.
        ("Nous livrons la détection de la fraude", {"fraud-detection"}),
        ("paiements en cryptomonnaie", {"crypto-payments"}),
    ],
)
def test_find_reads_text_as_people_type_it(seeded, sentence, skills):
    assert seeded.find(sentence) == skills


def test_a_bare_word_left_of_a_phrase_is_not_the_phrase(seeded):
    """ "in-play" without "in" would be "play": such phrases are read only word for word."""
    assert seeded.find("We play football on Fridays") == set()
    assert seeded.find("In-play markets") == {"in-play-betting"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Strip the old backend",  # not Stripe
        "Bureaux sur la Côte-Nord et à côté du port",  # not "cotes" (odds)
        "We recommend a recommended approach",  # not recommender systems
        "A unit of work",  # not Unity
        "We play football on Fridays",  # not in-play betting
    ],
)
def test_short_words_are_read_only_as_written(seeded, sentence):
    assert seeded.find(sentence) == set()


def test_typos_are_forgiven_only_in_long_words(seeded):
    assert seeded.find("a unit of work") == set()  # one letter off "unity", but four letters
    assert seeded.find("Sportbook for Liga MX") == {"sportsbook"}


def test_a_lexicon_knows_the_sector_of_each_skill():
    lexicon = text.SkillLexicon({"sportsbook": ["apuestas"]}, {"sportsbook": "sports-betting"})

    assert lexicon.sectors == {"sportsbook": "sports-betting"}
    assert text.SkillLexicon({}).sectors == {}
