"""What ``make bench``, the mixed load and the soak share: settings, the bench database, gunicorn
on a loopback port, wrk."""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from bench import USER_AGENT

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
PYTHON = sys.executable
LOOPBACK = "127.0.0.1"
LOCAL_DB_HOSTS = {"", "localhost", "127.0.0.1", "::1"}
STATIC_COPY = "bench/archive-copy.html"
IDLE_ANSWER_SECONDS = 0.5


def setting(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if isinstance(default, int):
        try:
            return int(value)
        except ValueError:
            sys.exit(f"{name} phải là số nguyên, nhận được {value!r}")
    return value


def log(message):
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def server_environment(db_url):
    """Production settings on loopback: DEBUG off, a fresh SECRET_KEY, plain http allowed."""
    return {
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": LOOPBACK,
        "SITE_URL": f"http://{LOOPBACK}",
        "SITE_OWNER": "Đơn vị đo hiệu năng",
        "TRUSTED_PROXIES": LOOPBACK,  # no proxy: each client is its own peer
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(OUT / "static"),
        "PYTHONPATH": str(ROOT),
    }


def database_parts(db_url):
    import dj_database_url

    parts = dj_database_url.parse(db_url)
    if "postgresql" not in parts["ENGINE"]:
        sys.exit(f"BENCH_DB phải là PostgreSQL (postgres:///tên), nhận được {redact(db_url)}")
    if parts.get("HOST", "") not in LOCAL_DB_HOSTS and not str(parts.get("HOST", "")).startswith("/"):
        sys.exit(f"BENCH_DB phải ở máy này (socket hoặc 127.0.0.1), nhận được {redact(db_url)}")
    return parts


def ensure_database(db_url):
    """``createdb`` when the database does not exist yet."""
    import psycopg

    parts = database_parts(db_url)
    try:
        psycopg.connect(db_url.replace("postgres://", "postgresql://", 1), connect_timeout=10).close()
        return
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise
    command = ["createdb", parts["NAME"]]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if parts.get(key):
            command[1:1] = [flag, str(parts[key])]
    log(" ".join(command))
    subprocess.run(command, check=True, env=os.environ | ({"PGPASSWORD": parts["PASSWORD"]} if parts.get("PASSWORD") else {}))


def ensure_wrk():
    """The ``wrk`` binary; installs the Debian package when it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("Thiếu wrk: hãy cài gói Debian “wrk” (sudo apt-get install wrk).")
    log("Cài wrk (apt-get install wrk)…")
    install = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    if subprocess.run(install, env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"}).returncode != 0:
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(install, check=True, env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which("wrk") or sys.exit("Không cài được wrk.")


def manage(*args):
    log("manage.py " + " ".join(args))
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT)


def prepare(config):
    manage("migrate", "--noinput")
    manage("import_localities")
    manage("seed_benchmark", "--plans", str(config["plans"]), "--articles", str(config["articles"]),
           "--seed", str(config["seed"]), "--reuse")
    manage("collectstatic", "--noinput", "-v", "0")
    vacuum(config["db"])


def vacuum(db_url):
    """``VACUUM ANALYZE``: fresh statistics, and the visibility map index-only scans need
    (a migration that rewrote a table clears it; autovacuum would set it later)."""
    import psycopg

    log("VACUUM ANALYZE")
    with psycopg.connect(db_url.replace("postgres://", "postgresql://", 1), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def write_static_copy(html, static_root):
    """The archive page's bytes as a static file: what the fastest possible answer of that size costs."""
    path = static_root / STATIC_COPY
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(html)


def free_port():
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(workers, environment, pids=None):
    """Serve the project on a free loopback port; always stopped on the way out. The master's
    process id is appended to ``pids`` when given (bench/opendata.py reads its worker's memory)."""
    port = free_port()
    command = [
        str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi", "--bind", f"{LOOPBACK}:{port}",
        "--workers", str(workers), "--error-logfile", str(OUT / "gunicorn.log"), "--timeout", "120",
    ]
    log(" ".join(command))
    # Its own process group, so stopping it stops every worker.
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ | environment, start_new_session=True)
    if pids is not None:
        pids.append(server.pid)
    # A kill or a closed terminal unwinds through ``finally`` like Ctrl-C does.
    previous = {number: signal.signal(number, lambda *args: sys.exit(143)) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        base_url = f"http://{LOOPBACK}:{port}"
        wait_until_ready(base_url, server)
        yield base_url
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        stop(server)


def wait_until_ready(base_url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn dừng với mã {server.returncode}: xem {OUT / 'gunicorn.log'}")
        try:
            with urllib.request.urlopen(f"{base_url}/static/{STATIC_COPY}", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn không trả lời sau {seconds} giây")


def fetch_concurrently(url, count, timeout=600):
    """``count`` simultaneous GETs, waiting for all answers; returns the slowest time in seconds.

    Idle sync workers take one connection each, so every worker answers one of them.
    """

    def fetch(_):
        began = time.monotonic()
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError:
            pass  # a 400 or 404 page still warms the worker
        return time.monotonic() - began

    with ThreadPoolExecutor(count) as pool:
        return max(pool.map(fetch, range(count)))


def wait_until_idle(base_url, workers, seconds=600):
    """Until every worker answers the static file at once: none is still busy with a slow page."""
    deadline = time.monotonic() + seconds
    while fetch_concurrently(f"{base_url}/static/{STATIC_COPY}", workers) > IDLE_ANSWER_SECONDS:
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn vẫn bận sau {seconds} giây")


def stop(server):
    if server.poll() is None:
        log("Dừng gunicorn")
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


WRK_LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(wrk, url, connections, duration):
    """Requests per second and latency percentiles of ``connections`` keep-alive connections."""
    threads = min(connections, os.cpu_count() or 1)
    output = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "60s", "--latency",
         "-H", f"User-Agent: {USER_AGENT}", url],
        capture_output=True, text=True, check=True,
    ).stdout
    latency = {f"p{p}_ms": float(value) * UNITS_MS[unit] for p, value, unit in WRK_LATENCY.findall(output)}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "connections": connections,
        "rps": float(rps.group(1)) if rps else 0.0,
        **latency,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def redact(db_url):
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", db_url)
