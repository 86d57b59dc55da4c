import os
import subprocess
import sys
from pathlib import Path

import pytest

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
])
def test_allowed_values_and_defaults_are_taken(tmp_path, env, show, expected):
    result = load_settings(tmp_path, show=show, **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_production_serves_static_files_under_hashed_names(tmp_path):
    result = load_settings(
        tmp_path, show="s.STORAGES['staticfiles']['BACKEND']",
        DJANGO_ENV="production", SECRET_KEY="k" * 60, ALLOWED_HOSTS="cchc.example.gov.vn",
    )
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_media_storage_s3_switches_the_default_storage(tmp_path):
    result = load_settings(
        tmp_path, show="s.STORAGES['default']['BACKEND'], s.STORAGES['default']['OPTIONS']['bucket_name']",
        MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="cchc-media",
    )
    assert result.stdout.strip() == "storages.backends.s3.S3Storage cchc-media"
