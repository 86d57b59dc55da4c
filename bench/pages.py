"""The pages the benchmark measures, chosen from the seeded database, and their in-process timings.

Imported only after Django is set up (``bench/run.py`` does it): it reads the database
to find a busy commune, a rare word, the most reported plan, the newest article.
"""

import random
import statistics
import time
from dataclasses import asdict, dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils.http import urlencode

from bench import USER_AGENT
from news.models import Article
from plans.models import Agency, ContentGroup, Locality, Plan
from plans.selectors import ArchiveQuery, matching_plans
from plans.views.archive import PAGE_SIZE
from publishing.text import fold

DEEP_PAGE = 1000
RARE_AT_MOST = 20  # plans a "rare" word may match


@dataclass
class Page:
    key: str
    label: str
    url: str


@dataclass
class ServerTiming:
    """What the Django test client saw: the server's own time, without the network and gunicorn.

    Pages are rendered every time (the whole-page cache is off); ``queries_cold`` and
    ``cold_ms`` are the first request after emptying the cache (counts, facets and reference
    lists computed), ``queries`` and the percentiles the next ones (those kept in the cache).
    """

    status: int
    cold_ms: float
    html_bytes: int
    queries_cold: int
    queries: int
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float

    def as_dict(self):
        return asdict(self)


def archive(**params):
    return f"{reverse('plans:list')}?{urlencode(params)}"


def choose_pages():
    """The pages to measure, found in the database as it is."""
    pages = [
        Page("home", "Trang chủ", reverse("home")),
        Page("archive", "Kho kế hoạch, không lọc", reverse("plans:list")),
        Page("archive-year", "Kho: năm 2024", reverse("plans:list-year", kwargs={"year": 2024})),
    ]
    province = Locality.objects.lookup("ho-chi-minh") or Locality.objects.filter(level=1).first()
    if province:
        pages.append(Page("archive-province", f"Kho: {province.name} (cả đơn vị trực thuộc, sáp nhập)",
                          reverse("plans:list-locality", kwargs={"locality": province.slug})))
    former = (
        Locality.objects.filter(level=Locality.Level.PROVINCE, valid_until__isnull=False)
        .annotate(plan_count=Count("children__children__plans")).order_by("-plan_count").first()
    )
    if former:
        pages.append(Page("archive-former-province", f"Kho: {former.name} (trước 2025)", archive(locality=former.slug)))
    commune = (
        Plan.objects.public().filter(locality__level=Locality.Level.COMMUNE).values("locality__slug", "locality__name")
        .annotate(n=Count("pk")).order_by("-n", "locality__slug").first()
    )
    if commune:
        pages.append(Page("archive-commune", f"Kho: {commune['locality__name']}", archive(locality=commune["locality__slug"])))
    pages.append(Page("archive-channel", "Kho: hình thức pa nô, áp phích", archive(channel="pa-no-ap-phich")))
    pages.append(Page("search-common", "Tìm “cai cach”", archive(q="cai cach")))
    word = rare_word()
    if word:
        pages.append(Page("search-rare", f"Tìm từ hiếm “{word}”", archive(q=word)))
    last_page = max(1, -(-matching_plans(ArchiveQuery()).count() // PAGE_SIZE))
    pages.append(Page("archive-deep", f"Kho: trang {min(DEEP_PAGE, last_page)}", archive(page=min(DEEP_PAGE, last_page))))
    if last_page > DEEP_PAGE:
        pages.append(Page("archive-last", f"Kho: trang cuối ({last_page})", archive(page=last_page)))
    plan = Plan.objects.published().annotate(reports=Count("articles")).order_by("-reports", "-pk").first()
    if plan:
        pages.append(Page("plan", "Một kế hoạch (nhiều tin nhất)", plan.get_absolute_url()))
    pages.append(Page("news", "Tin tức", reverse("news:list")))
    article = Article.objects.published().newest_first().first()
    if article:
        pages.append(Page("article", "Một tin bài (mới nhất)", article.get_absolute_url()))
    pages += statistics_pages(province)
    pages += api_pages(province, plan)
    return pages


def statistics_pages(province):
    """/thong-ke/ and /thong-ke/bao-phu/ for the country and one province (targets: p95 under 100 ms
    warm, the first request after a publication under 1 s: the ``cold`` column)."""
    pages = [
        Page("statistics", "Thống kê, cả nước, năm 2024", f"{reverse('statistics')}?{urlencode({'year': 2024})}"),
        Page("coverage", "Bao phủ, cả nước, năm 2024", f"{reverse('coverage')}?{urlencode({'year': 2024})}"),
    ]
    if province:
        where = {"year": 2024, "locality": province.slug}
        pages += [
            Page("statistics-province", f"Thống kê: {province.name}, 2024", f"{reverse('statistics')}?{urlencode(where)}"),
            Page("coverage-province", f"Bao phủ: {province.name}, 2024", f"{reverse('coverage')}?{urlencode(where)}"),
        ]
    return pages


def api_pages(province, plan):
    """The read-only API's list pages (target: at most 12 queries, p95 under 50 ms warm) and one plan."""
    plans = reverse("api:plan-list")
    pages = [
        Page("api-plans", "API: kế hoạch, không lọc", plans),
        Page("api-plans-year", "API: kế hoạch năm 2024", f"{plans}?{urlencode({'year': 2024})}"),
        Page("api-plans-search", "API: tìm “cai cach”", f"{plans}?{urlencode({'q': 'cai cach'})}"),
        Page("api-articles", "API: tin bài", reverse("api:article-list")),
        Page("api-localities", "API: địa bàn", reverse("api:locality-list")),
    ]
    if province:
        pages.insert(2, Page("api-plans-province", f"API: kế hoạch của {province.name}",
                             f"{plans}?{urlencode({'locality': province.slug})}"))
    if plan:
        pages.append(Page("api-plan", "API: một kế hoạch, đủ các phần",
                          reverse("api:plan-detail", kwargs={"slug": plan.slug})))
    return pages


def rare_word():
    """A word of a commune's name that few published plans contain (search matches substrings)."""
    names = list(Locality.objects.filter(level=Locality.Level.COMMUNE).values_list("short_name", flat=True)[:20000])
    words = sorted({word for name in names for word in fold(name).split() if len(word) >= 5})
    rng = random.Random(1)
    for word in rng.sample(words, min(40, len(words))):
        if 1 <= Plan.objects.public().search(word).count() <= RARE_AT_MOST:
            return word
    return None


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=0)
def measure(url, requests, budget_seconds):
    """Up to ``requests`` GETs through the test client (fewer if ``budget_seconds`` runs out, at least 5)."""
    client = Client(SERVER_NAME="127.0.0.1", HTTP_USER_AGENT=USER_AGENT)
    cache.clear()
    # The captured list is read from the connection's log, which the next request clears: count now.
    with CaptureQueriesContext(connection) as cold:
        began = time.perf_counter()
        response = client.get(url)
        cold_ms = (time.perf_counter() - began) * 1000
    queries_cold = len(cold)
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    queries = len(warm)
    durations, started = [], time.monotonic()
    while len(durations) < requests and (len(durations) < 5 or time.monotonic() - started < budget_seconds):
        began = time.perf_counter()
        client.get(url)
        durations.append((time.perf_counter() - began) * 1000)
    cuts = statistics.quantiles(durations, n=100, method="inclusive")
    return ServerTiming(
        status=response.status_code, cold_ms=cold_ms, html_bytes=len(response.content),
        queries_cold=queries_cold, queries=queries,
        requests=len(durations), p50_ms=statistics.median(durations), p95_ms=cuts[94], p99_ms=cuts[98],
    ), response.content


def database_facts():
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(",")[0]
    return {
        "postgresql": version,
        "plans": Plan.objects.count(),
        "plans_published": Plan.objects.published().count(),
        "content_groups": ContentGroup.objects.count(),
        "agencies": Agency.objects.count(),
        "articles": Article.objects.count(),
        "articles_published": Article.objects.published().count(),
        "article_plan_links": Article.plans.through.objects.count(),
    }
