"""`GET insights/summary/` and `GET insights/summary.csv`: the insights' figures, as the page
shows them to the same reader (visitors' small cells suppressed), as JSON or as CSV."""

import csv

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ..filters import InsightsFilter
from ..summary import Cell, SkillDemand, Summary, insights_summary

FILTER_PARAMETERS = [
    OpenApiParameter(
        "period_from",
        OpenApiTypes.STR,
        description="First month, `YYYY-MM` (2000-01 to 2100-12); 23 months before `period_to` if not given.",
        pattern=r"^\d{4}-\d{2}$",
    ),
    OpenApiParameter(
        "period_to",
        OpenApiTypes.STR,
        description="Last month, `YYYY-MM` (2000-01 to 2100-12), included; the current month if not given.",
        pattern=r"^\d{4}-\d{2}$",
    ),
    OpenApiParameter("sector", OpenApiTypes.STR, description="A sector's slug: its figures only."),
]
SUPPRESSED_HELP = (
    "null for visitors where fewer than 3 engagements make the figure (or where it, with the "
    "total, would give such a figure back); staff read every figure."
)


class InsightsAwardedFields(serializers.Serializer):
    awarded_cad = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        allow_null=True,
        help_text="Awarded value in CAD, each award at its day's rate; " + SUPPRESSED_HELP,
    )
    awarded_mxn = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        allow_null=True,
        help_text="The same in MXN, through CAD at the award day's rates.",
    )
    count = serializers.IntegerField(
        allow_null=True, help_text="Engagements awarded; " + SUPPRESSED_HELP
    )
    share = serializers.FloatField(
        allow_null=True, help_text="Share of the period's awarded value, 0–1."
    )
    suppressed = serializers.BooleanField(source="is_suppressed")


class InsightsSectorCell(InsightsAwardedFields):
    sector = serializers.CharField(source="key", help_text="The sector's slug.")
    name = serializers.CharField(source="label")
    gambling = serializers.BooleanField()


class InsightsMonthCell(InsightsAwardedFields):
    month = serializers.CharField(source="key", help_text="`YYYY-MM`.")


class InsightsStateCell(InsightsAwardedFields):
    state = serializers.CharField(
        source="key", help_text="The buyer's Mexican state (ISO 3166-2 without `MX-`)."
    )
    name = serializers.CharField(source="label")


class InsightsProvinceCell(InsightsAwardedFields):
    province = serializers.CharField(
        source="key", help_text="The vendor's Canadian province (ISO 3166-2 without `CA-`)."
    )
    name = serializers.CharField(source="label")


class InsightsSkillCell(serializers.Serializer):
    skill = serializers.CharField(source="slug")
    name = serializers.CharField(source="label")
    requests = serializers.IntegerField(help_text="Requests of the period that asked for it.")
    vendors = serializers.IntegerField(help_text="Approved vendors that list it.")


class InsightsGamblingCell(InsightsAwardedFields):
    pass


class InsightsSummarySerializer(serializers.Serializer):
    period_from = serializers.SerializerMethodField()
    period_to = serializers.SerializerMethodField()
    sector = serializers.SerializerMethodField()
    complete = serializers.BooleanField(
        help_text="true for staff, who read every figure; false where small cells are null."
    )
    total_awarded_cad = serializers.DecimalField(
        source="total.awarded_cad", max_digits=20, decimal_places=2, allow_null=True
    )
    total_awarded_mxn = serializers.DecimalField(
        source="total.awarded_mxn", max_digits=20, decimal_places=2, allow_null=True
    )
    awarded_count = serializers.IntegerField(source="total.count", allow_null=True)
    posted_count = serializers.IntegerField(help_text="Requests published in the period.")
    posted_demand_cad = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        allow_null=True,
        help_text="Their maximum budgets in CAD, each at its publishing day's rate; null for "
        "visitors when fewer than 3 requests were published (one company's budget would show).",
    )
    posted_demand_mxn = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    awarded_share = serializers.FloatField(
        allow_null=True, help_text="Awarded value over posted demand, 0–1."
    )
    median_days_to_award = serializers.FloatField(allow_null=True)
    proposals_per_request = serializers.FloatField(
        allow_null=True, help_text="Proposals (not withdrawn) per awarded request."
    )
    gambling = InsightsGamblingCell(help_text="Casinos, sports betting and lottery together.")
    by_sector = InsightsSectorCell(many=True)
    by_month = InsightsMonthCell(many=True)
    by_state = InsightsStateCell(many=True)
    by_province = InsightsProvinceCell(many=True)
    top_skills = InsightsSkillCell(many=True, help_text="The skills most asked for.")
    scarce_skills = InsightsSkillCell(
        many=True, help_text="Skills asked for twice or more, fewest vendors per request first."
    )
    unconverted_count = serializers.IntegerField(
        source="unconverted",
        help_text="Awards with no exchange rate recorded on their day, left out of the amounts.",
    )

    def get_period_from(self, summary: Summary) -> str:
        return summary.query.first_month.strftime("%Y-%m")

    def get_period_to(self, summary: Summary) -> str:
        return summary.query.last_month.strftime("%Y-%m")

    def get_sector(self, summary: Summary) -> str | None:
        return summary.query.sector.slug if summary.query.sector else None


class InsightsSummaryView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="insights_summary",
        summary="How much Mexican companies awarded to Canadian vendors on Norte",
        parameters=FILTER_PARAMETERS,
        responses={200: InsightsSummarySerializer},
        tags=["insights"],
    )
    def get(self, request, *args, **kwargs):
        summary, _filters = summary_for(request)
        return Response(InsightsSummarySerializer(summary).data)


CSV_TABLES = (
    "totals",
    "by_sector",
    "by_month",
    "by_state",
    "by_province",
    "top_skills",
    "scarce_skills",
)
CSV_COLUMNS = (
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
)


class InsightsCsvFilter(InsightsFilter):
    table = forms.ChoiceField(
        choices=[(name, name) for name in CSV_TABLES],
        required=False,
        help_text="One table only (a chart's data); every table if empty.",
    )


def summary_for(request, *, filter_class=InsightsFilter) -> tuple[Summary, dict]:
    """The summary the query string asks for, as the caller may read it, and the filter's
    values; a 400 naming any parameter it does not take or cannot read."""
    form = filter_class(data=request.query_params)
    known = set(form.fields)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        message = _("This list takes no such parameter; it takes: %(known)s.") % {
            "known": ", ".join(sorted(known))
        }
        raise exceptions.ValidationError(
            {name: [message] for name in unknown}, code="unknown_parameter"
        )
    if not form.is_valid():
        raise exceptions.ValidationError(
            {name: [str(error) for error in errors] for name, errors in form.errors.items()}
        )
    return insights_summary(user=request.user, query=form.query()), form.cleaned_data


def csv_rows(summary: Summary, *, table: str | None) -> list[dict]:
    """The summary as one row per figure, `table` naming what each row belongs to."""
    rows = []

    def cell_row(name: str, cell: Cell) -> dict:
        return {
            "table": name,
            "key": cell.key,
            "name": cell.label,
            "count": cell.count,
            "awarded_cad": cell.awarded_cad,
            "awarded_mxn": cell.awarded_mxn,
            "share": None if cell.share is None else round(cell.share, 4),
            "suppressed": str(cell.is_suppressed).lower(),
            "gambling": str(cell.gambling).lower(),
        }

    def skill_row(name: str, skill: SkillDemand) -> dict:
        return {
            "table": name,
            "key": skill.slug,
            "name": skill.label,
            "requests": skill.requests,
            "vendors": skill.vendors,
        }

    if table in (None, "totals"):
        rows.append(cell_row("totals", summary.total) | {"key": "awarded", "name": ""})
        rows.append(cell_row("totals", summary.gambling) | {"name": ""})
        rows.append(
            {
                "table": "totals",
                "key": "posted_demand",
                "count": summary.posted_count,
                "awarded_cad": summary.posted_demand_cad,
                "awarded_mxn": summary.posted_demand_mxn,
                "share": None if summary.awarded_share is None else round(summary.awarded_share, 4),
            }
        )
        # The headline's other figures: a number each, in `count` (empty when hidden).
        rows.extend(
            {"table": "totals", "key": key, "count": value}
            for key, value in (
                ("median_days_to_award", summary.median_days_to_award),
                ("proposals_per_request", summary.proposals_per_request),
            )
        )
    for name, cells in summary.tables.items():
        if table in (None, name):
            rows.extend(cell_row(name, cell) for cell in cells)
    for name, skills in (
        ("top_skills", summary.top_skills),
        ("scarce_skills", summary.scarce_skills),
    ):
        if table in (None, name):
            rows.extend(skill_row(name, skill) for skill in skills)
    return rows


class InsightsSummaryCsvView(APIView):
    permission_classes = [AllowAny]

    def perform_content_negotiation(self, request, force=False):
        # The answer is CSV whatever `Accept` asks (a spreadsheet sends `text/csv`, which no
        # JSON renderer offers: a 406); a refusal still comes in the JSON error envelope.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="insights_summary_csv",
        summary="The insights' figures as CSV, one row per figure",
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter(
                "table",
                OpenApiTypes.STR,
                enum=list(CSV_TABLES),
                description="One table only (a chart's data); every table if not given.",
            ),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="Columns: "
                + ", ".join(CSV_COLUMNS)
                + ". Suppressed figures are empty. `totals` holds the awards (`awarded`), "
                "gambling, the posted demand (its `share`: the share awarded), and the median "
                "days to award and the proposals per request (in `count`).",
            )
        },
        tags=["insights"],
    )
    def get(self, request, *args, **kwargs):
        summary, filters = summary_for(request, filter_class=InsightsCsvFilter)
        table = filters.get("table") or None
        query = summary.query
        filename = "norte-insights-{}-{}{}{}.csv".format(
            query.first_month.strftime("%Y-%m"),
            query.last_month.strftime("%Y-%m"),
            f"-{query.sector.slug}" if query.sector else "",
            f"-{table}" if table else "",
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.DictWriter(response, fieldnames=CSV_COLUMNS, extrasaction="raise")
        writer.writeheader()
        writer.writerows(csv_rows(summary, table=table))
        return response
