"""The marketplace's web pages: home, the vendor directory, its comparison and vendor profiles.

Views stay thin: what a user may see comes from the selectors (the same ones the API uses) and the
directory is filtered by the API's own `VendorFilter`, so both answer the same question the same way.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from config.throttling import SearchThrottle, throttle

from ..filters import (
    DIRECTORY_ORDERING_REFUSAL,
    DIRECTORY_ORDERINGS,
    RenderedOnce,
    VendorFilter,
    rendered_choices_generation,
)
from ..forms import COMPARE_MAX, VendorComparisonForm
from ..models import VendorExpertise
from ..policies import can_moderate_vendors
from ..selectors import reader_money, sector_list_public, vendor_list_compared, vendor_list_visible
from ..tenders.selectors import review_list_visible, vendor_responsiveness

DIRECTORY_PAGE_SIZE = 20
PROFILE_REVIEWS = 20


def _with_listing(vendors):
    """What a card or a profile shows, fetched in a fixed number of queries."""
    return vendors.prefetch_related(
        Prefetch("expertise", queryset=VendorExpertise.objects.select_related("sector"))
    )


def _directory_form(filterset: VendorFilter, *, user):
    """The FilterSet's own form, fitted for people rather than API clients."""
    if not can_moderate_vendors(user=user):
        # Others only ever see approved vendors (and their own), so the moderation state is no
        # choice for them; the API keeps the filter and simply finds nothing hidden.
        del filterset.filters["status"]
    form = filterset.form
    for field in form.fields.values():
        # The help texts document the API's query syntax (slugs, commas); labels and widgets
        # say the same to a person.
        field.help_text = ""
    for name in ("sector", "skills"):
        field = form.fields[name]
        field.queryset = field.queryset.order_by(field.queryset.model.display_name_order())
    # People choose among the directory's own orders, and the page takes no other: an order
    # its menu cannot show would list the vendors one way and say another. The API takes all.
    ordering = form.fields["ordering"]
    ordering.choices = list(DIRECTORY_ORDERINGS.items())
    ordering.error_messages["invalid_choice"] = DIRECTORY_ORDERING_REFUSAL
    generation = rendered_choices_generation()
    for field in form.fields.values():
        if isinstance(field.widget, RenderedOnce):
            field.widget.rendered_generation = generation
    return form


def _active_filters(form) -> int:
    """How many filters narrow the list (the order is no filter): the collapsed filters say it."""
    return sum(
        1 for field in form if field.name != "ordering" and any(form.data.getlist(field.name))
    )


@require_safe
def home(request):
    return render(request, "marketplace/home.html", {"sectors": sector_list_public()})


@require_safe
@throttle(SearchThrottle)
def vendor_list(request):
    vendors = _with_listing(vendor_list_visible(user=request.user))
    filterset = VendorFilter(request.GET, queryset=vendors, request=request)
    form = _directory_form(filterset, user=request.user)
    page = page_range = None
    if filterset.is_valid():
        page = Paginator(filterset.qs, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        page_range = page.paginator.get_elided_page_range(page.number)
    ordering = form.cleaned_data.get("ordering", "") if page is not None else ""
    context = {
        "form": form,
        "page": page,
        "page_range": page_range,
        "active_filters": _active_filters(form),
        # Experience without a sector is each vendor's longest practice: the page says so.
        "experience_in_any_sector": ordering.lstrip("-") == "experience"
        and form.cleaned_data.get("sector") is None,
        "compare_max": COMPARE_MAX,
        # Buyers read rates also in pesos (templates/marketplace/_rate_range.html).
        "reader_money": reader_money(user=request.user, on=timezone.localdate()),
    }
    if request.htmx and not request.htmx.history_restore_request:
        # The fragment also carries the collapsed filters' count, which sits outside it.
        response = render(request, "marketplace/_vendor_results.html", context | {"fragment": True})
    else:
        response = render(request, "marketplace/vendor_list.html", context)
    # The same URL answers with a fragment or a whole page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def vendor_detail(request, slug):
    vendors = _with_listing(vendor_list_visible(user=request.user))
    vendor = get_object_or_404(vendors.prefetch_related("skills", "certifications"), slug=slug)
    context = {
        "vendor": vendor,
        # Its reputation (templates/tenders/vendor/_reputation.html): the latest reviews.
        "reviews": review_list_visible(user=request.user).filter(vendor=vendor)[:PROFILE_REVIEWS],
        "responsiveness": vendor_responsiveness(vendor=vendor),
        "reader_money": reader_money(user=request.user, on=timezone.localdate()),
    }
    return render(request, "marketplace/vendor_detail.html", context)


@require_safe
def vendor_compare(request):
    """Up to `COMPARE_MAX` vendors side by side, chosen on the directory's cards.

    More than that, or an id that is no number, is refused (400) with the reason; a vendor the
    reader may not see, or that does not exist, is left out with a message that does not say
    which, as the profile page's 404 would not; fewer than two is explained. Every way back
    leads to the directory as the reader left it (its filters, order and page)."""
    form = VendorComparisonForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "directory_url": form.directory_url()}
        return render(request, "marketplace/vendor_compare.html", context, status=400)
    chosen = form.cleaned_data["vendor"]
    vendors = vendor_list_compared(user=request.user, vendor_ids=chosen)
    context = {
        "form": form,
        "directory_url": form.directory_url(),
        "vendors": vendors,
        "left_out": len(chosen) - len(vendors),
        "compare_max": COMPARE_MAX,
    }
    return render(request, "marketplace/vendor_compare.html", context)
