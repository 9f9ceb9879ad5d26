"""Serializer pieces every app's API shares.

Times are answered in UTC (`2026-04-09T18:30:00Z`) whatever `TIME_ZONE` says: DRF writes them in
the server's zone (`-06:00` for Mexico City), which an integration in Toronto or a CRM storing
UTC then has to undo. The web pages keep showing local time.
"""

import copy
from datetime import UTC

from django.db import models
from rest_framework import serializers


class DateTimeField(serializers.DateTimeField):
    """DRF's, in UTC: written with `Z`, and a time given without an offset read as UTC."""

    def default_timezone(self):
        return UTC


class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: DateTimeField,
    }

    def get_fields(self):
        # DRF introspects the model again for every serializer (a page's list serializer builds
        # one): about 2 ms for a vendor's 28 fields. What it builds depends only on the class
        # (Meta and the declared fields), so it is built once per class and copied, as DRF
        # itself copies the declared fields for each serializer; whatever a subclass changes
        # per request (a field made read-only for non-staff) it changes on its copy.
        built = type(self).__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            type(self)._built_fields = built
        return copy.deepcopy(built)
