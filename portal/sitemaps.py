"""/sitemap.xml: the index of the sitemap files, and each file.

Sections: each published plan and article (split by id range, ``publishing.sitemaps``), the
landing pages (years, localities with plans) and the fixed pages. Withdrawn, draft and
scheduled items are never listed (``published()``). Every file is kept in the page cache
for the content version, like the pages it lists.
"""

from django.db.models import Max
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_safe

from news.models import Article
from news.sitemaps import articles
from plans.models import Plan
from plans.sitemaps import landing_entries, plans
from publishing.cache import cache_if_canonical
from publishing.links import absolute_url
from publishing.opendata import sitemap_xml
from publishing.remember import remember
from publishing.sitemaps import last_change

PAGED = {"ke-hoach": plans, "tin-tuc": articles}
LANDING, FIXED = "trang-tong-hop", "trang-co-dinh"


def fixed_entries():
    """The home page, the two lists and the open data page, each with its content's last change."""
    plan_change = Plan.objects.published().aggregate(last=Max(last_change()))["last"]
    article_change = Article.objects.published().aggregate(last=Max(last_change()))["last"]
    home_change = max(filter(None, [plan_change, article_change]), default=None)
    return [
        (absolute_url(reverse("home")), home_change),
        (absolute_url(reverse("plans:list")), plan_change),
        (absolute_url(reverse("news:list")), article_change),
        (absolute_url(reverse("open-data")), plan_change),
    ]


def _file_url(section, page):
    return absolute_url(reverse("sitemap-section", kwargs={"section": section, "page": page}))


def index_entries():
    """(address of each sitemap file, last change of what it lists), kept for the content version."""

    def compute():
        files = [(_file_url(section, page), lastmod) for section, paged in PAGED.items() for page, lastmod in paged.pages()]
        fixed = fixed_entries()
        files.append((_file_url(LANDING, 1), fixed[1][1]))
        files.append((_file_url(FIXED, 1), fixed[0][1]))
        return files

    return remember("sitemap-index", compute)


@require_safe
def index(request):
    return cache_if_canonical(request, sitemap_xml(index_entries(), index=True))


@require_safe
def section(request, section, page):
    if section in PAGED:
        entries = list(PAGED[section].entries(page))
        if not entries:  # a range with no published item: the index does not list it
            raise Http404("Không có tệp sơ đồ trang này.")
    elif section in (LANDING, FIXED) and page == 1:
        entries = landing_entries() if section == LANDING else fixed_entries()
    else:
        raise Http404("Không có tệp sơ đồ trang này.")
    return cache_if_canonical(request, sitemap_xml(entries))
