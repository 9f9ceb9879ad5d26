"""GET/POST /api/v1/sectors/, /api/v1/skills/, /api/v1/certifications/: public reference data that
staff extend."""

import pytest

from marketplace.models import Certification, Sector, Skill

from ...errors import error

ENDPOINTS = [
    pytest.param("/api/v1/sectors/", Sector, id="sectors"),
    pytest.param("/api/v1/skills/", Skill, id="skills"),
    pytest.param("/api/v1/certifications/", Certification, id="certifications"),
]

SEEDED_SECTORS = {
    "igaming",
    "sports-betting",
    "lottery",
    "ai-ml",
    "blockchain",
    "vr-ar",
    "cybersecurity",
    "cloud-devops",
    "fintech-payments",
    "software-development",
    "it-support",
    "data-analytics",
    "ecommerce",
}
SEEDED_CERTIFICATIONS = {
    "agco-registered",
    "gli-certified",
    "kahnawake-licensed",
    "iso-27001",
    "soc-2",
    "pci-dss",
}


def all_slugs(client, url):
    response = client.get(url, {"page_size": 100})
    assert response.status_code == 200
    return {row["slug"] for row in response.json()["results"]}


@pytest.mark.parametrize(("url", "model"), ENDPOINTS)
def test_anyone_lists_it_paginated(api, db, url, model):
    response = api().get(url)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == model.objects.count()
    assert body["previous"] is None
    assert len(body["results"]) == min(model.objects.count(), 20)


def test_it_lists_the_seeded_sectors(api, db):
    slugs = all_slugs(api(), "/api/v1/sectors/")

    assert len(slugs) >= 13
    assert slugs >= SEEDED_SECTORS


def test_it_lists_at_least_40_skills_across_sectors(api, db):
    body = api().get("/api/v1/skills/", {"page_size": 100}).json()

    assert body["count"] >= 40
    assert {row["sector"] for row in body["results"]} >= SEEDED_SECTORS


def test_it_lists_the_seeded_certifications(api, db):
    assert all_slugs(api(), "/api/v1/certifications/") >= SEEDED_CERTIFICATIONS


def test_anyone_retrieves_a_sector_by_slug_with_its_related_sectors(api, db):
    response = api().get("/api/v1/sectors/igaming/")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "igaming"
    assert body["name"] == "Online casino (iGaming)"
    assert body["name_es"] == "Casino en línea (iGaming)"
    assert {"sector": "sports-betting", "strength": "0.60"} in body["related"]


def test_anyone_retrieves_a_skill_by_slug(api, db):
    response = api().get("/api/v1/skills/sportsbook/")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "sportsbook"
    assert body["sector"] == "sports-betting"
    assert "sports betting" in body["aliases"]
    assert "apuestas deportivas" in body["aliases_es"]
    assert "paris sportifs" in body["aliases_fr"]


def test_a_certification_has_its_spanish_and_french_names(api, db):
    body = api().get("/api/v1/certifications/agco-registered/").json()

    assert body["name"] == "AGCO registered gaming supplier"
    assert body["name_es"] == "Proveedor de juegos registrado ante la AGCO"
    assert body["name_fr"] == "Fournisseur de jeux inscrit auprès de la CAJO"


def test_anyone_retrieves_a_certification_by_slug(api, db):
    response = api().get("/api/v1/certifications/pci-dss/")

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "slug": "pci-dss",
        "name": "PCI DSS",
        "name_es": "PCI DSS",
        "name_fr": "PCI DSS",
        "issuer": "PCI Security Standards Council",
        "sectors": body["sectors"],
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }
    assert sorted(body["sectors"]) == ["ecommerce", "fintech-payments"]


def test_an_unknown_slug_is_404(api, db):
    assert api().get("/api/v1/sectors/no-such-sector/").status_code == 404


def test_skills_filter_by_sector_slug(api, db):
    response = api().get("/api/v1/skills/", {"sector": "lottery", "page_size": 100})

    assert response.status_code == 200
    rows = response.json()["results"]
    assert {row["slug"] for row in rows} == set(
        Skill.objects.filter(sector__slug="lottery").values_list("slug", flat=True)
    )
    assert {row["sector"] for row in rows} == {"lottery"}


@pytest.mark.parametrize(("url", "model"), ENDPOINTS)
def test_staff_add_an_entry(api, staff, url, model):
    response = api(staff).post(url, {"slug": "quantum", "name": "Quantum computing"})

    assert response.status_code == 201
    assert response.json()["slug"] == "quantum"
    assert model.objects.get(slug="quantum").name == "Quantum computing"


def test_staff_add_a_skill_in_a_sector_with_aliases_in_each_language(api, staff, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "marketplace.api.views.described_skills_refresh_queue", lambda: queued.append(1)
    )
    response = api(staff).post(
        "/api/v1/skills/",
        {
            "slug": "quantum-computing",
            "name": "Quantum computing",
            "sector": "software-development",
            "aliases": ["qubits", "Qubits", "quantum algorithms"],
            "aliases_es": ["computación cuántica"],
            "aliases_fr": ["informatique quantique"],
        },
    )

    assert response.status_code == 201
    skill = Skill.objects.get(slug="quantum-computing")
    assert skill.sector.slug == "software-development"
    # The same alias twice in one list is kept once, as first written.
    assert skill.aliases == ["qubits", "quantum algorithms"]
    assert skill.aliases_es == ["computación cuántica"]
    assert skill.aliases_fr == ["informatique quantique"]
    assert response.json()["aliases"] == ["qubits", "quantum algorithms"]
    assert queued == [1]  # vendors' descriptions may name it: they are read again


def test_it_refuses_an_alias_another_skill_is_written_as(api, staff):
    response = api(staff).post(
        "/api/v1/skills/",
        {
            "slug": "container-ops",
            "name": "Container operations",
            "aliases_es": ["contenedores", "K8S"],
            "aliases_fr": ["Tests d’intrusion"],
        },
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "aliases_es": [
            {
                "code": "alias_taken",
                "message": "“K8S” is already a name or an alias of the skill “Kubernetes”.",
            }
        ],
        "aliases_fr": [
            {
                "code": "alias_taken",
                "message": "“Tests d’intrusion” is already a name or an alias of the skill "
                "“Penetration testing”.",
            }
        ],
    }
    assert not Skill.objects.filter(slug="container-ops").exists()


def test_it_refuses_an_alias_without_a_letter_or_digit(api, staff):
    response = api(staff).post(
        "/api/v1/skills/", {"slug": "quantum", "name": "Quantum", "aliases_fr": ["qubits", "…"]}
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "aliases_fr": [
            {
                "code": "aliases",
                "message": "An alias cannot be empty: write at least one letter or digit.",
            }
        ]
    }


def test_a_skill_in_no_sector_says_null_and_an_empty_sector_is_refused(api, staff):
    without = api(staff).post("/api/v1/skills/", {"slug": "cobol", "name": "COBOL", "sector": None})
    empty = api(staff).post("/api/v1/skills/", {"slug": "fortran", "name": "Fortran", "sector": ""})

    assert without.status_code == 201
    assert Skill.objects.get(slug="cobol").sector is None
    assert empty.status_code == 400
    assert error(empty)["fields"] == {"sector": [{"code": "invalid", "message": "Invalid value."}]}
    assert not Skill.objects.filter(slug="fortran").exists()


def test_a_list_of_sectors_sent_as_an_object_is_refused(api, staff):
    response = api(staff).post(
        "/api/v1/certifications/", {"slug": "quantum", "name": "Quantum", "sectors": {}}
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "sectors": [
            {"code": "not_a_list", "message": 'Expected a list of items but got type "dict".'}
        ]
    }


@pytest.mark.parametrize(("url", "model"), ENDPOINTS)
def test_non_staff_cannot_add_an_entry(api, charlie, url, model):
    before = model.objects.count()

    response = api(charlie).post(url, {"slug": "quantum", "name": "Quantum computing"})

    assert response.status_code == 403
    assert error(response) == {
        "type": "permission_error",
        "code": "permission_denied",
        "message": "You do not have permission to perform this action.",
    }
    assert model.objects.count() == before


def test_an_organisation_owner_cannot_add_an_entry_either(api, vera):
    response = api(vera).post("/api/v1/sectors/", {"slug": "quantum", "name": "Quantum"})

    assert response.status_code == 403
    assert not Sector.objects.filter(slug="quantum").exists()


@pytest.mark.parametrize(("url", "model"), ENDPOINTS)
def test_anonymous_cannot_add_an_entry(api, db, url, model):
    before = model.objects.count()

    response = api().post(url, {"slug": "quantum", "name": "Quantum computing"})

    assert response.status_code == 401
    assert model.objects.count() == before


@pytest.mark.parametrize(
    ("url", "model", "slug"),
    [
        pytest.param("/api/v1/sectors/", Sector, "igaming", id="sectors"),
        pytest.param("/api/v1/skills/", Skill, "sportsbook", id="skills"),
        pytest.param("/api/v1/certifications/", Certification, "soc-2", id="certifications"),
    ],
)
def test_it_refuses_a_duplicate_slug(api, staff, url, model, slug):
    before = model.objects.count()

    response = api(staff).post(url, {"slug": slug, "name": "Again"})

    assert response.status_code == 400
    assert error(response)["fields"]["slug"] == [
        {"code": "unique", "message": f"{model._meta.verbose_name} with this slug already exists."}
    ]
    assert model.objects.count() == before
    assert model.objects.get(slug=slug).name != "Again"


def test_it_refuses_a_skill_in_an_unknown_sector(api, staff):
    response = api(staff).post(
        "/api/v1/skills/", {"slug": "quantum", "name": "Quantum", "sector": "no-such-sector"}
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "sector": [
            {
                "code": "does_not_exist",
                "message": "Object with slug=no-such-sector does not exist.",
            }
        ]
    }
    assert not Skill.objects.filter(slug="quantum").exists()
