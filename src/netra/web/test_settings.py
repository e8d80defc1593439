"""Overrides for the test suite only: a fixed key, fast hashing, files in a temporary directory."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("NETRA_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("NETRA_AUDIT_KEY", "test-only-audit-key-not-for-production-use-9876543210")
os.environ.setdefault("NETRA_DATA_DIR", os.path.join(tempfile.gettempdir(), "netra-test"))

from netra.web.settings import *  # noqa: F403
from netra.web.settings import DATA_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = DATA_DIR / "media"
ALLOWED_HOSTS = ["testserver", "localhost"]
NETRA_PUBLIC_RATE_PER_MINUTE = 1000
NETRA_PUBLIC_DAILY_REPORTS = 100_000
NETRA_MIN_FREE_BYTES = 0  # the machine's free space is not the test's business; set it to test
SECURE_SSL_REDIRECT = False  # the test client and live server speak plain HTTP
SECURE_HSTS_SECONDS = 0
NETRA_RATE_STORE = "database"  # rolled back with each test, so every test starts at zero
NETRA_NOTIFICATION_SENDERS = ["netra.notifications.senders.EmailSender"]  # locmem in tests
