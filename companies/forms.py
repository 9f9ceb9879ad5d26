"""Forms for accounts, a company's onboarding and the team page. They collect input; the
services decide what is allowed. (A vendor's onboarding form is in `marketplace.forms`.)"""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from config.forms import ServiceErrorsMixin, website_field

from .choices import Role
from .models import Company, User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        label=_("Email"), help_text=_("Where we send password resets."), required=True
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


class CompanyForm(ServiceErrorsMixin, forms.ModelForm):
    # Longer than the 13 stored characters: people type "ABC-010101-AB1", the model compacts it.
    rfc = forms.CharField(
        label=_("RFC"), max_length=20, help_text=Company._meta.get_field("rfc").help_text
    )
    website = website_field()

    class Meta:
        model = Company
        fields = ["name", "rfc", "state", "city", "description", "website"]


class InvitationForm(ServiceErrorsMixin, forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.MEMBER,
        help_text=_("Owners edit the organisation and invite people; members act for it."),
    )
