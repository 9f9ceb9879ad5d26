"""Forms for logging in, a company's onboarding and the team page. They collect input; the
services decide what is allowed. (A vendor's onboarding form is in `marketplace.forms`.)"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import ServiceErrorsMixin, website_field

from .choices import Role
from .models import Company


class LoginForm(AllauthLoginForm):
    """allauth's log-in form (ACCOUNT_FORMS), its field labelled for what it takes (allauth's
    own label is a bare "Login"). The page links to the password reset under the form, so the
    password's help text does not repeat the link between the password and the button."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or email address")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""


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
