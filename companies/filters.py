"""The API lists' filters for companies and invitations (config/lists.py says what every list
takes)."""

from companies.models import Company
from config.lists import TimestampFilterSet


class CompanyFilter(TimestampFilterSet):
    class Meta:
        model = Company
        fields = []


class InvitationFilter(TimestampFilterSet):
    """The timestamps alone, and no `Meta.model`: the invitations are listed under their
    organisation's address, whose view's model (Company, Vendor) drf-spectacular and
    django-filter would otherwise hold the invitations' model against."""
