"""Test overlay: the real settings, with eager Celery, a fast hasher and in-memory mail."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Playwright's sync API runs an event loop in the test thread; Django's ORM then refuses
# to run there unless told that this is safe (it is: tests run one at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from leerkring.settings import *  # noqa: F403
from leerkring.settings import LOCAL_CACHE, VAR_DIR

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "local": LOCAL_CACHE}
SHARED_CACHE = True  # one process: its memory is the cache every "process" shares (tests/conftest.py clears it)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "reports": {"BACKEND": "leerkring.core.storage.ReportsFileSystemStorage"},
}
SESSION_COOKIE_SECURE = False
# The test client speaks plain http; tests that check the https redirect and HSTS turn it on.
SECURE_SSL_REDIRECT = False
CSRF_COOKIE_SECURE = False
REPORTS_ROOT = VAR_DIR / "test-reports" / str(os.getpid())
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
