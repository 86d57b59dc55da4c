"""Reads for the news pages beyond a queryset method."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Prefetch
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from plans.models import Plan
from publishing.cache import remember

EARLIER_ARTICLES = 5
# The newest articles about a plan listed on its page; the rest are a link away (/tin-tuc/?plan=…).
PLAN_NEWS_SHOWN = 10


@dataclass(frozen=True)
class MonthItem:
    month: date
    count: int

    @property
    def url(self):
        return reverse("news:month", kwargs={"year": self.month.year, "month": self.month.month})


def months_with_articles():
    """Each month (in the portal's time zone) with its number of published articles, newest first.

    One grouped query over every article, kept for the content version.
    """

    def compute():
        rows = (
            Article.objects.published().order_by()
            .annotate(month=TruncMonth("published_at"))
            .values("month").annotate(count=Count("pk")).order_by("-month")
        )
        return [MonthItem(timezone.localtime(row["month"]).date(), row["count"]) for row in rows]

    return remember("news-months", compute)


def news_about_plan(plan, limit=PLAN_NEWS_SHOWN):
    """(the newest ``limit`` published articles about ``plan``, whether there are more), kept for the content version."""

    def compute():
        # One more than shown tells whether to link to the rest.
        found = list(plan.articles.published().newest_first().only("title", "slug", "published_at")[:limit + 1])
        return found[:limit], len(found) > limit

    return remember(f"plan-news:{plan.pk}", compute)


def articles_for_page(queryset):
    """``queryset`` with what an article's page shows, in a fixed number of queries.

    Only published plans are linked: a draft plan's title must not leak through a news article.
    """
    return queryset.select_related("category", "locality").prefetch_related(
        Prefetch("plans", queryset=Plan.objects.published().select_related("agency").order_by(
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
