"""Vendor listings: creation, edits by their owners, and moderation by staff."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.choices import Role
from companies.models import User
from companies.services import ensure_can_found_organisation, membership_create
from config.errors import Conflict
from config.services import model_update, unique_slug
from marketplace.events.models import Event
from marketplace.events.services import event_record
from marketplace.models import Vendor, VendorExpertise
from marketplace.policies import can_edit_vendor, can_moderate_vendors
from marketplace.selectors import vendor_listing_gaps
from marketplace.services.matching.prose import vendor_described_skills_refresh
from marketplace.services.matching.snapshot import vendors_changed
from marketplace.validators import RESERVED_VENDOR_SLUGS

VENDOR_EDITABLE_FIELDS = [
    "name",
    "slug",
    "business_number",
    "province",
    "city",
    *Vendor.DESCRIPTION_FIELDS,
    "website",
    "team_size",
    "hourly_rate_min",
    "hourly_rate_max",
    *Vendor.LANGUAGE_FIELDS,
]


@transaction.atomic
def vendor_create(
    *,
    actor: User,
    name: str,
    province: str,
    city: str,
    team_size: int,
    hourly_rate_min,
    hourly_rate_max,
    languages: list[str],
    description_en: str = "",
    description_fr: str = "",
    description_es: str = "",
    website: str = "",
    business_number: str = "",
    slug: str = "",
    skills=(),
    certifications=(),
    expertise=(),
    status: str = Vendor.Status.PENDING,
    status_reason: str = "",
) -> Vendor:
    """Create a listing. Staff may set any status; anyone else founds a `pending` vendor and
    becomes its owner (one organisation per person)."""
    if not actor.is_staff:
        ensure_can_found_organisation(actor)
    if not can_moderate_vendors(user=actor):
        status, status_reason = Vendor.Status.PENDING, ""
    vendor = Vendor(
        name=name,
        slug=slug or unique_slug(Vendor, name, reserved=RESERVED_VENDOR_SLUGS),
        province=province,
        city=city,
        team_size=team_size,
        hourly_rate_min=hourly_rate_min,
        hourly_rate_max=hourly_rate_max,
        description_en=description_en,
        description_fr=description_fr,
        description_es=description_es,
        website=website,
        business_number=business_number,
    )
    vendor.languages = languages
    if status != Vendor.Status.PENDING:
        _apply_status(vendor, actor=actor, status=status, reason=status_reason)
    vendor.full_clean()
    vendor.save()
    vendor.skills.set(skills)
    vendor_described_skills_refresh(vendor=vendor)
    vendor.certifications.set(certifications)
    _replace_expertise(vendor, expertise)
    if vendor.is_public:
        # Checked once skills and expertise are in: they are part of a complete listing.
        _ensure_listing_complete(vendor)
    if not actor.is_staff:
        membership_create(user=actor, organisation=vendor, role=Role.OWNER)
    return vendor


@transaction.atomic
def vendor_update(*, vendor: Vendor, actor: User, data: dict) -> Vendor:
    """Edit a listing (owners and staff). `status` in `data` is applied only for staff."""
    if not can_edit_vendor(user=actor, vendor=vendor):
        raise PermissionDenied(_("Only the vendor's owners and Norte staff can edit it."))
    if "languages" in data:
        data = {**data, **Vendor.language_flags(data["languages"])}
    fields_changed = model_update(instance=vendor, fields=VENDOR_EDITABLE_FIELDS, data=data)
    listing_before = _listing(vendor)
    if "skills" in data:
        vendor.skills.set(data["skills"])
    if "skills" in data or set(fields_changed) & set(Vendor.DESCRIPTION_FIELDS):
        vendor_described_skills_refresh(vendor=vendor)
    if "certifications" in data:
        vendor.certifications.set(data["certifications"])
    if "expertise" in data:
        _replace_expertise(vendor, data["expertise"])
    if not fields_changed and _listing(vendor) != listing_before:
        # The row itself is unchanged, but the listing is not: `updated_after` must find it.
        vendor.save(update_fields=["updated_at"])
    if can_moderate_vendors(user=actor) and data.get("status", vendor.status) != vendor.status:
        vendor = _moderate(
            vendor, actor=actor, status=data["status"], reason=data.get("status_reason", "")
        )
    return vendor


@transaction.atomic
def vendor_approve(*, vendor: Vendor, actor: User, reason: str = "") -> Vendor:
    """Make a pending or suspended vendor public and matchable."""
    return _moderate(vendor, actor=actor, status=Vendor.Status.APPROVED, reason=reason)


@transaction.atomic
def vendor_suspend(*, vendor: Vendor, actor: User, reason: str) -> Vendor:
    """Hide a vendor from the directory and from matching; its members see the reason."""
    return _moderate(vendor, actor=actor, status=Vendor.Status.SUSPENDED, reason=reason)


def _moderate(vendor: Vendor, *, actor: User, status: str, reason: str) -> Vendor:
    if not can_moderate_vendors(user=actor):
        raise PermissionDenied(_("Only Norte staff moderate vendors."))
    # Lock the row so two moderators acting at once cannot both "change" the same status.
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    if vendor.status == status:
        raise Conflict(
            _("The vendor is already %(status)s.") % {"status": vendor.get_status_display()},
            code="vendor_status_unchanged",
        )
    _apply_status(vendor, actor=actor, status=status, reason=reason)
    if vendor.is_public:
        _ensure_listing_complete(vendor)
    vendor.save(
        update_fields=[
            "status",
            "status_reason",
            "status_changed_by",
            "status_changed_at",
            "updated_at",
        ]
    )
    _moderation_event_record(vendor, actor=actor)
    return vendor


# The statuses whose change the vendor's team is told of; back to pending is staff's business.
MODERATION_EVENTS = {
    Vendor.Status.APPROVED: Event.Kind.VENDOR_APPROVED,
    Vendor.Status.SUSPENDED: Event.Kind.VENDOR_SUSPENDED,
}


def _moderation_event_record(vendor: Vendor, *, actor: User) -> None:
    """Tell the vendor's team, in the moderation's transaction.

    The reason is free text staff wrote: it stays on the vendor's row, not in the event's data
    (which webhooks and the feed send out, and keeps only ids). The event is dated with the
    status change, so the sentence shows the reason while the status it explains still holds
    (notifications/messages.py)."""
    kind = MODERATION_EVENTS.get(vendor.status)
    if kind is not None:
        event_record(
            kind=kind,
            actor=actor,
            vendors=[vendor],
            data={"vendor": vendor.pk},
            at=vendor.status_changed_at,
        )


def _apply_status(vendor: Vendor, *, actor: User, status: str, reason: str) -> None:
    # django-auditlog records the change (old and new status, reason, actor) for staff.
    if status not in Vendor.Status.values:
        message = _("Unknown status %(status)s.") % {"status": status}
        raise ValidationError({"status": ValidationError(message, code="invalid_choice")})
    reason = (reason or "").strip()
    if status == Vendor.Status.SUSPENDED and not reason:
        # Keyed by the model field: create and edit send it as `status_reason`; the suspend
        # endpoint checks its own `reason` before it gets here.
        message = _("Say why the vendor is suspended.")
        raise ValidationError({"status_reason": ValidationError(message, code="required")})
    # Moderation saves without a full_clean(): the reason's own limit is checked here.
    try:
        Vendor._meta.get_field("status_reason").run_validators(reason)
    except ValidationError as error:
        raise ValidationError({"status_reason": error.error_list}) from error
    vendor.status = status
    vendor.status_reason = reason
    vendor.status_changed_by = actor
    vendor.status_changed_at = timezone.now()


def _ensure_listing_complete(vendor: Vendor) -> None:
    """Only a complete listing goes public: matching and buyers rely on every part of it."""
    gaps = vendor_listing_gaps(vendor=vendor)
    if gaps:
        message = _("The listing is not complete: %(gaps)s.") % {"gaps": "; ".join(gaps)}
        raise ValidationError(message, code="listing_incomplete")


def _listing(vendor: Vendor) -> tuple:
    """What a vendor lists besides its own columns: skills, certifications and expertise."""
    return (
        set(vendor.skills.values_list("pk", flat=True)),
        set(vendor.certifications.values_list("pk", flat=True)),
        set(vendor.expertise.values_list("sector_id", "level", "years")),
    )


def _replace_expertise(vendor: Vendor, expertise) -> None:
    """Replace the vendor's expertise rows with `expertise` ([{sector, level, years}])."""
    sectors = [item["sector"] for item in expertise]
    if len(set(sectors)) != len(sectors):
        message = _("List each sector once.")
        raise ValidationError({"expertise": ValidationError(message, code="duplicate")})
    rows = [
        VendorExpertise(
            vendor=vendor, sector=item["sector"], level=item["level"], years=item.get("years", 0)
        )
        for item in expertise
    ]
    for row in rows:
        row.full_clean(exclude=["vendor"], validate_unique=False, validate_constraints=False)
    vendor.expertise.all().delete()
    VendorExpertise.objects.bulk_create(rows)
    vendors_changed([vendor.pk])  # bulk_create sends no signal
