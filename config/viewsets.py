"""The base of the API's viewsets."""

from django.shortcuts import get_object_or_404
from rest_framework import viewsets


class GenericViewSet(viewsets.GenericViewSet):
    """DRF's, except that an object is looked up by its address alone.

    DRF runs the list's filters on the lookup too: `GET /vendors/{id}/?province=QC` answered
    404 for a vendor elsewhere, and a nested list's filters (a vendor's invitations) would be
    applied to the vendor. Filters shape lists (config/lists.py).
    """

    # What a list takes (config/lists.py), declared here so that an action listing something
    # else (a vendor's invitations, a run's results) can set its own: `@action(**kwargs)` only
    # sets attributes the class has.
    filterset_class = None
    ordering_fields = None
    ordering = None
    cursor_ordering_fields = None

    def get_object(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        obj = get_object_or_404(self.get_queryset(), **{self.lookup_field: self.kwargs[lookup]})
        self.check_object_permissions(self.request, obj)
        return obj
