"""What the deployment tests share: a fresh database, the environment file made from
``deploy/cchc.env.example``, ``deploy/cchc-manage``, gunicorn as ``deploy/cchc.service`` starts it,
and a small HTTP client (the standard library's, with cookies and a chosen source address)."""

import http.client
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LOOPBACK = "127.0.0.1"
# The address deploy/cchc.service binds gunicorn to, replaced by a free port in the tests.
SERVICE_BIND = "127.0.0.1:8000"
ENV_LINE = re.compile(r'^([A-Z][A-Z0-9_]*)=(?:"([^"]*)"|(.*))$')


def free_port():
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@contextmanager
def fresh_database(tmp_path, purpose):
    """A new, empty database: PostgreSQL when the suite runs on it (DATABASE_URL), else a SQLite file."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / f'{purpose}.sqlite3'}"
        return
    import psycopg

    name = f"cchc_{purpose}_{uuid.uuid4().hex[:8]}"
    admin_url = base.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(base)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def read_env_file(path):
    """KEY=value lines as systemd's EnvironmentFile= and sh read our files (comments, double quotes)."""
    values = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = ENV_LINE.match(line.strip())
        if match:
            values[match[1]] = match[2] if match[2] is not None else match[3]
    return values


def write_env_file(path, **overrides):
    """deploy/cchc.env.example with ``overrides`` (None removes a line); new names are appended."""
    lines, seen = [], set()
    for line in (DEPLOY / "cchc.env.example").read_text(encoding="utf-8").splitlines():
        match = ENV_LINE.match(line)
        if match and match[1] in overrides:
            seen.add(match[1])
            if overrides[match[1]] is None:
                continue
            line = f'{match[1]}="{overrides[match[1]]}"'
        lines.append(line)
    lines += [f'{name}="{value}"' for name, value in overrides.items() if name not in seen and value is not None]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Path(path)


def site_environment(tmp_path, database_url, site_url, **overrides):
    """The guide's environment file for a site in ``tmp_path``: its own folders, a new secret key."""
    return write_env_file(
        tmp_path / "cchc.env",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=LOOPBACK,
        SITE_URL=site_url,
        DATABASE_URL=database_url,
        REDIS_URL=None,
        VAR_DIR=tmp_path / "var",
        STATIC_ROOT=tmp_path / "static",
        MEDIA_ROOT=tmp_path / "media",
        **overrides,
    )


def clean_environment(**extra):
    """What a service starts with: no DATABASE_URL or REDIS_URL leaking from the test run."""
    return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8", **extra}


def manage(env_file, *args, input=None, extra_env=None):
    """``deploy/cchc-manage`` as the guide runs it; returns its standard output."""
    result = subprocess.run(
        [str(DEPLOY / "cchc-manage"), *args], env=clean_environment(CCHC_ENV_FILE=str(env_file), **(extra_env or {})),
        capture_output=True, text=True, input=input, timeout=300,
    )
    assert result.returncode == 0, f"cchc-manage {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def service_command(port):
    """ExecStart of deploy/cchc.service, with this checkout's gunicorn and ``port``."""
    unit = (DEPLOY / "cchc.service").read_text(encoding="utf-8").replace("\\\n", " ")
    [exec_start] = [line.split("=", 1)[1] for line in unit.splitlines() if line.startswith("ExecStart=")]
    command = shlex.split(exec_start)
    assert command[0] == "/srv/cchc/app/.venv/bin/gunicorn" and SERVICE_BIND in command
    return [str(GUNICORN), *[f"{LOOPBACK}:{port}" if part == SERVICE_BIND else part for part in command[1:]]]


class Gunicorn:
    """gunicorn started as the service starts it (its environment file, its command) on a free port."""

    def __init__(self, env_file, log_dir, name, **overrides):
        self.port = free_port()
        self.name = name
        self.stderr_path = Path(log_dir) / f"{name}.stderr"
        environment = clean_environment(**(read_env_file(env_file) | {k: str(v) for k, v in overrides.items()}))
        self.log_file = environment.get("LOG_FILE")
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                service_command(self.port), cwd=ROOT, env=environment, stdout=stderr, stderr=stderr,
                start_new_session=True,
            )
        self.wait_until_ready()

    def wait_until_ready(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} stopped:\n{self.stderr_path.read_text()}")
            try:
                self.get("/healthz")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn {self.name} did not answer in {seconds} s:\n{self.stderr_path.read_text()}")

    def get(self, path, headers=None):
        """A request straight to gunicorn, as nginx sends it (HTTPS said by X-Forwarded-Proto)."""
        return request("http", self.port, path, headers={"X-Forwarded-Proto": "https", **(headers or {})})

    def log_lines(self):
        return Path(self.log_file).read_text(encoding="utf-8").splitlines() if self.log_file else []

    def reload(self):
        """``systemctl reload cchc``: ExecReload sends HUP to the master."""
        self.process.send_signal(signal.SIGHUP)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Response:
    def __init__(self, raw):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read()
        self.cookies = dict(
            header.split(";", 1)[0].split("=", 1) for header in raw.headers.get_all("Set-Cookie") or []
        )

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


def request(scheme, port, path, method="GET", headers=None, body=None, tls_context=None, source=None, timeout=30):
    """One request without following redirects; ``source`` picks the client's loopback address."""
    source_address = (source, 0) if source else None
    if scheme == "https":
        connection = http.client.HTTPSConnection(LOOPBACK, port, context=tls_context, timeout=timeout,
                                                 source_address=source_address)
    else:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout, source_address=source_address)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        return Response(connection.getresponse())
    finally:
        connection.close()


def multipart(fields, files):
    """A multipart/form-data body: ``fields`` (name, value) pairs, ``files`` (name, file name, type, bytes)."""
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, content_type, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
