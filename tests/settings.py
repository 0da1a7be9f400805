"""Settings for the test suite: the product's settings with a test secret and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "claimdesk-test-secret-key-not-for-production-use-0123456789")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# No collectstatic before the tests: WhiteNoise looks files up when asked (from the apps'
# static folders, as under DEBUG) instead of scanning STATIC_ROOT, which is not there (it
# warned "No directory at" each time a test client built the middleware: 1,200 a run).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Source archives in memory: each test that keeps one points them at its own folder (a
# worker process started by a test gets the folder through CLAIMDESK_TEST_ARCHIVE_ROOT).
if os.environ.get("CLAIMDESK_TEST_ARCHIVE_ROOT"):
    STORAGES["archives"] = {  # noqa: F405
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ["CLAIMDESK_TEST_ARCHIVE_ROOT"]},
    }
else:
    STORAGES["archives"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405
