"""Celery wired to Django settings (namespace CELERY_) with tasks discovered in every app.

Like wsgi.py and asgi.py, a worker started without DJANGO_SETTINGS_MODULE runs the production
settings, which refuse to start without their secrets: never, silently, the local ones with
debug on. `make stack` and the worker tests name the settings they want.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("norte")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
