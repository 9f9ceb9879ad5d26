"""The web entry point: serves requests, with the database's statement timeout (config/db.py)."""

import os

from django.core.asgi import get_asgi_application

from config.db import limit_statement_time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()

limit_statement_time()
