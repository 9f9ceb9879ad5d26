"""The reference views (see the package's docstring): plain Django, written out by hand.

Each does what its real endpoint does to the database — the same selectors scope what the
reader may see, the same prefetches fetch a page — and builds the answer directly: dicts for
JSON, a hand-written form for the directory. Parameters the reference does not take (the API's
cursors, timestamps) are a 400, never silently ignored: a load test sending them would measure
something else.
"""

from datetime import UTC
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, InvalidPage, Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ..choices import CANADIAN_PROVINCES, Language
from ..filters import DIRECTORY_ORDERINGS, VendorFilter, vendor_list_ordered
from ..forms import COMPARE_MAX
from ..models import Certification, Sector, Skill, Vendor, VendorExpertise
from ..policies import can_create_request, can_moderate_vendors, can_view_matches
from ..selectors import (
    match_results,
    match_run_error_for,
    match_runs_shown,
    reader_money,
    request_list_dashboard,
    request_list_managed,
    request_rows_ranked_as,
    vendor_list_visible,
)
from ..services.matching.reasons import ReasonNames, exclusion_text, reason_text
from ..tenders.selectors import vendor_median_answer_times

PAGE_SIZE = settings.REST_FRAMEWORK["PAGE_SIZE"]
MAX_PAGE_SIZE = 100
DIRECTORY_PAGE_SIZE = 20
REQUESTS_PER_PAGE = 20
# The parameters the real directory and API list take: the FilterSet names them.
VENDOR_FILTERS = tuple(VendorFilter.Meta.fields)


class Refused(Exception):
    """A parameter the reference cannot read: 400."""


# --- What the API's fields write -----------------------------------------------------------------


def _time(value):
    """DRF's date-time in UTC (config/serializers.py)."""
    if value is None:
        return None
    text = value.astimezone(UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _money(value: Decimal | None):
    return None if value is None else str(value)


def _api_user(request):
    """The API's authentication: a knox token when one is sent, else the session."""
    try:
        authenticated = TokenAuthentication().authenticate(request)
    except AuthenticationFailed as error:
        raise PermissionError(str(error.detail)) from None
    return authenticated[0] if authenticated else request.user


def _unauthenticated(message: str) -> JsonResponse:
    return JsonResponse(
        {
            "error": {
                "type": "authentication_error",
                "code": "not_authenticated",
                "message": message,
            }
        },
        status=401,
        headers={"WWW-Authenticate": "Token"},
    )


def _refused(message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"type": "invalid_request_error", "code": "invalid", "message": message}},
        status=400,
    )


def _page(request, queryset, *, size: int):
    """`(page, count, next, previous)` for `?page=` and `?page_size=`, as the API cuts them."""
    try:
        size = min(int(request.GET.get("page_size") or size), MAX_PAGE_SIZE)
        number = int(request.GET.get("page") or 1)
        if size < 1:
            raise ValueError
        page = Paginator(queryset, size).page(number)
    except (ValueError, InvalidPage, EmptyPage):
        raise Refused("Give a page and a page size that exist.") from None
    url = request.build_absolute_uri()
    following = replace_query_param(url, "page", number + 1) if page.has_next() else None
    if not page.has_previous():
        previous = None
    elif number == 2:
        previous = remove_query_param(url, "page")
    else:
        previous = replace_query_param(url, "page", number - 1)
    return page, page.paginator.count, following, previous


# --- Vendors (API and directory) -----------------------------------------------------------------


def _vendors_filtered(request, vendors):
    """The directory's filters, by hand, giving the same queries as `VendorFilter`."""
    params = request.GET
    unknown = set(params) - {*VENDOR_FILTERS, "page", "page_size"}
    if unknown:
        raise Refused(f"Unknown parameters: {', '.join(sorted(unknown))}.")
    sector = None
    if params.get("sector"):
        sector = Sector.objects.filter(slug=params["sector"]).first()
        if sector is None:
            raise Refused("No such sector.")
    if sector is not None or params.get("min_level"):
        rows = VendorExpertise.objects.filter(vendor=OuterRef("pk"))
        if sector is not None:
            rows = rows.filter(sector=sector)
        if params.get("min_level"):
            rows = rows.filter(level__gte=_number(params["min_level"]))
        vendors = vendors.filter(Exists(rows))
    skills = sorted(
        {part for value in params.getlist("skills") for part in value.split(",") if part}
    )
    if skills:
        found = list(Skill.objects.filter(slug__in=skills))
        if len(found) != len(skills):
            raise Refused("No such skill.")
        for skill in found:
            vendors = vendors.filter(skills__slug=skill.slug)
    if params.get("certification"):
        certification = Certification.objects.filter(slug=params["certification"]).first()
        if certification is None:
            raise Refused("No such certification.")
        vendors = vendors.filter(certifications=certification)
    if params.get("language"):
        vendors = vendors.filter(Vendor.speaks_any_q([params["language"]]))
    if params.get("province"):
        vendors = vendors.filter(province=params["province"])
    if params.get("status"):
        vendors = vendors.filter(status=params["status"])
    if params.get("max_rate"):
        vendors = vendors.filter(hourly_rate_min__lte=_number(params["max_rate"]))
    if params.get("q"):
        vendors = VendorFilter.search(None, vendors, "q", params["q"])
    if params.get("ordering"):
        vendors = vendor_list_ordered(vendors, ordering=params["ordering"], sector=sector)
    return vendors


def _number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except ArithmeticError:
        raise Refused("Give a number.") from None


def _vendor_json(vendor: Vendor, *, answer_times: dict) -> dict:
    median = answer_times.get(vendor.pk)
    return {
        "id": vendor.pk,
        "slug": vendor.slug,
        "name": vendor.name,
        "province": vendor.province,
        "city": vendor.city,
        "description": vendor.description,
        **{field: getattr(vendor, field) for field in Vendor.DESCRIPTION_FIELDS},
        "website": vendor.website,
        "business_number": vendor.business_number,
        "team_size": vendor.team_size,
        "hourly_rate_min": _money(vendor.hourly_rate_min),
        "hourly_rate_max": _money(vendor.hourly_rate_max),
        "currency": vendor.currency,
        "languages": list(vendor.languages),
        "skills": [skill.slug for skill in vendor.skills.all()],
        "certifications": [certification.slug for certification in vendor.certifications.all()],
        "expertise": [
            {"sector": row.sector.slug, "level": row.level, "years": row.years}
            for row in vendor.expertise.all()
        ],
        "status": vendor.status,
        "status_reason": vendor.status_reason,
        "rating": vendor.rating,
        "review_count": vendor.review_count,
        "median_invitation_answer_seconds": None
        if median is None
        else round(median.total_seconds()),
        "created_at": _time(vendor.created_at),
        "updated_at": _time(vendor.updated_at),
    }


def _api_vendors(user):
    return vendor_list_visible(user=user).prefetch_related(
        "skills", "certifications", "expertise__sector"
    )


@require_safe
def vendor_list_api(request):
    """`GET /api/v1/vendors/`."""
    try:
        user = _api_user(request)
        page, count, following, previous = _page(
            request, _vendors_filtered(request, _api_vendors(user)), size=PAGE_SIZE
        )
    except PermissionError as error:
        return _unauthenticated(str(error))
    except Refused as error:
        return _refused(str(error))
    vendors = list(page.object_list)
    times = vendor_median_answer_times(vendor_ids=[vendor.pk for vendor in vendors])
    return JsonResponse(
        {
            "count": count,
            "next": following,
            "previous": previous,
            "results": [_vendor_json(vendor, answer_times=times) for vendor in vendors],
        }
    )


@require_safe
def vendor_detail_api(request, pk: int):
    """`GET /api/v1/vendors/{id}/`."""
    try:
        user = _api_user(request)
    except PermissionError as error:
        return _unauthenticated(str(error))
    vendor = _api_vendors(user).filter(pk=pk).first()
    if vendor is None:
        return JsonResponse(
            {"error": {"type": "invalid_request_error", "code": "not_found", "message": ""}},
            status=404,
        )
    times = vendor_median_answer_times(vendor_ids=[vendor.pk])
    return JsonResponse(_vendor_json(vendor, answer_times=times))


def _directory_choices():
    """The form's choices, with the same queries as the directory's form."""
    return {
        "sectors": Sector.objects.order_by(Sector.display_name_order()),
        "skills": Skill.objects.order_by(Skill.display_name_order()),
        "certifications": Certification.objects.all(),
        "working_languages": Language.choices,
        "provinces": CANADIAN_PROVINCES,
        "orderings": list(DIRECTORY_ORDERINGS.items()),
        "statuses": Vendor.Status.choices,
    }


@require_safe
def vendor_list(request):
    """`/vendors/`, the directory page."""
    vendors = vendor_list_visible(user=request.user).prefetch_related(
        Prefetch("expertise", queryset=VendorExpertise.objects.select_related("sector"))
    )
    try:
        if request.GET.get("page_size"):
            raise Refused("The directory takes no page size.")
        filtered = _vendors_filtered(request, vendors)
    except Refused as error:
        return _refused(str(error))
    page = Paginator(filtered, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    ordering = request.GET.get("ordering", "")
    context = {
        **_directory_choices(),
        "chosen": {name: request.GET.get(name, "") for name in VENDOR_FILTERS},
        "chosen_skills": set(request.GET.getlist("skills")),
        "show_status": can_moderate_vendors(user=request.user),
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "active_filters": sum(
            1 for name in VENDOR_FILTERS if name != "ordering" and any(request.GET.getlist(name))
        ),
        "experience_in_any_sector": ordering.lstrip("-") == "experience"
        and not request.GET.get("sector"),
        "compare_max": COMPARE_MAX,
        "reader_money": reader_money(user=request.user, on=timezone.localdate()),
    }
    return render(request, "benchmarks/vendor_list.html", context)


# --- A request's matches (API) -------------------------------------------------------------------


def _run_json(request, run, *, user, names) -> dict:
    exclusions = None
    if run.exclusions is not None:
        exclusions = [
            {
                "code": exclusion["code"],
                "count": exclusion["count"],
                **exclusion.get("params", {}),
                "text": exclusion_text(exclusion, names),
            }
            for exclusion in run.exclusions
        ]
    return {
        "id": run.pk,
        "url": request.build_absolute_uri(reverse("v1:match-run-detail", args=[run.pk])),
        "request": run.request_id,
        "status": run.status,
        "trigger": run.trigger,
        "created_at": _time(run.created_at),
        "started_at": _time(run.started_at),
        "finished_at": _time(run.finished_at),
        "error": match_run_error_for(run=run, user=user),
        "candidates": run.candidates,
        "excluded": run.excluded,
        "exclusions": exclusions,
        "ranked_as_sector": None if run.sector is None else run.sector.slug,
        "results": request.build_absolute_uri(reverse("v1:match-run-results", args=[run.pk])),
    }


@require_safe
def request_matches_api(request, pk: int):
    """`GET /api/v1/requests/{id}/matches/`."""
    try:
        user = _api_user(request)
    except PermissionError as error:
        return _unauthenticated(str(error))
    if not user.is_authenticated:
        return _unauthenticated("Authentication credentials were not provided.")
    outsourcing_request = request_list_managed(user=user).filter(pk=pk).first()
    if outsourcing_request is None or not can_view_matches(
        user=user, outsourcing_request=outsourcing_request
    ):
        return JsonResponse(
            {"error": {"type": "invalid_request_error", "code": "not_found", "message": ""}},
            status=404,
        )
    latest, shown = match_runs_shown(outsourcing_request)
    if latest is None:
        return JsonResponse(
            {
                "error": {
                    "type": "invalid_request_error",
                    "code": "request_not_published",
                    "message": "",
                }
            },
            status=409,
        )
    try:
        if set(request.GET) - {"page", "page_size"}:
            raise Refused("The reference takes only page and page_size.")
        page, count, following, previous = _page(request, match_results(shown), size=PAGE_SIZE)
    except Refused as error:
        return _refused(str(error))
    names = ReasonNames()
    results = [
        {
            "vendor": result.vendor_id,
            "vendor_name": result.vendor.name,
            "vendor_slug": result.vendor.slug,
            "rank": result.rank,
            "score": float(result.score),
            "strong": result.is_strong,
            "breakdown": {part: float(points) for part, points in result.breakdown.items()},
            "reasons": [
                {"code": reason["code"], "met": reason["met"], "text": reason_text(reason, names)}
                for reason in result.reasons
            ],
        }
        for result in page.object_list
    ]
    return JsonResponse(
        {
            "run": None if shown is None else _run_json(request, shown, user=user, names=names),
            "latest_run": _run_json(request, latest, user=user, names=names),
            "count": count,
            "next": following,
            "previous": previous,
            "results": results,
        }
    )


# --- The company's requests (dashboard page) -----------------------------------------------------


@login_required
@require_safe
def request_list(request):
    """`/requests/`: the company's requests with what came of each."""
    if not can_create_request(user=request.user):
        raise Http404
    page = Paginator(request_list_dashboard(user=request.user), REQUESTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = request_rows_ranked_as(requests=page.object_list)
    return render(request, "marketplace/requests/list.html", {"page": page})
