"""``make bench``: measure the public pages on a PostgreSQL database of a real archive's size.

1. creates ``BENCH_DB`` if missing, migrates, imports localities, seeds
   ``BENCH_PLANS`` plans and ``BENCH_ARTICLES`` articles (``manage.py seed_benchmark``, see
   ``bench/seed/``; kept if already there), collects static files;
2. times each page in-process with Django's test client (server time p50/p95/p99, SQL
   queries, HTML bytes), in production settings;
3. serves the project with gunicorn on a free loopback port and measures each page with
   ``wrk`` at 1 and 8 connections, next to a static file of the archive page's size
   served by the same gunicorn + WhiteNoise;
4. the mixed load with Redis (bench/mixed.py): c=8 over a mix of public addresses without and
   with a write every 10 s, the first request of each archive, news and statistics page after a
   publication, then the workers' memory, Redis memory against the deploy guide's ``maxmemory``,
   the database's size and its indexes never scanned;
5. writes ``var/bench/report.md`` and ``report.json`` and prints the table.

Gunicorn is stopped at the end, also when a step fails or the run is interrupted.
Only loopback addresses are used. Settings: BENCH_DB (postgres:///cchc_bench),
BENCH_PLANS (100000), BENCH_ARTICLES (1000000), BENCH_DURATION (10 seconds of wrk),
BENCH_REQUESTS (50 in-process requests per page), BENCH_BUDGET (30 seconds per page
in-process), BENCH_WORKERS (2 × cores), BENCH_SEED (1); BENCH_REDIS, the cache gunicorn serves
the pages and the mixed load with (redis://127.0.0.1:6379/0, ``off`` for each worker's memory), BENCH_MIXED_SECONDS (120),
BENCH_MIXED_CONNECTIONS (8), BENCH_WRITE_EVERY (10), BENCH_FIRST_REPEATS (5).
"""

import json
import os
from datetime import datetime
from pathlib import Path

from bench.report import CONNECTIONS, MODES, git_commit, machine, render_markdown
from bench.server import (
    OUT,
    STATIC_COPY,
    ensure_database,
    ensure_wrk,
    fetch_concurrently,
    gunicorn,
    log,
    prepare,
    redact,
    run_wrk,
    server_environment,
    setting,
    wait_until_idle,
    write_static_copy,
)


def main():
    config = {
        "db": setting("BENCH_DB", "postgres:///cchc_bench"),
        "plans": setting("BENCH_PLANS", 100_000),
        "articles": setting("BENCH_ARTICLES", 1_000_000),
        "duration": setting("BENCH_DURATION", 10),
        "requests": setting("BENCH_REQUESTS", 50),
        "budget": setting("BENCH_BUDGET", 30),
        "workers": setting("BENCH_WORKERS", 2 * (os.cpu_count() or 1)),
        "seed": setting("BENCH_SEED", 1),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    environment = server_environment(config["db"])
    os.environ.update(environment)
    ensure_database(config["db"])
    wrk = ensure_wrk()
    from bench.resources import redis_url

    redis = redis_url()  # it answers, before the long steps; the pages are served with it as in production
    config["redis"] = "on" if redis else "off"
    prepare(config)

    import django

    django.setup()
    from bench.opendata import measure_downloads, open_data_pages
    from bench.pages import choose_pages, measure

    log("Chọn trang đo…")
    pages = choose_pages() + open_data_pages()
    results = []
    for page in pages:
        timing, html = measure(page.url, config["requests"], config["budget"])
        log(f"{page.label}: {timing.status}, {timing.html_bytes} B, {timing.queries_cold} truy vấn, "
            f"p50 {timing.p50_ms:.0f} ms")
        results.append({"key": page.key, "label": page.label, "url": page.url, "server": timing.as_dict()})
        if page.key == "archive":
            write_static_copy(html, Path(environment["STATIC_ROOT"]))
    from bench.pages import database_facts

    facts = database_facts()
    from django.db import connections

    connections.close_all()

    static_url, static = f"/static/{STATIC_COPY}", {}
    for mode, label, overrides in MODES:
        with gunicorn(config["workers"], environment | overrides | ({"REDIS_URL": redis} if redis else {})) as base_url:
            if not static:
                fetch_concurrently(base_url + static_url, config["workers"])
                static = {f"c{n}": run_wrk(wrk, base_url + static_url, n, config["duration"]) for n in CONNECTIONS}
                log(f"Tệp tĩnh: {static['c8']['rps']:.0f} yêu cầu/giây với 8 kết nối")
            for result in results:
                url = base_url + result["url"]
                fetch_concurrently(url, config["workers"])  # every worker renders it once, filling its caches
                measured = {}
                for n in CONNECTIONS:
                    measured[f"c{n}"] = run_wrk(wrk, url, n, config["duration"])
                    # wrk stops the clock with requests still running: wait for them, or a slow page
                    # would hold the workers through the next measurement.
                    wait_until_idle(base_url, config["workers"])
                rps = measured["c8"]["rps"]
                measured["static_pct"] = 100 * rps / static["c8"]["rps"] if static["c8"]["rps"] else None
                result[mode] = measured
                log(f"{result['label']} ({label}): {measured['c1']['rps']:.1f} / {rps:.1f} yêu cầu/giây")

    log("Tải CSV, JSON mọi kế hoạch công khai qua một worker…")
    downloads = measure_downloads(gunicorn, environment)
    for row in downloads:
        log(f"{row['label']}: {row['rows']} dòng, {row['rows_per_second']} dòng/giây, worker +{row['worker_growth_mib']} MiB")

    from bench import mixed

    log("Tải hỗn hợp, lần đầu sau công bố, bộ nhớ, dung lượng (bench/mixed.py)…")
    mixed_rows = mixed.measure(config, environment, wrk, pages, log)

    report = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "config": {key: value for key, value in config.items() if key != "db"} | {"db": redact(config["db"])},
        "database": facts,
        "static": {"url": static_url, "bytes": (Path(environment["STATIC_ROOT"]) / STATIC_COPY).stat().st_size, **static},
        "pages": results,
        "downloads": downloads,
        "mixed": mixed_rows,
    }
    (OUT / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    markdown = render_markdown(report)
    (OUT / "report.md").write_text(markdown, encoding="utf-8")
    print()
    print(markdown)
    print(f"Báo cáo: {OUT / 'report.md'} (và {OUT / 'report.json'})")


if __name__ == "__main__":
    main()
