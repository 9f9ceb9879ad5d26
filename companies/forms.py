"""Forms for accounts and onboarding. They collect input; the services decide what is allowed."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from config.forms import ServiceErrorsMixin
from marketplace.choices import Language
from marketplace.models import Vendor

from .choices import Role
from .models import Company, User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        label=_("Email"), help_text=_("Where we send password resets."), required=True
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


def _website_field():
    # Django 6 makes https the scheme for addresses typed without one; take it already.
    return forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class CompanyForm(ServiceErrorsMixin, forms.ModelForm):
    # Longer than the 13 stored characters: people type "ABC-010101-AB1", the model compacts it.
    rfc = forms.CharField(
        label=_("RFC"), max_length=20, help_text=Company._meta.get_field("rfc").help_text
    )
    website = _website_field()

    class Meta:
        model = Company
        fields = ["name", "rfc", "state", "city", "description", "website"]


class VendorForm(ServiceErrorsMixin, forms.ModelForm):
    website = _website_field()
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
            "description",
            "website",
            "team_size",
            "hourly_rate_min",
            "hourly_rate_max",
            "languages",
            "business_number",
        ]


class InvitationForm(ServiceErrorsMixin, forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.MEMBER,
        help_text=_("Owners edit the organisation and invite people; members act for it."),
    )
