"""The benchmark's report: the machine, the commit, and the table ``make bench`` prints."""

import os
import platform
import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = (1, 8)
# Each page is measured as served (whole-page cache on: repeated hits of one URL) and
# rendered every time (cache off: what a URL nobody asked for yet costs).
MODES = [
    ("uncached", "không cache", {"PUBLIC_PAGE_CACHE_SECONDS": "0"}),
    ("cached", "có cache", {}),
]


# Issue #20's figures before the second round (100,000 plans, 1,000,000 articles, gunicorn 4 workers,
# Redis, c=8 for 120 s; ranges over 3 runs without writes and 2 with), shown beside the new ones.
PREVIOUS = {
    "reads": {"rps": (279, 400), "p50_ms": (17, 25), "p95_ms": (52, 77), "p99_ms": (75, 110)},
    "with_writes": {"rps": (86, 127), "p50_ms": (52, 76), "p95_ms": (486, 748), "p99_ms": (1100, 1500)},
    # First request of a page after a publication, by the page's key prefix (bench/pages.py).
    "first_request_ms": {"archive": (121, 475), "news": (724, 724)},
}
# Goals: p95 with writes at most 50 ms and 1.5 × the run without; req/s with writes at least 80 %.
GOALS = {"p95_ms": 50, "p95_ratio": 1.5, "rps_ratio": 0.8, "first_request_ms": 100}
UNUSED_INDEX_LISTED_MIB = 0.5  # smaller unused indexes (of empty tables) are only counted


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    memory = next((int(line.split()[1]) // 1024 for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal")), 0)
    # Other work on the machine skews every figure: the load average says how much there was.
    return {"cores": os.cpu_count(), "ram_mib": memory, "cpu": cpu, "python": platform.python_version(),
            "system": platform.platform(), "load_average": [round(load, 2) for load in os.getloadavg()]}


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def git_commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "?"
    return f"{commit} (+ thay đổi chưa commit)" if git("status", "--porcelain", "--untracked-files=no") else commit


def render_markdown(report):
    machine, db, config, static = report["machine"], report["database"], report["config"], report["static"]
    lines = [
        "# Đo hiệu năng các trang công khai",
        "",
        f"- Ngày: {report['date']}; commit: `{report['commit']}`",
        f"- Máy: {machine['cores']} lõi, {machine['ram_mib']} MiB RAM, {machine['cpu']}; {db['postgresql']}; "
        f"tải trung bình khi kết thúc (1/5/15 phút): {' / '.join(str(load) for load in machine['load_average'])}",
        f"- Dữ liệu: {db['plans']} kế hoạch ({db['plans_published']} công khai), {db['content_groups']} nhóm nội dung, "
        f"{db['agencies']} cơ quan, {db['articles']} tin bài ({db['articles_published']} công khai), "
        f"{db['article_plan_links']} liên kết tin–kế hoạch",
        f"- gunicorn {config['workers']} worker (sync), DJANGO_ENV=production, DEBUG tắt, cache: "
        f"{'bộ nhớ mỗi worker' if config.get('redis', 'off') == 'off' else 'Redis'}; wrk {config['duration']} s "
        f"mỗi lần đo, cùng máy; thời gian máy chủ: Django test client, tối đa {config['requests']} lần mỗi trang",
        f"- Tệp tĩnh cùng cỡ trang kho ({static['bytes']} B) qua gunicorn + WhiteNoise: "
        f"{static['c1']['rps']:.0f} yêu cầu/giây (1 kết nối), {static['c8']['rps']:.0f} (8 kết nối)",
        "",
        "Máy chủ: thời gian dựng trang trong tiến trình (không cache trang), p50 / p95 / p99, và lần đầu khi cache "
        "trống (đếm, facet, danh mục phải tính); SQL: số truy vấn khi cache trống / khi đếm, facet, danh mục đã có "
        "trong cache. req/s: wrk, 1 và 8 kết nối, không cache trang rồi có cache; "
        "% tĩnh: req/s với 8 kết nối so với tệp tĩnh cùng cỡ.",
        "",
        "| trang | mã | HTML (KB) | SQL | máy chủ (ms) p50 / p95 / p99 · lần đầu | không cache: req/s c=1 · c=8 | % tĩnh | "
        "có cache: req/s c=1 · c=8 | % tĩnh | lần đầu sau công bố (ms): trung vị / tối đa (trước) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    first = {row["key"]: row for row in (report.get("mixed") or {}).get("first_request", [])}
    for page in report["pages"]:
        server = page["server"]
        cells = [
            f"{page['label']}<br>`{page['url']}`", str(server["status"]), f"{server['html_bytes'] / 1024:.1f}",
            f"{server['queries_cold']} / {server['queries']}",
            f"{server['p50_ms']:.0f} / {server['p95_ms']:.0f} / {server['p99_ms']:.0f} · {server.get('cold_ms', 0):.0f}",
        ]
        for mode, _label, _overrides in MODES:
            measured = page[mode]
            errors = sum(measured[f"c{n}"]["non_2xx"] + measured[f"c{n}"]["socket_errors"] for n in CONNECTIONS)
            cells += [
                f"{measured['c1']['rps']:.1f} · {measured['c8']['rps']:.1f}" + (f" ⚠ {errors} lỗi" if errors else ""),
                f"{measured['static_pct']:.1f} %",
            ]
        cells.append(first_request_cell(first.get(page["key"])))
        lines.append("| " + " | ".join(cells) + " |")
    if report.get("downloads"):
        lines += [
            "",
            "Tải dữ liệu (bench/opendata.py): mọi kế hoạch công khai qua một worker gunicorn, không cache; bộ nhớ: "
            "RSS của worker trước khi tải và mức tăng cao nhất trong lúc tải.",
            "",
            "| tải | mã | dòng | MB | giây | dòng/giây | worker trước (MiB) | tăng (MiB) |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in report["downloads"]:
            lines.append(
                f"| {row['label']}<br>`{row['path']}` | {row['status']} | {row['rows']} | {row['bytes'] / 1e6:.1f} | "
                f"{row['seconds']} | {row['rows_per_second']} | {row['worker_rss_before_mib']} | {row['worker_growth_mib']} |"
            )
    if report.get("mixed"):
        lines += ["", render_mixed(report["mixed"], first_request_table=False).rstrip("\n")]
    return "\n".join(lines) + "\n"


def span(low_high, scale=1.0, digits=0):
    low, high = (value * scale for value in low_high)
    return f"{low:.{digits}f}" if low == high else f"{low:.{digits}f}–{high:.{digits}f}"


def previous_first_request(key):
    previous = PREVIOUS["first_request_ms"].get(key.split("-")[0])
    return f" (trước: {span(previous)})" if previous else ""


def first_request_cell(row):
    if not row:
        return "–"
    flag = " ✓" if row["max_ms"] <= GOALS["first_request_ms"] else ""
    bad = [status for status in row["statuses"] if status != 200]
    return (f"{row['median_ms']:.0f} / {row['max_ms']:.0f}{flag}{previous_first_request(row['key'])}"
            + (f" ⚠ mã {bad}" if bad else ""))


def _mib(value):
    return f"{value / 1024 / 1024:.1f}"


def render_mixed(mixed, first_request_table=True):
    """The mixed-load rows (bench/mixed.py): with and without writes beside the previous figures,
    the first request after a publication, Redis memory, worker memory and the database's size."""
    settings, reads, writes = mixed["settings"], mixed["reads"], mixed["with_writes"]
    shares = ", ".join(f"{row['label']} {row['share']} % ({row['urls']} địa chỉ)" for row in mixed["mix"])
    lines = [
        "## Tải hỗn hợp (bench/mixed.py)",
        "",
        f"wrk, {settings['connections']} kết nối, {settings['seconds']} s mỗi lần, gunicorn {settings['workers']} worker, "
        f"cache: Redis `{settings['redis']}`; mỗi yêu cầu một địa chỉ ngẫu nhiên: {shares}. Trước khi đo, mỗi địa chỉ "
        f"được hỏi một lần ({mixed['warmup']['urls']} địa chỉ, {mixed['warmup']['non_200']} không phải 200). Có ghi: "
        f"một lần mỗi {settings['write_every']} s (công bố kế hoạch / tin bài qua publishing.workflow.publish, sửa kế "
        "hoạch / tin bài đã công bố rồi save(), đơn vị ngẫu nhiên), trong một tiến trình riêng. Trong ngoặc: số đo "
        "trước (issue #20)."
        + (f" Tải trung bình của máy (1/5/15 phút) trước: {' / '.join(map(str, mixed['load_average']['before']))}, "
           f"sau: {' / '.join(map(str, mixed['load_average']['after']))}." if mixed.get("load_average") else ""),
        "",
        "| lần chạy | req/s | p50 (ms) | p95 (ms) | p99 (ms) | tối đa (ms) | yêu cầu | lỗi |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label, row in (("reads", "không ghi", reads), ("with_writes", f"ghi mỗi {settings['write_every']} s", writes)):
        previous = PREVIOUS[key]
        errors = row["non_2xx"] + row["socket_errors"]
        lines.append(
            f"| {label} | {row['rps']:.0f} ({span(previous['rps'])}) | {row['p50_ms']:.1f} ({span(previous['p50_ms'])}) | "
            f"{row['p95_ms']:.1f} ({span(previous['p95_ms'])}) | {row['p99_ms']:.1f} ({span(previous['p99_ms'])}) | "
            f"{row['max_ms']:.0f} | {row['requests']} | {errors} |"
        )
    p95_ratio = writes["p95_ms"] / reads["p95_ms"] if reads["p95_ms"] else float("inf")
    rps_ratio = writes["rps"] / reads["rps"] if reads["rps"] else 0.0
    before_p95 = (sum(PREVIOUS["with_writes"]["p95_ms"]) / 2) / (sum(PREVIOUS["reads"]["p95_ms"]) / 2)
    before_rps = (sum(PREVIOUS["with_writes"]["rps"]) / 2) / (sum(PREVIOUS["reads"]["rps"]) / 2)

    def verdict(met):
        return "đạt" if met else "CHƯA đạt"

    lines += [
        "",
        f"- Có ghi / không ghi: p95 × {p95_ratio:.2f} (mục tiêu ≤ {GOALS['p95_ratio']}; trước ≈ × {before_p95:.1f}), "
        f"req/s {100 * rps_ratio:.0f} % (mục tiêu ≥ {100 * GOALS['rps_ratio']:.0f} %; trước ≈ {100 * before_rps:.0f} %); "
        f"p95 có ghi {writes['p95_ms']:.1f} ms (mục tiêu ≤ {GOALS['p95_ms']} ms): "
        + verdict(writes["p95_ms"] <= GOALS["p95_ms"] and p95_ratio <= GOALS["p95_ratio"] and rps_ratio >= GOALS["rps_ratio"]),
    ]
    done = writes.get("writes") or []
    if done:
        kinds = {}
        for write in done:
            kinds.setdefault(write["kind"], []).append(write["ms"])
        lines.append(f"- {len(done)} lần ghi: " + ", ".join(
            f"{kind} × {len(values)} (trung vị {statistics.median(values):.0f} ms)" for kind, values in sorted(kinds.items())))
    if first_request_table and mixed.get("first_request"):
        lines += [
            "",
            f"Lần đầu sau công bố: trang được cache, công bố một kế hoạch của một đơn vị ngẫu nhiên, chờ hết "
            f"PUBLIC_PAGE_LAG_MS, đo yêu cầu kế tiếp của trang ({settings['first_repeats']} lần mỗi trang; "
            f"mục tiêu ≤ {GOALS['first_request_ms']} ms).",
            "",
            "| trang | trung vị / tối đa (ms) (trước) |",
            "|---|---:|",
        ]
        for row in mixed["first_request"]:
            lines.append(f"| {row['label']}<br>`{row['url']}` | {first_request_cell(row)} |")
    elif mixed.get("first_request"):
        values = [row["max_ms"] for row in mixed["first_request"]]
        lines.append(f"- Lần đầu sau công bố (cột cuối của bảng trên; {settings['first_repeats']} lần công bố mỗi trang): "
                     f"tối đa {max(values):.0f} ms, {sum(v <= GOALS['first_request_ms'] for v in values)}/{len(values)} "
                     f"trang ≤ {GOALS['first_request_ms']} ms")
    redis = mixed.get("redis")
    if redis:
        lines += [
            "",
            f"Redis: maxmemory {redis['maxmemory_setting']} ({_mib(redis['maxmemory'])} MiB), {redis['policy']} như "
            f"docs/deploy.md trong lúc đo (sau đó trả lại {redis['saved']['maxmemory']} B, "
            f"{redis['saved']['maxmemory-policy']}); cao nhất lấy mẫu mỗi 0,5 s: {_mib(redis['highest_sampled'])} MiB; "
            f"khóa bị đẩy ra: {redis['evicted']}; lỗi trả về: {redis['errors']} "
            f"({', '.join(f'{name} {count}' for name, count in redis.get('errors_by_type', {}).items()) or 'không'}; "
            f"OOM: {redis['oom_errors']}): "
            + ("giữ được" if redis["holds"] else "KHÔNG giữ được"),
            "",
            "| lúc | used_memory (MiB) | used_memory_peak (MiB) | khóa của lần đo |",
            "|---|---:|---:|---:|",
        ]
        names = {"start": "trước", "warm": "sau làm nóng", "reads": "sau lần không ghi", "writes": "sau lần có ghi",
                 "end": "cuối (sau cột lần đầu)"}
        for row in redis["snapshots"]:
            lines.append(f"| {names.get(row['when'], row['when'])} | {_mib(row['used_memory'])} | "
                         f"{_mib(row['used_memory_peak'])} | {row['keys']} |")
    rss = mixed.get("workers_rss")
    if rss:
        lines += ["", f"Worker gunicorn sau lần đo (VmRSS): {rss['workers']} worker, tổng {rss['sum_mib']:.0f} MiB, "
                      f"lớn nhất {rss['max_mib']:.0f} MiB. Dòng WARNING/ERROR trong nhật ký: {mixed.get('log_problems', 0)}."]
    database = mixed.get("database")
    if database:
        lines += [
            "",
            f"Cơ sở dữ liệu sau lần đo: {database['size_mib']:.0f} MiB.",
            "",
            "| bảng | tổng (MiB) | bảng (MiB) | chỉ mục (MiB) | TOAST (MiB) | dòng (ước) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        lines += [f"| {t['name']} | {t['total_mib']:.0f} | {t['table_mib']:.0f} | {t['indexes_mib']:.0f} | "
                  f"{max(t['total_mib'] - t['table_mib'] - t['indexes_mib'], 0):.0f} | {t['rows']} |" for t in database["tables"]]
        lines += ["", "| chỉ mục | bảng | MiB | lần quét |", "|---|---|---:|---:|"]
        lines += [f"| {i['name']} | {i['table']} | {i['mib']:.0f} | {i['scans']} |" for i in database["indexes"]]
        unused = database["unused_indexes"]
        plain = [i for i in unused if i["kind"] == "index"]
        large = [i for i in unused if i["mib"] >= UNUSED_INDEX_LISTED_MIB]
        lines += [
            "",
            f"Chỉ mục chưa quét lần nào (pg_stat_user_indexes.idx_scan = 0, từ {database['stats_reset'] or 'khi tạo'}): "
            f"{len(unused)}, trong đó {len(plain)} không phải khóa chính hay ràng buộc duy nhất "
            f"({sum(i['mib'] for i in plain):.1f} MiB); từ {UNUSED_INDEX_LISTED_MIB} MiB:",
            "",
        ]
        lines += [f"- `{i['name']}` ({i['table']}, {i['mib']:.1f} MiB{'' if i['kind'] == 'index' else ', ' + i['kind']})"
                  for i in large]
        small = [i for i in plain if i not in large]
        if small:
            lines.append(f"- nhỏ hơn: {len(small)} chỉ mục thường, {len(unused) - len(large) - len(small)} khóa chính / "
                         f"duy nhất (bảng trống hay ít dòng: auth, axes, otp, …); xem report.json")
    return "\n".join(lines) + "\n"
