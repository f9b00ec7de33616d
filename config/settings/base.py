"""Settings shared by every environment. Everything that differs comes from the environment."""

from datetime import timedelta
from pathlib import Path

import django.forms
import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is optional; real deployments set the environment directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Where the official data files live (see README "Data"); the run script imports what it finds.
DATA_DIR = env.path("DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data"))
# The shipped guides, certifications and starting figures, loaded by `manage.py sync_content` (content/README.md).
CONTENT_DIR = BASE_DIR / "content"

INSTALLED_APPS = [
    # The site's AdminSite (panels apps register on the index page: data freshness); see core/admin_site.py.
    "core.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # /sitemap.xml (config/urls.py): the sitemaps framework's views and templates.
    "django.contrib.sitemaps",
    "django_filters",
    "axes",
    "simple_history",
    # The database backend of Django's tasks framework: admin imports are tasks that `manage.py db_worker` runs.
    "django_tasks_db",
    "core",
    "reference_data",
    "careers",
    "certifications",
    "schools",
    "imports",
    # The public API and the data downloads: the top layer, reading every app above (pyproject.toml contract).
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Django has no Permissions-Policy setting; this adds the header from PERMISSIONS_POLICY below.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # /api/: CORS for GET, preflight, HEAD, 405 for writes and the per-client rate limit (api/http.py).
    "api.http.ApiMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A NUL in the admin's query string is a 400, not a PostgreSQL error (core/middleware.py).
    "core.middleware.AdminRefusesNulMiddleware",
    # Staff editing (README "Staff: editing and imports"): idle staff sessions end, history records who
    # made each change, and axes (last, as it asks) turns a lockout into the lockout page.
    "core.middleware.StaffSessionIdleTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
    {
        # Find a School's result cards and the public forms' fields (config/jinja2.py and core/forms.py say why), with
        # Django's own Jinja2 copies of its widget templates; views name it with using="jinja2".
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2", Path(django.forms.__file__).parent / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "config.jinja2.environment", "trim_blocks": True, "lstrip_blocks": True},
    },
]


def database_from_env():
    """DATABASE_URL picks the database; SQLite (WAL mode) is the embedded default."""
    default_sqlite = f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    (BASE_DIR / "var").mkdir(exist_ok=True)
    config = env.db_url("DATABASE_URL", default=default_sqlite)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE transactions and WAL avoid "database is locked" under concurrent requests.
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    else:
        config.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
        config.setdefault("CONN_HEALTH_CHECKS", True)
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username+address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Every cache is bounded (README "Security and testing": Limits). Local memory (the default, one per worker) keeps
# at most CACHE_MAX_ENTRIES entries and then culls a third; a cached results page is about 50 KB, so 300 entries
# cost each worker at most about 15 MB. Redis is bounded by its own maxmemory with allkeys-lru (README, .ci/run).
CACHE_MAX_ENTRIES = env.int("CACHE_MAX_ENTRIES", default=300)
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", CACHE_MAX_ENTRIES)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "core.redis_cache.RedisCache"  # one client per pool (core/redis_cache.py)
# With a shared cache, each worker also keeps the pages it serves most in its own memory, up to this many bytes of
# page content (core/near_cache.py).
NEAR_CACHE_BYTES = env.int("NEAR_CACHE_BYTES", default=8 * 1024 * 1024)

# Rate limits per client (core/rate_limit.py): (requests, per seconds). A nationwide CSV export is about 4 MB.
# Clients are told apart by core.login_protection.client_ip_address (REMOTE_ADDR, or see TRUSTED_PROXY_COUNT).
# The API counts every request to /api/ (a cached answer costs little, a new search up to a few hundred ms).
RATE_LIMITS = {
    "csv-export": (env.int("CSV_EXPORTS_PER_MINUTE", default=10), 60),
    "api": (env.int("API_REQUESTS_PER_MINUTE", default=120), 60),
}

# Private files: official data files uploaded in the admin, kept (by SHA-256) until the real import runs.
# Nothing serves this folder over HTTP.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))

# --- Security headers (tests/core/test_security_headers.py asserts every one of these) ---
# Content Security Policy (Django's built-in middleware): only our own files, no inline script (but nonced JSON-LD),
# no inline style, no eval. Everything not listed falls back to default-src 'none'. The site and the
# admin need nothing else: CSS, JS and SVG icons are same-origin static files, and the admin's
# autocomplete fetches from the same origin. Add a source here only when a page really uses it.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    # The nonce is for the JSON-LD data blocks only (templates/includes/json_ld.html): no page has inline code. It is
    # in the header only on pages that use it (Django adds it when a template reads csp_nonce).
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Permissions-Policy (django-permissions-policy, which rejects unknown feature names): the site uses
# none of these browser features, so each is switched off for us and for anything we might embed.
# (Chromium on Linux logs a harmless "Unrecognized feature" warning for bluetooth and web-share.)
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "web-share",
        "xr-spatial-tracking",
    )
}

# /.well-known/security.txt (RFC 9116). Contact is a mailto: or https: URI; set it per deployment.
# The placeholder default keeps local runs working; `check --deploy` warns while it is in use.
SECURITY_TXT_CONTACT_PLACEHOLDER = "mailto:security@example.org"
SECURITY_CONTACT = env("SECURITY_CONTACT", default=SECURITY_TXT_CONTACT_PLACEHOLDER)
# Optional: the address of a vulnerability disclosure policy, listed as Policy when set.
SECURITY_POLICY_URL = env("SECURITY_POLICY_URL", default="")
# --- end of security headers ---

# urlize (certification notes) links bare domains such as aapc.com over HTTPS, Django 2028's default.
URLIZE_ASSUME_HTTPS = True

# --- Staff editing and imports (README "Staff: editing and imports") -----------------------------------
# Failed logins (django-axes): at most 10 failures per username and address in 5 minutes, then that
# username+address is locked out for 15 minutes, after which the lockout ends by itself. Axes counts a run of
# failures; core.login_protection.FailureWindowHandler ends a run after 5 quiet minutes (axes alone would keep
# counting for the whole cool-off) and keeps a lockout for the full cool-off. Failures during a lockout do not
# extend it.
AXES_HANDLER = "core.login_protection.FailureWindowHandler"
AXES_FAILURE_LIMIT = 10
AXES_FAILURE_WINDOW = timedelta(minutes=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.login_protection.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.login_protection.client_ip_address"
# How many proxies in front of Django append to X-Forwarded-For. 0 (the default) trusts only REMOTE_ADDR,
# which cannot be forged; behind one proxy set 1, or every user would share the proxy's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_VERBOSE = False
# After signing in, staff land on the admin index, also when the ?next= address was refused as unsafe (Django's
# default, /accounts/profile/, does not exist here).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Staff sessions end after 2 hours without activity (core.middleware.StaffSessionIdleTimeoutMiddleware).
STAFF_SESSION_IDLE_SECONDS = 2 * 60 * 60

# django-simple-history: one history row per saved version of the editorial models.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Admin imports: the real import may follow a dry run for this long without uploading the file again. The stored
# upload is removed when it expires (and as soon as its real import or a failed dry run ends).
ADMIN_IMPORT_CONFIRM_MAX_AGE = timedelta(days=1)
# Admin imports are tasks (imports/tasks.py) on Django's tasks framework. The database backend stores them in the
# site's own database, where `manage.py db_worker` (one process beside the web server, README "Run") picks them up,
# so a web worker recycle or a deploy no longer kills an import, and any number of web processes share the queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# An import's process writes a heartbeat on its run this often (imports/run_liveness.py) ...
IMPORT_RUN_HEARTBEAT_INTERVAL = timedelta(seconds=10)
# ... and a run whose process cannot be checked directly (another host) is taken to have died when its heartbeat
# is older than this. So is a confirmed import that no worker started in this time (is db_worker running?).
IMPORT_RUN_STALE_AFTER = timedelta(minutes=2)
# Imports from the admin may download only from public addresses: one that resolves to a loopback, private,
# link-local, reserved or multicast address (the server's own network) is refused, redirects included. True lets a
# developer import from a server on localhost; the command line (import_data SOURCE) is never limited.
IMPORT_ALLOW_PRIVATE_ADDRESSES = env.bool("IMPORT_ALLOW_PRIVATE_ADDRESSES", default=False)
# Limits that keep an import within the README's 500 MB, each refused with a message naming the setting.
# The uncompressed size of one member of a zip archive or of an xlsx workbook (checked from its header, then
# counted while streaming): the largest official member is the O*NET tasks file, 3 MB; a national OEWS sheet is 2 MB.
IMPORT_MAX_MEMBER_BYTES = env.int("IMPORT_MAX_MEMBER_BYTES", default=512 * 1024**2)
# A workbook's shared strings, which openpyxl holds in memory whole (the official ones are under 0.4 MB).
IMPORT_MAX_XLSX_SHARED_STRINGS_BYTES = env.int("IMPORT_MAX_XLSX_SHARED_STRINGS_BYTES", default=64 * 1024**2)
# One CSV field or spreadsheet cell (the longest official one is a CIP definition of 856 characters).
IMPORT_MAX_CELL_CHARS = env.int("IMPORT_MAX_CELL_CHARS", default=100_000)

# manage.py fetch_data (imports/fetching): the official releases listed in imports/releases.toml. Publishers ask
# scripts to name themselves (BLS refuses anonymous ones): the User-Agent carries the site's name and this contact.
DATA_RELEASES_MANIFEST = env("DATA_RELEASES_MANIFEST", default="") or None
DATA_FETCH_SITE_NAME = "Healthcare Careers Guide"
DATA_FETCH_CONTACT = env("DATA_FETCH_CONTACT", default="") or SECURITY_CONTACT
# A cap on each file, downloaded and unpacked, so a wrong address cannot fill the disk.
DATA_FETCH_MAX_BYTES = env.int("DATA_FETCH_MAX_BYTES", default=1024**3)
DATA_FETCH_RETRIES = 3
DATA_FETCH_BACKOFF_SECONDS = 2.0
DATA_FETCH_TIMEOUT_SECONDS = 60.0

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Axes logs every login at INFO; failures and lockouts (WARNING) are the ones worth keeping.
        "axes": {"level": "WARNING"},
    },
}
