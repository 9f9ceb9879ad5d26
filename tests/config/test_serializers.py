"""Every model serializer of the API answers times in UTC (config/serializers.py): one written
on DRF's own class answered `-06:00` (notifications, webhooks) while the rest said `Z`."""

from django.urls import get_resolver
from rest_framework import serializers

from config.serializers import ModelSerializer


def model_serializers(cls=serializers.ModelSerializer) -> set[type]:
    found = set()
    for subclass in cls.__subclasses__():
        found.add(subclass)
        found |= model_serializers(subclass)
    return found


def test_every_model_serializer_of_ours_answers_in_utc():
    assert get_resolver().url_patterns  # imports every API module through the URLconf
    ours = {
        cls
        for cls in model_serializers()
        if cls.__module__.split(".")[0] in {"companies", "marketplace", "config"}
    }

    assert len(ours) > 10
    assert [cls for cls in ours if not issubclass(cls, ModelSerializer)] == []
