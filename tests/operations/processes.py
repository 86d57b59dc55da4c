"""Real processes for the operations tests: ``manage.py`` commands and gunicorn instances on
loopback, each with the environment a server would have (the scratch database they share comes
from ``tests.deploy.server.fresh_database``)."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


def environment(var_dir, **env):
    """What a server process sees: only these variables (no REDIS_URL, no test settings)."""
    return {"PATH": os.environ["PATH"], "VAR_DIR": str(var_dir), "ALLOWED_HOSTS": "127.0.0.1", **env}


def manage(env, *args, check=True, timeout=120):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def python(env, code, timeout=120):
    """Run ``code`` in a fresh interpreter with Django set up; its output."""
    return manage(env, "shell", "--no-imports", "-c", code, timeout=timeout).stdout


def start_python(env, code):
    """Start ``code`` as ``python`` runs it, and leave it running: read its output with ``communicate()``."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@contextmanager
def gunicorn(env, log_path, *, workers=1, timeout=30):
    """A gunicorn instance of the portal on a free loopback port; yields its base URL."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", "127.0.0.1:0", "--workers", str(workers)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        base_url = _wait_until_serving(process, log_path, timeout)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(process, log_path, timeout):
    deadline = time.monotonic() + timeout
    base_url = None
    while time.monotonic() < deadline:
        assert process.poll() is None, Path(log_path).read_text()
        if base_url is None and (found := LISTENING.search(Path(log_path).read_text())):
            base_url = f"http://127.0.0.1:{found.group(1)}"
        if base_url:
            try:
                get(base_url + "/healthz")
                return base_url
            except OSError:
                pass  # the worker is still starting
        time.sleep(0.05)
    raise AssertionError(f"gunicorn did not start within {timeout} s:\n{Path(log_path).read_text()}")


def get(url, timeout=10):
    """(status, body) of a GET; an error status is an answer too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
