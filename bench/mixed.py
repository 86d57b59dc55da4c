"""The mixed-load rows of ``make bench``, with Redis, on the bench database (run by bench/run.py,
or alone: ``python -m bench.mixed``).

1. **Mixed load**: ``BENCH_MIXED_CONNECTIONS`` (8) connections of ``wrk`` for
   ``BENCH_MIXED_SECONDS`` (120) over a mix of public addresses chosen from the database (``MIX``:
   home, archive unfiltered, by year, by province and commune, searches, plan pages, news list,
   articles; a Lua script picks one at random for each request), once without writes and once
   with one write every ``BENCH_WRITE_EVERY`` (10) seconds: a publication or an edit of a plan or
   an article of a random unit, made by a separate process (``python -m bench.writer``)
   through the real code (``publishing.workflow.publish``, ``save()`` in a revision), so signals
   and invalidation run as in production.
2. **First request after a publication**: for each archive, search, news, statistics page (and
   the home page), ``BENCH_FIRST_REPEATS`` (5) times: request it until cached, publish a plan of a
   random unit, time the next request.
3. After the run: the gunicorn workers' RSS, Redis memory before and after each run (with the
   ``maxmemory`` and policy of docs/deploy.md set for the run and restored after), the database
   size, its largest tables and indexes, and the indexes never scanned.

Redis: ``BENCH_REDIS`` (redis://127.0.0.1:6379/0; ``off``: each worker's own memory cache). The
run's keys carry their own prefix and are deleted at the end; other keys are not touched. The
bench database keeps what the writer did: a few dozen more published plans and articles a run.
"""

import datetime
import json
import os
import random
import re
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import USER_AGENT
from bench.resources import RedisWatch, database_sizes, redis_url, worker_memory
from bench.writer import Writer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
# What readers ask for, in % of requests (articles are the most read pages), and how many
# distinct addresses of each kind the run picks.
MIX = (
    ("home", "Trang chủ", 8, 1),
    ("archive", "Kho, không lọc (trang 1–3)", 6, 3),
    ("year", "Kho theo năm", 6, 5),
    ("province", "Kho theo tỉnh", 10, 10),
    ("commune", "Kho theo xã", 10, 40),
    ("search", "Tìm kiếm", 8, 25),
    ("plan", "Trang kế hoạch", 20, 400),
    ("news", "Tin tức (trang 1–2)", 8, 2),
    ("article", "Tin bài", 24, 600),
)
SLOTS_PER_PERCENT = 100  # the Lua script's list: 10,000 addresses, each kind its share of them
COMMON_SEARCHES = ("cai cach", "chuyen doi so", "tuyen truyen", "dich vu cong", "thu tuc hanh chinh")
# The write mix: (kind, weight).
FIRST_REQUEST_KEYS = ("home", "archive", "search", "news", "statistics", "coverage")


def settings():
    from bench.server import setting

    return {
        "seconds": setting("BENCH_MIXED_SECONDS", 120),
        "connections": setting("BENCH_MIXED_CONNECTIONS", 8),
        "write_every": setting("BENCH_WRITE_EVERY", 10),
        "first_repeats": setting("BENCH_FIRST_REPEATS", 5),
        "redis": setting("BENCH_REDIS", "redis://127.0.0.1:6379/0"),
    }


# --- the addresses -------------------------------------------------------------------------------


def choose_mix(seed):
    """{kind: [address, …]} from the database as it is (Django set up)."""
    from django.urls import reverse

    from bench.pages import archive
    from news.models import Article
    from plans.models import Locality, Plan
    from plans.selectors import plan_years
    from publishing.text import fold

    rng = random.Random(seed)
    wanted = {kind: count for kind, _label, _share, count in MIX}
    mix = {"home": [reverse("home")]}
    mix["archive"] = [reverse("plans:list")] + [archive(page=n) for n in range(2, wanted["archive"] + 1)]
    this_year = datetime.date.today().year  # the newest years up to this one (plans run up to 2030)
    years = [year for year in plan_years() if isinstance(year, int) and year <= this_year][: wanted["year"]]
    mix["year"] = [reverse("plans:list-year", kwargs={"year": year}) for year in years]
    provinces = sorted(Locality.objects.filter(level=Locality.Level.PROVINCE, valid_until__isnull=True)
                       .values_list("slug", flat=True))
    mix["province"] = [reverse("plans:list-locality", kwargs={"locality": slug})
                       for slug in rng.sample(provinces, min(wanted["province"], len(provinces)))]
    communes = sorted(Plan.objects.public().filter(locality__level=Locality.Level.COMMUNE).order_by()
                      .values_list("locality__slug", flat=True).distinct())
    mix["commune"] = [reverse("plans:list-locality", kwargs={"locality": slug})
                      for slug in rng.sample(communes, min(wanted["commune"], len(communes)))]
    names = sorted(Locality.objects.filter(level=Locality.Level.COMMUNE).values_list("short_name", flat=True))
    words = sorted({word for name in names for word in fold(name).split() if len(word) >= 4})
    searches = list(COMMON_SEARCHES) + rng.sample(words, min(wanted["search"] - len(COMMON_SEARCHES), len(words)))
    mix["search"] = [archive(q=words) for words in searches]
    mix["plan"] = [reverse("plans:detail", kwargs={"slug": slug})
                   for slug in _sample(rng, Plan.objects.published(), wanted["plan"])]
    mix["news"] = [reverse("news:list")] + [f"{reverse('news:list')}?page={n}" for n in range(2, wanted["news"] + 1)]
    mix["article"] = [reverse("news:detail", kwargs={"slug": slug})
                      for slug in _sample(rng, Article.objects.published(), wanted["article"])]
    return mix


def _sample(rng, queryset, count):
    """Slugs of about ``count`` random rows of ``queryset``, by random ids (no ORDER BY random())."""
    from django.db.models import Max, Min

    bounds = queryset.model.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    found = []
    for _ in range(10):
        ids = rng.sample(range(bounds["low"], bounds["high"] + 1), min(3 * count, bounds["high"] - bounds["low"] + 1))
        found += queryset.filter(pk__in=ids).order_by("pk").values_list("slug", flat=True)
        found = sorted(set(found))
        if len(found) >= count:
            break
    return rng.sample(found, min(count, len(found)))


def write_lua(mix, path, seed):
    """A wrk script picking, for each request, one of ``SLOTS_PER_PERCENT`` × 100 slots at random;
    each kind fills its share of them with its addresses in turn. ``done`` prints the figures."""
    rng = random.Random(seed)
    slots = []
    for kind, _label, share, _count in MIX:
        urls = mix.get(kind) or []
        if urls:
            slots += [urls[n % len(urls)] for n in range(share * SLOTS_PER_PERCENT)]
    rng.shuffle(slots)
    lines = ["-- Written by bench/mixed.py: the mixed load's addresses, one picked at random per request.",
             "local paths = {"]
    lines += [f'  "{url}",' for url in slots if '"' not in url and "\\" not in url]
    lines += [
        "}",
        "local count = 0",
        "function setup(thread)",
        "  count = count + 1",
        '  thread:set("number", count)',
        "end",
        "function init(args)",
        f"  math.randomseed({seed} * 1000 + number)",
        "end",
        "function request()",
        '  return wrk.format("GET", paths[math.random(#paths)])',
        "end",
        "function done(summary, latency, requests)",
        "  local e = summary.errors",
        '  io.write(string.format("MIXED %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f\\n",',
        "    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),",
        "    latency:percentile(99), latency.mean, latency.max, e.connect, e.read, e.write, e.status, e.timeout))",
        "end",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_wrk_mix(wrk, base_url, script, connections, seconds):
    """req/s and latency percentiles (wrk's histogram of every request) of one mixed run."""
    threads = min(connections, os.cpu_count() or 1)
    output = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", "-s", str(script),
         "-H", f"User-Agent: {USER_AGENT}", base_url],
        capture_output=True, text=True, check=True,
    ).stdout
    line = next((line for line in output.splitlines() if line.startswith("MIXED ")), None)
    if line is None:
        raise RuntimeError(f"wrk không in kết quả:\n{output}")
    (requests, duration_us, p50, p95, p99, mean, top, connect, read, write, status, timeout) = (
        float(value) for value in line.split()[1:])
    return {
        "connections": connections, "seconds": round(duration_us / 1e6, 1), "requests": int(requests),
        "rps": requests / (duration_us / 1e6) if duration_us else 0.0,
        "p50_ms": p50 / 1000, "p95_ms": p95 / 1000, "p99_ms": p99 / 1000, "mean_ms": mean / 1000, "max_ms": top / 1000,
        "non_2xx": int(status), "socket_errors": int(connect + read + write + timeout),
    }






# --- the measurement --------------------------------------------------------------------------


def get(url, timeout=120):
    """(status, milliseconds) of one GET as a reader's browser."""
    began = time.perf_counter()
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - began) * 1000


def first_request_pages(pages):
    return [page for page in pages if page.key.split("-")[0] in FIRST_REQUEST_KEYS]


def measure(config, environment, wrk, pages, log):
    """The mixed runs, the first requests after a publication, and what the run left behind
    (``pages``: bench/pages.py's ``Page`` rows; the first-request column is measured for those
    of ``FIRST_REQUEST_KEYS``). Django is set up; its connections are closed here."""
    from django.db import connections

    from bench import server as run

    mixed = settings()
    seconds, every, repeats = mixed["seconds"], mixed["write_every"], mixed["first_repeats"]
    log(f"Tải hỗn hợp: chọn địa chỉ (hạt giống {config['seed']})…")
    mix = choose_mix(config["seed"])
    connections.close_all()
    script = write_lua(mix, OUT / "mixed.lua", config["seed"])
    first_pages = first_request_pages(pages)

    load_before = [round(load, 2) for load in os.getloadavg()]
    prefix = f"bench-{os.getpid()}-{int(time.time())}"
    server_env = environment | {"CACHE_KEY_PREFIX": prefix, "LOG_FILE": str(OUT / "mixed.log")}
    (OUT / "mixed.log").write_text("")
    redis = None
    if redis_url():
        server_env["REDIS_URL"] = mixed["redis"]
        redis = RedisWatch(mixed["redis"], prefix)
        log(f"Redis {run.redact(mixed['redis'])}: maxmemory {redis.size} ({redis.maxmemory} B), {redis.policy} "
            f"trong lúc đo (trước: {redis.saved['maxmemory']}, {redis.saved['maxmemory-policy']})")
    writes_planned = max(1, seconds // every) + 2
    writer = Writer(server_env)
    snapshots, pids, result = [], [], {}
    try:
        prepared = writer.call("prepare", plans=writes_planned + len(first_pages) * repeats + 5,
                               articles=writes_planned + 2, seed=config["seed"])
        log(f"Người viết: {prepared['plans']} kế hoạch, {prepared['articles']} tin bài chờ duyệt")
        with run.gunicorn(config["workers"], server_env, pids) as base_url:
            distinct = sorted({url for urls in mix.values() for url in urls})
            log(f"Làm nóng: {len(distinct)} địa chỉ mỗi địa chỉ một lần…")
            with ThreadPoolExecutor(config["workers"]) as pool:
                statuses = list(pool.map(lambda url: get(base_url + url)[0], distinct))
            result["warmup"] = {"urls": len(distinct), "non_200": sum(status != 200 for status in statuses)}
            if redis:
                snapshots.append(("warm", redis.snapshot()))

            log(f"Tải hỗn hợp không ghi: {mixed['connections']} kết nối, {seconds} s…")
            reads = run_wrk_mix(wrk, base_url, script, mixed["connections"], seconds)
            run.wait_until_idle(base_url, config["workers"])
            log(f"  {reads['rps']:.0f} yêu cầu/giây, p50 {reads['p50_ms']:.0f} / p95 {reads['p95_ms']:.0f} / "
                f"p99 {reads['p99_ms']:.0f} ms")
            if redis:
                snapshots.append(("reads", redis.snapshot()))

            log(f"Tải hỗn hợp, một lần ghi mỗi {every} s…")
            writes, stop = [], threading.Event()

            def write_every():
                deadline = time.monotonic() + every / 2
                while not stop.wait(max(0.0, deadline - time.monotonic())):
                    writes.append(writer.call("write") | {"at_s": round(time.monotonic() - began, 1)})
                    deadline += every

            began = time.monotonic()
            ticker = threading.Thread(target=write_every)
            ticker.start()
            try:
                with_writes = run_wrk_mix(wrk, base_url, script, mixed["connections"], seconds)
            finally:
                stop.set()
                ticker.join()
            run.wait_until_idle(base_url, config["workers"])
            with_writes["writes"] = writes
            log(f"  {with_writes['rps']:.0f} yêu cầu/giây, p50 {with_writes['p50_ms']:.0f} / p95 "
                f"{with_writes['p95_ms']:.0f} / p99 {with_writes['p99_ms']:.0f} ms; {len(writes)} lần ghi")
            if redis:
                snapshots.append(("writes", redis.snapshot()))

            log(f"Lần đầu sau công bố: {len(first_pages)} trang × {repeats}…")
            from django.conf import settings as django_settings

            lag_seconds = django_settings.PUBLIC_PAGE_LAG_MS / 1000 + 0.05
            first = []
            for page in first_pages:
                timings, statuses = [], set()
                for _ in range(repeats):
                    for _ in range(2):  # cached (or rendered and cached, after the last publication)
                        get(base_url + page.url)
                    published = writer.call("publish-plan")
                    # The workers may serve the page from before it for PUBLIC_PAGE_LAG_MS: the first
                    # request that shows the publication is the one after that.
                    time.sleep(lag_seconds)
                    status, ms = get(base_url + page.url)
                    statuses.add(status)
                    timings.append({"ms": round(ms, 1), "unit": published["unit"]})
                values = [timing["ms"] for timing in timings]
                first.append({"key": page.key, "label": page.label, "url": page.url, "statuses": sorted(statuses),
                              "median_ms": round(statistics.median(values), 1), "max_ms": max(values),
                              "min_ms": min(values), "runs": timings})
                log(f"  {page.label}: trung vị {first[-1]['median_ms']:.0f} ms, tối đa {first[-1]['max_ms']:.0f} ms")
            if redis:
                snapshots.append(("end", redis.snapshot()))
            result["workers_rss"] = worker_memory(pids[0])
        result["folded_views"] = writer.call("fold")["folded"]
    finally:
        writer.close()
        if redis:
            redis.stopping.set()
            if snapshots:
                result["redis"] = redis.summary(snapshots)
            redis.close()
    log_lines = (OUT / "mixed.log").read_text(encoding="utf-8", errors="replace").splitlines()
    result["log_problems"] = sum(1 for line in log_lines if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line))
    result |= {
        "mix": [{"kind": kind, "label": label, "share": share, "urls": len(mix.get(kind) or [])}
                for kind, label, share, _count in MIX],
        "settings": {key: value for key, value in mixed.items() if key != "redis"}
        | {"redis": run.redact(mixed["redis"]), "workers": config["workers"]},
        "reads": reads, "with_writes": with_writes, "first_request": first,
        # Other work on the machine skews every figure: the load average (1/5/15 min) before and after.
        "load_average": {"before": load_before, "after": [round(load, 2) for load in os.getloadavg()]},
        "database": database_sizes(config["db"]),
    }
    return result


def main():
    """``python -m bench.mixed``: only these rows, on the bench database as ``make bench`` seeds it."""
    from bench import server as run
    from bench.report import render_mixed

    config = {"db": run.setting("BENCH_DB", "postgres:///cchc_bench"), "plans": run.setting("BENCH_PLANS", 100_000),
              "articles": run.setting("BENCH_ARTICLES", 1_000_000), "seed": run.setting("BENCH_SEED", 1),
              "workers": run.setting("BENCH_WORKERS", 2 * (os.cpu_count() or 1))}
    OUT.mkdir(parents=True, exist_ok=True)
    environment = run.server_environment(config["db"])
    os.environ.update(environment)
    run.ensure_database(config["db"])
    wrk = run.ensure_wrk()
    redis_url()
    run.prepare(config)

    import django

    django.setup()
    from bench.pages import choose_pages

    static = Path(environment["STATIC_ROOT"]) / run.STATIC_COPY
    if not static.exists():  # gunicorn counts as ready once it serves it (make bench writes the archive page)
        run.write_static_copy(b"<!doctype html><title>bench</title>", Path(environment["STATIC_ROOT"]))
    pages = [page for page in choose_pages() if page.key.split("-")[0] in FIRST_REQUEST_KEYS]
    result = measure(config, environment, wrk, pages, run.log)
    (OUT / "mixed.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    markdown = render_mixed(result)
    (OUT / "mixed.md").write_text(markdown, encoding="utf-8")
    print()
    print(markdown)
    print(f"Báo cáo: {OUT / 'mixed.md'} (và {OUT / 'mixed.json'})")


if __name__ == "__main__":
    main()
