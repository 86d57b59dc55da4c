"""A production server refuses to start half-configured, saying what to do: static files not
collected (the command to run), no SITE_OWNER (shown in every page's footer)."""

import os
import subprocess
import sys

import pytest

from tests.operations.processes import ROOT, manage
from tests.test_settings import load_settings

PRODUCTION = {
    "DJANGO_ENV": "production", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "cchc.example.gov.vn",
    "SITE_URL": "https://cchc.example.gov.vn", "SITE_OWNER": "Sở Nội vụ tỉnh Trà Vinh", "TRUSTED_PROXIES": "127.0.0.1",
}
COLLECTSTATIC = "python manage.py collectstatic --noinput"


@pytest.fixture
def production_env(tmp_path):
    return {"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path), **PRODUCTION}


def start_gunicorn(env):
    """gunicorn as the README starts it; it exits by itself when the application cannot load."""
    return subprocess.run(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", "127.0.0.1:0", "--workers", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )


def load_application(env):
    return subprocess.run(
        [sys.executable, "-c", "from portal.wsgi import application"], cwd=ROOT, env=env, capture_output=True, text=True,
    )


def test_without_collected_static_files_gunicorn_refuses_to_start(production_env):
    result = start_gunicorn(production_env)

    assert result.returncode != 0
    assert COLLECTSTATIC in result.stderr


def test_after_collectstatic_the_application_loads(production_env):
    assert COLLECTSTATIC in load_application(production_env).stderr

    manage(production_env, "collectstatic", "--noinput")  # starts without the manifest it writes

    result = load_application(production_env)
    assert result.returncode == 0, result.stderr


def test_development_needs_no_collected_static_files(tmp_path):
    result = load_application({"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path)})

    assert result.returncode == 0, result.stderr


def test_production_requires_the_site_owner(tmp_path):
    without_owner = {name: value for name, value in PRODUCTION.items() if name != "SITE_OWNER"}
    result = load_settings(tmp_path, **without_owner)

    assert result.returncode != 0
    assert "SITE_OWNER must be set when DJANGO_ENV=production" in result.stderr


def test_development_shows_a_placeholder_owner(tmp_path):
    result = load_settings(tmp_path, show="s.SITE_OWNER")

    assert "SITE_OWNER" in result.stdout
