"""Structured logs: one line per request, the request id on every line logged while it runs.

- ``RequestLogMiddleware`` (first in ``MIDDLEWARE``) times each request and logs, on the
  ``portal.request`` logger, its method, path, status, duration, request id, the client's
  address (``portal.lockout.client_address``: the real client behind ``TRUSTED_PROXIES``) and,
  for staff, the user id. The request id is the proxy's ``X-Request-ID`` when a trusted proxy
  sent a sane one (nginx's ``$request_id``), otherwise a new one; the response echoes it.
- ``RequestContextFilter`` puts that request id on every record logged during the request,
  Django's own error logs (``django.request``) included.
- ``PlainFormatter`` (default) and ``JsonFormatter`` (``LOG_FORMAT=json``) write the time in
  the portal's time zone with its offset (``2025-07-01T09:30:00.123+07:00``).

Bodies, cookies and headers are never logged; in a query string, the values of parameters whose
names look secret (``password``, ``token``...) are replaced by ``***``.
"""

import contextvars
import ipaddress
import json
import logging
import re
import secrets
import time
from datetime import datetime
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.encoding import escape_uri_path

request_logger = logging.getLogger("portal.request")

# nginx's $request_id is 32 hex digits; other proxies write UUIDs or similar tokens.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")
SECRET_PARAMETER = re.compile(r"pass|token|secret|key|otp|sig|auth|session|csrf", re.IGNORECASE)
# Load balancers poll it every few seconds: only a failing answer is worth an INFO line.
HEALTH_CHECK_PATH = "/healthz"
PATH_MAX_CHARS = 1000
# Request fields, in the order the plain format writes them after the message.
FIELDS = ("request_id", "method", "path", "status", "duration_ms", "client", "user_id")
IN_MESSAGE = {"method", "path", "status", "duration_ms"}
NEEDS_QUOTES = re.compile(r'[\s"=]')

_request_id = contextvars.ContextVar("request_id", default=None)


def current_request_id():
    """The id of the request this thread is answering, or None outside a request."""
    return _request_id.get()


def _from_trusted_proxy(request):
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", "") or "127.0.0.1")
    except ValueError:
        return False
    return any(peer in ipaddress.ip_network(value, strict=False) for value in settings.TRUSTED_PROXIES)


def request_id_for(request):
    """The trusted proxy's X-Request-ID if it is a sane token, else a new random one."""
    given = request.META.get("HTTP_X_REQUEST_ID", "").strip()
    if given and SANE_REQUEST_ID.fullmatch(given) and _from_trusted_proxy(request):
        return given
    return secrets.token_hex(16)


def loggable_path(request):
    """The path and query string as sent, with secret-looking parameters masked, cut to a sane length."""
    path = escape_uri_path(request.path)
    query = request.META.get("QUERY_STRING", "")
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(SECRET_PARAMETER.search(name) for name, _ in pairs):
            query = urlencode([(name, "***" if SECRET_PARAMETER.search(name) else value) for name, value in pairs])
        path = f"{path}?{query}"
    return path[:PATH_MAX_CHARS]


def _staff_user_id(request):
    # Reading request.user loads the session: only when a session cookie came with the request.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES or not hasattr(request, "user"):
        return None
    user = request.user
    return user.pk if user.is_authenticated and user.is_staff else None


class RequestLogMiddleware:
    """First in MIDDLEWARE: one line per request on ``portal.request``, with the request id
    known to every log line written meanwhile and echoed in the ``X-Request-ID`` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        began = time.perf_counter()
        request.id = request_id_for(request)
        token = _request_id.set(request.id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            self.log(request, response.status_code, began)
            return response
        finally:
            _request_id.reset(token)

    @staticmethod
    def log(request, status, began):
        if status >= 500:
            level = logging.WARNING
        elif request.path.rstrip("/") == HEALTH_CHECK_PATH:
            level = logging.DEBUG
        else:
            level = logging.INFO
        if not request_logger.isEnabledFor(level):
            return
        # Imported here: logging is configured before the apps load, and lockout imports axes' models.
        from portal.lockout import client_address

        fields = {
            "method": request.method,
            "path": loggable_path(request),
            "status": status,
            "duration_ms": round((time.perf_counter() - began) * 1000, 1),
            "client": client_address(request),
            "user_id": _staff_user_id(request),
        }
        message = f"{fields['method']} {fields['path']} {status} {fields['duration_ms']}ms"
        request_logger.log(level, message, extra=fields)


class RequestContextFilter(logging.Filter):
    """Give every record the id of the request being answered (None outside requests)."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id()
        return True


class _LocalTimeMixin:
    def __init__(self, *args, timezone="Asia/Ho_Chi_Minh", **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(timezone)

    def local_time(self, record):
        return datetime.fromtimestamp(record.created, tz=self.zone).isoformat(timespec="milliseconds")


class PlainFormatter(_LocalTimeMixin, logging.Formatter):
    """``<time> <LEVEL> <logger> <message> key=value...``; a traceback follows on its own lines."""

    def format(self, record):
        line = f"{self.local_time(record)} {record.levelname} {record.name} {record.getMessage()}"
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None and name not in IN_MESSAGE:
                text = str(value)
                line += f" {name}={json.dumps(text, ensure_ascii=False) if NEEDS_QUOTES.search(text) else text}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        elif record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line


class JsonFormatter(_LocalTimeMixin, logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request fields, exception."""

    def format(self, record):
        entry = {
            "time": self.local_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        status = getattr(record, "status_code", None)  # Django's django.request records
        if status is not None and "status" not in entry:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
