"""The benchmark's report: the machine, the commit, and the table ``make bench`` prints."""

import os
import platform
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
        f"- gunicorn {config['workers']} worker (sync), DJANGO_ENV=production, DEBUG tắt; wrk {config['duration']} s "
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
        "có cache: req/s c=1 · c=8 | % tĩnh |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
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
    return "\n".join(lines) + "\n"
