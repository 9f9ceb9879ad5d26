"""Organisations and the people in them.

A user belongs to at most one organisation — a Mexican `Company` or a Canadian
`marketplace.Vendor` — through a single `Membership` row with a role.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import MEXICAN_STATES, Role
from .validators import normalize_rfc, validate_rfc, validate_single_line

# The longest text a person writes in one field (a description, an answer, a reason): about two
# pages. Without one, a 10,000-character description went through every form and the API.
TEXT_LIMIT = 5000


def limited_text_field(verbose_name, *, max_length: int = TEXT_LIMIT, **kwargs) -> models.TextField:
    """A TextField the model itself keeps within `max_length`.

    Django hands a TextField's `max_length` to its form field and DRF to its serializer field,
    but `full_clean()` ignores it: the validator makes it the model's rule, which services
    check and forms and serializers surface (a `max_length` 400 in the API)."""
    return models.TextField(
        verbose_name, max_length=max_length, validators=[MaxLengthValidator(max_length)], **kwargs
    )


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A person using Norte; logs in with a username. See `organisation` for what they act for."""

    # What Norte writes to them in when they are not on a page (emails): set at their first
    # login from the language they were using, changed on the notification preferences page.
    # Blank: the site's default (settings.LANGUAGE_CODE).
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the emails Norte sends you."),
    )

    def save(self, *args, **kwargs):
        # Every way of changing a password (the reset link, the admin, a service, the shell)
        # goes through set_password(), which keeps the new one in `_password` until the row is
        # saved: the condition Django's own password_changed() hook runs on. A hash upgrade at
        # login clears it first, so it is not taken for a change.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            self.api_tokens_revoke()

    def api_tokens_revoke(self) -> None:
        """Sign the person out of the API everywhere: every token they hold stops working, and
        `POST /api/v1/auth/token/` gives a new one."""
        self.auth_token_set.all().delete()

    @property
    def email_language(self) -> str:
        """The language to write to them in."""
        return self.language or settings.LANGUAGE_CODE

    @property
    def organisation(self):
        membership = getattr(self, "membership", None)
        return membership.organisation if membership else None


class Company(TimeStampedModel):
    """A Mexican company that outsources technology work, identified by its RFC."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    rfc = models.CharField(
        _("RFC"),
        max_length=13,
        validators=[validate_rfc],
        help_text=_("Registro Federal de Contribuyentes: 12 characters for a company."),
    )
    state = models.CharField(_("state"), max_length=3, choices=MEXICAN_STATES)
    city = models.CharField(_("city"), max_length=100)
    description = limited_text_field(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Set by Norte staff after checking the RFC.")
    )

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rfc"],
                name="company_rfc_unique",
                violation_error_message=_("A company with this RFC is already registered."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        # Accept "abc-010101-ab1": compact before the length and format checks see it.
        self.rfc = normalize_rfc(self.rfc)
        super().clean_fields(exclude=exclude)


class OrganisationLink(models.Model):
    """Points at exactly one organisation: a Mexican `Company` or a Canadian vendor."""

    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("company"),
    )
    vendor = models.ForeignKey(
        "marketplace.Vendor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("vendor"),
    )

    class Meta:
        abstract = True

    @property
    def organisation(self):
        return self.company or self.vendor

    @staticmethod
    def exactly_one_organisation(*, name: str, message) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=(
                Q(company__isnull=False, vendor__isnull=True)
                | Q(company__isnull=True, vendor__isnull=False)
            ),
            name=name,
            violation_error_message=message,
        )


class Membership(OrganisationLink):
    """Ties a user to exactly one organisation (a company or a vendor) with a role."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="membership", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            OrganisationLink.exactly_one_organisation(
                name="membership_exactly_one_organisation",
                message=_("A membership is for one company or one vendor."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.role})"

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


def organisation_lookup(organisation) -> dict:
    """`{"company": …}` or `{"vendor": …}`: how Membership and Invitation point at an organisation."""
    if isinstance(organisation, Company):
        return {"company": organisation}
    return {"vendor": organisation}


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Neither accepted nor revoked (expired ones included: the service tells them apart)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(OrganisationLink, TimeStampedModel):
    """An owner's invitation for someone to join their company or vendor.

    The link in the email carries a random token; only its SHA-256 is stored, so a copy of the
    database cannot be used to join. One use, until `expires_at`, revocable by the owners.
    """

    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # Set once the email with the link went out (a task sends it after the invitation commits).
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            OrganisationLink.exactly_one_organisation(
                name="invitation_exactly_one_organisation",
                message=_("An invitation is for one company or one vendor."),
            ),
            # The service turns these into a clear 409 first; they hold under concurrency.
            models.UniqueConstraint(
                fields=["company", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_company_email",
                violation_error_message=_("This address already has a pending invitation."),
            ),
            models.UniqueConstraint(
                fields=["vendor", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_vendor_email",
                violation_error_message=_("This address already has a pending invitation."),
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def is_expired(self, now) -> bool:
        return now >= self.expires_at

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
