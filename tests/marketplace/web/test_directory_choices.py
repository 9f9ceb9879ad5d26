"""The directory's menus and skill checkboxes are rendered once per language and served from the
cache while nothing is chosen in them (marketplace/filters.py, `RenderedOnce`): the page must
still show what a reader chose, each language its own labels, and a sector, skill or
certification as soon as it is added, renamed or removed."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.models import Certification, Sector, Skill

from ...factories import skill

pytestmark = pytest.mark.django_db

URL = "/vendors/"


def queries(client, *args, **kwargs) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, *args, **kwargs).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def form(response) -> str:
    html = response.content.decode()
    start = html.index('<form class="directory__filters')
    return html[start : html.index("</form>", start)]


def reads(sql: list[str], table: str) -> bool:
    return any(f'FROM "{table}"' in query for query in sql)


def test_a_second_visit_reads_no_choices_from_the_database(client, vendor):
    first = queries(client)
    second = queries(client)

    for table in ("marketplace_sector", "marketplace_skill", "marketplace_certification"):
        assert reads(first, table)
        assert not reads(second, table)
    assert form(client.get(URL)) == form(client.get(URL))


def test_what_the_reader_chose_is_shown_chosen(client, vendor):
    client.get(URL)

    html = form(client.get(URL, {"skills": "sportsbook", "sector": "igaming"}))

    assert re.search(r'value="sportsbook" id="id_skills_\d+" checked>', html)
    assert len(re.findall(r"checked>", html)) == 1
    assert '<option value="igaming" selected>' in html
    # Every other menu still offers its choices, from the cache.
    assert '<option value="iso-27001">' in html


def test_each_language_gets_its_own_labels(client, vendor):
    english = form(client.get(URL, headers={"accept-language": "en"}))
    spanish = form(client.get(URL, headers={"accept-language": "es-mx"}))
    english_again = form(client.get(URL, headers={"accept-language": "en"}))

    assert '<option value="sports-betting">Sports betting</option>' in english
    assert '<option value="sports-betting">Apuestas deportivas</option>' in spanish
    assert english_again == english


@pytest.mark.parametrize(
    "change",
    [
        lambda: Skill.objects.create(slug="quantum-odds", name="Quantum odds"),
        lambda: Sector.objects.create(slug="quantum-odds", name="Quantum odds"),
        lambda: Certification.objects.create(slug="quantum-odds", name="Quantum odds"),
    ],
)
def test_reference_data_added_shows_at_once(client, vendor, change):
    client.get(URL)

    change()

    assert 'value="quantum-odds"' in client.get(URL).content.decode()


def test_a_renamed_or_removed_skill_shows_at_once(client, vendor):
    client.get(URL)
    renamed = skill("sportsbook")
    renamed.name = "Sportsbook platforms"
    renamed.save()
    assert "Sportsbook platforms" in client.get(URL).content.decode()

    skill("odds-feeds").delete()
    assert 'value="odds-feeds"' not in client.get(URL).content.decode()
