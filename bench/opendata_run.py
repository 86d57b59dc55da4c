"""``python -m bench.opendata_run``: only the open data rows of ``make bench`` (bench/opendata.py), on
the bench database seeded as ``make bench`` seeds it (the same BENCH_* settings; BENCH_PLANS=20000
BENCH_ARTICLES=60000 gives a quick look, with one sitemap file of nearly 50,000 articles), printed
as two tables. No wrk run: the in-process timings of the feeds and sitemap files, and the downloads.
"""

import json
import os
from pathlib import Path

from bench import server as run
from bench.opendata import measure_downloads, open_data_pages


def main():
    """Only the open data rows, on the bench database, printed as tables."""
    config = {"db": run.setting("BENCH_DB", "postgres:///cchc_bench"), "plans": run.setting("BENCH_PLANS", 100_000),
              "articles": run.setting("BENCH_ARTICLES", 1_000_000), "seed": run.setting("BENCH_SEED", 1),
              "requests": run.setting("BENCH_REQUESTS", 50), "budget": run.setting("BENCH_BUDGET", 30)}
    environment = run.server_environment(config["db"])
    os.environ.update(environment)
    run.ensure_database(config["db"])
    run.prepare(config)

    import django

    django.setup()
    from bench.pages import database_facts, measure

    print(json.dumps(database_facts(), ensure_ascii=False))
    print("| trang | mã | KB | SQL lần đầu / sau | máy chủ p50 / p95 ms · lần đầu |")
    print("|---|---|---:|---:|---:|")
    for page in open_data_pages():
        timing, _ = measure(page.url, config["requests"], config["budget"])
        print(f"| {page.label} `{page.url}` | {timing.status} | {timing.html_bytes / 1024:.0f} | "
              f"{timing.queries_cold} / {timing.queries} | {timing.p50_ms:.0f} / {timing.p95_ms:.0f} · {timing.cold_ms:.0f} |")
    from django.db import connections

    connections.close_all()
    print()
    print("| tải | dòng | MB | giây | dòng/giây | bộ nhớ worker trước → tăng thêm (MiB) |")
    print("|---|---:|---:|---:|---:|---:|")
    # gunicorn counts as ready once it serves this file (run.wait_until_ready); make bench writes the archive's page.
    run.write_static_copy(b"<!doctype html><title>bench</title>", Path(environment["STATIC_ROOT"]))
    for row in measure_downloads(run.gunicorn, environment):
        print(f"| {row['label']} | {row['rows']} | {row['bytes'] / 1e6:.1f} | {row['seconds']} | {row['rows_per_second']} | "
              f"{row['worker_rss_before_mib']} → +{row['worker_growth_mib']} |")


if __name__ == "__main__":
    main()
