"""Norte project configuration. Importing Celery here makes @shared_task use this app."""

from .celery_app import app as celery_app

__all__ = ("celery_app",)
