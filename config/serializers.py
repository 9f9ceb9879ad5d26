"""Serializer pieces every app's API shares.

Times are answered in UTC (`2026-04-09T18:30:00Z`) whatever `TIME_ZONE` says: DRF writes them in
the server's zone (`-06:00` for Mexico City), which an integration in Toronto or a CRM storing
UTC then has to undo. The web pages keep showing local time.
"""

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
