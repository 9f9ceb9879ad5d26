"""Outsourcing requests: drafting, editing and publishing, by the company's members."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import Company, User
from companies.policies import can_act_for_company
from config.errors import Conflict
from config.services import model_update
from marketplace.models import ExchangeRate, MatchRun, OutsourcingRequest
from marketplace.selectors import exchange_rate_to_cad

from .matching import match_run_start

REQUEST_EDITABLE_FIELDS = [
    "title",
    "description",
    "sector",
    "sector_confirmed",
    "budget_min",
    "budget_max",
    "currency",
    "team_size",
    "duration_weeks",
    "visibility",
    "proposals_due",
    "questions_due",
    *OutsourcingRequest.LANGUAGE_FIELDS,
]
# Publishing without a deadline gives vendors this long to propose.
DEFAULT_PROPOSAL_PERIOD = timedelta(days=21)


def ensure_can_act_for(*, actor: User, company: Company) -> None:
    if not can_act_for_company(user=actor, company=company):
        raise PermissionDenied(_("Only the company's members and Norte staff manage its requests."))


@transaction.atomic
def request_create(
    *,
    actor: User,
    company: Company,
    title: str,
    description: str,
    sector,
    sector_confirmed: bool = False,
    budget_min,
    budget_max,
    currency: str,
    team_size: int,
    duration_weeks: int,
    languages=(),
    skills=(),
    required_certifications=(),
    visibility: str = OutsourcingRequest.Visibility.OPEN,
    proposals_due=None,
    questions_due=None,
) -> OutsourcingRequest:
    """Save a new request as a draft that only its company (and staff) can see."""
    ensure_can_act_for(actor=actor, company=company)
    request = OutsourcingRequest(
        company=company,
        author=actor,
        title=title,
        description=description,
        sector=sector,
        sector_confirmed=sector_confirmed,
        budget_min=budget_min,
        budget_max=budget_max,
        currency=currency,
        team_size=team_size,
        duration_weeks=duration_weeks,
        visibility=visibility,
        proposals_due=proposals_due,
        questions_due=questions_due,
    )
    request.languages = languages
    request.full_clean()
    request.save()
    request.skills.set(skills)
    request.required_certifications.set(required_certifications)
    return request


@transaction.atomic
def request_update(
    *, request: OutsourcingRequest, actor: User, data: dict
) -> tuple[OutsourcingRequest, MatchRun | None]:
    """Edit a draft or a published request. A published one must stay publishable.

    Moving the request to another sector clears `sector_confirmed` unless `data` sets it: the
    buyer confirmed the old sector, not the new one.

    Returns the request and, when the edit changed a published request, the run that ranks
    vendors for what it says now (one already queued, if there is one); otherwise None.
    """
    ensure_can_act_for(actor=actor, company=request.company)
    _ensure_not_closed(request)
    if "languages" in data:
        data = {**data, **OutsourcingRequest.language_flags(data["languages"])}
    if "sector" in data and data["sector"] != request.sector and "sector_confirmed" not in data:
        data = {**data, "sector_confirmed": False}
    changed_fields = model_update(instance=request, fields=REQUEST_EDITABLE_FIELDS, data=data)
    changed = bool(changed_fields)
    for relation in ("skills", "required_certifications"):
        if relation in data:
            manager = getattr(request, relation)
            wanted = {item.pk for item in data[relation]}
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(wanted)
                if not changed:
                    # The row itself is unchanged, but the request is not: `updated_after`
                    # must find it.
                    request.save(update_fields=["updated_at"])
                changed = True
    run = None
    if not request.is_draft:
        # A deadline sent back as it was (a form sends every field) is not a new one: only
        # moving it must land in the future.
        _ensure_publishable(request, deadline_changed="proposals_due" in changed_fields)
        if changed:
            # Vendors are ranked on what the request says now.
            run = match_run_start(request=request, trigger=MatchRun.Trigger.EDIT, actor=actor)
    return request, run


@transaction.atomic
def request_publish(
    *, request: OutsourcingRequest, actor: User
) -> tuple[OutsourcingRequest, MatchRun]:
    """Move a complete draft to `published`, where approved vendors see it.

    Returns the published request and the run that ranks vendors for it.
    """
    ensure_can_act_for(actor=actor, company=request.company)
    request = OutsourcingRequest.objects.select_for_update().get(pk=request.pk)
    _ensure_not_closed(request)
    if not request.is_draft:
        raise Conflict(_("This request is already published."), code="request_already_published")
    now = timezone.now()
    if request.proposals_due is None:
        request.proposals_due = now + DEFAULT_PROPOSAL_PERIOD
    _ensure_publishable(request, deadline_changed=True)
    request.status = OutsourcingRequest.Status.PUBLISHED
    request.published_at = now
    request.save(update_fields=["status", "published_at", "proposals_due", "updated_at"])
    run = match_run_start(request=request, trigger=MatchRun.Trigger.PUBLISH, actor=actor)
    return request, run


@transaction.atomic
def request_rematch(*, request: OutsourcingRequest, actor: User) -> MatchRun:
    """Rank the vendors again for a published request (company members, staff)."""
    ensure_can_act_for(actor=actor, company=request.company)
    _ensure_not_closed(request)
    if request.is_draft:
        raise Conflict(
            _("Publish the request before matching vendors to it."), code="request_not_published"
        )
    return match_run_start(request=request, trigger=MatchRun.Trigger.REMATCH, actor=actor)


def _ensure_not_closed(request: OutsourcingRequest) -> None:
    if request.is_closed:
        raise Conflict(
            _("This request is %(status)s; it can no longer change.")
            % {"status": request.get_status_display().lower()},
            code="request_closed",
        )


def request_languages_error(*, languages: list[str]) -> ValidationError | None:
    """Publishing's rule for working languages: vendors are matched on them, so a request
    needs one. The request form says so where the languages are chosen, before publishing."""
    if languages:
        return None
    return ValidationError(
        _("Choose at least one working language before publishing."), code="required"
    )


def _ensure_publishable(request: OutsourcingRequest, *, deadline_changed: bool) -> None:
    """What vendors need before they can see a request: a language to work in, a budget
    Norte can convert to Canadian dollars to compare with their rates, and a deadline for
    proposals that is still ahead when it is set."""
    errors = {}
    if request.proposals_due is None:
        errors["proposals_due"] = ValidationError(
            _("A published request needs a date proposals are due."), code="required"
        )
    elif deadline_changed and request.proposals_due <= timezone.now():
        errors["proposals_due"] = ValidationError(
            _("Proposals must be due in the future."), code="in_the_past"
        )
    if languages_error := request_languages_error(languages=request.languages):
        errors["languages"] = languages_error
    try:
        exchange_rate_to_cad(currency=request.currency, on=timezone.localdate())
    except ExchangeRate.DoesNotExist:
        message = _("Norte has no exchange rate for %(currency)s yet; choose another currency.") % {
            "currency": request.currency
        }
        errors["currency"] = ValidationError(message, code="no_exchange_rate")
    if errors:
        raise ValidationError(errors)
