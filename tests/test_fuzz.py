"""Ten thousand generated addresses and query strings against every public page.

Whatever a visitor, a crawler or an attacker types, a public page answers with a
page (200, 301/302, 400, 404, 405...), never with a server error, a traceback, the
secret key or a template it was made to evaluate. The generator is seeded, so a
failure is reproducible: the report names the exact request.
"""

import logging
import random
import time
from collections import Counter
from urllib.parse import quote

import pytest
from django.urls import reverse

from news.models import Article, Category
from plans.models import Agency, Attachment, Channel, Locality, Plan

SEED = 20261124
REQUESTS = 10_400

PARAMETERS = ["q", "year", "locality", "agency", "channel", "topic", "sort", "page", "withdrawn", "category"]

# What a template would print if user input were ever rendered as a template.
CANARY = "zzcanaryzz"
EVALUATED_CANARY = CANARY.upper()
TEMPLATE_INPUT = [
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "{{ request.META }}",
    "{{ request.session }}",
    "{% load log %}{% get_admin_log 10 as log %}{{ log }}",
    f"{{{{ '{CANARY}'|upper }}}}",
    f"{{% filter upper %}}{CANARY}{{% endfilter %}}",
    "{{ 7*7 }}${7*7}<%= 7*7 %>#{7*7}",
    "{% include 'base.html' %}",
    "{% extends '/etc/passwd' %}",
    "{{",
    "{%",
]

SQL = [
    "' OR 1=1 --",
    "'; DROP TABLE plans_plan; --",
    '" OR ""="',
    "1; SELECT pg_sleep(5)",
    "1' UNION SELECT password FROM auth_user --",
    "%' AND 1=1 AND '%'='",
    "\\'; --",
    "1) OR (1=1",
    "$where: '1 == 1'",
    "[$ne]=1",
]

MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</textarea><svg onload=alert(1)>",
    "'';!--\"<XSS>=&{()}",
    "<!--",
    "]]>",
    "&#x3C;script&#x3E;",
]

NUMBERS = [
    "0", "-0", "-1", "-2024", "1", "2", "2024", "2024.0", "2024.5", "1.5", "-1.5", "1e309", "-1e309", "1e3",
    "NaN", "inf", "-inf", "0x7e8", "0b1", "1_000", "٢٠٢٤", "２０２４", "²", " 2024 ", "+2024",
    "9" * 30, "-" + "9" * 30, "9" * 5000, str(2**31), str(2**63), str(2**64), str(-(2**63) - 1),
]

TEXT = [
    "", " ", "\t", "\n", "\r\n", "+", "&", "=", "?", "#", "%", "%%", "%ZZ", "/", "\\", ";", ",",
    "\x00", "a\x00b", "tra-vinh\x00", "\x00" * 50, "%00", "\x1b[31m", "\x7f", "\x08",
    "x" * 5000, "đ" * 5000, "cải cách " * 600,
    "Tiê\u0301ng Vie\u0323\u0302t",  # decomposed Vietnamese: combining acute, dot below, circumflex
    "Cải cách hành chính", "CẢI CÁCH", "Quảng Ngãi", "Trà Vinh", "Đà Nẵng",
    "a" + "\u0301" * 500,  # a character drowned in combining marks
    "\u202eevil\u202c", "مرحبا بالعالم", "שלום", "\u200f\u200e",
    "🇻🇳", "👨‍👩‍👧‍👦", "💩" * 100, "\ufeff", "\u200b", "\ufffd", "\uffff", "\U0010ffff",
    "\\ud800", "\\udc80",  # surrogates as escaped text; raw surrogates travel as broken UTF-8 below
    "../../etc/passwd", "..\\..\\windows\\win.ini", "null", "None", "undefined", "true", "false", "[]", "{}",
    "on", "off", "yes", "1", "newest", "oldest", "number", "cchc", "kiem-soat-tthc", "khac",
]

# Bytes no UTF-8 decoder accepts, sent percent-encoded: overlong forms, surrogates, stray bytes.
BROKEN_UTF8 = ["%C0%AF", "%ED%A0%80", "%ED%BF%BF", "%FF", "%FE%FF", "%E0%80%80", "%F8%88%80%80%80", "%C3", "%80"]

RAW_JUNK = ["%ZZ", "%", "%2", "&&&", "=", "==", "&=&", ";", "%26", "%3D", "+", "%2B", "#frag", "%00", "%u0000", *BROKEN_UTF8]

NAMES = [
    "", "Q", "YEAR", "q ", " q", "q\x00", "pag%65", "utm_source", "fbclid", "format", "callback", "__proto__",
    "csrfmiddlewaretoken", "o", "ordering", "debug", "page_size", "x" * 300, "năm", "địa-bàn", "🔥",
]
ARRAY_SUFFIXES = ["[]", "[0]", "[1]", "[$ne]", "[__class__]", ".0", "[][]"]

# Unicode blocks a random string draws from (surrogates excluded: they cannot be encoded).
UNICODE_RANGES = [
    (0x20, 0x7E), (0x00, 0x1F), (0xA0, 0x24F), (0x300, 0x36F), (0x1EA0, 0x1EF9), (0x590, 0x6FF),
    (0x2000, 0x206F), (0x4E00, 0x4FFF), (0xE000, 0xE0FF), (0xFFF0, 0xFFFF), (0x1F300, 0x1F6FF), (0x10FF00, 0x10FFFF),
]


def random_text(rng, longest=40):
    chars = []
    for _ in range(rng.randint(1, longest)):
        low, high = rng.choice(UNICODE_RANGES)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars)


class Generator:
    """Seeded requests: real addresses and parameter values of the demo data, mixed with junk."""

    def __init__(self, rng, real):
        self.rng = rng
        self.real = real

    def pick(self, items):
        return self.rng.choice(items)

    # Parameter values and names

    def value(self, name=None):
        roll = self.rng.random()
        if roll < 0.3 and name in self.real["values"]:
            return self.pick(self.real["values"][name])
        if roll < 0.45:
            return random_text(self.rng, self.pick([3, 40, 300]))
        if roll < 0.55:
            return str(self.rng.randint(-(10**self.rng.randint(1, 40)), 10**self.rng.randint(1, 40)))
        if roll < 0.6:
            return repr(self.rng.uniform(-1e6, 1e6))
        if roll < 0.65:  # a real value with junk around it
            real = self.pick(self.real["values"].get(name) or ["2024"])
            return self.pick([f"{real}{self.junk_value()}", f"{self.junk_value()}{real}", f"{real}\x00"])
        return self.junk_value()

    def junk_value(self):
        return self.pick(self.pick([NUMBERS, TEXT, SQL, TEMPLATE_INPUT, MARKUP]))

    def name(self):
        roll = self.rng.random()
        if roll < 0.7:
            return self.pick(PARAMETERS)
        if roll < 0.85:
            return self.pick(PARAMETERS) + self.pick(ARRAY_SUFFIXES)
        if roll < 0.95:
            return self.pick(NAMES)
        return random_text(self.rng, 12)

    def encode(self, text):
        """Percent-encoded as a browser sends it, or raw UTF-8 as a careless client does."""
        if self.rng.random() < 0.8:
            return quote(text, safe="" if self.rng.random() < 0.5 else "[]$/:,")
        return text.replace("&", "%26").replace("#", "%23").replace("%", "%25") if self.rng.random() < 0.5 else text

    def query_string(self):
        roll = self.rng.random()
        if roll < 0.01:  # more fields than Django accepts (DATA_UPLOAD_MAX_NUMBER_FIELDS)
            return "&".join(f"year={n}" for n in range(1100))
        pairs = []
        for _ in range(self.pick([1, 1, 1, 2, 2, 3, 4, 6, 10])):
            name = self.name()
            pairs.append(f"{self.encode(name)}={self.encode(self.value(name.split('[')[0]))}")
            if self.rng.random() < 0.15:  # page=1&page=2
                pairs.append(f"{self.encode(name)}={self.encode(self.value(name))}")
        if self.rng.random() < 0.15:
            pairs.insert(self.rng.randint(0, len(pairs)), self.pick(RAW_JUNK) + self.pick(["", "=", "=1", "x"]))
        if self.rng.random() < 0.05:  # a name with no "=" at all
            pairs.append(self.pick(PARAMETERS))
        return "&".join(pairs)

    # Paths

    def segment(self):
        roll = self.rng.random()
        if roll < 0.2:
            return quote(random_text(self.rng, 30), safe="")
        if roll < 0.3:
            return random_text(self.rng, 20).replace("/", "").replace("?", "").replace("#", "")
        if roll < 0.4:
            return self.pick(["..", ".", "%2e%2e", "%2E%2E%2F", "..%2f..", "%00", "a%00b", "%2F", "%5C", "//", "~"])
        if roll < 0.5:
            return self.pick(BROKEN_UTF8) + self.pick(["", "x", self.pick(BROKEN_UTF8)])
        if roll < 0.6:
            return self.pick(["x" * 5000, "9" * 5000, "a-" * 1500, quote("đ" * 2000)])
        if roll < 0.7:
            return self.pick(NUMBERS).strip().replace("/", "") or "0"
        if roll < 0.8:
            return quote(self.junk_value(), safe="") or "%20"
        return self.pick(self.real["slugs"])

    def junk_path(self):
        prefix = self.pick(["/ke-hoach/", "/ke-hoach/dia-ban/", "/ke-hoach/nam-", "/tin-tuc/", "/tin-tuc/xem-truoc/",
                            "/media/", "/media/news/", "/", "/quan-tri/", "/static/"])
        segments = [self.segment() for _ in range(self.pick([1, 1, 2, 2, 3, 5]))]
        tail = self.pick(["/", "/", "/", ""])
        return prefix + "/".join(segments) + tail

    def shaped_path(self):
        """Addresses the URL patterns nearly or exactly match, with numbers and slugs out of range."""
        rng = self.rng
        slug = self.pick(self.real["plan_slugs"])
        number = self.pick([
            0, 1, -1, rng.randint(0, 10**6), 10**18, 2**63, 2**64, 10**40,
            "9" * 4300, "9" * 4301,  # Python's int() refuses more than 4,300 digits
            self.pick(self.real["attachment_ids"]),
        ])
        year = self.pick([0, 1, 1999, 2019, 2020, 2024, 2100, 2101, 9999, 10**6, 2**63, 10**30])
        month = self.pick([0, 1, 2, 7, 12, 13, 99, 10**20])
        return self.pick([
            f"/ke-hoach/nam-{year}/",
            f"/ke-hoach/nam-{'0' * rng.randint(1, 50)}{year}/",
            f"/ke-hoach/nam-{number}/",
            f"/ke-hoach/{slug}/tai-ve/{number}/",
            f"/ke-hoach/{self.pick(self.real['slugs'])}/tai-ve/{self.pick(self.real['attachment_ids'])}/",
            f"/ke-hoach/{slug}/tai-ve/{self.segment()}/",
            f"/tin-tuc/{year}/{month}/",
            f"/tin-tuc/{year}/{month:02d}/",
            f"/tin-tuc/xem-truoc/{number}/",
            f"/ke-hoach/dia-ban/{self.pick(self.real['slugs'])}/",
            f"/media/{self.pick(self.real['media'])}/../../{self.pick(self.real['attachment_files'])}",
            f"/media/{self.pick(self.real['media'])}/{self.pick(['..', '../..', '../../..', '%2e%2e'])}/",
            f"/media/news/../{self.pick(self.real['attachment_files'])}",
            f"/media/news/%2e%2e/{self.pick(self.real['attachment_files'])}",
            f"/media/news//..//{self.pick(self.real['attachment_files'])}",
            "/media/news/../../secret_key",
            "/media/news/%2e%2e/%2e%2e/secret_key",
            f"/media/{self.pick(self.real['attachment_files'])}",
        ])

    def path(self):
        roll = self.rng.random()
        if roll < 0.6:
            return self.pick(self.real["pages"])
        if roll < 0.8:
            return self.shaped_path()
        return self.junk_path()

    def request(self):
        path = self.path()
        if self.rng.random() < 0.85:
            path = f"{path}?{self.query_string()}"
        return ("head" if self.rng.random() < 0.03 else "get"), path


def real_addresses():
    """Every public page of the demo data, and the values its parameters really take."""
    # Ordered, so that the same seed gives the same requests on SQLite and PostgreSQL.
    plans = list(Plan.objects.public().order_by("slug"))
    articles = list(Article.objects.public().order_by("slug"))
    attachments = list(Attachment.objects.select_related("plan").order_by("pk"))
    localities = list(Locality.objects.order_by("slug").values_list("slug", flat=True))
    covers = [article.cover_image.name for article in articles if article.cover_image]
    assert plans and articles and attachments and covers
    years = sorted({year for plan in plans if plan.year_known for year in range(plan.period_start, plan.period_end + 1)})
    months = sorted({(article.published_at.year, article.published_at.month) for article in articles})
    pages = [
        reverse("home"),
        reverse("plans:list"),
        reverse("news:list"),
        reverse("admin:login"),
        *(reverse("plans:list-year", args=[year]) for year in years),
        reverse("plans:list-unknown-year"),
        *(reverse("plans:list-locality", args=[slug]) for slug in localities),
        *(plan.get_absolute_url() for plan in plans),
        *(reverse("plans:attachment-download", args=[item.plan.slug, item.pk]) for item in attachments),
        *(article.get_absolute_url() for article in articles),
        *(reverse("news:month", args=[year, month]) for year, month in months),
        *(f"/media/{name}" for name in covers),
    ]
    values = {
        "q": ["cai cach", "CẢI CÁCH", "11/KH-UBND", "báo chí", "Kon Tum"],
        "year": [*(str(year) for year in years), "chua-ro-nam"],
        "locality": [*localities, "Trà Vinh", "84", "Càng Long"],
        "agency": list(Agency.objects.order_by("slug").values_list("slug", flat=True)),
        "channel": list(Channel.objects.order_by("slug").values_list("slug", flat=True)),
        "topic": [value for value, _ in Plan.Topic.choices],
        "sort": ["newest", "oldest", "number"],
        "page": ["1", "2", "-1", "0", "999999"],
        "withdrawn": ["on", "true", "1", "false"],
        "category": list(Category.objects.order_by("slug").values_list("slug", flat=True)),
    }
    return {
        "pages": pages,
        "values": values,
        "slugs": [*(plan.slug for plan in plans), *(article.slug for article in articles), *localities],
        "plan_slugs": [plan.slug for plan in plans],
        "attachment_ids": [item.pk for item in attachments],
        "attachment_files": [item.file.name for item in attachments],
        "media": sorted({name.rsplit("/", 1)[0] for name in covers}),
    }


def problems_with(response, *, secret_key):
    """What is wrong with an answer, or an empty list."""
    problems = []
    if response.status_code >= 500:
        problems.append(f"status {response.status_code}")
    body = response.getvalue().decode("utf-8", errors="replace")
    for leak in ("Traceback", "Exception Value", "Internal Server Error", secret_key, EVALUATED_CANARY):
        if leak in body:
            problems.append(f"body contains {'the secret key' if leak == secret_key else repr(leak)}")
    if response.get("Content-Type", "").startswith("text/html") and "\x00" in body:
        problems.append("a null character in the HTML")
    # Under /media/ only the news images are public: never a plan's file, whatever the path's "..".
    if response.request["PATH_INFO"].startswith("/media/") and response.status_code == 200:
        if not response["Content-Type"].startswith("image/"):
            problems.append(f"/media/ served a {response['Content-Type']} file")
    return problems


@pytest.fixture
def quiet_logs():
    """Thousands of expected 404s and 400s would drown the report; errors (500s) still print."""
    loggers = {logging.getLogger("django.request"): logging.ERROR, logging.getLogger("django.security"): logging.CRITICAL}
    levels = {logger: logger.level for logger in loggers}
    for logger, level in loggers.items():
        logger.setLevel(level)
    yield
    for logger, level in levels.items():
        logger.setLevel(level)


@pytest.mark.django_db
def test_no_generated_address_or_query_breaks_a_public_page(client, demo, settings, quiet_logs, capsys):
    settings.DEBUG = False
    client.raise_request_exception = False
    generator = Generator(random.Random(SEED), real_addresses())

    statuses = Counter()
    failures = []
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(REQUESTS):
        method, path = generator.request()
        response = getattr(client, method)(path)
        statuses[response.status_code] += 1
        problems = problems_with(response, secret_key=settings.SECRET_KEY)
        if problems:
            error = response.exc_info[1] if response.exc_info else None
            failures.append(f"{method.upper()} {path[:300]!r}: {', '.join(problems)} ({error!r})")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started

    with capsys.disabled():
        histogram = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
        print(f"\nfuzz: {sum(statuses.values())} requests in {elapsed:.1f} s ({cpu:.1f} s CPU); statuses {histogram}")
    assert sum(statuses.values()) >= 10_000
    assert statuses[200] > REQUESTS / 4, "the generator should reach real pages, not only 404s"
    assert not failures, f"{len(failures)} bad answers, first ones:\n" + "\n".join(failures[:20])
