"""The preferences page's form: the language of emails, and one choice per kind of event."""

from django import forms
from django.utils.translation import gettext_lazy as _

from companies.models import User
from config.languages import languages_in_their_own_words

from .models import EmailChoice
from .selectors import GROUPS, KindPreference

GROUP_LABELS = {
    "tenders": _("Tenders"),
    "engagements": _("Engagements and reviews"),
    "organisation": _("Your organisation"),
}


def field_name(kind: str) -> str:
    return "email_" + kind.replace(".", "__")


class NotificationPreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of emails"),
        choices=lambda: [("", _("The site’s default")), *languages_in_their_own_words()],
        required=False,
        help_text=User._meta.get_field("language").help_text,
    )

    def __init__(self, *args, preferences: list[KindPreference], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = [preference.kind for preference in preferences]
        for preference in preferences:
            self.fields[field_name(preference.kind)] = forms.ChoiceField(
                label=preference.label, choices=EmailChoice.choices, initial=preference.email
            )

    def groups(self):
        """(label, fields) of each group of kinds, in the page's order."""
        groups = [
            (GROUP_LABELS[group], [self[field_name(kind)] for kind in kinds if kind in self.kinds])
            for group, kinds in GROUPS
        ]
        return [(label, fields) for label, fields in groups if fields]

    def emails(self) -> dict[str, str]:
        return {kind: self.cleaned_data[field_name(kind)] for kind in self.kinds}
