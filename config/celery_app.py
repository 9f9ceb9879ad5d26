"""Celery wired to Django settings (namespace CELERY_) with tasks discovered in every app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("norte")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
