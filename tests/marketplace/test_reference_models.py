"""A skill's aliases (`Skill.clean()`): one list per language, each phrase naming one skill only,
no blank aliases, repeats dropped."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from marketplace.models import Skill

from ..factories import skill

pytestmark = pytest.mark.django_db


def refusal(new_skill: Skill) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        new_skill.full_clean()
    return refused.value.message_dict


def test_an_alias_another_skill_is_named_is_refused_naming_that_skill():
    new = Skill(slug="betting-exchange", name="Betting exchange", aliases_fr=["Flux de cotes"])

    assert refusal(new) == {
        "aliases_fr": ["“Flux de cotes” is already a name or an alias of the skill “Odds feeds”."]
    }


@pytest.mark.parametrize(
    ("field", "alias"),
    [
        ("aliases", "K8S"),  # Kubernetes' English alias, in capitals
        ("aliases_es", "app de apuestas!"),  # the sportsbook's Spanish one, with punctuation
        ("aliases_fr", "contrats  intelligents"),  # another skill's French name, spaced out
        ("aliases_es", "Détection de fraude"),  # accents ignored: the French alias, under es
        ("aliases", "penetration testing"),  # another skill's slug, as the matcher reads it
    ],
)
def test_the_comparison_ignores_case_accents_punctuation_and_language(field, alias):
    assert field in refusal(Skill(slug="new-skill", name="New skill", **{field: [alias]}))


def test_the_message_names_the_skill_in_the_readers_language():
    with translation.override("es-mx"):
        message = refusal(Skill(slug="x", name="X", aliases=["momios"]))["aliases"][0]

    assert message == "“momios” ya es un nombre o un alias de la habilidad “Momios en vivo”."


def test_a_skill_may_keep_its_own_aliases_and_repeat_them_across_languages():
    kubernetes = skill("kubernetes")
    kubernetes.aliases_es = ["k8s", "orquestación de contenedores"]

    kubernetes.full_clean()


def test_the_same_alias_twice_in_one_list_is_kept_once_as_first_written():
    new = Skill(slug="quantum", name="Quantum", aliases=["Qubits", "qubits", "QUBITS.", "qpu"])

    new.full_clean()

    assert new.aliases == ["Qubits", "qpu"]


@pytest.mark.parametrize("blank", ["", "   ", "…", "-"])
def test_an_alias_without_a_letter_or_digit_is_refused(blank):
    assert refusal(Skill(slug="quantum", name="Quantum", aliases_es=["qubits", blank])) == {
        "aliases_es": ["An alias cannot be empty: write at least one letter or digit."]
    }


def test_aliases_must_be_a_list_of_texts():
    assert refusal(Skill(slug="quantum", name="Quantum", aliases_fr="qubits")) == {
        "aliases_fr": ["Aliases must be a list of texts."]
    }


def test_a_new_skill_written_as_another_ones_name_is_refused(db):
    clash = Skill(slug="live-odds", name="Odds feeds", name_es="Cuotas", name_fr="Cotes vives")

    with pytest.raises(ValidationError) as refused:
        clash.full_clean()

    assert "name" in refused.value.message_dict
    assert "Odds feeds" in refused.value.message_dict["name"][0]


def test_a_slug_another_skill_is_written_as_is_refused(db):
    clash = Skill(slug="penetration-testing-2", name="Pentest", name_es="Pentest2", name_fr="P")
    clash.slug = "kubernetes"

    with pytest.raises(ValidationError) as refused:
        clash.full_clean()

    assert "slug" in refused.value.message_dict


def test_an_alias_that_reads_loosely_as_another_skills_is_refused(db):
    # "detección del fraude" is "detección de fraude" to matching: function words aside.
    iam = Skill.objects.get(slug="iam")
    iam.aliases_es = [*iam.aliases_es, "detección del fraude"]

    with pytest.raises(ValidationError) as refused:
        iam.full_clean()

    assert "aliases_es" in refused.value.message_dict
