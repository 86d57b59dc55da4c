"""What only a production server does, checked when ``make test`` runs the security suite in
production mode (DJANGO_ENV=production behind the trusted proxy, tests/conftest.py): HTTPS only,
cookies only over HTTPS, unknown host names refused (absolute links from SITE_URL:
tests/security/test_host_and_cache.py, in both modes)."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import member

pytestmark = pytest.mark.skipif(not settings.PRODUCTION, reason="production mode only (make test runs it so)")

PASSWORD = "mat-khau-thu-nghiem-2024"


def test_a_request_that_did_not_come_over_https_is_sent_there(visitor):
    response = visitor.get(reverse("plans:list"), HTTP_X_FORWARDED_PROTO="http")

    assert response.status_code == 301
    assert response["Location"] == f"https://{settings.ALLOWED_HOSTS[0]}{reverse('plans:list')}"


def test_https_answers_tell_browsers_to_stay_on_https(visitor, db):
    response = visitor.get(reverse("home"))

    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_a_host_name_the_site_does_not_serve_is_refused(visitor, db):
    assert visitor.get(reverse("home"), HTTP_HOST="cchc.example.gov.vn.attacker.example").status_code == 400


def test_session_and_csrf_cookies_travel_only_over_https(client, unit_a, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    officer = member("canbo.https", "Cán bộ truyền thông", unit_a)
    login = reverse("admin:login")
    client.get(login)

    response = client.post(login, {"username": officer.username, "password": PASSWORD, "next": reverse("admin:index")})

    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME]["secure"]
    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]
    assert client.cookies[settings.CSRF_COOKIE_NAME]["secure"]



def test_a_load_balancer_may_probe_the_health_check_over_plain_http(visitor, db):
    response = visitor.get("/healthz", HTTP_X_FORWARDED_PROTO="http")

    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"
