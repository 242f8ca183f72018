"""Anju settings: one module, configured entirely from the environment.

Every variable is documented in README.md ("Configuration"). Defaults give the
embedded mode: SQLite in ``ANJU_DATA_DIR`` (default ``<repo>/var``), tasks run
without a broker, PII keys generated into the data folder.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Everything this process creates (the SQLite database and its -wal/-shm, key files, uploads, backups) is private
# to the service account: files 0600, folders 0700. Set before anything below creates a file.
os.umask(0o077)


def make_private(path: Path, mode: int) -> None:
    """Tighten a file or folder created by an earlier version (or another umask) to ``mode``; never loosen it."""
    try:
        current = path.stat().st_mode & 0o777
        if current & ~mode:
            path.chmod(current & mode)
    except OSError:
        pass  # missing, or not ours: nothing to tighten


DATA_DIR = Path(os.environ.get("ANJU_DATA_DIR") or REPO_DIR / "var").resolve()
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
make_private(DATA_DIR, 0o700)

DEBUG = env_bool("ANJU_DEBUG", False)
# A web process freezes what it loaded before its first request (anju.core.warmup; ADR 0017).
ANJU_GC_FREEZE = env_bool("ANJU_GC_FREEZE", True)

# Browser journeys only: a clock that `manage.py test_clock advance` moves forward (see anju.core.testclock).
if env_bool("ANJU_TEST_CLOCK", False):
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("ANJU_TEST_CLOCK needs ANJU_DEBUG=1: never move the clock of a real installation.")
    from anju.core import testclock

    testclock.install(DATA_DIR / "test-clock.json")


def _secret_key() -> str:
    configured = os.environ.get("ANJU_SECRET_KEY")
    if configured:
        return configured
    # Embedded mode: one random key per data folder, kept across restarts.
    # Processes starting together on a fresh folder (web + scheduler, test workers) agree on one key: each writes a
    # private file and hard-links it into place; only the first link succeeds.
    key_file = DATA_DIR / "secret-key.txt"
    if not key_file.exists():
        tmp = DATA_DIR / f".secret-key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
        try:
            os.link(tmp, key_file)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    make_private(key_file, 0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ANJU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("ANJU_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "anju.accounts.admin_apps.AdminConfig",  # django.contrib.admin, logging in through the API's lockout
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "anju.core",
    "anju.accounts",
    "anju.notifications",
    "anju.properties",
    "anju.customers",
    "anju.warranty",
    "anju.sales",
    "anju.mortgage",
    "anju.settlement",
    "anju.certificates",
    "anju.workorders",
    "anju.sla",
    "anju.visits",
    "anju.complaints",
    "anju.handover",
    "anju.surveys",
    "anju.activities",
    "anju.owners",
    "anju.privacy",
    "anju.dashboard",
    "anju.reports",
    "anju.demo",
]

MIDDLEWARE = [
    "anju.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "anju.core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "anju.accounts.middleware.SessionLifetimeMiddleware",
    "anju.core.middleware.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "anju.core.middleware.ApiExceptionMiddleware",
]

if env_bool("ANJU_BENCH_QUERY_COUNT", False):  # make bench: SQL statements per request in a header
    MIDDLEWARE.insert(0, "anju.core.middleware.QueryCountMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# Django's model backend with permissions kept between requests until the user's access changes (ADR 0007)
AUTHENTICATION_BACKENDS = ["anju.accounts.backends.CachedModelBackend"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

# --- Database -----------------------------------------------------------------
DATABASE_URL = os.environ.get("ANJU_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'anju.sqlite3'}"
# Persistent connections (with a health check) spare PostgreSQL/MariaDB a connection set-up per request.
_db = dj_database_url.parse(
    DATABASE_URL,
    conn_max_age=int(os.environ.get("ANJU_DB_CONN_MAX_AGE", "60")),
    conn_health_checks=True,
)
SQLITE = _db["ENGINE"] == "django.db.backends.sqlite3"
if SQLITE:
    # C5: WAL, busy timeout >= 5 s, foreign keys (Django turns them on), IMMEDIATE
    # transactions so writers queue on the lock instead of failing mid-transaction. Anju's backend queues writers on
    # a lock file before BEGIN IMMEDIATE rather than in SQLite's sleeping busy handler (anju.core.sqlite, ADR 0017).
    _db["ENGINE"] = "anju.core.sqlite"
    _db["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        # wal_autocheckpoint: the pages a request lets the log grow by before it copies them back itself (10,000
        # pages took a create ~35 ms); the sqlite-checkpoint job does it off the request path every second
        # (anju.core.tasks.checkpoint_sqlite), so this is the safety net for when the job is not running.
        # journal_size_limit: the log file is cut back to 64 MB when it starts over.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
        f"PRAGMA wal_autocheckpoint={int(os.environ.get('ANJU_SQLITE_AUTOCHECKPOINT_PAGES', '50000'))}; "
        "PRAGMA journal_size_limit=67108864;",
    }
    # Tests run on a file (not in-memory) so WAL and multi-threaded tests behave as in production.
    _db["TEST"] = {"NAME": str(DATA_DIR / "test-anju.sqlite3")}
    # SQLite creates -wal and -shm with the database file's mode: a database from before the umask gets tightened.
    if _db["NAME"] and _db["NAME"] != ":memory:":
        for _suffix in ("", "-wal", "-shm", "-writer"):
            make_private(Path(f"{_db['NAME']}{_suffix}"), 0o600)
elif _db["ENGINE"] == "django.db.backends.mysql":
    _db["OPTIONS"] = {"charset": "utf8mb4", "isolation_level": "read committed"}
    _db["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
elif _db["ENGINE"] == "django.db.backends.postgresql" and os.environ.get(
    "ANJU_PG_PREPARED", "1" if _db.get("CONN_MAX_AGE") else "0"
).strip().lower() in {"1", "true", "yes", "on"}:
    # Server-side parameters, and a statement seen twice on a connection is prepared: PostgreSQL plans it once per
    # connection. On with persistent connections (the default); off with ANJU_DB_CONN_MAX_AGE=0 — the setting for a
    # transaction-pooling PgBouncer, where a statement prepared on one server connection would run on another
    # (docs/deploy.md). ANJU_PG_PREPARED=0/1 decides it either way.
    _db["OPTIONS"] = {**_db.get("OPTIONS", {}), "server_side_binding": True, "prepare_threshold": 2}
DATABASES = {"default": _db}
# A streaming read replica of the primary (PostgreSQL): reports and exports read from it (anju.core.db_router).
DATABASE_REPLICA_URL = os.environ.get("ANJU_DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    _replica = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=int(os.environ.get("ANJU_DB_CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    _replica["OPTIONS"] = {**_db.get("OPTIONS", {}), **_replica.get("OPTIONS", {})}
    if _replica["ENGINE"] == "django.db.backends.postgresql":
        _replica["OPTIONS"].setdefault("connect_timeout", 2)  # a dead replica must not hold a report for long
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
DATABASE_ROUTERS = ["anju.core.db_router.ReplicaRouter"]
# Read-your-writes: after a write, the writer reads reports from the primary for this long.
REPLICA_PIN_SECONDS = float(os.environ.get("ANJU_REPLICA_PIN_SECONDS", "5"))
# After the replica failed to answer, reports use the primary for this long before it is tried again.
REPLICA_RETRY_SECONDS = float(os.environ.get("ANJU_REPLICA_RETRY_SECONDS", "30"))

# The cache holds the read-your-writes pins (and Django's own small caches): shared through Redis when several app
# servers run, in process memory in the embedded mode.
CACHE_URL = os.environ.get("ANJU_CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "anju"}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords, sessions, CSRF -------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = int(os.environ.get("ANJU_SESSION_IDLE_SECONDS", str(30 * 60)))  # idle timeout
SESSION_SAVE_EVERY_REQUEST = True  # every request slides the idle window
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("ANJU_SESSION_ABSOLUTE_SECONDS", str(12 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # the SPA reads it and echoes it in X-CSRFToken
CSRF_COOKIE_SAMESITE = "Lax"

LOGIN_THROTTLE = {
    "USERNAME_FAILURES": int(os.environ.get("ANJU_LOGIN_USERNAME_FAILURES", "5")),
    "IP_FAILURES": int(os.environ.get("ANJU_LOGIN_IP_FAILURES", "50")),
    "WINDOW": timedelta(minutes=15),
    "LOCKOUT": timedelta(minutes=15),
}

# Integration tokens (``Authorization: Token <key>``) end after this many days without use. The last-use time is
# written at most once per TOUCH_INTERVAL, so token requests do not each cost a database write.
API_TOKENS = {
    "IDLE_TIMEOUT": timedelta(days=int(os.environ.get("ANJU_TOKEN_IDLE_DAYS", "30"))),
    "TOUCH_INTERVAL": timedelta(minutes=5),
    "MAX_PER_USER": 50,  # issuing one more ends the least recently used
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("ANJU_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("ANJU_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("ANJU_SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("ANJU_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("ANJU_HSTS_PRELOAD", True)
    if env_bool("ANJU_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("ANJU_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Uploaded files (work-order photos …) live outside the static root and are served only by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("ANJU_PRIVATE_MEDIA_ROOT") or DATA_DIR / "private")
make_private(PRIVATE_MEDIA_ROOT, 0o700)
# Uploads (and the folders made for them) are readable by the service account only, whatever the umask.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
UPLOAD_MAX_BYTES = int(os.environ.get("ANJU_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# Images are refused above this many pixels, read from the file header before anything is decoded (a 12 KB PNG
# can claim 10000x10000 pixels and take hundreds of MB to decode).
UPLOAD_MAX_IMAGE_PIXELS = int(os.environ.get("ANJU_UPLOAD_MAX_IMAGE_PIXELS", str(40_000_000)))
# The largest JSON (or other non-file) request body; larger is a 413. File uploads keep UPLOAD_MAX_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("ANJU_MAX_JSON_BYTES", str(2 * 1024 * 1024)))
FRONTEND_DIST = Path(os.environ.get("ANJU_FRONTEND_DIST") or REPO_DIR / "frontend" / "dist")
# The built web app: /assets/<name>-<hash>.js etc. are served from the root with far-future caching.
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/?assets/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Personal data ------------------------------------------------------------
# Keys never derive from SECRET_KEY. ANJU_PII_KEYS="k1:<base64 32 bytes>,k2:..."; the
# active key encrypts, every listed key decrypts. ANJU_PII_INDEX_KEY keys the blind index.
PII = {
    "KEYS": os.environ.get("ANJU_PII_KEYS", ""),
    "ACTIVE_KEY": os.environ.get("ANJU_PII_ACTIVE_KEY", ""),
    "INDEX_KEY": os.environ.get("ANJU_PII_INDEX_KEY", ""),
    "KEY_FILE": Path(os.environ.get("ANJU_PII_KEY_FILE") or DATA_DIR / "pii-keys.json"),
}

# --- REST framework -----------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes anonymous requests 401, not 403.
        "anju.accounts.authentication.TokenAuthentication",
        "anju.accounts.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["anju.core.permissions.ActionPermission"],
    "DEFAULT_PARSER_CLASSES": ["anju.core.parsers.JSONParser"],  # DRF's, with a nesting limit
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "anju.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["anju.core.filters.FilterBackend"],  # strict ids and dates in every FilterSet
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "anju.core.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Anju 安居 API",
    "DESCRIPTION": "Real-estate customer service and after-sales management.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CustomerOrderingEnum": "anju.customers.selectors.CUSTOMER_ORDERING_CHOICES",
        "UnitStatusEnum": "anju.properties.choices.UnitStatus",
        "AppointmentStatusEnum": "anju.customers.choices.AppointmentStatus",
        "ContactChannelEnum": "anju.customers.choices.ContactChannel",
        "WorkOrderStatusEnum": "anju.workorders.choices.Status",
        "WorkOrderTypeEnum": "anju.workorders.choices.OrderType",
        "WorkOrderChannelEnum": "anju.workorders.choices.Channel",
        "SurveyChannelEnum": "anju.surveys.models.Channel",
        "WorkOrderPriorityEnum": "anju.workorders.choices.Priority",
        "TechnicianStatusEnum": "anju.workorders.choices.TechnicianStatus",
        "SkillLevelEnum": "anju.workorders.choices.SkillLevel",
        "WarrantyItemEnum": "anju.warranty.rules.WarrantyItem",
        "WorkOrderFollowUpMethodEnum": "anju.workorders.choices.FollowUpMethod",
        "CostKindEnum": "anju.workorders.choices.CostKind",
        "CalendarDayKindEnum": "anju.sla.models.DayKind",
        "CalendarSourceEnum": "anju.sla.models.CalendarSource",
        "SourceEnum": "anju.customers.choices.CustomerSource",
        "SlaTargetEnum": "anju.sla.models.SlaTarget",
        "SlaStateEnum": "anju.sla.models.ClockState",
        "VisitStatusEnum": "anju.visits.models.VisitStatus",
        "VisitKindEnum": "anju.visits.models.VisitKind",
        "CareBasisEnum": "anju.visits.models.CareBasis",
        "ComplaintCategoryEnum": "anju.complaints.models.ComplaintCategory",
        "CategoryEnum": "anju.customers.choices.ConsultationCategory",
        "StageEnum": "anju.workorders.choices.AttachmentStage",
        "ComplaintSeverityEnum": "anju.complaints.models.Severity",
        "ComplaintStageEnum": "anju.complaints.models.Stage",
        "IncidentStatusEnum": "anju.complaints.models.IncidentStatus",
        "PricingBasisEnum": "anju.sales.choices.PricingBasis",
        "SettlementStatusEnum": "anju.settlement.choices.SettlementStatus",
        "SettlementMissingReasonEnum": "anju.settlement.choices.MissingReason",
        "SettlementRegimeEnum": "anju.settlement.choices.Regime",
        "SettlementPriceSourceEnum": "anju.settlement.choices.PriceSource",
        "MoneyMethodEnum": "anju.sales.choices.MoneyMethod",
        "DeskMethodEnum": "anju.sales.choices.DESK_METHODS",
        "PaymentPlanEnum": "anju.sales.choices.PaymentPlan",
        "BuyerRoleEnum": "anju.sales.choices.BuyerRole",
        "StaffRoleEnum": "anju.accounts.api.serializers.ROLE_CHOICES",
        "CallModeEnum": "anju.workorders.choices.CallMode",
        "OwnershipRoleEnum": "anju.customers.choices.OwnershipRole",
        "PriceListStatusEnum": "anju.sales.choices.PriceListStatus",
        "SubscriptionStatusEnum": "anju.sales.choices.SubscriptionStatus",
        "ContractStatusEnum": "anju.sales.choices.ContractStatus",
        "AreaClauseEnum": "anju.sales.choices.AreaClause",
        "ContractChangeKindEnum": "anju.sales.choices.ChangeKind",
        "ContractChangeStatusEnum": "anju.sales.choices.ChangeStatus",
        "ReceivableKindEnum": "anju.sales.choices.ReceivableKind",
        "LedgerEntryKindEnum": "anju.sales.choices.EntryKind",
        "LedgerEntryStatusEnum": "anju.sales.choices.EntryStatus",
        "MortgageStageEnum": "anju.mortgage.choices.Stage",
        "MortgageLoanTypeEnum": "anju.mortgage.choices.LoanType",
        "ChecklistStatusEnum": "anju.mortgage.choices.DocumentStatus",
        "CodeEnum": "anju.mortgage.choices.DocumentCode",  # the name it had before the certificates checklist
        "CertificateStageEnum": "anju.certificates.choices.Stage",
        "CertificateClockEnum": "anju.certificates.choices.Clock",
        "CertificateFaultEnum": "anju.certificates.choices.Fault",
        "CertificateSaleKindEnum": "anju.certificates.choices.SaleKind",
        "CertificateReceiptKindEnum": "anju.certificates.choices.ReceiptKind",
        "CertificateDocumentEnum": "anju.certificates.choices.DocumentCode",
        "HandoverBatchStatusEnum": "anju.handover.choices.BatchStatus",
        "OwnerOrderTypeEnum": "anju.owners.choices.OwnerOrderType",
        "ActivityAudienceEnum": "anju.activities.models.Audience",
        "ActivityStatusEnum": "anju.activities.models.ActivityStatus",
        "ActivityRegistrationStatusEnum": "anju.activities.models.RegistrationStatus",
        "OwnerStepEnum": "anju.owners.choices.OwnerStep",
        "OwnerTimelineStepEnum": "anju.owners.choices.TimelineStep",
        "HandoverMemberRoleEnum": "anju.handover.choices.MemberRole",
        "HandoverTaskCodeEnum": "anju.handover.choices.TaskCode",
        "HandoverNoticeStatusEnum": "anju.handover.choices.NoticeStatus",
        "HandoverNoticeChannelEnum": "anju.handover.choices.NoticeChannel",
        "HandoverSlotStatusEnum": "anju.handover.choices.SlotStatus",
        "HandoverInspectionStatusEnum": "anju.handover.choices.InspectionStatus",
        "HandoverDefectStateEnum": "anju.handover.choices.DefectState",
        "SurveyTriggerKindEnum": "anju.surveys.models.TriggerKind",
        "SurveyInvitationStateEnum": "anju.surveys.models.InvitationState",
        "SurveySkipReasonEnum": "anju.surveys.models.SkipReason",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Celery -------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("ANJU_CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE
# How long the answer to a create with an Idempotency-Key is kept for a retry (security target C4).
IDEMPOTENCY_KEEP_HOURS = int(os.environ.get("ANJU_IDEMPOTENCY_KEEP_HOURS", "24"))
# Periodic jobs: the SLA sweep (warnings and escalations), the care-visit generator, the sales and mortgage clocks.
# Celery beat runs them in production; in the embedded mode `make run` runs `manage.py run_scheduler`, which reads
# this same table.
CELERY_BEAT_SCHEDULE = {
    "sla-sweep": {"task": "anju.sla.tasks.sweep_sla", "schedule": float(os.environ.get("ANJU_SLA_SWEEP_SECONDS", "60"))},
    "care-visits": {
        "task": "anju.visits.tasks.generate_care_visits",
        "schedule": float(os.environ.get("ANJU_CARE_VISITS_SECONDS", "3600")),
    },
    # Subscription expiry, filing deadlines and overdue receivables (sales); document and approval clocks (mortgage).
    "sales-sweep": {
        "task": "anju.sales.tasks.sweep_sales",
        "schedule": float(os.environ.get("ANJU_SALES_SWEEP_SECONDS", "3600")),
    },
    "sales-daily-report": {"task": "anju.sales.tasks.daily_sales_report", "schedule": 3600.0},
    # 入伙维修日报 to 工程部 every evening.
    "handover-daily-report": {"task": "anju.handover.tasks.daily_repair_report", "schedule": 3600.0},
    "mortgage-sweep": {
        "task": "anju.mortgage.tasks.sweep_mortgage",
        "schedule": float(os.environ.get("ANJU_MORTGAGE_SWEEP_SECONDS", "3600")),
    },
    # The certificate clocks (developer documents, transfer registration, 预告登记 lapse): alerts once per clock.
    "certificates-sweep": {
        "task": "anju.certificates.tasks.sweep_certificates",
        "schedule": float(os.environ.get("ANJU_CERTIFICATES_SWEEP_SECONDS", "3600")),
    },
    # Recount the technicians' open-load counters (dispatch suggestions), repair and report drift: nightly.
    "technician-load": {
        "task": "anju.workorders.tasks.reconcile_technician_loads",
        "schedule": float(os.environ.get("ANJU_TECHNICIAN_LOAD_SECONDS", "86400")),
    },
    # Recompute yesterday's working-time rows of the report centre (anju.reports.worktimes): nightly, idempotent.
    "report-work-times": {
        "task": "anju.reports.tasks.rebuild_work_times",
        "schedule": float(os.environ.get("ANJU_REPORT_WORK_TIMES_SECONDS", "86400")),
    },
    # Report subscriptions (daily/weekly/monthly at 08:00) and the 工作总结 (Mondays, the 1st): hourly, each period
    # sent once (reports.ScheduledSend), so a run after a stop catches up without sending twice.
    "report-subscriptions": {
        "task": "anju.reports.tasks.send_report_subscriptions",
        "schedule": float(os.environ.get("ANJU_REPORT_SUBSCRIPTIONS_SECONDS", "3600")),
    },
    "work-summaries": {
        "task": "anju.reports.tasks.send_work_summaries",
        "schedule": float(os.environ.get("ANJU_WORK_SUMMARIES_SECONDS", "3600")),
    },
    # Automatic surveys (after a repair order closes, after handover, yearly): the invitations due, each sent once
    # (surveys.Invitation, decided in its own transaction), with survey-fatigue protection.
    "survey-invitations": {
        "task": "anju.surveys.tasks.send_survey_invitations",
        "schedule": float(os.environ.get("ANJU_SURVEY_INVITATIONS_SECONDS", "600")),
    },
    # Stored Idempotency-Key answers older than IDEMPOTENCY_KEEP_HOURS: deleted hourly (anju.core.tasks).
    "idempotency-purge": {
        "task": "anju.core.tasks.purge_idempotency_records",
        "schedule": float(os.environ.get("ANJU_IDEMPOTENCY_PURGE_SECONDS", "3600")),
    },
    # E-mails whose sender failed or died after claiming them (anju.notifications.services.deliver_email).
    "email-outbox": {
        "task": "anju.notifications.tasks.deliver_email_outbox",
        "schedule": float(os.environ.get("ANJU_EMAIL_OUTBOX_SECONDS", "60")),
    },
}
if SQLITE:
    # SQLite (the embedded mode) only: the write-ahead log copied back into the database off the request path.
    _checkpoint_seconds = float(os.environ.get("ANJU_SQLITE_CHECKPOINT_SECONDS", "1"))
    CELERY_BEAT_SCHEDULE["sqlite-checkpoint"] = {
        "task": "anju.core.tasks.checkpoint_sqlite",
        "schedule": _checkpoint_seconds,
        "options": {"expires": _checkpoint_seconds},
    }
# A Celery worker killed mid-task: the task goes back to the queue (acks_late) instead of being dropped.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Readiness and metrics --------------------------------------------------------
# /api/v1/ready/ wants the SLA sweep's heartbeat younger than this many sweep intervals.
READY_HEARTBEAT_INTERVALS = 3
# /api/v1/metrics/ (Prometheus text) answers only to "Authorization: Bearer <this>"; unset, the endpoint is off (404).
METRICS_TOKEN = os.environ.get("ANJU_METRICS_TOKEN", "")
# Several processes (gunicorn workers, Celery) on one machine add up their figures through this folder; it must be
# emptied when the services start (prometheus_client's multi-process mode).
if os.environ.get("ANJU_METRICS_DIR"):
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", os.environ["ANJU_METRICS_DIR"])

# --- Notifications --------------------------------------------------------------
# E-mail through Django's backend (console in DEBUG unless configured); texts through the outbox by default.
EMAIL_BACKEND = os.environ.get(
    "ANJU_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("ANJU_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("ANJU_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("ANJU_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ANJU_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ANJU_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("ANJU_EMAIL_FROM", "anju@localhost")
ANJU_TEXT_BACKEND = os.environ.get("ANJU_TEXT_BACKEND", "anju.notifications.backends.OutboxBackend")
# The public address put in links sent by text message (personal survey links).
ANJU_SITE_URL = os.environ.get("ANJU_SITE_URL", "http://localhost:8000")
# The development outbox screen (system administrators read the last texts and e-mails, e.g. an owner's sign-in code,
# without a shell): only in development (ANJU_DEBUG=1) with the outbox text backend; never on a production site.
DEV_OUTBOX = DEBUG and ANJU_TEXT_BACKEND == "anju.notifications.backends.OutboxBackend"
# An e-mail claimed by a sender that then died is sent again after this many seconds (at least once, same Message-ID).
ANJU_EMAIL_LEASE_SECONDS = int(os.environ.get("ANJU_EMAIL_LEASE_SECONDS", "120"))

# --- Demo data ----------------------------------------------------------------
DEMO_PASSWORD = os.environ.get("ANJU_DEMO_PASSWORD", "")

# --- Logging ------------------------------------------------------------------
LOG_LEVEL = os.environ.get("ANJU_LOG_LEVEL", "INFO")
# JSON lines (one object per line: request id, user id, route, status, duration ...) for a production site (a broker
# is configured), plain text in the embedded mode; ANJU_LOG_FORMAT=json|plain chooses either.
LOG_FORMAT = os.environ.get("ANJU_LOG_FORMAT") or ("json" if CELERY_BROKER_URL else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "anju.core.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "anju.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own request logger repeats what anju.request logs, with the full path.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, e.g. "127.0.0.1,10.0.0.0/8"): the login
# limits per IP and the access log then see the client's address instead of the proxy's.
TRUSTED_PROXY_NETWORKS = [
    ipaddress.ip_network(value.strip(), strict=False)
    for value in os.environ.get("ANJU_TRUSTED_PROXIES", "127.0.0.1,::1" if env_bool("ANJU_BEHIND_PROXY", False) else "").split(
        ","
    )
    if value.strip()
]
