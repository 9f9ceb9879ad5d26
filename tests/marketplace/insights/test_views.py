"""The insights page (`/insights/`): visitors see the figures with small cells suppressed,
staff see them all; the filters, the currency, htmx's partial answer, the CSV links, and a
query count that does not grow with the awards."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.insights.periods import month_add

URL = "/insights/"
PERIOD = {"period_from": "2026-01", "period_to": "2026-04"}
HIDDEN = "Hidden so that no contract value can be read off"


def text(response) -> str:
    """The answer's text, tags and runs of blanks out, entities as the reader sees them."""
    html = response.content.decode().replace("\xa0", " ").replace("&amp;", "&")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_visitors_see_the_totals_and_the_small_cells_suppressed(client, market):
    response = client.get(URL, PERIOD)

    assert response.status_code == 200
    page = text(response)
    assert "Every sector, from January 2026 to April 2026" in page
    assert "Awarded to Canadian vendors CAD 440,000" in page
    assert "Engagements 4" in page
    assert "Share of posted demand awarded 59.6%" in page  # 440,000 of 738,000
    assert "of CAD 738,000 budgeted in 6 published requests" in page
    assert "Median days from publishing to award 28" in page
    assert "Proposals per awarded request 1.5" in page  # 6 live proposals, 4 awards
    # Three igaming awards beside one in AI: both hidden, or the total would give AI away.
    html = response.content.decode()
    assert "CAD 240,000" not in page and "CAD 200,000" not in page
    assert 'title="' + HIDDEN + '"' in html
    sectors = re.search(r'<table class="table">.*?</table>', html, re.S).group()
    assert sectors.count(HIDDEN) == 2 * 3 * 2  # two sectors, three figures, abbr and words
    assert "A dash (—) marks a hidden figure: one built from fewer than 3 engagements" in page
    assert "Complete figures" not in page


def test_staff_see_every_figure_and_are_told_so(client, market, staff):
    client.force_login(staff)

    page = text(client.get(URL, PERIOD))

    assert "Complete figures: as Norte staff you see every figure" in page
    # Largest first, in the table as in the chart.
    assert (
        "Online casino (iGaming) Gambling 3 CAD 240,000 54.5% "
        "AI and machine learning 1 CAD 200,000 45.5%"
    ) in page
    assert "Jalisco 3 CAD 240,000" in page
    assert "Gambling's share (iGaming, sports betting, lottery…) 54.5% CAD 240,000" in page
    assert HIDDEN not in page


def test_charts_are_svg_images_named_by_their_title_beside_their_tables(client, market, staff):
    client.force_login(staff)

    html = client.get(URL, PERIOD).content.decode()

    for name in ("by_sector", "by_month", "by_state", "by_province", "top_skills"):
        assert (
            '<svg class="chart" role="img" viewBox="0 0 560 '
            in html.split(f'id="{name}-title"')[1].split("</section>")[0]
        )
        assert f'aria-labelledby="{name}-svg-title {name}-svg-desc"' in html
        assert f'<caption id="{name}-caption">' in html
    # The gambling sector's bar is hatched and its label says so (not by colour alone).
    assert 'fill="url(#by_sector-hatch)"' in html
    assert "Online casino (iGaming) · gambling</text>" in html
    assert 'style="' not in html and "<style" not in html  # the CSP allows neither


def test_the_filters_come_from_the_query_string(client, market, staff):
    client.force_login(staff)

    page = text(client.get(URL, PERIOD | {"sector": "ai-ml"}))

    assert "AI and machine learning, from January 2026 to April 2026" in page
    assert "Awarded to Canadian vendors CAD 200,000" in page
    assert "Engagements 1" in page
    assert "CAD 240,000" not in page


def test_a_sector_narrows_the_figures_for_visitors_too(client, market):
    page = text(client.get(URL, PERIOD | {"sector": "ai-ml"}))

    # One engagement: the total itself is a small cell.
    assert "Awarded to Canadian vendors — " + HIDDEN in page
    assert "CAD 200,000" not in page


def test_amounts_are_shown_in_pesos_when_asked(client, market):
    response = client.get(URL, PERIOD | {"currency": "MXN"})

    page = text(response)
    assert "Awarded to Canadian vendors MXN 5,625,000" in page
    assert "CAD 440,000" not in page
    assert '<input type="radio" name="currency" value="MXN" id="id_currency_1" checked>' in (
        response.content.decode()
    )


def test_the_amounts_follow_the_readers_language(client, market):
    response = client.get(URL, PERIOD, headers={"accept-language": "fr-CA"})

    assert "Attribué aux fournisseurs canadiens 440 000 CAD" in text(response)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"period_from": "2026-13"}, "From", "Give a month as YYYY-MM, such as 2026-04."),
        (
            {"period_from": "2026-05", "period_to": "2026-04"},
            "From",
            "The first month must not come after the last month.",
        ),
        ({"sector": "poker-bots"}, "Sector", "Select a valid choice."),
        ({"currency": "USD"}, "Currency", "Select a valid choice."),
    ],
)
def test_filters_it_cannot_apply_are_shown_with_their_errors(client, db, query, field, message):
    response = client.get(URL, query)

    assert response.status_code == 400
    page = text(response)
    assert "Check the filters" in page
    assert f"{field} : {message}" in page  # the field's name links to it
    assert "Awarded to Canadian vendors" not in page


def test_htmx_gets_the_results_alone(client, market):
    response = client.get(URL, PERIOD, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<h2 id="results-title"')
    assert "<html" not in html and "<form" not in html
    assert "Awarded to Canadian vendors" in html
    assert "HX-Request" in response["Vary"]


def test_htmx_gets_the_errors_alone_too(client, db):
    response = client.get(URL, {"period_to": "April"}, headers={"HX-Request": "true"})

    assert response.status_code == 400
    assert "<form" not in response.content.decode()
    assert "To : Give a month as YYYY-MM" in text(response)


def test_each_csv_link_carries_the_table_and_the_filters(client, market):
    html = client.get(URL, PERIOD | {"sector": "igaming", "currency": "MXN"}).content.decode()

    links = re.findall(r'href="(/api/v1/insights/summary\.csv\?[^"]+)"', html)
    tables = [re.search(r"table=(\w+)", link).group(1) for link in links]
    assert tables == [
        "totals",
        "by_sector",
        "by_month",
        "by_state",
        "by_province",
        "top_skills",
        "scarce_skills",
    ]
    for link in links:
        assert link.endswith("&amp;period_from=2026-01&amp;period_to=2026-04&amp;sector=igaming")
    # The link answers with that table (the currency is the page's: the CSV has both).
    answer = client.get(links[1].replace("&amp;", "&"))
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")


def test_a_default_period_is_spelled_out_in_the_csv_links(client, db):
    html = client.get(URL).content.decode()

    assert re.search(r"summary\.csv\?table=totals&amp;period_from=\d{4}-\d\d&amp;period_to=", html)


def test_the_page_is_in_the_main_navigation(client, db):
    html = client.get("/").content.decode()

    assert '<a href="/insights/">Insights</a>' in html
    assert '<a href="/insights/" aria-current="page">Insights</a>' in (
        client.get(URL).content.decode()
    )


def test_the_query_count_does_not_grow_with_the_awards(client, market, award):
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, PERIOD).status_code == 200
        return len(captured)

    before = queries()
    for day in ("2026-01-10", "2026-02-11", "2026-03-12", "2026-04-13"):
        award(
            sector_slug="lottery",
            price="5000",
            currency="CAD",
            published="2026-01-02",
            awarded=day,
            state="CMX",
            province="AB",
            rivals=2,
        )

    assert queries() == before


def test_suppressed_rows_come_last_in_name_order_whatever_they_hide(client, market, award):
    # Three AI awards to Québec: Québec (4 with the market's) shows; Ontario (2) and British
    # Columbia (1) stay hidden, listed by name, not by the value they hide (Ontario's is larger).
    for day in ("2026-02-16", "2026-03-17", "2026-04-18"):
        award(
            sector_slug="ai-ml",
            price="50000",
            currency="CAD",
            published="2026-01-15",
            awarded=day,
            state="NLE",
            province="QC",
        )

    html = client.get(URL, PERIOD).content.decode()

    provinces = re.search(r'<caption id="by_province-caption">.*?</table>', html, re.S).group()
    rows = re.findall(r'<th scope="row">([^<]+)</th>', provinces)
    assert rows == ["Quebec", "British Columbia", "Ontario"]
    assert "CAD\xa0350,000" in provinces


def test_visitors_see_no_budget_total_of_fewer_than_three_requests(client, dated_rates, award):
    award(price="100000", currency="CAD", published="2026-02-01", awarded="2026-03-01")
    award(price="100000", currency="CAD", published="2026-02-01", awarded="2026-03-02")

    page = text(client.get(URL, PERIOD))

    assert "Share of posted demand awarded — " in page
    assert "budgeted in" not in page


def test_the_month_boxes_show_the_default_period(client, db, settings):
    html = client.get(URL).content.decode()

    last = timezone.localdate().replace(day=1)
    first = month_add(last, -23)
    assert f'name="period_from" value="{first:%Y-%m}"' in html
    assert f'name="period_to" value="{last:%Y-%m}"' in html
