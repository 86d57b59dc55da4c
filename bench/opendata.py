"""The open data rows of ``make bench``: the feeds and the largest sitemap files, timed like the
pages (``open_data_pages``), and the downloads of every public plan streamed through one gunicorn
worker (``measure_downloads``: rows per second, and how much the worker's memory grew).

``python -m bench.opendata_run`` measures only these (bench/opendata_run.py).
"""

import csv
import io
import json
import threading
import time
import urllib.request
from pathlib import Path

from bench import USER_AGENT

DOWNLOAD_TIMEOUT = 600
SAMPLE_SECONDS = 0.02


def open_data_pages():
    """The feeds (plain and filtered) and the sitemap index and its fullest plan and article files."""
    from django.db.models import Count, F
    from django.urls import reverse

    from bench.pages import Page
    from news.models import Article
    from plans.models import Plan
    from publishing.opendata import SITEMAP_MAX_URLS

    pages = [
        Page("feed-plans", "Atom: kế hoạch mới", reverse("plans:feed")),
        Page("feed-plans-filtered", "Atom: kế hoạch Hồ Chí Minh, mạng xã hội",
             reverse("plans:feed") + "?locality=ho-chi-minh&channel=mang-xa-hoi"),
        Page("feed-news", "Atom: tin tức", reverse("news:feed")),
        Page("sitemap-index", "Sơ đồ trang: mục lục", reverse("sitemap")),
    ]
    for key, section, model in (("sitemap-plans", "ke-hoach", Plan), ("sitemap-articles", "tin-tuc", Article)):
        fullest = (
            model.objects.published().order_by().annotate(page=F("pk") / SITEMAP_MAX_URLS + 1)
            .values("page").annotate(n=Count("pk")).order_by("-n").first()
        )
        if fullest:
            url = reverse("sitemap-section", kwargs={"section": section, "page": fullest["page"]})
            pages.append(Page(key, f"Sơ đồ trang: tệp {section} đầy nhất ({fullest['n']} địa chỉ)", url))
    return pages


def _memory_kib(pid, field="VmRSS"):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _workers(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


class _PeakMemory(threading.Thread):
    """Samples a process's resident memory until stopped; ``peak`` is the largest seen (KiB)."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, _memory_kib(pid), threading.Event()

    def run(self):
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, _memory_kib(self.pid))


def _count_rows(response, kind):
    if kind == "csv":
        reader = csv.reader(io.TextIOWrapper(response, encoding="utf-8-sig", newline=""))
        next(reader)  # the header
        return sum(1 for _ in reader)
    return len(json.load(response)["plans"])


def measure_download(base_url, path, kind, worker_pid):
    """Download ``path`` whole from a one-worker gunicorn: rows, bytes, seconds, rows/s, memory growth."""
    request = urllib.request.Request(base_url + path, headers={"User-Agent": USER_AGENT})
    before = _memory_kib(worker_pid)
    sampler = _PeakMemory(worker_pid)
    sampler.start()
    began = time.monotonic()
    with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:
        status = response.status
        counted = _CountingReader(response)
        rows = _count_rows(counted, kind)
    seconds = time.monotonic() - began
    sampler.done.set()
    sampler.join()
    return {
        "path": path, "status": status, "rows": rows, "bytes": counted.bytes, "seconds": round(seconds, 3),
        "rows_per_second": round(rows / seconds) if seconds else None,
        "worker_rss_before_mib": round(before / 1024, 1),
        "worker_growth_mib": round(max(0, sampler.peak - before) / 1024, 1),
    }


class _CountingReader(io.RawIOBase):
    """A response read through, counting its bytes."""

    def __init__(self, response):
        self.response, self.bytes = response, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.response.read(len(buffer))
        self.bytes += len(data)
        buffer[:len(data)] = data
        return len(data)


def measure_downloads(gunicorn, environment):
    """CSV and JSON of every public plan, each twice (the second warm), through one fresh worker."""
    from django.urls import reverse

    results = []
    pids = []
    with gunicorn(1, environment | {"PUBLIC_PAGE_CACHE_SECONDS": "0"}, pids=pids) as base_url:
        worker = _workers(pids[0])[0]
        urllib.request.urlopen(base_url + reverse("plans:list"), timeout=DOWNLOAD_TIMEOUT).read()  # load the app
        for kind, name in (("csv", "plans:data-csv"), ("json", "plans:data-json")):
            for attempt in ("lần đầu", "lần hai"):
                measured = measure_download(base_url, reverse(name), kind, worker)
                results.append({"label": f"Tải {kind.upper()} mọi kế hoạch công khai ({attempt})", **measured})
    return results
