"""The insights page: the summary's figures as headline numbers and server-drawn charts, each
chart with its table and its CSV, for whoever asks (visitors' small cells suppressed by the
selector, as in the API).

The filters are the API's (`InsightsFilter`) plus the currency the amounts are shown in; an
htmx request (the filters changed) gets the results region alone.
"""

from datetime import date
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import formats
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from marketplace.choices import Currency

from .charts import Chart, Datum, columns, horizontal_bars, paired_bars
from .filters import MONTH_FORMAT
from .forms import InsightsPageForm
from .policies import SMALL_CELL
from .summary import Cell, Summary, insights_summary


def _amount(cell: Cell, *, currency: str):
    return cell.awarded_mxn if currency == Currency.MXN else cell.awarded_cad


def _cells(summary: Summary, *, currency: str) -> dict[str, list[Cell]]:
    """The cells of each chart and table, in the order both show them: months in time order;
    sectors, states and provinces by the value shown, the suppressed ones last in name order
    (by value, their order would tell what they hide)."""

    def largest_first(cells: list[Cell]) -> list[Cell]:
        return sorted(
            cells,
            key=lambda cell: (
                cell.is_suppressed,
                -(_amount(cell, currency=currency) or 0),
                cell.label,
            ),
        )

    return {
        "by_sector": largest_first(summary.by_sector),
        "by_month": summary.by_month,
        "by_state": largest_first(summary.by_state),
        "by_province": largest_first(summary.by_province),
    }


def _charts(summary: Summary, *, cells: dict[str, list[Cell]], currency: str) -> dict[str, Chart]:
    """The cells and the skills as chart data: amounts in `currency`, suppressed ones None."""

    def bars(cells: list[Cell]) -> Chart:
        return horizontal_bars(
            [
                Datum(cell.key, cell.label, _amount(cell, currency=currency), cell.gambling)
                for cell in cells
            ]
        )

    def skills(rows) -> Chart:
        return paired_bars(
            [
                (Datum(row.slug, row.label, row.requests), Datum(row.slug, row.label, row.vendors))
                for row in rows
            ],
            whole=True,
        )

    return {
        "by_sector": bars(cells["by_sector"]),
        "by_month": columns(
            [
                Datum(
                    cell.key,
                    cell.label,
                    _amount(cell, currency=currency),
                    short_label=formats.date_format(date.fromisoformat(f"{cell.key}-01"), "M Y"),
                )
                for cell in cells["by_month"]
            ]
        ),
        "by_state": bars(cells["by_state"]),
        "by_province": bars(cells["by_province"]),
        "top_skills": skills(summary.top_skills),
        "scarce_skills": skills(summary.scarce_skills),
    }


def _filters_query(summary: Summary) -> str:
    """The summary's filters as the API reads them, the period spelled out: a CSV link gives
    the same figures as the page even when the page's period was left to its default."""
    query = summary.query
    return urlencode(
        {
            "period_from": query.first_month.strftime(MONTH_FORMAT),
            "period_to": query.last_month.strftime(MONTH_FORMAT),
        }
        | ({"sector": query.sector.slug} if query.sector else {})
    )


@require_safe
def insights(request):
    form = InsightsPageForm(request.GET)
    context = {"form": form, "summary": None, "small_cell": SMALL_CELL}
    status = 400
    if form.is_valid():
        currency = form.cleaned_data["currency"]
        summary = insights_summary(user=request.user, query=form.query())
        cells = _cells(summary, currency=currency)
        context |= {
            "summary": summary,
            "currency": currency,
            "cells": cells,
            "charts": _charts(summary, cells=cells, currency=currency),
            "filters_query": _filters_query(summary),
        }
        status = 200
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "insights/_results.html", context, status=status)
    else:
        response = render(request, "insights/insights.html", context, status=status)
    # The same URL answers with a fragment or a whole page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response
