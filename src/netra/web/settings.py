"""Netra's one Django settings module: every NETRA_* variable is read here, once.

SQLite in the data directory is the default so `netra setup && netra serve` works on a laptop;
PostgreSQL is used when NETRA_DATABASE_URL (or DATABASE_URL) is set. A bad value stops start-up
with a message naming the variable, never later with a traceback.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


def env_str(name: str, default: str = "") -> str:
    """The variable's value, or `default` when unset."""
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool = False) -> bool:
    """A yes/no variable; anything other than 1/0, true/false, yes/no, on/off is refused."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value (use 1 or 0)")


def env_int(name: str, default: int) -> int:
    """A whole-number variable."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated variable, blanks dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_secret(name: str) -> str:
    """A secret from `NAME`, or from the file named by `NAME_FILE` (Docker/systemd secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {error}") from None
    return os.environ.get(name, "")


def database_from_url(url: str, *, variable: str) -> dict[str, object]:
    """DATABASES['default'] for a `postgresql://user:pass@host:port/name?opt=v` URL."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"{variable}: scheme {parts.scheme!r} is not supported (use postgresql://)"
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured(f"{variable}: the database name is missing after the host")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{variable}: the port is not a number") from None
    options = dict(parse_qsl(parts.query))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(port or ""),
        "OPTIONS": options,
        "CONN_MAX_AGE": env_int("NETRA_DB_CONN_MAX_AGE", 60),
        "ATOMIC_REQUESTS": False,
    }


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("NETRA_DATA_DIR", "var")).resolve()
DEMO = env_bool("NETRA_DEMO")
DEBUG = env_bool("NETRA_DEBUG")


def _demo_secret(filename: str) -> str:
    """Demo mode: one random secret per data directory, kept so it survives restarts."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    stored = DATA_DIR / filename
    if not stored.exists():
        stored.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        stored.chmod(0o600)
    return stored.read_text(encoding="utf-8").strip()


def _secret_key() -> str:
    key = env_secret("NETRA_SECRET_KEY")
    if key:
        return key
    if not DEMO:
        raise ImproperlyConfigured(
            "NETRA_SECRET_KEY is not set (or set NETRA_DEMO=1 to use a generated demo key)"
        )
    return _demo_secret("demo-secret-key")


def _audit_key(secret_key: str) -> str:
    """The HMAC key of the audit chain: kept outside the database, so whoever can edit the
    database cannot recompute the chain (docs/security.md, "Key handling")."""
    key = env_secret("NETRA_AUDIT_KEY")
    if not key:
        if not DEMO:
            raise ImproperlyConfigured(
                "NETRA_AUDIT_KEY is not set: the audit trail's HMAC key, kept outside the "
                "database (e.g. NETRA_AUDIT_KEY_FILE=/etc/netra/audit.key); "
                "make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        key = _demo_secret("demo-audit-key")
    if len(key) < 32:
        raise ImproperlyConfigured("NETRA_AUDIT_KEY is shorter than 32 characters")
    if key == secret_key:
        raise ImproperlyConfigured("NETRA_AUDIT_KEY must differ from NETRA_SECRET_KEY")
    return key


SECRET_KEY = _secret_key()
NETRA_AUDIT_KEY = _audit_key(SECRET_KEY)
ALLOWED_HOSTS = env_list(
    "NETRA_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if (DEBUG or DEMO) else []
)
CSRF_TRUSTED_ORIGINS = env_list("NETRA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Failed-login throttling per account and per client, kept in the database (issue #9).
    "axes",
    # ninja serves the Swagger UI assets from its own static files, so /api/v1/docs works offline.
    "ninja",
    "netra.regions",
    "netra.accounts",
    "netra.audit",
    "netra.cases",
    # The web interface (issue #4): public pages, staff desk, PDF letters, recap dashboard.
    "netra.public",
    "netra.desk",
    "netra.documents",
    "netra.insights",
    # Maps, the vulnerability index and the public transparency page (issue #12).
    "netra.maps",
    "netra.vulnerability",
    "netra.transparency",
    # Tanya Aturan (issue 13): questions answered from the rulebook and the FAQ, desk queue.
    "netra.guidance",
    # Prevention register (issue 13): declarations, meetings, imbauan letters, coverage.
    "netra.prevention",
    # Monitoring (issue #11): posts and news in, near-duplicates grouped, a review queue.
    "netra.monitoring",
    # The outbox of messages to reporters and staff, and its senders (issue #10).
    "netra.notifications",
    # Background tasks in the database, run by `netra worker` (issue #11).
    "django_tasks",
    "django_tasks_db",
]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves /static/ from the app and project static folders: no CDN, no separate web server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Wraps LocaleMiddleware: the request's language does not outlive the request.
    "netra.web.middleware.RestoreLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "netra.web.middleware.RejectNulMiddleware",
    "netra.web.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

# django-axes refuses a locked-out login before any password is hashed, so a flood of wrong
# passwords costs a database read, not ~0.5 s of PBKDF2 per attempt.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "netra.accounts.backends.NetraModelBackend",
]

ROOT_URLCONF = "netra.web.urls"
WSGI_APPLICATION = "netra.web.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

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
                "netra.monitoring.context_processors.menu",
            ],
        },
    },
]

SQLITE_CACHE_KIB = 64 * 1024  # per connection, at most
_database_url = env_str("NETRA_DATABASE_URL") or env_str("DATABASE_URL")
if _database_url:
    _variable = "NETRA_DATABASE_URL" if env_str("NETRA_DATABASE_URL") else "DATABASE_URL"
    DATABASES = {"default": database_from_url(_database_url, variable=_variable)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "netra.cases.sqlite",  # django.db.backends.sqlite3 with queued writers
            "NAME": DATA_DIR / "netra.sqlite3",
            # WAL lets the web process read while a CLI import writes; IMMEDIATE avoids
            # "database is locked" upgrades mid-transaction.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                # FULL: a commit survives power loss too (NORMAL in WAL mode may lose the last
                # ones); the cost is one more fsync per commit, see docs/security.md. cache_size:
                # SQLite's default page cache is 2 MB; the monitoring ingest's random-key indexes
                # (grouping keys, content hashes) thrash it, which halved its speed
                # (docs/history/monitoring-rounds.md, monitoring-4). Pages are taken only as a
                # connection reads them.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                    f"PRAGMA cache_size=-{SQLITE_CACHE_KIB};"
                ),
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR.parent / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from the finders so `netra serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
LOGIN_URL = "desk:login"
LOGIN_REDIRECT_URL = "desk:inbox"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "netra",
    }
}

# Evidence uploads: the size cap is checked by the API before anything is stored.
NETRA_MAX_UPLOAD_BYTES = env_int("NETRA_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = NETRA_MAX_UPLOAD_BYTES + 1024 * 1024
# Quotas on evidence (issue #9, finding 5): per report, per client address per day, and a floor
# of free disk space under which no new upload is accepted.
NETRA_MAX_REPORT_BYTES = env_int("NETRA_MAX_REPORT_BYTES", 50 * 1024 * 1024)
NETRA_PUBLIC_DAILY_REPORTS = env_int("NETRA_PUBLIC_DAILY_REPORTS", 30)
NETRA_PUBLIC_DAILY_UPLOAD_BYTES = env_int("NETRA_PUBLIC_DAILY_UPLOAD_BYTES", 200 * 1024 * 1024)
NETRA_MIN_FREE_BYTES = env_int("NETRA_MIN_FREE_BYTES", 2 * 1024 * 1024 * 1024)
# Where the quota and rate-limit counts are kept, shared by every worker: "database" (RateCount
# rows), "file" (a SQLite file in the data dir, no fsync) or "auto": the database with
# PostgreSQL, the file with SQLite (netra.accounts.counters).
NETRA_RATE_STORE = env_str("NETRA_RATE_STORE", "auto")
if NETRA_RATE_STORE not in {"auto", "database", "file"}:
    raise ImproperlyConfigured(
        f"NETRA_RATE_STORE={NETRA_RATE_STORE!r} is not one of auto, database, file"
    )
# Public endpoints: requests per client address per minute.
NETRA_PUBLIC_RATE_PER_MINUTE = env_int("NETRA_PUBLIC_RATE_PER_MINUTE", 20)
# May a Panwaslu Kecamatan decide and forward a case itself? Off by default (Bawaslu practice);
# UU 10/2016 Pasal 134 and UU 7/2017 Pasal 454(7) would allow it (docs/procedure.md).
NETRA_PANWASCAM_DECIDES = env_bool("NETRA_PANWASCAM_DECIDES")

# Messages to reporters and staff (issue #10) wait in an outbox and go out through one sender
# per channel. E-mail uses SMTP at NETRA_EMAIL_HOST; without it, messages stay queued (in demo
# mode they are written as files under the data dir instead). SMS or WhatsApp gateways are
# classes named in NETRA_NOTIFICATION_SENDERS (netra.notifications.senders.Sender).
NETRA_EMAIL_HOST = env_str("NETRA_EMAIL_HOST", "")
EMAIL_HOST = NETRA_EMAIL_HOST or "localhost"
EMAIL_PORT = env_int("NETRA_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("NETRA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_secret("NETRA_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("NETRA_EMAIL_TLS", default=True)
EMAIL_TIMEOUT = env_int("NETRA_EMAIL_TIMEOUT_S", 10)
DEFAULT_FROM_EMAIL = env_str("NETRA_EMAIL_FROM", "Netra <netra@localhost>")
if DEMO and not NETRA_EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
NETRA_NOTIFICATION_SENDERS = env_list(
    "NETRA_NOTIFICATION_SENDERS",
    ["netra.notifications.senders.EmailSender"] if NETRA_EMAIL_HOST or DEMO else [],
)

# The client's address behind a reverse proxy: the header is believed only from these proxies.
NETRA_CLIENT_IP_HEADER = env_str("NETRA_CLIENT_IP_HEADER", "")
NETRA_TRUSTED_PROXIES = env_list("NETRA_TRUSTED_PROXIES", ["127.0.0.1", "::1"])

# Failed logins: after this many, the account and the client address are each refused for the
# cool-off (a successful login resets the count).
AXES_FAILURE_LIMIT = env_int("NETRA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NETRA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_CLIENT_IP_CALLABLE = "netra.accounts.clients.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "netra.desk.views.login_locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_SECURE = env_bool("NETRA_SECURE_COOKIES", default=not (DEBUG or DEMO))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Staff sessions end after a working day (Django's default is two weeks).
SESSION_COOKIE_AGE = env_int("NETRA_SESSION_HOURS", 8) * 60 * 60
# API tokens expire; `netra token USER --rotate` replaces them.
NETRA_TOKEN_DAYS = env_int("NETRA_TOKEN_DAYS", 90)

# TLS is terminated by the reverse proxy (docs/security.md): it tells Django the original scheme
# in this header ("X-Forwarded-Proto"), which must be one it always sets or overwrites.
_proxy_ssl_header = env_str("NETRA_PROXY_SSL_HEADER", "")
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_ssl_header.strip().upper().replace("-", "_"),
        "https",
    )
_production = not (DEBUG or DEMO)
SECURE_SSL_REDIRECT = env_bool("NETRA_SSL_REDIRECT", default=_production)
SECURE_HSTS_SECONDS = env_int("NETRA_HSTS_SECONDS", 31536000 if _production else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("NETRA_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("NETRA_HSTS_PRELOAD")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Pages load only their own scripts, styles and images; nothing may frame them. Inline style
# attributes (the recap's bar widths) are the one exception.
NETRA_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a promise about the whole domain that only its owner can make:
    # NETRA_HSTS_PRELOAD=1 once they have.
    "security.W021",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("NETRA_LOG_LEVEL", "INFO")},
}

# Monitoring tiplines (issue #11, docs/monitoring.md): the Telegram bot citizens forward posts to.
# The webhook stays closed (404) until both the token and the webhook secret are set.
NETRA_TELEGRAM_BOT_TOKEN = env_secret("NETRA_TELEGRAM_BOT_TOKEN")
NETRA_TELEGRAM_WEBHOOK_SECRET = env_secret("NETRA_TELEGRAM_WEBHOOK_SECRET")
NETRA_TELEGRAM_API_BASE = env_str("NETRA_TELEGRAM_API_BASE", "https://api.telegram.org")
# The WhatsApp Business Cloud API tipline: app secret (signs webhooks), verify token (the GET
# check), access token and phone number id (replies). Closed (404) until all four are set.
NETRA_WHATSAPP_APP_SECRET = env_secret("NETRA_WHATSAPP_APP_SECRET")
NETRA_WHATSAPP_VERIFY_TOKEN = env_secret("NETRA_WHATSAPP_VERIFY_TOKEN")
NETRA_WHATSAPP_ACCESS_TOKEN = env_secret("NETRA_WHATSAPP_ACCESS_TOKEN")
NETRA_WHATSAPP_PHONE_NUMBER_ID = env_str("NETRA_WHATSAPP_PHONE_NUMBER_ID")
NETRA_WHATSAPP_API_BASE = env_str("NETRA_WHATSAPP_API_BASE", "https://graph.facebook.com/v21.0")
# An approved message template for status replies after WhatsApp's 24-hour window (body
# parameters: the tracking code, the outcome); unset, such replies are recorded as not sent.
NETRA_WHATSAPP_STATUS_TEMPLATE = env_str("NETRA_WHATSAPP_STATUS_TEMPLATE")
NETRA_WHATSAPP_TEMPLATE_LANGUAGE = env_str("NETRA_WHATSAPP_TEMPLATE_LANGUAGE", "id")
# Videos and documents forwarded to a tipline are downloaded up to this size (bytes); a larger
# one is recorded as not downloaded, with the reason, and its tip kept. (Photos: the evidence
# limit, NETRA_MAX_UPLOAD_BYTES.) The Bot API serves bots files of at most 20 MB.
NETRA_TIPLINE_MAX_FILE_BYTES = env_int("NETRA_TIPLINE_MAX_FILE_BYTES", 20 * 1024 * 1024)
if NETRA_TIPLINE_MAX_FILE_BYTES < 1:
    raise ImproperlyConfigured(
        f"NETRA_TIPLINE_MAX_FILE_BYTES={NETRA_TIPLINE_MAX_FILE_BYTES} must be at least 1 byte"
    )
# E-mail for the monitoring alert digest (`netra alerts digest`) is the SMTP set above for the
# outbox (NETRA_EMAIL_*).
