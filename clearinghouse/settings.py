"""Settings, read from the environment with safe defaults.

DATABASE_URL   database (default: SQLite under var/); postgres://... for PostgreSQL
SECRET_KEY     secret key (default: generated once and kept in var/secret_key)
DEBUG          "1"/"true" to turn debugging on (default off)
ALLOWED_HOSTS  comma-separated host names (default: localhost, 127.0.0.1, [::1])
CLEARINGHOUSE_VAR  the folder for the database, secret key and uploads (default: ./var)

Behind an HTTPS proxy (see README, "Production"):
HTTPS              "1": cookies secure, HSTS, redirect plain HTTP to HTTPS
HSTS_SECONDS       Strict-Transport-Security max-age when HTTPS is on (default one year)
HSTS_PRELOAD       "0" not to ask for the browsers' preload lists (default: ask)
SECURE_SSL_REDIRECT  "0" to leave the redirect to the proxy (default: on when HTTPS is on)
PROXY_COUNT        how many proxies in front add X-Forwarded-For (default 0: the socket address)
PROXY_SSL_HEADER   "1": trust X-Forwarded-Proto from the proxy (default: on when PROXY_COUNT > 0)
"""

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("CLEARINGHOUSE_VAR", Path.cwd() / "var")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        raise SystemExit(f"settings: {name} must be a whole number, not {os.environ[name]!r}") from None


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "clearinghouse.core",
    "clearinghouse.accounts",
    "clearinghouse.audit",
    "clearinghouse.registry",
    "clearinghouse.reporting",
    "clearinghouse.matrix",
    "clearinghouse.assistance",
    "clearinghouse.outreach",
    "clearinghouse.jobs",
    "clearinghouse.notifications",
    "clearinghouse.api",
]

# Background tasks: django-tasks (the backport of Django's tasks API) with its database backend
# (django-tasks-db): the queue is a table of the project's database, so any number of
# `clearinghouse db_worker` processes on any number of hosts share it. `clearinghouse scheduler`
# enqueues the periodic tasks. A failed task is retried JOBS_MAX_ATTEMPTS times in all, after
# JOBS_RETRY_DELAY seconds (doubled at each attempt), then shown to the experts (jobs/runner.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "3"))
JOBS_RETRY_DELAY = float(os.environ.get("JOBS_RETRY_DELAY", "60"))
# A matrix draft sent to its State for review: the answer is requested within this many UN
# Headquarters working days (weekends and the UN's official holidays in New York not counted;
# registry/working_days.py). 60 working days is about three calendar months, the period the
# Committee usually gives; 0: no deadline is stated (docs/matrix.md).
MATRIX_REVIEW_WORKING_DAYS = max(0, _int("MATRIX_REVIEW_WORKING_DAYS", 60))
# An import of this many rows or more is written by a worker once its preview is confirmed
# (progress on /imports/, report kept for download); a smaller one at once. 0: every import.
IMPORT_BACKGROUND_ROWS = max(0, _int("IMPORT_BACKGROUND_ROWS", 500))
# The result of a job (a rendered review, a ZIP of notes, an import's report) is kept this many
# days after the job ended, then removed by the daily clean-up (the job's row stays). 0: forever.
JOBS_KEEP_DAYS = max(0, _int("JOBS_KEEP_DAYS", 90))

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the cache (per language, per data generation): see core/pagecache.py.
    # Early, so a hit costs little; the headers of the middleware below are in the stored copy.
    "clearinghouse.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "clearinghouse.core.reader_language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "clearinghouse.accounts.login_throttle.LoginThrottleMiddleware",
    "clearinghouse.accounts.sessions.PrivilegedSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clearinghouse.urls"
WSGI_APPLICATION = "clearinghouse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["clearinghouse.core.templatetags.dates",
                         "clearinghouse.core.templatetags.clearinghouse"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clearinghouse.core.context.site",
                "clearinghouse.notifications.context.bell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'clearinghouse.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Kept open between requests too: opening one (with its PRAGMAs) cost ~1 ms, more than a
    # whole page served from the page cache.
    # IMMEDIATE: a transaction takes the write lock when it begins, so a read inside it (the
    # lock-and-compare of core.concurrency) is never stale and two writers queue instead of
    # failing with "database is locked" (SQLite's SELECT ... FOR UPDATE is a no-op).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20,
         "transaction_mode": "IMMEDIATE"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out credentials before any password is hashed.
    "axes.backends.AxesStandaloneBackend",
    "clearinghouse.accounts.backends.RoleBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"  # each signed-in role starts where its work is (/my/)
LOGOUT_REDIRECT_URL = "home"
# Days an invitation link works (accounts/invitations.py), once.
INVITATION_DAYS = _int("INVITATION_DAYS", 7)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official languages of the United Nations. English is the source; the five other
# catalogues are in clearinghouse/locale/ (docs/translating.md); States' names come in all six
# from the reference data.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Dates for people in each language, in the UN's style; ISO typed dates accepted everywhere.
FORMAT_MODULE_PATH = ["clearinghouse.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# -- security -------------------------------------------------------------------------------
HTTPS = _flag("HTTPS")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS or _flag("SECURE_COOKIES")
CSRF_COOKIE_SECURE = HTTPS or _flag("SECURE_COOKIES")
SECURE_HSTS_SECONDS = _int("HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and _flag("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = HTTPS and _flag("HSTS_PRELOAD", True)
if HTTPS and not SECURE_HSTS_PRELOAD:  # a deliberate choice (HSTS_PRELOAD=0), not an oversight
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_SSL_REDIRECT = HTTPS and _flag("SECURE_SSL_REDIRECT", True)
# Addresses and the scheme as the proxy saw them. Without a proxy, nothing forwarded is trusted.
PROXY_COUNT = _int("PROXY_COUNT", 0)
if _flag("PROXY_SSL_HEADER", PROXY_COUNT > 0):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sessions: two weeks for points of contact, a working day for the privileged roles (experts,
# Committee members), who see confidential records (accounts/sessions.py).
SESSION_COOKIE_AGE = _int("SESSION_SECONDS", 14 * 24 * 3600)
PRIVILEGED_SESSION_AGE = _int("PRIVILEGED_SESSION_SECONDS", 8 * 3600)

# Content-Security-Policy (django-csp 4): no inline script anywhere, nothing from elsewhere.
# Inline style attributes stay allowed (chart bar widths, SVG sizes are data-driven).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Failed sign-ins (django-axes): after AXES_FAILURE_LIMIT failures for one user name from one
# address, that pair is refused (HTTP 429, before any password hashing) for the cool-off time.
# And at most LOGIN_RATE sign-in attempts per address, whatever the user names (login_throttle.py).
LOGIN_RATE = os.environ.get("LOGIN_RATE", "20/minute")
AXES_FAILURE_LIMIT = _int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = _int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "clearinghouse.accounts.clientip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Caches. "default" is shared by the gunicorn workers (files under var/cache): request
# throttles and generated documents. "pages" holds anonymous pages in each worker's memory;
# both are keyed by the data generation (core/generation.py), so no worker serves stale data.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},  # ~30-60 KB a page, per worker
    },
}
PAGE_CACHE = _flag("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = _int("PAGE_CACHE_SECONDS", 24 * 3600)
# Generated documents (PDF, DOCX): at most this many generations per client a minute.
DOCUMENT_RATE = os.environ.get("DOCUMENT_RATE", "12/minute")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Session (the browser) or an API key (Authorization: Bearer ...); no Basic auth, which
    # would hash a password on every request.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "clearinghouse.accounts.apikeys.ApiKeyAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "clearinghouse.api.throttling.AddressThrottle",
        "clearinghouse.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "address": os.environ.get("API_RATE_ADDRESS", "120/minute"),
        "user": os.environ.get("API_RATE_USER", "600/minute"),
    },
    "NUM_PROXIES": PROXY_COUNT,
    "DEFAULT_PERMISSION_CLASSES": ["clearinghouse.api.permissions.RolePolicy"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "clearinghouse.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "1540 Clearinghouse API",
    "DESCRIPTION": (
        "Read access to the registry of States and organisations, name resolution, and the "
        "Committee's records, scoped by role. Anonymous callers see public data only.\n\n"
        "No silent lost update. Reading one editable record answers an ETag (its revision, "
        "such as \"4\"). A PATCH must send it back in If-Match: without If-Match the answer is "
        "428 Precondition Required; if the record changed since it was read, 412 Precondition "
        "Failed with who changed it and when (changed_by, changed_at) and the current ETag, and "
        "nothing is written. Workflow POSTs (submit, publish, accept, decline) may send "
        "If-Match (412 likewise); with or without it they act only on the state they need and "
        "answer 409 Conflict when someone else acted first (a match already answered, a pair "
        "already proposed, a report already submitted). If-Match: * asks for no check; weak "
        "tags (W/...) never match."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "clearinghouse.api.schema.drop_backend_limits",
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "clearinghouse.registry.models.Organisation.Kind",
        "EntityKindEnum": ["state", "organisation"],
        "StateStatusEnum": "clearinghouse.registry.models.State.Status",
        "EventKindEnum": "clearinghouse.outreach.models.Event.Kind",
        "EventStatusEnum": "clearinghouse.outreach.models.Event.Status",
        "MatrixVersionStatusEnum": "clearinghouse.matrix.models.MatrixVersion.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"no_traceback_4xx": {"()": "clearinghouse.core.logfilters.NoTracebackForClientErrors"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # A broken PDF is reported to the user by the importer, in one sentence; not pypdf's chatter.
        "pypdf": {"level": "CRITICAL"},
        # A 403 or 404 is logged in one line, without a traceback (core/logfilters.py).
        "django.request": {"filters": ["no_traceback_4xx"]},
    },
}

# -- Hostile input (task 8C): the edge middleware refuses control characters in the address,
# query and credentials and cleans form bodies before the session or any view reads them; the
# API cleans JSON and form bodies in its parsers and bounds ?limit= and ?offset=.
# Before the page cache and the session: nothing reads the request before the edge checked it.
_EDGE_BEFORE = next(m for m in MIDDLEWARE if m in (
    "clearinghouse.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware"))
MIDDLEWARE.insert(MIDDLEWARE.index(_EDGE_BEFORE), "clearinghouse.core.middleware.EdgeMiddleware")
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "clearinghouse.api.parsers.JSONParser",
    "clearinghouse.api.parsers.FormParser",
    "clearinghouse.api.parsers.MultiPartParser",
]
REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] = "clearinghouse.api.pagination.BoundedLimitOffsetPagination"
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"].append("clearinghouse.api.schema.document_errors")

# E-mail (notices): SMTP when EMAIL_HOST is set, else files under var/mail (no mail server
# needed); EMAIL_BACKEND overrides both (e.g. django.core.mail.backends.console.EmailBackend).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "1540 Clearinghouse <noreply@localhost>")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
