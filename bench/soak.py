"""``make soak``: a bounded soak of the portal as production runs it.

gunicorn (``SOAK_WORKERS`` workers, production settings) serves a fresh copy of the demo data
(a SQLite file under ``var/soak/``, or a new PostgreSQL database when ``SOAK_DB`` is a
``postgres://`` URL of a database to create; ``REDIS_URL`` is used when set) while
``SOAK_THREADS`` threads read a mix of public pages for ``SOAK_SECONDS`` seconds, as readers
and as bots; a plan is published every ``SOAK_PUBLISH_EVERY`` seconds; halfway, one worker is
killed with SIGKILL. At the end it prints the requests, errors, p50/p99, the workers' memory
growth (RSS from /proc) and whether the articles' view counts, once the views still buffered
are folded in (news/view_counts.py), equal the readers' requests (bots are not counted). Loopback only; gunicorn is stopped at the end whatever happens.
"""

import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime
from pathlib import Path

from bench import USER_AGENT
from bench.server import free_port, setting, stop

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LOOPBACK = "127.0.0.1"
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BOT_SHARE = 0.25
DRAFTS = 30


def log(message):
    print(f"[soak {datetime.now():%H:%M:%S}] {message}", flush=True)


def manage(*args):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def create_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def environment(folder, database_url):
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": LOOPBACK,
        "SITE_URL": f"http://{LOOPBACK}",
        "SITE_OWNER": "Đơn vị thử tải",
        "TRUSTED_PROXIES": LOOPBACK,
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(folder),
        "LOG_REQUESTS": "false",
        # A shared Redis may hold an earlier run's pages under the same content version.
        "CACHE_KEY_PREFIX": f"soak-{folder.name}",
        "PYTHONPATH": str(ROOT),
    }


def prepare_drafts():
    """Copies of the demo plans, submitted: the publisher publishes one every few seconds."""
    from plans.models import Plan

    models = list(Plan.objects.published().order_by("pk"))
    for index in range(DRAFTS):
        plan = Plan.objects.get(pk=models[index % len(models)].pk)
        plan.pk = plan.id = None
        plan._state.adding = True
        plan.slug = f"{plan.slug}-thu-tai-{index}"
        plan.number = f"{index + 100}/KH-TT"
        plan.status = Plan.Status.SUBMITTED
        plan.published_at = None
        plan.save()


def publisher(every, stop_event, published):
    from django.contrib.auth import get_user_model
    from django.db import connection

    from plans.models import Plan
    from publishing.workflow import publish

    administrator = get_user_model().objects.get(username="soak")
    while not stop_event.wait(every):
        plan = Plan.objects.filter(status=Plan.Status.SUBMITTED).order_by("pk").first()
        if plan:
            publish(item=plan, by=administrator)
            published.append(plan.get_absolute_url())
    connection.close()


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_kb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    seconds = setting("SOAK_SECONDS", 120)
    threads = setting("SOAK_THREADS", 8)
    workers = setting("SOAK_WORKERS", 4)
    every = setting("SOAK_PUBLISH_EVERY", 10)
    folder = ROOT / "var" / "soak" / datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True)
    database_url = setting("SOAK_DB", f"sqlite:///{folder / 'db.sqlite3'}")
    env = environment(folder, database_url)
    os.environ.update(env)
    if database_url.startswith("postgres"):
        create_database(database_url)
    log(f"Chuẩn bị dữ liệu ({database_url.split('@')[-1]}, Redis: {os.environ.get('REDIS_URL') or 'không'})")
    for command in (["migrate", "--noinput"], ["import_localities"], ["load_demo"], ["collectstatic", "--noinput"]):
        manage(*command)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from news.models import Article
    from plans.models import Plan

    get_user_model().objects.create_superuser("soak", "soak@example.gov.vn", secrets.token_urlsafe(20))
    prepare_drafts()
    articles = {article.get_absolute_url(): article.pk for article in Article.objects.published()}
    views_before = dict(Article.objects.values_list("pk", "view_count"))
    plans = [plan.get_absolute_url() for plan in Plan.objects.published()]
    connection.close()
    pages = ["/", "/ke-hoach/", "/ke-hoach/?topic=cchc", "/ke-hoach/nam-2025/", "/tin-tuc/", "/ke-hoach/?q=cai+cach",
             *plans, *articles]

    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    command = [str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi", "--bind", f"{LOOPBACK}:{port}",
               "--workers", str(workers), "--timeout", "60", "--error-logfile", str(folder / "gunicorn.log")]
    # Django's error lines go to gunicorn's log too: the report stays readable.
    with open(folder / "gunicorn.log", "ab") as errors:
        server = subprocess.Popen(command, cwd=ROOT, env=os.environ, start_new_session=True, stdout=errors, stderr=errors)
    results, lock, stop_event, published = [], threading.Lock(), threading.Event(), []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).read()
                break
            except (OSError, urllib.error.HTTPError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"gunicorn không khởi động: xem {folder / 'gunicorn.log'}") from None
                time.sleep(0.3)

        def reader(seed):
            rng = random.Random(seed)
            while not stop_event.is_set():
                path = rng.choice(pages)
                human = rng.random() >= BOT_SHARE
                began = time.perf_counter()
                try:
                    request = urllib.request.Request(base + path, headers={"User-Agent": USER_AGENT if human else BOT})
                    with urllib.request.urlopen(request, timeout=30) as response:
                        response.read()
                        status = response.status
                except urllib.error.HTTPError as error:
                    status = error.code
                except OSError as error:
                    status = type(error).__name__
                with lock:
                    results.append((path, human, status, (time.perf_counter() - began) * 1000))

        for _ in range(10):  # each worker renders the pages once before memory is measured
            for page in pages:
                urllib.request.urlopen(base + page, timeout=30).read()
        rss_start = {pid: rss_kb(pid) for pid in worker_pids(server.pid)}
        log(f"{seconds} giây, {threads} luồng đọc, {workers} worker, một kế hoạch công bố mỗi {every} giây")
        pool = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
        pool.append(threading.Thread(target=publisher, args=(every, stop_event, published)))
        for thread in pool:
            thread.start()
        time.sleep(seconds / 2)
        victim = worker_pids(server.pid)[0]
        os.kill(victim, signal.SIGKILL)
        log(f"Đã giết worker {victim} (SIGKILL)")
        time.sleep(seconds / 2)
        stop_event.set()
        for thread in pool:
            thread.join()
        rss_end = {pid: rss_kb(pid) for pid in worker_pids(server.pid)}
    finally:
        stop(server)

    django.db.connections.close_all()
    # Views wait in a buffer (Redis, or a table) for the next fold: add them all before comparing.
    from news.view_counts import fold_views

    fold_views()
    views_after = dict(Article.objects.values_list("pk", "view_count"))
    report(seconds, results, rss_start, rss_end, victim, published, articles, views_before, views_after)


def report(seconds, results, rss_start, rss_end, victim, published, articles, views_before, views_after):
    durations = sorted(ms for _, _, _, ms in results)
    statuses = Counter(status for _, _, status, _ in results)
    errors = sum(count for status, count in statuses.items() if status != 200)
    survivors = [pid for pid in rss_start if pid in rss_end]
    growth = [100 * (rss_end[pid] - rss_start[pid]) / rss_start[pid] for pid in survivors if rss_start[pid]]
    human_ok = Counter(path for path, human, status, _ in results if human and status == 200 and path in articles)
    counted = {path: views_after[pk] - views_before[pk] for path, pk in articles.items()}
    human_total, counted_total = sum(human_ok.values()), sum(counted.values())
    bots = sum(1 for path, human, _, _ in results if not human and path in articles)
    print()
    print(f"Yêu cầu: {len(results)} trong {seconds} s ({len(results) / seconds:.0f}/s); lỗi: {errors} {dict(statuses)}")
    print(f"Độ trễ: p50 {statistics.median(durations):.1f} ms, p99 {durations[int(len(durations) * 0.99) - 1]:.1f} ms, "
          f"tối đa {durations[-1]:.0f} ms")
    print(f"Kế hoạch công bố trong lúc chạy: {len(published)}")
    print(f"Worker bị giết: {victim}; worker còn sống từ đầu: {len(survivors)}")
    if growth:
        print(f"Bộ nhớ worker (RSS): {sum(rss_start[p] for p in survivors) / 1024:.0f} MB → "
              f"{sum(rss_end[p] for p in survivors) / 1024:.0f} MB, tăng trung bình {statistics.mean(growth):+.1f} % "
              f"(tối đa {max(growth):+.1f} %)")
    exact = counted == {path: human_ok.get(path, 0) for path in articles}
    print(f"Lượt xem tin bài: {counted_total} được đếm cho {human_total} lượt đọc của người đọc trả lời 200 "
          f"({bots} lượt của bot không đếm): {'chính xác' if exact else 'KHÔNG khớp'}")
    if not exact:
        for path in articles:
            print(f"  {path}: đếm {counted[path]}, người đọc {human_ok.get(path, 0)}")


if __name__ == "__main__":
    main()
