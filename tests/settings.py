"""Test settings: production settings with what a test client over plain HTTP needs."""

import tempfile
from pathlib import Path

from emulation.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
# One cache per test process, emptied before each test (tests/conftest.py), so that tests
# without database access may clear it too; the database cache the app servers share is
# exercised by scripts/smoke_gunicorn (two servers, one count of checks).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="thidua-test-media-"))
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The test client's login() passes no request, which django-axes needs; the tests of the
# login throttle switch it back on and log in through the form.
AXES_ENABLED = False
# The end-to-end tests drive a real browser over plain HTTP on loopback.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SITE_URL = (
    "https://thidua.example.vn"  # a public address: certificates print (see emulation.checks)
)
