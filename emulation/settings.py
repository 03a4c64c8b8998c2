"""Settings for Thi đua, read from the environment.

Development runs with DEBUG=1 and SQLite; production sets SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL (PostgreSQL) and leaves DEBUG off, which turns on the secure defaults that
``manage.py check --deploy`` asks for.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The fallback key is only for development and tests: "check --deploy" flags it
# (security.W009), so a production start without SECRET_KEY does not go unnoticed.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-thidua-development-key-change-me"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "emulation.apps.ThiDuaAdminConfig",  # django.contrib.admin with the dashboard
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "import_export",
    # Background work (emulation.jobs): Django 6's tasks framework, backported, with its
    # queue in the app's own database; before emulation, whose admin takes its page away.
    "django_tasks",
    "django_tasks_db",
    # After django.contrib.auth: its post_migrate handler creates the permissions that
    # ours then gives to the groups.
    "emulation.apps.EmulationConfig",
    "targets",
    "pledges",
    "awards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "emulation.urls"

# The queue of background jobs lives in the database the app already uses (SQLite or
# PostgreSQL); ``manage.py db_worker`` runs them (docs/operations.md, "The worker").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WSGI_APPLICATION = "emulation.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["emulation.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded files (signed pledges, attachments): MEDIA_ROOT, a volume the app servers share,
# or, with FILE_STORAGE=s3, S3-compatible object storage through django-storages (the
# bucket is private: files are served only through the views that check who asks).
FILE_STORAGE = os.environ.get("FILE_STORAGE", "filesystem")
if FILE_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# App servers keep nothing of their own: sessions (Django's database sessions) and login
# lockouts (django-axes) are rows, and so is the cache (the verification page's count of
# checks per address), so that any server behind the proxy answers any request alike.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "thidua_cache",
    }
}

LOGIN_URL = "admin:login"

# Failed logins: 5 tries per account from one address, then 15 minutes' wait. Counted on
# the pair, not the address alone: a commune office shares one public address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Behind a reverse proxy set PROXY_COUNT (e.g. 1) so the client's address is read from
# X-Forwarded-For; without one that header is ignored, as anybody could forge it.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "emulation.security.client_address"

# Content-Security-Policy (django-csp): scripts and styles only from this site; inline
# style attributes are allowed for the admin's widgets and status badges.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    # Production behind HTTPS (a reverse proxy or the commune's gateway terminates TLS).
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# History is a record, never a way back: reverting would bypass the workflow rules.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Imports run in one transaction; export formats are chosen per admin.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# The public address printed on certificates' QR codes (e.g. https://thidua.hamliem.gov.vn).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint warns on every render that it subsets fonts with fontTools rather than
    # HarfBuzz; the output is the same, so only its errors are worth a log line.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# Digitally signed decisions: the folder of trusted root certificates (PEM or DER files,
# e.g. the government CA's roots the commune installs); a signed decision is accepted only
# when its signer's certificate chains to one of them. Empty: none is accepted.
SIGNATURE_TRUST_ROOTS = os.environ.get("SIGNATURE_TRUST_ROOTS", "")

# The organisation's digital signature (optional, Nghị định 30/2020): when a certificate is
# configured, the product signs an uploaded chairman-signed decision a second time as the
# commune, with the seal's image (red, at its real diameter) over the left third of the
# chairman's signature. The PKCS#12 file and its password come from the environment.
ORGANISATION_CERTIFICATE = os.environ.get("ORGANISATION_CERTIFICATE", "")
ORGANISATION_CERTIFICATE_PASSWORD = os.environ.get("ORGANISATION_CERTIFICATE_PASSWORD", "")
ORGANISATION_SEAL_IMAGE = os.environ.get("ORGANISATION_SEAL_IMAGE", "")
ORGANISATION_SEAL_DIAMETER_MM = float(os.environ.get("ORGANISATION_SEAL_DIAMETER_MM", "35"))
