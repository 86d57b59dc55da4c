"""One log line per request, with the request id on every line, in Vietnam's time: portal/logging.py."""

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path, reverse

from portal import urls as portal_urls
from portal.logging import JsonFormatter, PlainFormatter, RequestContextFilter, RequestLogMiddleware

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX_REQUEST_ID = "0f3a5c7e9b1d2f4a6c8e0a2b4d6f8a1c"
LOCAL_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$")


def boom(request):
    raise RuntimeError("the database said no")


# For test_django_error_logs_carry_the_request_id (pytest.mark.urls): the portal and a view that fails.
urlpatterns = [path("hong/", boom), *portal_urls.urlpatterns]


@pytest.fixture
def log_lines(settings):
    """What the portal's handler writes, as JSON lines: the same filter and formatter as settings.LOGGING."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter(timezone=settings.TIME_ZONE))
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "portal.request"]


@pytest.mark.django_db
def test_a_page_request_is_one_line_with_status_duration_client_and_request_id(visitor, log_lines):
    response = visitor.get(reverse("plans:list"), {"q": "một cửa"})

    [line] = request_lines(log_lines())
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/ke-hoach/?q=m%E1%BB%99t+c%E1%BB%ADa"  # search words are kept, as sent
    assert line["status"] == 200
    assert line["duration_ms"] > 0
    assert line["client"] == "127.0.0.1"
    assert "user_id" not in line
    assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"])
    assert response["X-Request-ID"] == line["request_id"]
    assert LOCAL_TIME.match(line["time"])


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_and_echoed(visitor, log_lines):
    response = visitor.get(reverse("plans:list"), HTTP_X_REQUEST_ID=NGINX_REQUEST_ID)

    assert response["X-Request-ID"] == NGINX_REQUEST_ID
    assert request_lines(log_lines())[0]["request_id"] == NGINX_REQUEST_ID


@pytest.mark.django_db
@pytest.mark.parametrize("given", ["short", "x" * 200, "abc def ghi jkl", "a\u00e9bcdefghij", "-leading-dash"])
def test_a_request_id_that_is_not_a_sane_token_is_replaced(visitor, log_lines, given):
    response = visitor.get(reverse("plans:list"), HTTP_X_REQUEST_ID=given)

    assert response["X-Request-ID"] != given
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_a_request_id_from_a_client_that_is_not_a_trusted_proxy_is_replaced(visitor, log_lines, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]

    response = visitor.get(reverse("plans:list"), HTTP_X_REQUEST_ID=NGINX_REQUEST_ID)

    assert response["X-Request-ID"] != NGINX_REQUEST_ID


@pytest.mark.django_db
def test_the_logged_client_is_the_one_the_proxy_heard_not_the_one_the_client_wrote(visitor, log_lines):
    visitor.get(reverse("plans:list"), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")

    assert request_lines(log_lines())[0]["client"] == "203.0.113.9"


def test_staff_requests_carry_the_user_id(client, officer_a, log_lines):
    client.force_login(officer_a)

    client.get(reverse("admin:index"))

    assert request_lines(log_lines())[0]["user_id"] == officer_a.pk


@pytest.mark.django_db
def test_secret_looking_parameters_are_masked_and_bodies_never_logged(client, log_lines):
    client.post(reverse("admin:login") + "?next=/quan-tri/&token=abc123",
                {"username": "canbo.a", "password": "mat-khau-bi-mat-123"})

    [line] = request_lines(log_lines())
    assert line["path"] == "/quan-tri/login/?next=%2Fquan-tri%2F&token=%2A%2A%2A"
    everything = json.dumps(log_lines())
    assert "abc123" not in everything
    assert "mat-khau-bi-mat" not in everything


def health_check_answering(status):
    middleware = RequestLogMiddleware(lambda request: HttpResponse(status=status))
    return middleware(RequestFactory().get("/healthz"))


def test_a_passing_health_check_is_logged_only_at_debug(log_lines, caplog):
    caplog.set_level(logging.INFO, logger="portal.request")

    health_check_answering(200)

    assert request_lines(log_lines()) == []


def test_a_failing_health_check_is_logged(log_lines, caplog):
    caplog.set_level(logging.INFO, logger="portal.request")

    health_check_answering(503)

    [line] = request_lines(log_lines())
    assert line["level"] == "WARNING"
    assert line["status"] == 503


@pytest.mark.django_db
@pytest.mark.urls("tests.operations.test_logging")
def test_django_error_logs_carry_the_request_id(log_lines):
    from django.test import Client

    response = Client(raise_request_exception=False).get("/hong/")

    lines = log_lines()
    [error] = [line for line in lines if line["logger"] == "django.request"]
    [access] = request_lines(lines)
    assert response.status_code == 500
    assert error["request_id"] == access["request_id"] == response["X-Request-ID"]
    assert error["status"] == 500
    assert "RuntimeError: the database said no" in error["exception"]
    assert access["level"] == "WARNING"


def test_the_plain_format_is_one_readable_line(settings):
    record = logging.LogRecord("portal.request", logging.INFO, __file__, 1, "GET /ke-hoach/ 200 3.2ms", None, None)
    record.__dict__.update(request_id=NGINX_REQUEST_ID, method="GET", path="/ke-hoach/", status=200,
                           duration_ms=3.2, client="203.0.113.9", user_id=None)
    record.created = 1751337000.5  # 2025-07-01 02:30:00.5 UTC

    line = PlainFormatter(timezone=settings.TIME_ZONE).format(record)

    assert line == (f"2025-07-01T09:30:00.500+07:00 INFO portal.request GET /ke-hoach/ 200 3.2ms "
                    f"request_id={NGINX_REQUEST_ID} client=203.0.113.9")


def run_with_environment(tmp_path, **env):
    """A fresh interpreter with the settings from ``env`` answers one request through the middleware."""
    script = (
        "import django; django.setup()\n"
        "from django.http import HttpResponse\n"
        "from django.test import RequestFactory\n"
        "from portal.logging import RequestLogMiddleware\n"
        "RequestLogMiddleware(lambda request: HttpResponse())(RequestFactory().get('/tin-tuc/'))\n"
    )
    environment = {"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings",
                   **env}
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True)


def test_log_format_json_writes_json_lines_to_the_log_file(tmp_path):
    log_file = tmp_path / "portal.log"

    result = run_with_environment(tmp_path, LOG_FORMAT="json", LOG_FILE=str(log_file))

    assert result.returncode == 0, result.stderr
    [line] = [json.loads(text) for text in log_file.read_text().splitlines()]
    assert line["path"] == "/tin-tuc/"
    assert line["status"] == 200
    assert LOCAL_TIME.match(line["time"])


def test_plain_text_on_stderr_by_default(tmp_path):
    result = run_with_environment(tmp_path)

    assert result.returncode == 0, result.stderr
    assert re.match(r"^\S+\+07:00 INFO portal\.request GET /tin-tuc/ 200 [\d.]+ms request_id=[0-9a-f]{32} client=127\.0\.0\.1$",
                    result.stderr.strip())


def test_log_requests_false_keeps_only_failures(tmp_path):
    result = run_with_environment(tmp_path, LOG_REQUESTS="false")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_an_unknown_log_format_stops_the_start(tmp_path):
    result = run_with_environment(tmp_path, LOG_FORMAT="xml")

    assert "LOG_FORMAT must be one of plain, json" in result.stderr
