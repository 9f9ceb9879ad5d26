"""`GET /api/v1/insights/summary/` and `summary.csv`: the figures as visitors and staff read
them, the filters and their refusals, and a CSV that says what the JSON says."""

import csv
import io
from decimal import Decimal

import pytest

from tests.errors import error, refused_fields

URL = "/api/v1/insights/summary/"
CSV_URL = "/api/v1/insights/summary.csv"
PERIOD = {"period_from": "2026-01", "period_to": "2026-04"}


def rows_of(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_visitors_read_the_totals_and_no_small_cell(market, api):
    response = api().get(URL, PERIOD)

    assert response.status_code == 200
    body = response.json()
    assert body["period_from"] == "2026-01"
    assert body["period_to"] == "2026-04"
    assert body["sector"] is None
    assert body["complete"] is False
    assert Decimal(body["total_awarded_cad"]) == Decimal("440000.00")
    assert Decimal(body["total_awarded_mxn"]) == Decimal("5625000.00")
    assert body["awarded_count"] == 4
    assert Decimal(body["posted_demand_cad"]) == Decimal("738000.00")
    assert body["median_days_to_award"] == 28.0
    assert [cell["sector"] for cell in body["by_sector"]] == ["ai-ml", "igaming"]
    for cell in body["by_sector"] + body["by_state"] + body["by_province"]:
        assert cell["suppressed"] is True
        assert cell["awarded_cad"] is None and cell["count"] is None
    assert body["by_month"][0] == {
        "month": "2026-01",
        "awarded_cad": "0.00",
        "awarded_mxn": "0.00",
        "count": 0,
        "share": 0.0,
        "suppressed": False,
    }


def test_staff_read_every_figure(market, api, staff):
    body = api(staff).get(URL, PERIOD).json()

    assert body["complete"] is True
    assert body["by_sector"][1] == {
        "sector": "igaming",
        "name": "Online casino (iGaming)",
        "gambling": True,
        "awarded_cad": "240000.00",
        "awarded_mxn": "3125000.00",
        "count": 3,
        "share": pytest.approx(240000 / 440000),
        "suppressed": False,
    }
    assert body["by_state"][0]["state"] == "JAL"
    assert body["by_province"][0] == {
        "province": "BC",
        "name": "British Columbia",
        "awarded_cad": "70000.00",
        "awarded_mxn": "875000.00",
        "count": 1,
        "share": pytest.approx(70000 / 440000),
        "suppressed": False,
    }
    assert body["gambling"]["awarded_cad"] == "240000.00"


def test_names_come_in_the_callers_language(market, api, staff):
    body = api(staff).get(URL, PERIOD, HTTP_ACCEPT_LANGUAGE="es-mx").json()

    assert body["by_sector"][1]["name"] == "Casino en línea (iGaming)"


def test_the_sector_filter(market, api, staff):
    body = api(staff).get(URL, {**PERIOD, "sector": "ai-ml"}).json()

    assert body["sector"] == "ai-ml"
    assert body["awarded_count"] == 1
    assert [cell["sector"] for cell in body["by_sector"]] == ["ai-ml"]


def test_without_a_period_the_last_24_months(api, db):
    body = api().get(URL).json()

    assert len(body["by_month"]) == 24
    assert body["awarded_count"] == 0
    assert body["total_awarded_cad"] == "0.00"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"period_from": "2026-13"}, "period_from", "Give a month as YYYY-MM, such as 2026-04."),
        ({"period_to": "April"}, "period_to", "Give a month as YYYY-MM, such as 2026-04."),
        (
            {"period_from": "2026-05", "period_to": "2026-04"},
            "period_from",
            "The first month must not come after the last month.",
        ),
        (
            {"period_from": "2000-01", "period_to": "2026-04"},
            "period_from",
            "Ask for at most 120 months at a time.",
        ),
        ({"period_to": "0001-01"}, "period_to", "Give a month from 2000-01 to 2100-12."),
        ({"period_from": "9999-12"}, "period_from", "Give a month from 2000-01 to 2100-12."),
        (
            {"sector": "casinos-on-mars"},
            "sector",
            "Select a valid choice. That choice is not one of the available choices.",
        ),
    ],
)
def test_a_filter_it_cannot_read_is_a_400_naming_it(api, db, query, field, message):
    response = api().get(URL, query)

    assert refused_fields(response) == {field: [message]}
    assert error(response)["type"] == "invalid_request"


def test_an_unknown_parameter_is_a_400(api, db):
    response = api().get(URL, {"period": "2026"})

    assert refused_fields(response) == {
        "period": ["This list takes no such parameter; it takes: period_from, period_to, sector."]
    }


def test_writing_is_not_allowed(api, staff):
    assert api(staff).post(URL, {}).status_code == 405


def test_the_csv_says_what_the_json_says(market, api, staff):
    body = api(staff).get(URL, PERIOD).json()
    response = api(staff).get(CSV_URL, PERIOD)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="norte-insights-2026-01-2026-04.csv"'
    )
    rows = rows_of(response)
    assert list(rows[0]) == [
        "table",
        "key",
        "name",
        "count",
        "awarded_cad",
        "awarded_mxn",
        "share",
        "suppressed",
        "gambling",
        "requests",
        "vendors",
    ]
    by_table = {}
    for row in rows:
        by_table.setdefault(row["table"], []).append(row)
    assert by_table["totals"][0]["awarded_cad"] == body["total_awarded_cad"]
    assert by_table["totals"][2]["key"] == "posted_demand"
    assert by_table["totals"][2]["awarded_cad"] == body["posted_demand_cad"]
    assert float(by_table["totals"][2]["share"]) == pytest.approx(body["awarded_share"], abs=1e-4)
    assert [(r["key"], r["count"]) for r in by_table["totals"][3:]] == [
        ("median_days_to_award", "28.0"),
        ("proposals_per_request", "1.5"),
    ]
    for table in ("by_sector", "by_month", "by_state", "by_province"):
        assert [(r["count"], r["awarded_cad"], r["awarded_mxn"]) for r in by_table[table]] == [
            (str(c["count"]), c["awarded_cad"], c["awarded_mxn"]) for c in body[table]
        ]


def test_visitors_csv_leaves_small_cells_empty(market, api):
    rows = rows_of(api().get(CSV_URL, {**PERIOD, "table": "by_sector"}))

    assert [(r["key"], r["count"], r["awarded_cad"], r["suppressed"]) for r in rows] == [
        ("ai-ml", "", "", "true"),
        ("igaming", "", "", "true"),
    ]


def test_one_table_for_a_charts_download(market, api, staff):
    response = api(staff).get(CSV_URL, {**PERIOD, "table": "by_month"})

    assert response["Content-Disposition"].endswith('-2026-04-by_month.csv"')
    assert [row["key"] for row in rows_of(response)] == [
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
    ]


def test_the_csv_refuses_an_unknown_table_in_json(api, db):
    response = api().get(CSV_URL, {"table": "by_planet"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(refused_fields(response)) == ["table"]


def test_the_csv_refuses_unknown_parameters(api, db):
    response = api().get(CSV_URL, {"columns": "all"})

    assert list(refused_fields(response)) == ["columns"]


def test_a_client_asking_for_csv_gets_it(market, api):
    response = api().get(CSV_URL, PERIOD, HTTP_ACCEPT="text/csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows_of(response)[0]["table"] == "totals"


def test_a_refusal_asked_for_as_csv_is_still_the_json_envelope(api, db):
    response = api().get(CSV_URL, {"table": "by_planet"}, HTTP_ACCEPT="text/csv")

    assert list(refused_fields(response)) == ["table"]
