"""Read settings from the environment, failing loudly on values we cannot parse."""

import ipaddress
import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name, default, minimum=None):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {raw!r}")
    return value


def env_choice(name, choices, default):
    """One of ``choices``; anything else (a typo such as ``prodution``) stops the start."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if value not in choices:
        allowed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name} must be one of {allowed}, got {raw!r}")
    return value


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name, default=()):
    """Comma-separated IP addresses or networks (``10.0.0.1, 192.168.0.0/24, ::1``), each
    returned as written; anything that is neither (a host name, a typo) stops the start."""
    values = env_list(name, default)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks (10.0.0.1, 10.0.0.0/8), got {value!r}"
            ) from None
    return values


def env_origin(name, default=""):
    """An absolute http(s) address with no path (``https://cchc.example.gov.vn``, a port
    allowed), returned without a trailing slash; a path, query, fragment or user name stops the start."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().rstrip("/")
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
        host_ok = re.fullmatch(r"[a-z0-9.-]+|[0-9a-f:.]+", parts.hostname or "") is not None
    except ValueError:
        host_ok = False
    if parts.scheme not in ("http", "https") or not host_ok or value != f"{parts.scheme}://{parts.netloc}" or "@" in value:
        raise ImproperlyConfigured(
            f"{name} must be an absolute http(s) URL without a path, such as https://cchc.example.gov.vn, got {raw!r}"
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def secret_key_from_file(path: Path) -> str:
    """Return the key stored at ``path``, creating it on first use.

    A first run on a laptop needs no configuration, yet the key is never
    committed and survives restarts, so sessions stay valid.
    """
    if path.exists():
        return path.read_text().strip()
    private_directory(path.parent)
    key = secrets.token_urlsafe(50)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
        file.write(key)
    return key


def private_directory(path: Path) -> Path:
    """Create ``path`` readable by this user only (0700), or take group and world access away
    from it if it exists and is ours: it holds the database, the secret key and the uploads."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _take_away_others_access(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and readable by this user only (0600), or tighten it if it exists
    and is ours. SQLite gives a new database (and its journal) the mode of this file; a missing
    folder is left for SQLite to report."""
    if not path.parent.is_dir():
        return path
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        _take_away_others_access(path, 0o600)
    return path


def _take_away_others_access(path: Path, mode):
    status = path.stat()
    if status.st_mode & 0o077 and status.st_uid == os.getuid():
        path.chmod(mode)


def env_rate(name, default):
    """A request rate as REST framework reads it: ``<number>/<second|minute|hour|day>`` (``120/minute``)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(f"{name} must be a rate such as 120/minute (per second, minute, hour or day), got {raw!r}")
    return value
