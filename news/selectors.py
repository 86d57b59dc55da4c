"""Reads for the news pages beyond a queryset method."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db.models import F, Prefetch, Sum
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from news.models import Article, ArticleMonthTally
from plans.models import Plan
from publishing.cache import shown
from publishing.remember import remember

EARLIER_ARTICLES = 5
# The newest articles about a plan listed on its page; the rest are a link away (/tin-tuc/?plan=…).
PLAN_NEWS_SHOWN = 10


@dataclass(frozen=True)
class MonthItem:
    month: date
    count: int

    @property
    def url(self):
        return month_url(self.month.year, self.month.month)


def month_url(year, month):
    """The path of a month's page of news (reversed once per month and script prefix)."""
    return _month_path(year, month, get_script_prefix())


@lru_cache(maxsize=1024)
def _month_path(year, month, script_prefix):
    """A month page's path, reversed once: the news list links to a hundred months (2 ms of its 20)."""
    return reverse("news:month", kwargs={"year": year, "month": month})


def months_with_articles():
    """Each month (in the portal's time zone) with its number of published articles, newest first.

    Summed from the month tallies (a few rows per month, news/month_tally.py), kept for the content version.
    """

    def compute():
        rows = ArticleMonthTally.objects.visible().values("month").annotate(count=Sum("count")).order_by("-month")
        return [MonthItem(row["month"], row["count"]) for row in rows]

    return remember("news-months", compute, scopes=shown("news"))


def published_count(locality=None):
    """How many articles are public now (about ``locality``, the units inside it and the units merged
    into it, if given), summed from the month tallies. None when they cannot tell: the tallies are
    per province, and ``locality`` is below one or took in a unit below one."""
    tallies = ArticleMonthTally.objects.visible()
    if locality is not None:
        # A province's path has one part ("O84/"), and its tally holds every unit under that path.
        if any(path.count("/") != 1 for path in locality.lineage_paths):
            return None
        tallies = tallies.filter(province__path__in=locality.lineage_paths)
    return tallies.aggregate(total=Sum("count", default=0))["total"]


def news_about_plan(plan, limit=PLAN_NEWS_SHOWN):
    """(the newest ``limit`` published articles about ``plan``, whether there are more), kept for the content version."""

    def compute():
        # One more than shown tells whether to link to the rest.
        found = list(plan.articles.published().newest_first().only("title", "slug", "published_at")[:limit + 1])
        return found[:limit], len(found) > limit

    return remember(f"plan-news:{plan.pk}", compute, scopes=plan.shown_scopes())


def articles_for_page(queryset):
    """``queryset`` with what an article's page shows, in a fixed number of queries.

    Only published plans are linked: a draft plan's title must not leak through a news article.
    """
    return queryset.select_related("category", "locality").prefetch_related(
        Prefetch("plans", queryset=Plan.objects.published().select_related("agency", "locality").order_by(
            F("issue_date").desc(nulls_last=True), "-id",
        )),
    )


def earlier_articles(article, limit=EARLIER_ARTICLES):
    """"Tin đã đưa": published articles of the same category that came out before this one."""
    before = article.published_at or timezone.now()
    return list(
        Article.objects.published()
        .filter(category_id=article.category_id, published_at__lt=before)
        .newest_first()
        .only("title", "slug", "published_at")[:limit]
    )
