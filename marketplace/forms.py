"""Forms of the marketplace's pages: a company's request, a vendor's onboarding, profile and
expertise.

They check what a person typed; the rules about who may save what, and when a request may be
published, stay in `marketplace.services`.
"""

from urllib.parse import parse_qsl, urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from config.forms import (
    ServiceErrorsMixin,
    formfield_with_model_rules,
    model_form_field,
    website_field,
)
from config.time_zones import current_time_zone_name

from .choices import REQUEST_INITIAL_CURRENCY, Language
from .filters import VendorFilter
from .models import Certification, OutsourcingRequest, Sector, Skill, Vendor, VendorExpertise
from .models.base import LANGUAGE_CODES
from .services.matching.reading import RequestReading, request_reading, skills_mentioned
from .services.requests import request_languages_error


def skill_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Sixty-odd skills read better under their sectors, named in the reader's language."""
    groups: dict[str, list] = {}
    for skill in Skill.objects.select_related("sector").order_by(Skill.display_name_order()):
        label = skill.sector.display_name if skill.sector else _("Other")
        groups.setdefault(str(label), []).append((skill.pk, skill.display_name))
    return sorted(groups.items())


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes under one fieldset per group, whose legend names the group to screen readers
    (Django's own markup puts each group's name in a <label> tied to no control)."""

    template_name = "includes/widgets/grouped_checkboxes.html"


class SearchableCheckboxes(GroupedCheckboxes):
    """Grouped checkboxes for a long list (sixty-odd skills): the chosen ones are listed above
    it, and a search box (static/js/norte.js) narrows it down.

    In a scroll box of their own, six chosen skills showed two ticks. The list of chosen names is
    rendered here, so it shows without JavaScript too; the script turns it into chips that
    remove their choice, keeps it in step, and shows the search box."""

    template_name = "includes/widgets/searchable_checkboxes.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["chosen"] = [
            option
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
            if option["selected"]
        ]
        return context


def _model_field(name: str, **kwargs) -> forms.Field:
    return model_form_field(OutsourcingRequest, name, **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker. It sends `2026-05-04T17:00`, which Django reads as a
    time in the current time zone; the value shown is converted to it the same way."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class OutsourcingRequestForm(ServiceErrorsMixin, forms.Form):
    title = _model_field("title")
    description = _model_field("description", widget=forms.Textarea(attrs={"rows": 6}))
    sector = _model_field("sector", queryset=Sector.objects.all())
    sector_confirmed = forms.BooleanField(
        label=_("Rank by this sector even if the text reads as another"), required=False
    )
    skills = _model_field("skills", queryset=Skill.objects.all(), widget=SearchableCheckboxes)
    budget_min = _model_field("budget_min")
    budget_max = _model_field("budget_max")
    currency = _model_field("currency", initial=REQUEST_INITIAL_CURRENCY)
    team_size = _model_field("team_size")
    duration_weeks = _model_field("duration_weeks")
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one is needed before publishing."),
    )
    required_certifications = _model_field(
        "required_certifications",
        queryset=Certification.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = _model_field("visibility", widget=forms.RadioSelect)
    # Whether the deadlines hold (in the future, questions before proposals) is the model's and
    # the services' rule; their errors land on these fields.
    proposals_due = _model_field("proposals_due", widget=DateTimeLocalInput)
    questions_due = _model_field("questions_due", widget=DateTimeLocalInput)

    # As the page lays them out (requests/_form_fields.html): the error summary at the top of a
    # refused form lists the errors in this order.
    field_order = [
        "title",
        "description",
        "sector",
        "sector_confirmed",
        "budget_min",
        "budget_max",
        "currency",
        "team_size",
        "duration_weeks",
        "languages",
        "visibility",
        "proposals_due",
        "questions_due",
        "skills",
        "required_certifications",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = Sector.display_name_order()
        self.fields["sector"].queryset = Sector.objects.order_by(order)
        self.fields["skills"].choices = skill_choices()
        # The picker shows no time zone: say which one its times are in.
        zone = _("Times are in %(zone)s.") % {"zone": current_time_zone_name()}
        for name in ("proposals_due", "questions_due"):
            field = self.fields[name]
            field.help_text = format_lazy("{} {}", field.help_text, zone)

    @classmethod
    def initial_for(cls, request: OutsourcingRequest) -> dict:
        initial = {name: getattr(request, name) for name in cls.base_fields}
        for relation in ("skills", "required_certifications"):
            initial[relation] = [item.pk for item in initial[relation].all()]
        return initial

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_min", _("The minimum budget cannot exceed the maximum budget."))
        return cleaned

    @property
    def languages_notice(self) -> str | None:
        """Why the request could not be published yet with the languages ticked, if it could
        not: saving a draft without one is fine, publishing it is not."""
        error = request_languages_error(languages=self["languages"].value() or [])
        return error.messages[0] if error else None

    def drop_required_errors(self) -> None:
        """While a person is still filling the form in, empty fields are not mistakes yet."""
        for name, errors in list(self.errors.as_data().items()):
            kept = [error for error in errors if error.code != "required"]
            if kept:
                # Keeping the list's id, which the field's aria-describedby points at.
                field_id = self._errors[name].field_id
                self._errors[name] = self.error_class(
                    kept, renderer=self.renderer, field_id=field_id
                )
            else:
                del self._errors[name]


class RequestReadingForm(forms.Form):
    """What the request form holds so far, read as the person types for the suggestions beside
    the sector and the skills (`request_reading`).

    The request form's own fields and limits, none required: half a form is still read. Input
    no real form sends (an unknown sector or skill, a text over the limit) is read as nothing
    rather than refused: the suggestions are a courtesy, the request form says what is wrong.
    """

    title = _model_field("title", required=False)
    description = _model_field("description", required=False)
    sector = _model_field("sector", queryset=Sector.objects.all(), required=False)
    sector_confirmed = forms.BooleanField(required=False)
    skills = _model_field("skills", queryset=Skill.objects.all(), required=False)

    def reading(self) -> RequestReading:
        if not self.is_valid():
            return RequestReading(sector=None, skills=[])
        return request_reading(**self.cleaned_data)

    @classmethod
    def for_request(cls, outsourcing_request: OutsourcingRequest) -> "RequestReadingForm":
        """The form as a saved request fills it in: its edit page suggests on load."""
        return cls(
            {
                "title": outsourcing_request.title,
                "description": outsourcing_request.description,
                "sector": outsourcing_request.sector_id,
                "sector_confirmed": outsourcing_request.sector_confirmed,
                "skills": [skill.pk for skill in outsourcing_request.skills.all()],
            }
        )


class VendorSkillsReadingForm(forms.Form):
    """A vendor's descriptions as typed on its edit page and the skills ticked there, read for
    the skills the descriptions mention that are not ticked (`skills_mentioned`). Input no real
    form sends is read as nothing, as in `RequestReadingForm`."""

    skills = forms.ModelMultipleChoiceField(queryset=Skill.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Vendor.DESCRIPTION_FIELDS:
            self.fields[name] = model_form_field(Vendor, name, required=False)

    def suggestions(self) -> list[Skill]:
        if not self.is_valid():
            return []
        return skills_mentioned(
            texts=[self.cleaned_data[name] for name in Vendor.DESCRIPTION_FIELDS],
            besides=self.cleaned_data["skills"],
        )


class VendorForm(ServiceErrorsMixin, forms.ModelForm):
    """What a person founding a vendor fills in; `vendor_create` decides whether it may be.

    One description per language, each labelled with the language's own name and marked with
    its `lang`, so a screen reader reads what is typed in that language's voice.
    """

    website = website_field()
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Vendor
        fields = [
            "name",
            "province",
            "city",
            *Vendor.DESCRIPTION_FIELDS,
            "website",
            "team_size",
            "hourly_rate_min",
            "hourly_rate_max",
            "languages",
            "business_number",
        ]
        formfield_callback = formfield_with_model_rules
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in Vendor.DESCRIPTION_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            field = self.fields[f"description_{code}"]
            field.widget.attrs["lang"] = code
            field.label = format_html(
                '{} <span lang="{}">({})</span>',
                _("Description"),
                code,
                get_language_info(code)["name_local"].capitalize(),
            )


class VendorProfileForm(VendorForm):
    """The onboarding form plus what a listing is matched on: skills and certifications.

    Bound to the vendor so uniqueness (business number) is checked as the person types; the
    save itself goes through `vendor_update`.
    """

    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.all(),
        required=False,
        widget=SearchableCheckboxes,
    )
    certifications = forms.ModelMultipleChoiceField(
        label=_("Certifications"),
        queryset=Certification.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Norte staff may ask for proof before a buyer relies on one."),
    )

    class Meta(VendorForm.Meta):
        fields = [*VendorForm.Meta.fields, "skills", "certifications"]

    def __init__(self, *args, instance: Vendor, **kwargs):
        initial = {"languages": instance.languages, **kwargs.pop("initial", {})}
        super().__init__(*args, instance=instance, initial=initial, **kwargs)
        self.fields["skills"].choices = skill_choices()


LEVEL_CHOICES = [
    (1, _("1 — some experience")),
    (2, _("2 — a few projects")),
    (3, _("3 — solid")),
    (4, _("4 — specialist")),
    (5, _("5 — leading")),
]


class ExpertiseForm(forms.Form):
    """One sector the vendor works in, how deep (1–5) and for how many years."""

    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all())
    # The blank first choice keeps an untouched extra row unchanged, so it is ignored.
    level = forms.TypedChoiceField(
        label=_("Level"), choices=[("", "—"), *LEVEL_CHOICES], coerce=int
    )
    years = forms.IntegerField(
        label=_("Years of practice"),
        initial=0,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
        widget=forms.NumberInput(attrs={"min": 0, "max": 80}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.order_by(Sector.display_name_order())


class BaseExpertiseFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        sectors = [row["sector"] for row in self.rows()]
        if len(set(sectors)) != len(sectors):
            raise ValidationError(_("List each sector once."), code="duplicate")

    def rows(self) -> list[dict]:
        """The filled-in rows the person kept, as `vendor_update` takes them."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not self._should_delete_form(form)
        ]

    @classmethod
    def initial_for(cls, vendor: Vendor) -> list[dict]:
        return [
            {"sector": row.sector_id, "level": row.level, "years": row.years}
            for row in VendorExpertise.objects.filter(vendor=vendor).order_by("-level", "-years")
        ]


# Two blank rows under the vendor's sectors: enough to add one or two at a time without
# JavaScript; saving brings two more. (Duplicates are refused, so the sectors bound the list.)
ExpertiseFormSet = forms.formset_factory(
    ExpertiseForm, formset=BaseExpertiseFormSet, extra=2, can_delete=True
)


# A table wider than four vendors no longer reads side by side, least of all on a phone.
COMPARE_MAX = 4


class VendorIdsField(forms.Field):
    """Vendor ids given as `?vendor=1&vendor=2`, in the order given, each once."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        ids = []
        for item in value or ():
            # An id beyond 18 digits is no row's, and more than the database's integers hold.
            if not (item.isascii() and item.isdigit() and len(item) <= 18):
                raise ValidationError(
                    _("Choose the vendors to compare from the directory."), code="invalid"
                )
            ids.append(int(item))
        return list(dict.fromkeys(ids))

    def validate(self, value):
        super().validate(value)
        if len(value) > COMPARE_MAX:
            raise ValidationError(
                _(
                    "Compare at most %(limit)d vendors at once (you chose %(count)d): "
                    "untick some and compare again."
                ),
                code="too_many",
                params={"limit": COMPARE_MAX, "count": len(value)},
            )


class DirectoryQueryField(forms.CharField):
    """The directory's query string (its filters, order and page), carried through the compare
    form so that the way back finds the same list.

    Cleaned to the directory's own parameters, re-encoded: whatever a link sends, the back link
    built from it is a query on the directory's path and nothing else (no open redirect), and
    an unknown parameter is dropped rather than refusing the comparison."""

    PARAMETERS = frozenset(VendorFilter.base_filters) | {"page"}
    # Far more than the directory's filters can fill; beyond it the whole directory is linked.
    LONGEST = 2000

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if len(value) > self.LONGEST:
            return ""
        kept = [(name, item) for name, item in parse_qsl(value) if name in self.PARAMETERS]
        return urlencode(kept)


class VendorComparisonForm(forms.Form):
    vendor = VendorIdsField(required=False, label=_("Vendors"))
    directory = DirectoryQueryField(widget=forms.HiddenInput)

    def directory_url(self) -> str:
        """The directory as the reader left it (the whole directory if the query is unusable)."""
        query = self.cleaned_data.get("directory", "")
        return reverse("marketplace:vendor-list") + (f"?{query}" if query else "")
