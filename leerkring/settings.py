"""Leerkring settings: one file, driven by environment variables.

Production differs from development only by its environment. Every variable is
read through a small typed helper that refuses bad values, so a typo stops the
process at start-up instead of surfacing as odd behaviour later.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_map(name: str, default: dict[str, str]) -> dict[str, str]:
    """`a=x,b=y` into {"a": "x", "b": "y"}."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    pairs = [item.strip() for item in raw.split(",") if item.strip()]
    if any("=" not in pair for pair in pairs):
        raise ImproperlyConfigured(f"{name} must look like a=x,b=y; got {raw!r}")
    return {key.strip(): value.strip() for key, value in (pair.split("=", 1) for pair in pairs)}


def env_secret(name: str) -> str:
    """A secret comes from NAME, or from the file named by NAME_FILE (Docker secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE points to an unreadable file: {exc}") from None
    return os.environ.get(name, "")


def database_from_url(url: str) -> dict[str, object]:
    """Parse postgres://user:pass@host:port/name or sqlite:///path into a DATABASES entry."""
    parts = urlparse(url)
    if parts.scheme == "sqlite":
        # sqlite:////abs/path is absolute, sqlite:///rel/path relative to the working dir.
        path = unquote(parts.path)
        path = path[1:] if path.startswith("/") else path
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path or ":memory:"}
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"DATABASE_URL has an unsupported scheme: {parts.scheme!r}")


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "csp",
    "auditlog",
    # Lowest layer first: project glue, then each app above the ones it imports.
    "leerkring.core",
    "buildingblocks",
    "circles",
    "sessions.apps.SessionsConfig",
    "reports",
    "leerkring",
]

MIDDLEWARE = [
    # First, so every log line of a request carries its id; /health/ answers before host checks.
    "leerkring.core.logs.RequestIdMiddleware",
    "leerkring.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "leerkring.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: every audit row names the signed-in user who made the change.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "leerkring.core.security.SecurityHeadersMiddleware",
    # Last: turns a refused (locked) login into the login page with the cool-off message.
    "axes.middleware.AxesMiddleware",
]

# The audit trail (leerkring/core/audit.py): no IP addresses (not needed to say who changed
# what), and related objects stored by name so a history page reads without lookups.
AUDITLOG_DISABLE_REMOTE_ADDR = True
AUDITLOG_USE_FK_STRING_REPRESENTATION = True

ROOT_URLCONF = "leerkring.urls"
WSGI_APPLICATION = "leerkring.wsgi.application"

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
                "leerkring.core.context_processors.roles",
            ],
        },
    },
]

# Django's form renderer with the plain widgets' templates in Python (the same markup, faster).
FORM_RENDERER = "leerkring.core.widgets.Renderer"

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'leerkring.sqlite3'}"
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The lockout check comes first, so a locked attempt is refused before any backend hashes a
# password; then local accounts; then single sign-on, which does nothing while OIDC is off.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "leerkring.core.oidc.RoleSyncingOIDCBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "circles:start"
LOGOUT_REDIRECT_URL = "circles:home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# Generated reports live outside STATIC_ROOT and MEDIA_ROOT: only a view that checks
# permissions hands them out. On the filesystem under REPORTS_ROOT by default; in an
# S3-compatible bucket when REPORTS_S3_BUCKET is set, so web and workers may run on different hosts.
REPORTS_ROOT = Path(env_str("REPORTS_ROOT", str(VAR_DIR / "reports")))
REPORTS_S3_BUCKET = env_str("REPORTS_S3_BUCKET")
if REPORTS_S3_BUCKET:
    REPORTS_STORAGE: dict[str, object] = {
        "BACKEND": "leerkring.core.storage_s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": REPORTS_S3_BUCKET,
            "endpoint_url": env_str("REPORTS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("REPORTS_S3_REGION") or None,
            "access_key": env_str("REPORTS_S3_ACCESS_KEY_ID"),
            "secret_key": env_secret("REPORTS_S3_SECRET_ACCESS_KEY"),
            "location": env_str("REPORTS_S3_PREFIX", "reports"),
        },
    }
else:
    REPORTS_STORAGE = {"BACKEND": "leerkring.core.storage.ReportsFileSystemStorage"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
    "reports": REPORTS_STORAGE,
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: SMTP when EMAIL_HOST is set. In development (DEBUG) mail goes to files under
# var/mail/ so a developer can read what would have been sent; in production a missing
# EMAIL_HOST stops start-up rather than losing every confirmation, unless EMAIL_BACKEND
# names another backend on purpose (e.g. the console backend for a trial run).
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Leerkring <leerkring@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str("EMAIL_BACKEND")
if EMAIL_HOST:
    EMAIL_BACKEND = EMAIL_BACKEND or "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif not EMAIL_BACKEND:
    if not DEBUG:
        raise ImproperlyConfigured("EMAIL_HOST is required when DEBUG is off (or set EMAIL_BACKEND).")
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
# Seconds one SMTP operation may take; without it a hung server holds a worker (and a claim) for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)

# How long after a circle's last day its participants' personal data is kept; the privacy page states it.
RETENTION_MONTHS = env_int("RETENTION_MONTHS", 12, minimum=1)
# The outbox (leerkring/core/outbox.py): every mail is a row first. A temporary failure is tried
# again after OUTBOX_RETRY_SECONDS, doubling each time (at most an hour), OUTBOX_MAX_ATTEMPTS in
# all; beat sweeps for due mail every OUTBOX_SWEEP_SECONDS; a claim older than
# OUTBOX_CLAIM_SECONDS belonged to a deliverer that died and is queued again.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8, minimum=1)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 60, minimum=1)
OUTBOX_SWEEP_SECONDS = env_int("OUTBOX_SWEEP_SECONDS", 60, minimum=1)
OUTBOX_CLAIM_SECONDS = env_int("OUTBOX_CLAIM_SECONDS", 600, minimum=1)

# Celery: with REDIS_URL Redis is the broker; without it tasks run in-process, so the
# embedded default needs no other service.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 60, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 90, minimum=1)
if CELERY_TASK_SOFT_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_TASK_SOFT_TIME_LIMIT must be below CELERY_TASK_TIME_LIMIT.")
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# WeasyPrint keeps fonts and layout caches per process: a worker child is replaced after this many
# tasks, or once it holds more than this many KiB after a task, so memory cannot grow without bound.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 100, minimum=1)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 400_000, minimum=50_000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Queueing after commit must never hang a request on an unreachable broker: one quick retry and
# short socket time-outs, then the request goes on and the sweeps pick the row up later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
if max(CELERY_TASK_TIME_LIMIT, 2 * EMAIL_TIMEOUT) >= OUTBOX_CLAIM_SECONDS:
    raise ImproperlyConfigured("OUTBOX_CLAIM_SECONDS must exceed CELERY_TASK_TIME_LIMIT and twice EMAIL_TIMEOUT.")
# A sweep stops taking new mails after this long, well inside the soft time limit.
OUTBOX_SWEEP_BUDGET_SECONDS = CELERY_TASK_SOFT_TIME_LIMIT / 2
# Sign-up form: minimum seconds to fill it in (bots are faster), sign-ups per client address per hour.
SIGNUP_MIN_SECONDS = env_int("SIGNUP_MIN_SECONDS", 3)
SIGNUP_RATE_LIMIT = env_int("SIGNUP_RATE_LIMIT", 10, minimum=1)
SIGNUP_RATE_PERIOD = env_int("SIGNUP_RATE_PERIOD", 3600, minimum=1)
# Reverse proxies in front of Django that append to X-Forwarded-For; 0 trusts the header not at all.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
REPORT_MAX_RETRIES = env_int("REPORT_MAX_RETRIES", 3)
REPORT_STUCK_AFTER_SECONDS = env_int("REPORT_STUCK_AFTER_SECONDS", 600)
# A render renews its claim every REPORT_HEARTBEAT_SECONDS; a claim whose heartbeat is older than
# REPORT_CLAIM_STALE_SECONDS belonged to a worker that died. Every worker looks for such reports
# every REPORT_RESUME_CHECK_SECONDS and queues them again, so they finish without beat.
REPORT_HEARTBEAT_SECONDS = env_int("REPORT_HEARTBEAT_SECONDS", 3, minimum=1)
REPORT_CLAIM_STALE_SECONDS = env_int("REPORT_CLAIM_STALE_SECONDS", 15, minimum=2)
REPORT_RESUME_CHECK_SECONDS = env_int("REPORT_RESUME_CHECK_SECONDS", 5, minimum=1)
if REPORT_HEARTBEAT_SECONDS * 2 > REPORT_CLAIM_STALE_SECONDS:
    raise ImproperlyConfigured("REPORT_CLAIM_STALE_SECONDS must be at least twice REPORT_HEARTBEAT_SECONDS.")

CELERY_BEAT_SCHEDULE = {
    "deliver-due-mail": {"task": "leerkring.core.tasks.outbox_sweep", "schedule": OUTBOX_SWEEP_SECONDS},
    "send-session-reminders": {"task": "circles.tasks.registrations_send_reminders", "schedule": 15 * 60},
    "requeue-stuck-reports": {"task": "reports.tasks.report_requeue_stuck", "schedule": 5 * 60},
    "send-evaluations": {"task": "sessions.tasks.evaluations_send_due", "schedule": 3600},
    "anonymise-old-registrations": {"task": "circles.tasks.registrations_anonymise_expired", "schedule": 24 * 3600},
    "issue-earned-certificates": {"task": "reports.tasks.certificates_issue_due", "schedule": 6 * 3600},
}

# "local" is this process's own memory: the sign-up rate limit counts there while Redis is unreachable.
LOCAL_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # An unreachable Redis answers within a second, so a page that counts never hangs on it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
        "local": LOCAL_CACHE,
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "local": LOCAL_CACHE}
# Whether every web process sees the same default cache: only then may figures be kept in it and
# invalidated by one process for all (bouwstenen page and kennisbank, leerkring/core/figures.py).
SHARED_CACHE = bool(REDIS_URL)

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account, or
# from one client address, logins are refused for LOGIN_COOLOFF_MINUTES, even with the right password.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "leerkring.core.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "leerkring.core.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
# No row per successful login: the audit trail is the place for that, not the throttle.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Single sign-on with OpenID Connect (mozilla-django-oidc), off unless OIDC_ENABLED. The identity
# provider's endpoints are given one by one (no discovery at start-up). A claim (OIDC_ROLE_CLAIM)
# lists the user's groups; OIDC_ROLE_MAP maps group names to our roles, synced on every login.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10, minimum=1)
OIDC_ROLE_CLAIM = env_str("OIDC_ROLE_CLAIM", "groups")
OIDC_ROLE_MAP = env_map("OIDC_ROLE_MAP", {"projectleider": "projectleider", "begeleider": "begeleider", "staf": "staf"})
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc:callback"
LOGIN_REDIRECT_URL_FAILURE = reverse_lazy("oidc:failed")
if OIDC_ENABLED:
    _missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured(f"OIDC_ENABLED is on, but these are empty: {', '.join(_missing)}")
_unknown_roles = sorted(set(OIDC_ROLE_MAP.values()) - {"projectleider", "begeleider", "staf"})
if _unknown_roles:
    raise ImproperlyConfigured(
        f"OIDC_ROLE_MAP maps to unknown roles {_unknown_roles}; use projectleider, begeleider or staf"
    )
# Whom a user without a role should ask (single sign-on without a mapped role).
WERKPLAATS_CONTACT_NAME = env_str("WERKPLAATS_CONTACT_NAME", "de Werkplaats Sociaal Domein")
WERKPLAATS_CONTACT_EMAIL = env_str("WERKPLAATS_CONTACT_EMAIL")

# Content-Security-Policy (django-csp): our own scripts and styles only, never inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its icons (select arrow, menu button) as data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    # Production speaks https: redirect to it, send HSTS, secure cookies. HTTPS=0 turns all three
    # off for a trial on plain http; each one can still be set on its own.
    HTTPS = env_bool("HTTPS", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    if TRUSTED_PROXY_COUNT:
        # Only a trusted proxy may tell Django that the visitor came over https.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # Only the apex domain's owner can enrol a domain in the browsers' preload list; sending the
    # directive from leerkring.example.nl enrols nothing, and keeps `check --deploy` quiet.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# LOG_FORMAT=json writes one JSON object a line (python-json-logger); every line written while
# a request is handled carries its request id.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json; got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "leerkring.core.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Axes tells every successful login at INFO; failed and refused logins stay (WARNING).
    "loggers": {"axes": {"level": "WARNING"}},
}
