import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

ROOT = Path(__file__).resolve().parent.parent


def load_settings(tmp_path, show="s.SECRET_KEY[:4], s.DEBUG, s.DATABASES['default']['ENGINE']", **env):
    """Import the settings in a fresh interpreter with only ``env`` set, and print ``show``."""
    environment = {"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-c", f"import portal.settings as s; print({show})"],
        cwd=ROOT, env=environment, capture_output=True, text=True,
    )


def test_first_run_needs_no_configuration_and_keeps_its_secret_key(tmp_path):
    first = load_settings(tmp_path)
    second = load_settings(tmp_path)

    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "sqlite3" in first.stdout
    assert (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("env, message", [
    ({"DJANGO_ENV": "production", "ALLOWED_HOSTS": "cchc.example.gov.vn"}, "SECRET_KEY must be set"),
    ({"DJANGO_ENV": "production", "SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS must be set"),
    # Absolute links would otherwise follow the Host header, port included, into cached pages.
    ({"DJANGO_ENV": "production", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "cchc.example.gov.vn"}, "SITE_URL must be set"),
    ({"SITE_URL": "cchc.example.gov.vn"}, "SITE_URL must be an absolute http(s) URL without a path"),
    ({"SITE_URL": "https://cchc.example.gov.vn/ke-hoach/"}, "SITE_URL must be an absolute http(s) URL without a path"),
    ({"SITE_URL": "https://cchc.example.gov.vn?x=1"}, "SITE_URL must be an absolute http(s) URL without a path"),
    ({"SITE_URL": "javascript://cchc.example.gov.vn"}, "SITE_URL must be an absolute http(s) URL without a path"),
    # The login lockout would otherwise key every client by the proxy's address.
    ({"DJANGO_ENV": "production", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "cchc.example.gov.vn",
      "SITE_URL": "https://cchc.example.gov.vn"}, "TRUSTED_PROXIES must be set"),
    ({"TRUSTED_PROXIES": "nginx.internal"}, "TRUSTED_PROXIES must list IP addresses or networks"),
    ({"TRUSTED_PROXIES": "10.0.0.1, 10.0.0.300"}, "got '10.0.0.300'"),
    ({"AXES_PROXY_COUNT": "1"}, "AXES_PROXY_COUNT is no longer read: name the proxies in TRUSTED_PROXIES"),
    ({"AXES_USERNAME_FAILURE_LIMIT": "3"}, "AXES_USERNAME_FAILURE_LIMIT must be at least 5"),
    ({"SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES must be at least 1"),
    ({"SESSION_ABSOLUTE_HOURS": "-1"}, "SESSION_ABSOLUTE_HOURS must be at least 1"),
    ({"DEBUG": "maybe"}, "DEBUG must be a boolean"),
    # A typo would otherwise run a server in development mode: no HSTS, no secure cookies.
    ({"DJANGO_ENV": "prodution"}, "DJANGO_ENV must be one of development, production, got 'prodution'"),
    ({"DJANGO_ENV": "Production"}, "DJANGO_ENV must be one of development, production"),
    # A typo would otherwise keep uploads on the local disk of one host.
    ({"MEDIA_STORAGE": "S3"}, "MEDIA_STORAGE must be one of filesystem, s3, got 'S3'"),
    ({"MEDIA_STORAGE": "minio"}, "MEDIA_STORAGE must be one of filesystem, s3"),
    ({"MEDIA_STORAGE": "s3", "AWS_S3_ADDRESSING_STYLE": "host"},
     "AWS_S3_ADDRESSING_STYLE must be one of path, virtual, auto, got 'host'"),
    ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got 'verbose'"),
])
def test_bad_or_missing_settings_stop_the_start(tmp_path, env, message):
    result = load_settings(tmp_path, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize("env, show, expected", [
    ({}, "s.DJANGO_ENV, s.MEDIA_STORAGE, s.LOGGING['root']['level']", "development filesystem WARNING"),
    ({"DJANGO_ENV": "", "MEDIA_STORAGE": "", "LOG_LEVEL": ""},
     "s.DJANGO_ENV, s.MEDIA_STORAGE, s.LOGGING['root']['level']", "development filesystem WARNING"),
    ({"MEDIA_STORAGE": "filesystem", "LOG_LEVEL": "INFO"},
     "s.STORAGES['default']['BACKEND'], s.LOGGING['root']['level']", "django.core.files.storage.FileSystemStorage INFO"),
    ({"MEDIA_STORAGE": "s3", "AWS_S3_ADDRESSING_STYLE": "virtual"},
     "s.STORAGES['default']['OPTIONS']['addressing_style']", "virtual"),
    ({}, "s.SITE_URL", "http://127.0.0.1:8000"),
    ({}, "s.TRUSTED_PROXIES, s.AXES_USERNAME_FAILURE_LIMIT, s.SESSION_IDLE_TIMEOUT, s.SESSION_COOKIE_AGE",
     "[] 20 0:30:00 43200"),
    ({"TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/24,::1"}, "s.TRUSTED_PROXIES", "['10.0.0.1', '192.168.0.0/24', '::1']"),
    ({"SESSION_IDLE_MINUTES": "15", "SESSION_ABSOLUTE_HOURS": "8"}, "s.SESSION_IDLE_TIMEOUT, s.SESSION_COOKIE_AGE",
     "0:15:00 28800"),
    ({"SITE_URL": " https://CCHC.example.gov.vn:8443/ "}, "s.SITE_URL", "https://cchc.example.gov.vn:8443"),
    # Signed values: a pickle planted in Redis is never unpickled (tests/security/test_host_and_cache.py).
    ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "s.CACHES['default']['BACKEND']", "publishing.redis_cache.SignedRedisCache"),
])
def test_allowed_values_and_defaults_are_taken(tmp_path, env, show, expected):
    result = load_settings(tmp_path, show=show, **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_production_serves_static_files_under_hashed_names(tmp_path):
    result = load_settings(
        tmp_path, show="s.STORAGES['staticfiles']['BACKEND']",
        DJANGO_ENV="production", SECRET_KEY="k" * 60, ALLOWED_HOSTS="cchc.example.gov.vn",
        SITE_URL="https://cchc.example.gov.vn", SITE_OWNER="Sở Nội vụ tỉnh Trà Vinh", TRUSTED_PROXIES="127.0.0.1",
    )
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_media_storage_s3_switches_the_default_storage(tmp_path):
    result = load_settings(
        tmp_path, show="s.STORAGES['default']['BACKEND'], s.STORAGES['default']['OPTIONS']['bucket_name']",
        MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="cchc-media",
    )
    assert result.stdout.strip() == "storages.backends.s3.S3Storage cchc-media"


def mode(path):
    return oct(path.stat().st_mode & 0o777)


def test_var_is_created_private_to_the_service_user(tmp_path):
    var = tmp_path / "var"

    result = load_settings(var)

    assert result.returncode == 0, result.stderr
    assert mode(var) == oct(0o700)
    assert mode(var / "db.sqlite3") == oct(0o600)  # SQLite keeps it, and gives its journal the same
    assert mode(var / "secret_key") == oct(0o600)


def test_a_var_folder_left_open_is_closed_at_the_next_start(tmp_path):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    (var / "db.sqlite3").touch(mode=0o644)
    var.chmod(0o755)
    (var / "db.sqlite3").chmod(0o644)

    result = load_settings(var, SECRET_KEY="k" * 60)

    assert result.returncode == 0, result.stderr
    assert mode(var) == oct(0o700)
    assert mode(var / "db.sqlite3") == oct(0o600)


def test_uploaded_files_are_not_world_readable(media_root):
    name = default_storage.save("plans/2025/tai-lieu.pdf", ContentFile(b"%PDF-1.7"))

    assert mode(media_root / name) == oct(0o640)
    assert mode(media_root / "plans" / "2025") == oct(0o750)
    assert mode(media_root / "plans") == oct(0o750)
