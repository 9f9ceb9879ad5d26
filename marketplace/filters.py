"""The API lists' filters; the vendor directory's serve the API and the web UI alike.

`sector` is a sector's slug wherever a list can be narrowed to one (vendors, requests, skills,
certifications).
"""

from uuid import uuid4

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import QueryArrayWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from config.lists import TimestampFilterSet

from .choices import CANADIAN_PROVINCES, Language
from .models import (
    Certification,
    OutsourcingRequest,
    Sector,
    Skill,
    Vendor,
    VendorExpertise,
)

# Every word of a search is one more case-insensitive substring scan over each vendor's name,
# description, city and skills. At 100,000 vendors on PostgreSQL (the 2-core development
# machine) a common word costs about 0.2 s, 0.4 s when the machine is busy; 200 words took 6 s
# to 20 s and 1,900 killed a web worker. People type a few words ("sportsbook odds Toronto");
# 6 words keep the worst search under half the statement timeout (DATABASE_STATEMENT_TIMEOUT_MS,
# 5 s) even on the busy machine, and 100 characters hold any 6 real words. README: "Search".
SEARCH_MAX_WORDS = 6
SEARCH_MAX_LENGTH = 100


def validate_search_words(value: str) -> None:
    count = len(value.split())
    if count > SEARCH_MAX_WORDS:
        raise ValidationError(
            ngettext(
                "Search with at most %(limit)d word (this search has %(count)d).",
                "Search with at most %(limit)d words (this search has %(count)d).",
                SEARCH_MAX_WORDS,
            ),
            code="max_words",
            params={"limit": SEARCH_MAX_WORDS, "count": count},
        )


# --- The directory's choices, rendered once -----------------------------------------------------
# Rendering the directory's menus and its sixty-odd skill checkboxes through Django's widget
# templates took half the page's time (and three queries for the choices), for HTML that is the
# same on every visit where nothing is chosen in them. So a widget with nothing chosen is served
# from the cache, per language, until a sector, skill or certification changes (the receivers
# below start a new generation of keys; the hour bounds what a bulk update, which sends no
# signal, leaves stale). A widget with a choice made, or with errors, is rendered as before.

RENDERED_CHOICES_GENERATION = "marketplace:directory-choices:generation"
RENDERED_CHOICES_SECONDS = 60 * 60


def rendered_choices_generation() -> str:
    """The current generation of the directory's rendered widgets (one cache read)."""
    return cache.get_or_set(RENDERED_CHOICES_GENERATION, lambda: uuid4().hex, timeout=None)


@receiver(post_save, sender=Sector, dispatch_uid="directory-choices.sector-saved")
@receiver(post_delete, sender=Sector, dispatch_uid="directory-choices.sector-deleted")
@receiver(post_save, sender=Skill, dispatch_uid="directory-choices.skill-saved")
@receiver(post_delete, sender=Skill, dispatch_uid="directory-choices.skill-deleted")
@receiver(post_save, sender=Certification, dispatch_uid="directory-choices.certification-saved")
@receiver(post_delete, sender=Certification, dispatch_uid="directory-choices.certification-deleted")
def rendered_choices_forget(**kwargs) -> None:
    cache.set(RENDERED_CHOICES_GENERATION, uuid4().hex, timeout=None)


class RenderedOnce:
    """A choice widget the directory renders from the cache while nothing is chosen in it.

    Only when the page gives the widget a generation (`rendered_generation`): the API's forms,
    whose menus differ (every order, not the page's four), always render their own."""

    rendered_generation: str | None = None

    def render(self, name, value, attrs=None, renderer=None):
        if self.rendered_generation is None or value not in (None, "", [], ()):
            return super().render(name, value, attrs, renderer)
        shape = ",".join(f"{key}={attrs[key]}" for key in sorted(attrs or {}))
        key = f"marketplace:directory-choices:{self.rendered_generation}:{get_language()}:{name}:{shape}"
        html = cache.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            cache.set(key, html, timeout=RENDERED_CHOICES_SECONDS)
        return html


class ChoicesSelect(RenderedOnce, forms.Select):
    """A menu of the directory's (see `RenderedOnce`)."""


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    """A related row given by its slug (documented as a string in the API schema)."""


class SlugListWidget(RenderedOnce, forms.CheckboxSelectMultiple):
    """Checkboxes in the web form; reads `?skills=a,b` as well as `?skills=a&skills=b`."""

    query = QueryArrayWidget()

    def value_from_datadict(self, data, files, name):
        values = self.query.value_from_datadict(data, files, name)
        return sorted(
            {part.strip() for value in values for part in value.split(",") if part.strip()}
        )


@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Related rows given as comma-separated slugs."""


# The directory's orders, by public facts only: never the matching score, never anything paid.
# Each name is what `?ordering=` takes on the page and in the API; `-` reverses, as on every
# list. The page offers these four; the API takes every value of ORDERING_VALUES.
# README: "Lists".
DIRECTORY_ORDERINGS = {
    "name": _("Name (A–Z)"),
    "-rating": _("Best rated"),
    "-experience": _("Most experienced in the sector"),
    "hourly_rate_min": _("Lowest rate"),
}

# Listed as the API's other lists list their orders: each field, then its reverse.
ORDERING_VALUES = [
    value
    for field in ("name", "created_at", "updated_at", "hourly_rate_min", "rating", "experience")
    for value in (field, f"-{field}")
]

# The message every list of the API gives for an order it does not offer (config/lists.py).
ORDERING_REFUSAL = lazy(
    lambda: gettext("Order by one of: %(allowed)s.") % {"allowed": ", ".join(ORDERING_VALUES)},
    str,
)()
# The page's, naming the orders its menu offers (the only ones it takes).
DIRECTORY_ORDERING_REFUSAL = lazy(
    lambda: (
        gettext("Order by one of: %(allowed)s.")
        % {"allowed": ", ".join(str(label) for label in DIRECTORY_ORDERINGS.values())}
    ),
    str,
)()


def vendor_list_ordered(
    vendors: QuerySet[Vendor], *, ordering: str, sector: Sector | None
) -> QuerySet[Vendor]:
    """`vendors` in the order `ordering` names, in the same one query.

    - `rating`: the Bayesian mean of the verified reviews (`Vendor.rating`); vendors without
      reviews come last either way, then more reviews first.
    - `experience`: years of practice in `sector`, then the level there; without a sector,
      the vendor's longest practice in any sector. Vendors without it come last either way.
    - the others: the field itself.
    Name and then id break the remaining ties, so a vendor never shows on two pages.
    """
    field = ordering.lstrip("-")
    descending = ordering.startswith("-")

    def directed(name):
        expression = F(name)
        return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)

    if field == "rating":
        vendors = vendors.annotate(rating_order=Vendor.rating_expression())
        keys = [directed("rating_order"), "-review_count", "name"]
    elif field == "experience":
        practice = VendorExpertise.objects.filter(vendor=OuterRef("pk")).order_by(
            "-years", "-level"
        )
        if sector is not None:
            practice = practice.filter(sector=sector)
        vendors = vendors.annotate(
            experience_years=Subquery(practice.values("years")[:1]),
            experience_level=Subquery(practice.values("level")[:1]),
        )
        keys = [directed("experience_years"), directed("experience_level"), "name"]
    else:
        # The API's orders as they were before these: the field, then the id the same way.
        return vendors.order_by(ordering, "-pk" if descending else "pk")
    return vendors.order_by(*keys, "pk")


@extend_schema_field({"type": "string", "maxLength": SEARCH_MAX_LENGTH})
class SearchFilter(django_filters.CharFilter):
    """Free text, its length bound documented in the API schema."""


class VendorFilter(django_filters.FilterSet):
    sector = SlugFilter(
        queryset=Sector.objects.all(),
        to_field_name="slug",
        method="filter_expertise",
        widget=ChoicesSelect,
        label=_("Sector"),
        empty_label=_("Any sector"),
        help_text=_("Sector slug: vendors with expertise in it."),
    )
    min_level = django_filters.NumberFilter(
        method="filter_expertise",
        min_value=1,
        max_value=5,
        label=_("Minimum level"),
        help_text=_("1–5; with `sector`, the level in that sector, else in any sector."),
    )
    skills = SlugsFilter(
        queryset=Skill.objects.all(),
        field_name="skills__slug",
        to_field_name="slug",
        conjoined=True,
        widget=SlugListWidget,
        label=_("Skills"),
        help_text=_("Skill slugs, comma-separated or repeated; vendors with all of them."),
    )
    certification = SlugFilter(
        queryset=Certification.objects.all(),
        widget=ChoicesSelect,
        to_field_name="slug",
        field_name="certifications",
        label=_("Certification"),
        empty_label=_("Any certification"),
        help_text=_("Certification slug."),
    )
    language = django_filters.ChoiceFilter(
        choices=Language.choices,
        widget=ChoicesSelect,
        method="filter_language",
        label=_("Language"),
        empty_label=_("Any language"),
    )
    province = django_filters.ChoiceFilter(
        choices=CANADIAN_PROVINCES,
        widget=ChoicesSelect,
        label=_("Province"),
        empty_label=_("Any province"),
    )
    max_rate = django_filters.NumberFilter(
        field_name="hourly_rate_min",
        lookup_expr="lte",
        min_value=0,
        label=_("Maximum hourly rate (CAD)"),
        help_text=_("Vendors whose lowest hourly rate is at most this, in CAD."),
    )
    q = SearchFilter(
        method="search",
        max_length=SEARCH_MAX_LENGTH,
        validators=[validate_search_words],
        label=_("Search"),
    )
    status = django_filters.ChoiceFilter(
        choices=Vendor.Status.choices,
        widget=ChoicesSelect,
        label=_("Status"),
        empty_label=_("Any status"),
    )
    ordering = django_filters.ChoiceFilter(
        # The API's values name themselves; the page shows its four with their labels.
        choices=[(value, DIRECTORY_ORDERINGS.get(value, value)) for value in ORDERING_VALUES],
        method="order",
        widget=ChoicesSelect,
        empty_label=None,
        label=_("Sort by"),
        error_messages={"invalid_choice": ORDERING_REFUSAL},
        help_text="`-rating`: best rated first (Bayesian mean of the verified reviews; none "
        "last). `-experience`: most years, then the highest level, in the `sector` given, "
        "else in any sector. `hourly_rate_min`: lowest rate first. `name` by default; `-` "
        "reverses. Name, then id, break ties. Never the matching score.",
    )

    class Meta:
        model = Vendor
        fields = [
            "sector",
            "min_level",
            "skills",
            "certification",
            "language",
            "province",
            "max_rate",
            "q",
            "status",
            "ordering",
        ]

    def order(self, queryset, name, value):
        return vendor_list_ordered(
            queryset, ordering=value, sector=self.form.cleaned_data.get("sector")
        )

    def filter_expertise(self, queryset, name, value):
        # Sector and level must hold for the same expertise row, so both apply in one EXISTS.
        sector = self.form.cleaned_data.get("sector")
        min_level = self.form.cleaned_data.get("min_level")
        if name == "min_level" and sector is not None:
            return queryset  # already applied together with `sector`
        rows = VendorExpertise.objects.filter(vendor=OuterRef("pk"))
        if sector is not None:
            rows = rows.filter(sector=sector)
        if min_level is not None:
            rows = rows.filter(level__gte=min_level)
        return queryset.filter(Exists(rows))

    def filter_language(self, queryset, name, value):
        return queryset.filter(Vendor.speaks_any_q([value]))

    def search(self, queryset, name, value):
        """Vendors with every word somewhere in their name, descriptions (any language), city
        or skills."""
        # One filter() for all the words: a filter() per word copied the growing WHERE clause
        # each time, so building the query alone grew with the square of the words.
        return queryset.filter(
            *(
                Q(name__icontains=term)
                | Q(description_en__icontains=term)
                | Q(description_fr__icontains=term)
                | Q(description_es__icontains=term)
                | Q(city__icontains=term)
                | Exists(
                    Skill.vendors.through.objects.filter(
                        vendor=OuterRef("pk"), skill__name__icontains=term
                    )
                )
                # A word given twice is the same condition.
                for term in dict.fromkeys(value.split())
            )
        )


class VendorListFilter(VendorFilter, TimestampFilterSet):
    """The directory's filters and, for clients that sync, the timestamps (API only: a person
    browsing the directory has no use for them)."""


def sector_filter(*, field_name: str, help_text: str) -> SlugFilter:
    return SlugFilter(
        queryset=Sector.objects.all(),
        to_field_name="slug",
        field_name=field_name,
        help_text=help_text,
    )


class SectorFilter(TimestampFilterSet):
    class Meta:
        model = Sector
        fields = []


class SkillFilter(TimestampFilterSet):
    sector = sector_filter(field_name="sector", help_text="Sector slug: the sector's skills.")

    class Meta:
        model = Skill
        fields = ["sector"]


class CertificationFilter(TimestampFilterSet):
    sector = sector_filter(
        field_name="sectors", help_text="Sector slug: certifications that sector asks for."
    )

    class Meta:
        model = Certification
        fields = ["sector"]


class RequestFilter(TimestampFilterSet):
    status = django_filters.ChoiceFilter(choices=OutsourcingRequest.Status.choices)
    sector = sector_filter(field_name="sector", help_text="Sector slug: requests in it.")
    visibility = django_filters.ChoiceFilter(
        choices=OutsourcingRequest.Visibility.choices,
        help_text="`open` requests, or those `invitation` only.",
    )

    class Meta:
        model = OutsourcingRequest
        fields = ["status", "sector", "visibility"]
