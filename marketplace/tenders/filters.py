"""The tender lists' filters (API). `request` and `vendor` are ids wherever a list can be narrowed
to one request or one vendor; `status` is the row's own."""

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from config.lists import TimestampFilterSet
from config.schema import MAX_ID

from .models import BidInvitation, Engagement, Proposal, Question, Review


class IdField(forms.IntegerField):
    """A whole number an id can be: a decimal or one past a bigint is a 400, not a query."""

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=MAX_ID, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_ID})
class IdFilter(django_filters.Filter):
    field_class = IdField


def request_filter() -> IdFilter:
    return IdFilter(field_name="request", help_text="A request's id: its rows only.")


def vendor_filter() -> IdFilter:
    return IdFilter(field_name="vendor", help_text="A vendor's id: its rows only.")


class BidInvitationFilter(TimestampFilterSet):
    status = django_filters.ChoiceFilter(choices=BidInvitation.Status.choices)
    request = request_filter()
    vendor = vendor_filter()

    class Meta:
        model = BidInvitation
        fields = ["status", "request", "vendor"]


# The lists under a request's address (`requests/{id}/…/`) have no `Meta.model`: drf-spectacular
# and django-filter would hold it against the view's model, the request (as companies/filters.py
# explains for the invitations).


class RequestBidInvitationFilter(TimestampFilterSet):
    """One request's invitations: the request is in the address."""

    status = django_filters.ChoiceFilter(choices=BidInvitation.Status.choices)
    vendor = vendor_filter()


class QuestionFilter(TimestampFilterSet):
    """One request's questions."""

    status = django_filters.ChoiceFilter(choices=Question.Status.choices)


class ProposalFilter(TimestampFilterSet):
    status = django_filters.ChoiceFilter(choices=Proposal.Status.choices)
    request = request_filter()
    vendor = vendor_filter()

    class Meta:
        model = Proposal
        fields = ["status", "request", "vendor"]


class RequestProposalFilter(TimestampFilterSet):
    """One request's proposals: the request is in the address."""

    status = django_filters.ChoiceFilter(choices=Proposal.Status.choices)
    vendor = vendor_filter()


class EngagementFilter(TimestampFilterSet):
    status = django_filters.ChoiceFilter(choices=Engagement.Status.choices)
    request = request_filter()
    vendor = vendor_filter()

    class Meta:
        model = Engagement
        fields = ["status", "request", "vendor"]


class ReviewFilter(TimestampFilterSet):
    vendor = vendor_filter()

    class Meta:
        model = Review
        fields = ["vendor"]
