"""The one place that reads the process environment (django-environ).

Every setting that differs between machines comes from here, with a safe local default;
production overrides the defaults that must never be guessed (see settings/production.py).
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
