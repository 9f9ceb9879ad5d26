"""Settings shared by every environment. Machine-specific values come from the environment."""

from datetime import timedelta

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env
from marketplace.matching.weights import STRONG_MATCH_SCORE

SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-norte-local-development-only")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "config.apps.NorteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "rest_framework",
    "knox",
    "django_filters",
    "django_htmx",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    "django_celery_beat",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "companies",
    "marketplace",
    "marketplace.events",
    "marketplace.insights",
    "marketplace.notifications",
    "marketplace.tenders",
    "marketplace.webhooks",
    "config.apps.NorteConfig",
    "config.idempotency",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the path, query or cookies against the database; after the locale,
    # so its message is in the reader's language.
    "config.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # allauth's sign-up, log-in and email verification flows keep their state per request.
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.AuditlogMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # `{% can %}`: the templates ask the apps' policies (config/policies.py).
            "libraries": {"policies": "config.policies"},
        },
    },
]

# Widgets may use templates from templates/ (the grouped checkboxes), not only Django's own.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# SQLite file in the project unless DATABASE_URL says otherwise (PostgreSQL in production and CI).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# How long (seconds) a process keeps its database connection between requests; 0 opens one per
# request, which on PostgreSQL costs about 6 ms, as much as a whole page of vendors. With a
# health check a connection the server dropped is replaced before the request uses it, not
# after it failed. Production keeps them (settings/production.py); development and tests open
# one per request, as Django does by default.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=False)
# In web processes PostgreSQL cancels any one statement running longer than this (milliseconds;
# 0: never), so no query holds a web worker until gunicorn kills it (30 s); the API answers 503
# instead. Workers, migrations and commands are not limited (config/db.py says why).
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=5000)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis cache when REDIS_URL is set; per-process memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "companies.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "es-mx"
LANGUAGES = [
    ("es-mx", _("Spanish (Mexico)")),
    ("en", _("English")),
    ("fr-ca", _("French (Canada)")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
# Corrections to Django's formats for our locales (config/formats/fr_CA: "13 h 40").
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Norte <no-reply@norte.example>")
# Where the site is, for the links of emails sent by workers (no request to take a host from):
# notifications, digests and their unsubscribe links.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

LOGIN_URL = "account_login"
# Onboarding sends people who already have an organisation on to it.
LOGIN_REDIRECT_URL = "companies:onboarding"
LOGOUT_REDIRECT_URL = "marketplace:home"

# --- Accounts (django-allauth, `allauth.account` only; companies/accounts_urls.py) --------------
# One account system for the site: sign up, log in and out, verify an address, change or reset a
# password. The admin keeps Django's own login form; the API's token endpoint applies the same
# rule as the site (companies/api/views.py TokenView).
#
# An address is verified by the emailed link before its account can log in (site or API token):
# invitations, notifications and password resets all go to that address, so it must be the
# person's. One account per address; people log in with their username or their address.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"login": "companies.forms.LoginForm"}
# Keeps a sign-up's `next` through verification to the first log-in (companies/adapters.py).
ACCOUNT_ADAPTER = "companies.adapters.AccountAdapter"
# The link opens a page whose button confirms (a POST): mail scanners that follow links do not
# verify an address on the person's behalf.
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
# "Password changed / reset" emails to the account's address (templates/account/email/).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Norte's subjects name Norte themselves; no "[example.com] " prefix from the request's host.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Signing up with an address that has an account, or asking a reset for it, shows the same page
# as for a new one: the form does not tell who is on Norte. The address's owner is emailed
# ("you already have an account"); an address with no account is sent nothing, as before.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Sessions last as Django's always have: no "remember me" box.
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL
# Log-in attempts and reset requests are limited by config/throttling.py (shared counters, the
# same 429 page and rates as the API) and axes' lockout, wrapped around allauth's views in
# companies/accounts_urls.py: allauth's own limits for them would be a second, different
# mechanism. Its limits on what only it does (a verification email at most every 3 minutes per
# address, sign-ups, password changes) stay, answered by config.urls.handler429.
ACCOUNT_RATE_LIMITS = {"login": None, "login_failed": None, "reset_password": None}

# --- Django REST framework -------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Lists: unknown parameters refused, the view's FilterSet, `?ordering=` (config/lists.py).
    "DEFAULT_FILTER_BACKENDS": [
        "config.lists.KnownParametersFilter",
        "config.lists.FilterBackend",
        "config.lists.OrderingFilter",
    ],
    # JSON bodies only, refused with 400 when nested too deep or holding NUL (config/parsers.py).
    "DEFAULT_PARSER_CLASSES": ["config.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "config.lists.ListPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "config.schema.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    # What `manage.py spectacular` documents when no --api-version is given.
    "DEFAULT_VERSION": "v1",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# API tokens (django-rest-knox): stored only as SHA-512 digests, several per person (one per
# integration or device), each expiring after API_TOKEN_TTL_DAYS without use and, however much it
# is used, API_TOKEN_MAX_AGE_DAYS after it was issued.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=30)),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(days=env.int("API_TOKEN_MAX_AGE_DAYS", default=365)),
    "MIN_REFRESH_INTERVAL": 60,
    "AUTH_HEADER_PREFIX": "Token",
    "USER_SERIALIZER": None,
}
API_TOKEN_LIMIT_PER_USER = env.int("API_TOKEN_LIMIT_PER_USER", default=10)

SPECTACULAR_SETTINGS = {
    "TITLE": "Norte API",
    "DESCRIPTION": (
        "Mexican companies post outsourcing requests; Canadian technology vendors keep listings. "
        "Authenticate with `POST /api/v1/auth/token/` and send `Authorization: Token <token>`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `status`; name each set of choices after its model.
    "ENUM_NAME_OVERRIDES": {
        "VendorStatusEnum": "marketplace.models.vendors.Vendor.Status",
        "RequestStatusEnum": "marketplace.models.requests.OutsourcingRequest.Status",
        "MatchRunStatusEnum": "marketplace.models.matching.MatchRun.Status",
        "ErrorTypeEnum": "config.api.ErrorType",
        "MatchRunTriggerEnum": "marketplace.models.matching.MatchRun.Trigger",
        "MatchReasonCodeEnum": "marketplace.api.serializers.REASON_CODE_CHOICES",
        "MatchExclusionCodeEnum": "marketplace.api.serializers.EXCLUSION_CODE_CHOICES",
        "BidInvitationStatusEnum": "marketplace.tenders.models.BidInvitation.Status",
        "QuestionStatusEnum": "marketplace.tenders.models.Question.Status",
        "ProposalStatusEnum": "marketplace.tenders.models.Proposal.Status",
        "EngagementStatusEnum": "marketplace.tenders.models.Engagement.Status",
        "EventKindEnum": "marketplace.events.models.Event.Kind",
        "NotificationEmailEnum": "marketplace.notifications.models.EmailChoice",
    },
}

# --- Celery ------------------------------------------------------------------------------------
# No broker configured: tasks run eagerly in the calling process, so `make run` needs no services.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Audit trail -------------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler (DEBUG only) printed each line a second time beside the
        # root's: Django's records go to the root's handler only.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # A line per task that succeeded ("Task … succeeded in 0.04s"): failures still show.
        "celery.app.trace": {"level": env("CELERY_TASK_LOG_LEVEL", default="WARNING")},
    },
}

# --- Matching runs (see marketplace/services/matching/) ----------------------------------------
# A worker takes one task at a time and acknowledges it only when done, so a worker killed
# mid-run leaves the message to be delivered again; the sweeper covers what the broker loses.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=90)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=120)
# Unacknowledged messages come back after this long (Redis transport). A task sent with a
# countdown is one too, held by a worker until it is due: were the countdown longer, Redis would
# hand it out again every visibility timeout and each copy would run (webhook retries wait up to
# 6 h: with 600 s, a 27-minute retry ran three times and each failure queued its own next
# retry). So: longer than the longest countdown (marketplace/webhooks/schedule.py, checked by
# its tests). A worker that dies leaves its tasks to the sweepers, which come within minutes.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 7 * 60 * 60,
    "socket_connect_timeout": 3,
}
# Publishing fails fast when the broker is down: the run stays queued for the sweeper.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-match-runs": {
        "task": "marketplace.tasks.sweep_stale_match_runs",
        "schedule": env.int("MATCHING_SWEEP_EVERY", default=60),
    },
    "sweep-undelivered-events": {
        "task": "marketplace.notifications.tasks.sweep_undelivered_events",
        "schedule": env.int("EVENTS_SWEEP_EVERY", default=60),
    },
    "send-daily-digests": {
        "task": "marketplace.notifications.tasks.send_daily_digests",
        # Once a day, at DIGEST_HOUR (CELERY_TIMEZONE, the site's time zone).
        "schedule": crontab(minute=0, hour=env.int("DIGEST_HOUR", default=8)),
    },
    "sweep-webhooks": {
        "task": "marketplace.webhooks.tasks.sweep_webhooks",
        "schedule": 60,
    },
    "purge-expired-idempotency-keys": {
        "task": "config.idempotency.tasks.purge_expired_idempotency_keys",
        "schedule": 60 * 60,
    },
}
MATCHING_QUEUED_TIMEOUT = env.int("MATCHING_QUEUED_TIMEOUT", default=120)
MATCHING_RUNNING_TIMEOUT = env.int("MATCHING_RUNNING_TIMEOUT", default=180)
MATCHING_MAX_ATTEMPTS = env.int("MATCHING_MAX_ATTEMPTS", default=5)
# Rank from each worker's in-memory table of the approved vendors
# (marketplace/services/matching/snapshot.py), kept current by a version the vendors' changes
# bump; false ranks from the database, the reference it equals (and 5× slower at 100,000).
MATCHING_SNAPSHOT = env.bool("MATCHING_SNAPSHOT", default=True)

# Opportunity alerts (marketplace/services/matching/alerts.py): when a published request's
# first ranking is done, the approved vendors that may see it and score at least MIN_SCORE
# (0–100), at most TOP_N of them by rank, are told it fits them. By default MIN_SCORE is what
# buyers see as a strong match (STRONG_MATCH_SCORE, 60: real expertise in the sector and most
# of the skills; expertise weighs 60, skills 30); a vendor without the sector tops out near
# 40. Ten is enough competition for the buyer without telling half the directory about every
# request.
OPPORTUNITY_ALERT_MIN_SCORE = env.float("OPPORTUNITY_ALERT_MIN_SCORE", default=STRONG_MATCH_SCORE)
OPPORTUNITY_ALERT_TOP_N = env.int("OPPORTUNITY_ALERT_TOP_N", default=10)

# The events feed (GET /api/v1/events/) shows an event this many seconds after it was written:
# transactions commit out of id order, and the delay lets every lower id commit (or roll back)
# first. So it must outlast the longest transaction that writes events: a web request (the
# `@idempotent` API views run whole in one transaction) lives at most WEB_TIMEOUT, gunicorn's
# --timeout (the Procfile passes the same variable), and a Celery task (a matching run records
# its opportunity alerts) at most CELERY_TASK_TIME_LIMIT; a killed process's transaction never
# commits. The margin covers clock drift between the machines that date and read the rows.
# Management commands are not bounded: one that writes events (seed_demo) is a demo's.
WEB_TIMEOUT = env.int("WEB_TIMEOUT", default=30)
EVENTS_FEED_MARGIN = 30
LONGEST_EVENT_TRANSACTION = max(WEB_TIMEOUT, CELERY_TASK_TIME_LIMIT)
EVENTS_FEED_DELAY = env.int(
    "EVENTS_FEED_DELAY", default=LONGEST_EVENT_TRANSACTION + EVENTS_FEED_MARGIN
)
if EVENTS_FEED_DELAY <= LONGEST_EVENT_TRANSACTION:
    raise ImproperlyConfigured(
        f"EVENTS_FEED_DELAY={EVENTS_FEED_DELAY} must be longer than the longest transaction "
        f"that writes events ({LONGEST_EVENT_TRANSACTION} s: WEB_TIMEOUT, "
        "CELERY_TASK_TIME_LIMIT), or the events feed could skip an event for good."
    )

# --- Insights and open data (marketplace/insights) ---------------------------------------------
# How long a computed summary is kept. An engagement saved (an award, completed, cancelled), a
# published request saved and an exchange rate changed refresh it at once (insights/receivers);
# this bounds how late the rest shows: a vendor's new skills, a sector renamed or re-marked.
INSIGHTS_CACHE_SECONDS = env.int("INSIGHTS_CACHE_SECONDS", default=3600)
# The OCDS `ocid` prefix: `ocds-` and the six characters the Open Contracting Partnership
# registers for a publisher; every release's ocid is this prefix, `-` and the request's id, so
# it must never change once published.
OCDS_OCID_PREFIX = env("OCDS_OCID_PREFIX", default="ocds-norte1")

# --- Idempotency-Key (config/idempotency) -------------------------------------------------------
# How long a key answers its first request's response again, counted from that response.
IDEMPOTENCY_KEY_TTL_HOURS = env.int("IDEMPOTENCY_KEY_TTL_HOURS", default=24)

# --- Brute force and flood protection ----------------------------------------------------------
# Rates are DRF's "<count>/<second|minute|hour|day>", counted in the default cache (Redis when
# REDIS_URL is set). The web's login, password-reset, invitation, rematch and directory search
# use the same throttles and rates (config/throttling.py).
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "config.throttling.AnonThrottle",
    "config.throttling.UserThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": env("THROTTLE_RATE_ANON", default="120/minute"),
    "user": env("THROTTLE_RATE_USER", default="600/minute"),
    "login": env("THROTTLE_RATE_LOGIN", default="20/minute"),
    "password_reset": env("THROTTLE_RATE_PASSWORD_RESET", default="5/hour"),
    "invitations": env("THROTTLE_RATE_INVITATIONS", default="30/hour"),
    "rematch": env("THROTTLE_RATE_REMATCH", default="10/minute"),
    "search": env("THROTTLE_RATE_SEARCH", default="60/minute"),
    "suggestions": env("THROTTLE_RATE_SUGGESTIONS", default="120/minute"),
}
# How many reverse proxies append to X-Forwarded-For in front of Django: 0 trusts only the
# connection's address; behind one proxy every client would otherwise share its address.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("DJANGO_NUM_PROXIES", default=0)

# django-axes: after LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is locked out for LOGIN_COOLOFF_MINUTES (web login, admin login and API token alike).
# By username and address together, not address alone: a whole office shares one address, and
# one person's typos must not lock out their colleagues. Spraying many usernames from one
# address is the login throttle's job.
# allauth's backend is Django's ModelBackend that also takes an email address for the username
# (allauth passes what was typed as `username` too, so axes counts it under that name).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "config.throttling.locked_out"

# --- Content-Security-Policy (django-csp) ------------------------------------------------------
# Everything comes from this origin and no inline script or style runs: templates have none,
# htmx is told not to inject its indicator style (base.html), Swagger UI is the split view with
# its CSS in a file. Swagger UI's CSS draws its icons as data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Benchmarks (marketplace/benchmarks): hand-written views doing what the directory, the vendors
# API, the matches endpoint and the requests dashboard do, served at `/_reference` + the real
# path, the throughput those are measured against (`manage.py bench_endpoints`, `make load`).
# Off unless asked for: they exist to be measured, not used.
REFERENCE_VIEWS = env.bool("NORTE_REFERENCE_VIEWS", default=False)

# Webhooks (marketplace/webhooks/urls_check.py): whether endpoints may be plain http on
# 127.0.0.1 / ::1 — tests and local development only; never any other private address.
WEBHOOKS_ALLOW_LOOPBACK = False
