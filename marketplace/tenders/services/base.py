"""What the tender services share: refusing with the right status, and moving states."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from companies.models import User
from config.errors import Conflict, PermissionDenied
from marketplace.events.models import Event
from marketplace.events.services import event_record
from marketplace.models import OutsourcingRequest, Vendor

from ..policies import acting_vendor


def record(
    kind: Event.Kind, *, actor: User, outsourcing_request: OutsourcingRequest, vendors, **objects
):
    """The event of a tender transition, in its transaction: it concerns the request's company
    and `vendors`; `objects` name the rows involved (`proposal=…`), kept by id."""
    return event_record(
        kind=kind,
        actor=actor,
        outsourcing_request=outsourcing_request,
        companies=[outsourcing_request.company],
        vendors=vendors,
        data={name: row.pk for name, row in objects.items()},
    )


def ensure(allowed: bool, message: str, *, code: str = "permission_denied") -> None:
    """A 403 with `message` unless the policy said yes."""
    if not allowed:
        raise PermissionDenied(message, code=code)


def move(row, status: str, *, code: str, message: str) -> None:
    """Set `row.status` if its `TRANSITIONS` allow it, else a 409 with `code`."""
    if not row.can_become(status):
        raise Conflict(message, code=code)
    row.status = status


def ensure_published(outsourcing_request: OutsourcingRequest) -> None:
    if outsourcing_request.is_closed:
        raise Conflict(
            _("This request is %(status)s; nothing more can be done on it.")
            % {"status": outsourcing_request.get_status_display().lower()},
            code="request_closed",
        )
    if not outsourcing_request.is_published:
        raise Conflict(_("The request is not published yet."), code="request_not_published")


def vendor_acting(*, actor: User) -> Vendor:
    """The approved vendor `actor` acts for; 403 for anyone else, with why."""
    vendor = acting_vendor(user=actor)
    if vendor is None:
        raise PermissionDenied(
            _("Only a vendor's members can do this."), code="not_a_vendor_member"
        )
    if vendor.status != Vendor.Status.APPROVED:
        raise PermissionDenied(
            _("Your vendor is not approved on Norte, so it cannot take part in requests."),
            code="vendor_not_approved",
        )
    return vendor


def required_text(
    value: str, *, field: str, message: str, stored_in: models.Field | None = None
) -> str:
    """`value` stripped; a 400 on `field` when nothing is left, or when it breaks the rules
    (its length) of the model field `stored_in`, for texts saved without a `full_clean()`."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: ValidationError(message, code="required")})
    if stored_in is not None:
        try:
            stored_in.run_validators(value)
        except ValidationError as error:
            raise ValidationError({field: error.error_list}) from error
    return value
