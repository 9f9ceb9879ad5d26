"""Verified reviews: only the awarding company, only on a completed engagement, once; the
vendor replies once. The vendor's review totals move in the same transaction, so the rating
matching reads is never out of step with the reviews."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import User
from config.errors import Conflict
from config.policies import refuse_unless
from marketplace.events.models import Event
from marketplace.models import Vendor
from marketplace.services.matching.snapshot import vendors_changed

from ..models import Engagement, Review
from ..policies import can_reply_to_review, can_review_engagement
from .base import record, required_text


def _review_exists() -> Conflict:
    return Conflict(_("This engagement is already reviewed."), code="review_exists")


@transaction.atomic
def review_create(*, actor: User, engagement: Engagement, rating: int, text: str) -> Review:
    refuse_unless(can_review_engagement, user=actor, obj=engagement)
    review = Review(
        engagement=engagement,
        vendor_id=engagement.vendor_id,
        company_id=engagement.company_id,
        author=actor,
        rating=rating,
        text=required_text(text, field="text", message=_("Write what the work was like.")),
    )
    review.full_clean(validate_unique=False)
    engagement = review.engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if not engagement.is_completed:
        raise Conflict(
            _("Only a completed engagement can be reviewed; this one is %(status)s.")
            % {"status": engagement.get_status_display().lower()},
            code="engagement_not_completed",
        )
    if Review.objects.filter(engagement=engagement).exists():
        raise _review_exists()
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        raise _review_exists() from None
    Vendor.objects.filter(pk=engagement.vendor_id).update(
        review_count=F("review_count") + 1, review_rating_total=F("review_rating_total") + rating
    )
    vendors_changed([engagement.vendor_id])  # the rating counts in matching
    record(
        Event.Kind.REVIEW_POSTED,
        actor=actor,
        outsourcing_request=engagement.request,
        vendors=[engagement.vendor],
        review=review,
        engagement=engagement,
    )
    return review


@transaction.atomic
def review_reply(*, actor: User, review: Review, text: str) -> Review:
    refuse_unless(can_reply_to_review, user=actor, obj=review)
    text = required_text(text, field="text", message=_("Write your reply."))
    review = Review.objects.select_for_update().select_related("engagement").get(pk=review.pk)
    if review.has_reply:
        raise Conflict(_("This review already has your reply."), code="review_replied")
    review.reply = text
    review.replied_by = actor
    review.replied_at = timezone.now()
    review.full_clean(validate_unique=False)
    review.save(update_fields=["reply", "replied_by", "replied_at", "updated_at"])
    record(
        Event.Kind.REVIEW_REPLIED,
        actor=actor,
        outsourcing_request=review.engagement.request,
        vendors=[review.engagement.vendor],
        review=review,
    )
    return review
