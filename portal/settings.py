"""Settings for the CCHC plans portal.

Every value that differs between a laptop and a server comes from an
environment variable (see README.md); the defaults make a first run work with
nothing configured: SQLite under ``var/``, a secret key generated under ``var/``.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from portal.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_networks,
    env_origin,
    env_rate,
    env_str,
    private_directory,
    private_file,
    secret_key_from_file,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
# The SQLite database (sessions, password hashes), the secret key and the uploads: this user's only.
private_directory(VAR_DIR)

DJANGO_ENV = env_choice("DJANGO_ENV", ("development", "production"), "development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", False)
# A read-only PostgreSQL replica for the public's reads (portal/db_router.py).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production")
    SECRET_KEY = secret_key_from_file(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute links (canonical, JSON-LD, Open Graph, share, print) are built from this, never from
# the Host header: Django checks its name, not its port, and a cached page carries them to everyone.
SITE_URL = env_origin("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")
if PRODUCTION and not SITE_URL:
    raise ImproperlyConfigured("SITE_URL must be set when DJANGO_ENV=production, e.g. https://cchc.example.gov.vn")

INSTALLED_APPS = [
    "publishing.apps.PortalAdminConfig",
    # Before django.contrib.auth: its createsuperuser (which validates the password) replaces Django's.
    "portal",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    # The read-only API (api/): REST framework, its OpenAPI description with self-hosted Swagger UI, CORS.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "axes",
    # Two-factor sign-in (portal/two_factor.py): authenticator apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_prose_editor",
    "adminsortable2",
    "reversion",
    "reversion_compare",
    "publishing",
    "plans",
    "news",
    "api",
]

MIDDLEWARE = [
    # First: times everything below, gives every log line the request id (portal/logging.py).
    "portal.logging.RequestLogMiddleware",
    # Above anything that may answer from the page cache: counts the readers of cached articles too.
    "news.middleware.ArticleViewMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous readers from the page cache before sessions, CSRF and authentication run,
    # and keeps pages with the headers everything below adds (publishing/middleware.py).
    "publishing.middleware.PublicPageCacheMiddleware",
    # Before anything that may answer (CommonMiddleware): only /api/ gets CORS headers (CORS_URLS_REGEX).
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    *(["portal.db_router.ReplicaReadsMiddleware"] if DATABASE_REPLICA_URL else []),
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: ends idle and too old sessions (SESSION_*_TIMEOUT).
    "portal.middleware.SessionTimeoutMiddleware",
    # Staff who must use a second factor reach nothing in the admin before they have.
    "portal.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Vietnamese lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins per (username, IP) and refuses a locked pair before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# On top of that, a user name is locked for everyone after this many wrong passwords from several
# addresses (each address counts up to AXES_FAILURE_LIMIT): portal/lockout.py.
AXES_USERNAME_FAILURE_LIMIT = env_int("AXES_USERNAME_FAILURE_LIMIT", 20, minimum=AXES_FAILURE_LIMIT)
AXES_HANDLER = "portal.lockout.LoginAttemptHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/locked.html"
# The client address is the peer's, or behind these proxies the right-most X-Forwarded-For address
# none of them wrote (portal/lockout.py). Production runs behind a TLS proxy, so it must name it.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
if env_str("AXES_PROXY_COUNT"):
    raise ImproperlyConfigured("AXES_PROXY_COUNT is no longer read: name the proxies in TRUSTED_PROXIES instead")
if PRODUCTION and not TRUSTED_PROXIES:
    raise ImproperlyConfigured("TRUSTED_PROXIES must be set when DJANGO_ENV=production, e.g. 127.0.0.1")
AXES_CLIENT_IP_CALLABLE = "portal.lockout.client_address"

# Superusers, system administrators and approvers sign in with a second factor; officers and
# editors may, and must when this is on (portal/two_factor.py).
TWO_FACTOR_FOR_ALL_STAFF = env_bool("TWO_FACTOR_FOR_ALL_STAFF", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Cổng CCHC")

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": [
            "django.template.context_processors.request",
            "django.contrib.auth.context_processors.auth",
            "django.contrib.messages.context_processors.messages",
            "portal.context_processors.site",
        ]},
    },
    # Named "jinja2": partials drawn in loops (cards, facets), placed in the pages by {% partial %} (publishing/partials.py).
    {"BACKEND": "django.template.backends.jinja2.Jinja2", "DIRS": [BASE_DIR / "templates" / "jinja2"],
     "OPTIONS": {"environment": "publishing.partials.environment"}},
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.db_router.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and DATABASES["default"]["NAME"] != ":memory:":
    private_file(Path(DATABASES["default"]["NAME"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public pages kept for anonymous readers (publishing.cache; 0: off): changes invalidate, this bounds memory.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 300)
# How long (ms) after a change in another worker a kept page may still be served (a hit costs no query).
PUBLIC_PAGE_LAG_MS = env_int("PUBLIC_PAGE_LAG_MS", 500, minimum=0)
# Search pages, their counts and lookups that found nothing (any typed text makes entries) live this long.
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 60)
# Article views are buffered (Redis, or a table without it) and added to the articles by a request
# of each worker at most this often, and by the fold_article_views cron job; 0: by cron only.
ARTICLE_VIEWS_FOLD_SECONDS = env_int("ARTICLE_VIEWS_FOLD_SECONDS", 60, minimum=0)

# Local memory by default; Redis (shared by every worker and host) when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
# The longest a Redis that is down or hangs holds a request (to connect, and for each answer);
# the pages are then served uncached (publishing/redis_cache.py).
CACHE_TIMEOUT_MS = env_int("CACHE_TIMEOUT_MS", 150, minimum=1)
if REDIS_URL:
    # Values are signed (publishing/redis_cache.py): a pickle planted in Redis is never unpickled.
    CACHES = {"default": {"BACKEND": "publishing.redis_cache.SignedRedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "cchc")}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cchc"}}

# The read-only API at /api/v1/ (api/, docs/api.md): anonymous reads only, JSON only, so nothing of
# REST framework's sessions, CSRF or HTML pages reaches the rest of the site.
API_ANON_RATE = env_rate("API_ANON_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Per client address behind TRUSTED_PROXIES, counted in the default cache (api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API dữ liệu mở – Cổng kế hoạch tuyên truyền cải cách hành chính",
    "DESCRIPTION": (
        "Chỉ đọc, không cần đăng nhập: kế hoạch và tin bài đã công bố, địa bàn, cơ quan, hình thức tuyên truyền. "
        "Phân trang con trỏ (liên kết next/previous), ETag và Last-Modified, CORS mở cho GET. Xem docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Swagger UI's files from the drf-spectacular-sidecar package, served as our static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
# Any site may read the API from a browser, with GET only and without cookies.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")

# A signed-in session ends after this long without a request, and this long after signing in
# (portal/middleware.py); the cookie does not outlive it either.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 30, minimum=1))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("SESSION_ABSOLUTE_HOURS", 12, minimum=1))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())

# Every way of setting a password checks these: the admin's forms, changepassword and
# createsuperuser (portal's, which also checks DJANGO_SUPERUSER_PASSWORD with --noinput).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "portal.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese only, day-first dates, Vietnam's time (GMT+7).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]  # Vietnamese for the admin strings Django and the apps leave in English

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads (and collected static files) are not world-readable; a front web server serving a
# MEDIA_ROOT outside var/ reads them through the service's group.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Uploaded files on S3-compatible object storage instead of MEDIA_ROOT (needs django-storages[s3]).
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", ("filesystem", "s3"), "filesystem")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID"),
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
            "addressing_style": env_choice("AWS_S3_ADDRESSING_STYLE", ("path", "virtual", "auto"), "path"),
            "default_acl": None,  # private objects: drafts' attachments must never be public
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 3600),
            "file_overwrite": False,
        },
    }

# Uploaded documents are read whole to be checked and hashed; this caps them.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 5 * 1024 * 1024)
# Pictures are decoded whole: pixels, not bytes, bound the memory (an A4 page at 600 dpi is 35 million).
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000, minimum=1_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: the workflow's notices and the monthly reminders (publishing.notices, send_reminders).
# Printed on the console in development; in production through the SMTP server named by EMAIL_HOST
# (docs/deploy.md). A server that is slow or down never holds up a step: notices are sent after the
# step is saved, on a thread of their own (NOTICES_IN_BACKGROUND), and a failure is logged.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cổng kế hoạch CCHC <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
NOTICES_IN_BACKGROUND = env_bool("NOTICES_IN_BACKGROUND", True)

SITE_NAME = env_str("SITE_NAME", "Cổng kế hoạch tuyên truyền cải cách hành chính")
SITE_CONTACT = env_str("SITE_CONTACT", "")
SITE_OWNER = env_str("SITE_OWNER", "" if PRODUCTION else "Đơn vị quản lý cổng (đặt bằng biến SITE_OWNER)")
if PRODUCTION and not SITE_OWNER:
    # Shown to the public in every page's footer: never a placeholder on a real server.
    raise ImproperlyConfigured("SITE_OWNER must be set when DJANGO_ENV=production, e.g. Sở Nội vụ tỉnh Trà Vinh")
# The licence of the open data (/du-lieu-mo/, the downloads, the API): its name and the page that states it.
DATA_LICENCE = env_str("DATA_LICENCE", "CC BY 4.0")
DATA_LICENCE_URL = env_str("DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/deed.vi")
SPECTACULAR_SETTINGS["LICENSE"] = {"name": DATA_LICENCE, "url": DATA_LICENCE_URL}  # the API's OpenAPI description

# Logs go to stderr (the journal under systemd), or to LOG_FILE (reopened after logrotate moves it):
# one line per request on "portal.request" (portal/logging.py), plain text or JSON lines, the time in
# TIME_ZONE. LOG_LEVEL is for everything else; LOG_REQUESTS=false keeps only failed requests' lines.
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_LEVEL = env_choice("LOG_LEVEL", LOG_LEVELS, "WARNING")
LOG_FORMAT = env_choice("LOG_FORMAT", ("plain", "json"), "plain")
LOG_FILE = env_str("LOG_FILE")
LOG_REQUESTS = env_bool("LOG_REQUESTS", True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "portal.logging.RequestContextFilter"}},
    "formatters": {
        "plain": {"()": "portal.logging.PlainFormatter", "timezone": TIME_ZONE},
        "json": {"()": "portal.logging.JsonFormatter", "timezone": TIME_ZONE},
    },
    "handlers": {
        "main": {
            **({"class": "logging.handlers.WatchedFileHandler", "filename": LOG_FILE, "encoding": "utf-8"}
               if LOG_FILE else {"class": "logging.StreamHandler"}),
            "formatter": LOG_FORMAT,
            "filters": ["request"],
        },
    },
    "root": {"handlers": ["main"], "level": LOG_LEVEL},
    "loggers": {
        # Health checks are logged at DEBUG (when they succeed): LOG_LEVEL=DEBUG shows them too.
        "portal.request": {"level": "DEBUG" if LOG_LEVEL == "DEBUG" else "INFO" if LOG_REQUESTS else "WARNING"},
    },
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer may probe the health check over plain HTTP on the service's own port.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# No inline script runs: our JavaScript is in static files; the admin's import map
# (django-prose-editor) carries the per-request nonce. Inline style attributes are
# still allowed, because the Django admin uses them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", *env_list("CSP_IMG_SOURCES")],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
