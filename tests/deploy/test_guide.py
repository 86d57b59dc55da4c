"""docs/deploy.md, run: deploy/nginx.conf with a self-signed certificate in front of two gunicorn
instances started as deploy/cchc.service starts them (standing in for two machines), sharing one
database set up with deploy/cchc-manage. Needs nginx and openssl (skipped without them, unless
REQUIRE_NGINX=1, as .ci/run sets)."""

import json
import os
import re
import shutil
import ssl
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.deploy.server import (
    DEPLOY,
    LOOPBACK,
    Gunicorn,
    free_port,
    fresh_database,
    manage,
    multipart,
    request,
    site_environment,
)
from tests.documents import PDF_BYTES
from tests.plans.test_admin_drafting import plan_form

NGINX = shutil.which("nginx") or next((path for path in ("/usr/sbin/nginx",) if os.path.exists(path)), None)
OPENSSL = shutil.which("openssl")
if not (NGINX and OPENSSL):
    if os.environ.get("REQUIRE_NGINX") == "1":
        raise RuntimeError("REQUIRE_NGINX=1 but nginx or openssl is missing: apt-get install nginx openssl")
    pytest.skip("nginx and openssl are needed (apt-get install nginx openssl)", allow_module_level=True)

MB = 1024 * 1024
OFFICER_PASSWORD = "mat-khau-can-bo-thu-nghiem"
ADMIN_PASSWORD = "mat-khau-quan-tri-thu-nghiem"
# A real browser: plan and article views are counted for readers only.
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) deploy-test"


def self_signed_certificate(folder):
    """openssl's self-signed certificate for 127.0.0.1, as a test stands in for Let's Encrypt."""
    certificate, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )
    return certificate, key


def nginx_site(upstreams, https_port, http_port, certificate, key, folder, static_root, media_root):
    """deploy/nginx.conf with only addresses, ports and paths changed; every change must apply."""
    site = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    changes = {
        "    listen [::]:80;\n": "",
        "    listen [::]:443 ssl;\n": "",
        "listen 80;": f"listen {LOOPBACK}:{http_port};",
        "listen 443 ssl;": f"listen {LOOPBACK}:{https_port} ssl;",
        "server 127.0.0.1:8000 fail_timeout=0;": " ".join(f"server {LOOPBACK}:{port} fail_timeout=0;" for port in upstreams),
        "/etc/letsencrypt/live/cchc.example.gov.vn/fullchain.pem": str(certificate),
        "/etc/letsencrypt/live/cchc.example.gov.vn/privkey.pem": str(key),
        "/var/log/nginx/": f"{folder}/",
        "root /srv/cchc/app/deploy;": f"root {DEPLOY};",
        "alias /srv/cchc/static/;": f"alias {static_root}/;",
        "alias /srv/cchc/media/news/;": f"alias {media_root}/news/;",
        "root /var/www/letsencrypt;": f"root {folder};",
    }
    for old, new in changes.items():
        assert old in site, f"deploy/nginx.conf no longer has {old!r}"
        site = site.replace(old, new)
    return site


class Nginx:
    """nginx as an unprivileged process: its own prefix, pid, logs and temporary folders under ``folder``."""

    def __init__(self, folder, site):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "site.conf").write_text(site, encoding="utf-8")
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's private folders
        temp = "".join(f"    {kind}_temp_path {folder}/{kind}_temp;\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (folder / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
            f"events {{ worker_connections 256; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n{temp}"
            f"    include {folder}/site.conf;\n}}\n",
            encoding="utf-8",
        )
        command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
        tested = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert tested.returncode == 0, tested.stderr
        self.process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        self.folder = folder

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def access_log(self):
        return (self.folder / "cchc.access.log").read_text(encoding="utf-8")


def wait_for_port(port, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request("http", port, "/")
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


class Site:
    """The proxy's address, its TLS context, and a browser-like session (cookies, CSRF)."""

    def __init__(self, https_port, http_port, tls_context):
        self.https_port, self.http_port, self.tls = https_port, http_port, tls_context
        self.cookies = {}

    @property
    def origin(self):
        return f"https://{LOOPBACK}:{self.https_port}"

    def fetch(self, path, method="GET", headers=None, body=None, source=None):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        headers = {"User-Agent": BROWSER, **({"Cookie": cookie} if cookie else {}), **(headers or {})}
        response = request("https", self.https_port, path, method, headers, body, self.tls, source=source, timeout=120)
        self.cookies.update(response.cookies)
        return response

    def csrf_token(self, path):
        page = self.fetch(path)
        assert page.status == 200, page.text[:500]
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]

    def post_form(self, path, fields, files=()):
        token = self.csrf_token(path)
        body, content_type = multipart([("csrfmiddlewaretoken", token), *fields], files)
        return self.fetch(path, "POST", {"Content-Type": content_type, "Referer": self.origin + path}, body)

    def log_in(self, username, password):
        self.cookies.clear()
        response = self.post_form("/quan-tri/login/?next=/quan-tri/",
                                  [("username", username), ("password", password), ("next", "/quan-tri/")])
        assert response.status == 302, response.text[:2000]
        return response


def published_plan_paths(env_file):
    output = manage(env_file, "shell", "-c", (
        "import json; from plans.models import Plan; "
        "print(json.dumps([plan.get_absolute_url() for plan in Plan.objects.published().order_by('pk')]))"
    ))
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """The guide's steps on a fresh database, then two instances behind nginx."""
    folder = tmp_path_factory.mktemp("deployment")
    https_port, http_port = free_port(), free_port()
    certificate, key = self_signed_certificate(folder)
    with fresh_database(folder, "deploy") as database_url:
        env_file = site_environment(
            folder, database_url, f"https://{LOOPBACK}:{https_port}",
            # A browser on a port other than 443 names it in Origin/Referer.
            CSRF_TRUSTED_ORIGINS=f"https://{LOOPBACK}:{https_port}",
        )
        manage(env_file, "migrate", "--noinput")
        manage(env_file, "import_localities")
        manage(env_file, "collectstatic", "--noinput", "-v", "0")
        manage(env_file, "createsuperuser", "--noinput", "--username", "quantri", "--email", "cntt@example.gov.vn",
               extra_env={"DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD})
        manage(env_file, "load_demo")
        # An officer as the administrator sets one up in the admin: a demo officer with a known password.
        officer = json.loads(manage(env_file, "shell", "-c", (
            "import json; from django.contrib.auth import get_user_model; "
            "user = get_user_model().objects.get(username='canbo.hoian'); "
            f"user.set_password('{OFFICER_PASSWORD}'); user.save(); "
            "agency = user.memberships.get().agency; "
            "print(json.dumps({'agency': agency.pk, 'locality': agency.locality_id}))"
        )).strip().splitlines()[-1])
        instances = [
            Gunicorn(env_file, folder, f"instance{n}", LOG_FILE=folder / f"portal-{n}.log") for n in (1, 2)
        ]
        nginx = Nginx(folder / "nginx", nginx_site([i.port for i in instances], https_port, http_port, certificate, key,
                                                  folder / "nginx", folder / "static", folder / "media"))
        try:
            wait_for_port(https_port)
            yield SimpleNamespace(
                folder=folder, env_file=env_file, instances=instances, nginx=nginx, officer=officer,
                site=Site(https_port, http_port, ssl.create_default_context(cafile=str(certificate))),
                certificate=certificate, key=key, https_port=https_port, http_port=http_port,
            )
        finally:
            nginx.stop()
            for instance in instances:
                instance.stop()


def test_public_pages_answer_over_https_through_the_proxy(deployment):
    site = deployment.site
    home = site.fetch("/")
    plan = site.fetch(published_plan_paths(deployment.env_file)[0])
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text)[1]
    static = site.fetch(stylesheet)
    redirect = request("http", deployment.http_port, "/ke-hoach/")

    assert [home.status, site.fetch("/ke-hoach/").status, site.fetch("/tin-tuc/").status, plan.status] == [200] * 4
    assert "Strict-Transport-Security" in home.headers
    assert static.status == 200 and "immutable" in static.headers["Cache-Control"]  # served by nginx from STATIC_ROOT
    assert redirect.status == 301 and redirect.headers["Location"].startswith("https://")


def test_an_officer_uploads_a_19_mb_attachment_through_the_proxy(deployment):
    site = deployment.site
    site.log_in("canbo.hoian", OFFICER_PASSWORD)
    agency = SimpleNamespace(pk=deployment.officer["agency"], locality=SimpleNamespace(pk=deployment.officer["locality"]))
    form = plan_form(agency, number="19/KH-UBND", attachments=[{"title": "Văn bản gốc (bản quét)", "kind": "signed"}])
    document = PDF_BYTES.replace(b"%%EOF", b"%" + b"0" * (19 * MB) + b"\n%%EOF")

    response = site.post_form("/quan-tri/plans/plan/add/", list(form.items()),
                              [("attachments-0-file", "ke-hoach-19.pdf", "application/pdf", document)])

    assert response.status == 302, response.text[:3000]
    stored = manage(deployment.env_file, "shell", "-c", (
        "from plans.models import Attachment; print(Attachment.objects.get(plan__number='19/KH-UBND').size)"
    ))
    assert int(stored.strip().splitlines()[-1]) == len(document)


def test_a_body_over_the_limit_gets_the_vietnamese_413_page(deployment):
    site = deployment.site
    body = b"x" * (25 * MB)

    response = site.fetch("/quan-tri/plans/plan/add/", "POST", {"Content-Type": "application/octet-stream"}, body)

    assert response.status == 413
    assert 'lang="vi"' in response.text and "Tệp quá lớn" in response.text


def test_the_portal_logs_the_real_client_and_the_proxys_request_id(deployment):
    site = deployment.site
    spoofed = {"X-Forwarded-For": "6.6.6.6", "X-Request-ID": "chosen-by-the-client-0001"}

    from_loopback = site.fetch("/tin-tuc/?source=loopback", headers=spoofed)
    from_elsewhere = site.fetch("/tin-tuc/?source=elsewhere", headers=spoofed, source="127.0.0.2")

    time.sleep(0.2)
    lines = [line for instance in deployment.instances for line in instance.log_lines()]
    for response, client in ((from_loopback, "127.0.0.1"), (from_elsewhere, "127.0.0.2")):
        request_id = response.headers["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", request_id)  # nginx's $request_id, not the client's
        [line] = [line for line in lines if f"request_id={request_id}" in line]
        assert f" client={client}" in line and "6.6.6.6" not in line
        assert re.match(r"^\S+\+07:00 INFO portal\.request GET /tin-tuc/\?source=\w+ 200 ", line)
        assert f"request_id={request_id}" in deployment.nginx.access_log()


def test_a_withdrawal_is_seen_on_both_instances_within_a_second(deployment, record_property):
    """A withdrawn plan's address keeps answering, with the notice and its reason; the archive drops it.

    Both instances are read without pause from before the withdrawal until each has answered a dozen
    times in a row with the notice; the last answer without it must have been asked for less than a
    second after the withdrawal was committed; a second after it, no worker lists the plan in the archive.
    """
    path = published_plan_paths(deployment.env_file)[-1]
    reason = "Thu hồi để sửa số hiệu văn bản."
    for instance in deployment.instances:
        for _ in range(12):  # every worker renders and caches both pages
            assert f'href="{path}"' in instance.get("/ke-hoach/").text and instance.get(path).status == 200
    withdrawn = threading.Event()

    def last_stale_and_first_fresh(instance):
        last_stale, first_fresh, fresh_in_a_row, deadline = None, None, 0, time.time() + 60
        while fresh_in_a_row < 12 or not withdrawn.is_set():
            assert time.time() < deadline, "the withdrawal never showed"
            asked_at = time.time()
            if reason in instance.get(path).text:
                first_fresh = first_fresh or time.time()
                fresh_in_a_row += 1
            else:
                last_stale, first_fresh, fresh_in_a_row = asked_at, None, 0
        return last_stale, first_fresh

    with ThreadPoolExecutor(2) as pool:
        readers = [pool.submit(last_stale_and_first_fresh, instance) for instance in deployment.instances]
        time.sleep(0.3)
        withdrawn_at = float(manage(deployment.env_file, "shell", "-c", (
            "import time; from django.contrib.auth import get_user_model; from plans.models import Plan; "
            "from publishing.workflow import withdraw; "
            f"plan = Plan.objects.get(slug='{path.rstrip('/').rsplit('/', 1)[-1]}'); "
            f"withdraw(item=plan, by=get_user_model().objects.get(username='quantri'), comment='{reason}'); "
            "print(time.time())"
        )).strip().splitlines()[-1])
        withdrawn.set()
        moments = [reader.result() for reader in readers]

    stale = [last_stale - withdrawn_at for last_stale, _ in moments]
    seen_after = max(0.0, *stale)
    record_property("withdrawal_seen_seconds", round(seen_after, 3))
    print(f"\nwithdrawal: last answer without the notice asked {', '.join(f'{s * 1000:+.0f}' for s in stale)} ms "
          f"from the commit on instances 1, 2; answers with it from "
          f"{', '.join(f'{(fresh - withdrawn_at) * 1000:+.0f}' for _, fresh in moments)} ms on")
    assert all(last_stale is not None for last_stale, _ in moments)  # both served the plan as published until then
    assert seen_after < 1.0
    # Every worker of both instances may answer from its copy for up to PUBLIC_PAGE_LAG_MS after the commit;
    # from a second on, none may list the withdrawn plan.
    time.sleep(max(0.0, withdrawn_at + 1.0 - time.time()))
    assert all(f'href="{path}"' not in instance.get("/ke-hoach/").text for instance in deployment.instances for _ in range(6))


def test_healthz_through_the_proxy(deployment):
    response = deployment.site.fetch("/healthz")

    assert response.status == 200
    assert json.loads(response.body) == {
        "status": "ok", "checks": {"database": "ok", "cache": "ok", "media": "ok", "migrations": "ok"},
    }
    assert "no-cache" in response.headers.get("Cache-Control", "") or "max-age=0" in response.headers.get("Cache-Control", "")


def test_a_reload_drops_no_request(deployment):
    """``systemctl reload cchc`` (HUP) while readers keep coming: every request is answered."""
    instance = deployment.instances[0]
    statuses, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            statuses.append(instance.get("/ke-hoach/").status)

    with ThreadPoolExecutor(4) as pool:
        readers = [pool.submit(read) for _ in range(4)]
        time.sleep(0.5)
        instance.reload()
        time.sleep(4)
        stop.set()
        for reader in readers:
            reader.result()

    assert len(statuses) > 20 and set(statuses) == {200}


@pytest.fixture
def one_instance(deployment):
    """Start a third instance with changed settings behind its own copy of the proxy."""
    started = []

    def start(**overrides):
        https_port, http_port = free_port(), free_port()
        instance = Gunicorn(deployment.env_file, deployment.folder, f"instance{len(started) + 3}",
                            CSRF_TRUSTED_ORIGINS=f"https://{LOOPBACK}:{https_port}", **overrides)
        folder = deployment.folder / f"nginx-{instance.name}"
        nginx = Nginx(folder, nginx_site([instance.port], https_port, http_port, deployment.certificate, deployment.key,
                                         folder, deployment.folder / "static", deployment.folder / "media"))
        started.append((instance, nginx))
        wait_for_port(https_port)
        return Site(https_port, http_port, deployment.site.tls)

    yield start
    for instance, nginx in started:
        nginx.stop()
        instance.stop()


def test_pages_and_login_work_while_redis_is_down(deployment, one_instance):
    site = one_instance(REDIS_URL="redis://127.0.0.1:1/0")

    answers = [site.fetch(path).status for path in ("/", "/ke-hoach/", "/tin-tuc/", published_plan_paths(deployment.env_file)[0])]
    site.log_in("canbo.hoian", OFFICER_PASSWORD)

    assert answers == [200] * 4
    assert site.fetch("/quan-tri/").status == 200
    assert json.loads(site.fetch("/healthz").body)["checks"]["cache"] != "ok"


def test_a_database_that_is_down_gives_the_vietnamese_503_page(deployment, one_instance):
    missing = ("postgres://127.0.0.1:1/cchc" if os.environ.get("DATABASE_URL", "").startswith("postgres")
               else f"sqlite:///{deployment.folder / 'missing-folder' / 'db.sqlite3'}")
    site = one_instance(DATABASE_URL=missing)

    page = site.fetch("/ke-hoach/")
    health = site.fetch("/healthz")

    assert page.status == 503
    assert 'lang="vi"' in page.text and "Traceback" not in page.text
    assert health.status == 503
    assert json.loads(health.body)["checks"]["database"] != "ok"


def test_the_guides_files_are_where_it_says(deployment):
    for name in ("nginx.conf", "413.html", "cchc.service", "cchc.env.example", "cchc-manage", "cchc-backup", "cchc.cron"):
        assert (DEPLOY / name).is_file(), name
    guide = (Path(DEPLOY).parent / "docs" / "deploy.md").read_text(encoding="utf-8")
    for command in ("import_localities", "collectstatic", "createsuperuser", "axes_reset_username", "clearsessions",
                    "systemctl reload cchc", "pg_restore", "cchc-backup", "maxmemory", "allkeys-lru", "/healthz"):
        assert command in guide, command
