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
])
def test_bad_or_missing_settings_stop_the_start(tmp_path, env, message):
    result = load_settings(tmp_path, **env)

    assert result.returncode != 0
    assert message in result.stderr


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
