from django.shortcuts import render

from news.models import Article
from plans.filters import PlanFilter
from plans.models import Plan
from plans.selectors import plan_years
from publishing.cache import cache_if_canonical

FEATURED_ARTICLES = 2
NEWEST_ARTICLES = 4


def home(request):
    articles = Article.objects.published().select_related("category").defer("body").newest_first()
    featured = list(articles.filter(featured=True)[:FEATURED_ARTICLES])
    context = {
        "featured_articles": featured,
        "newest_articles": articles.exclude(pk__in=[article.pk for article in featured])[:NEWEST_ARTICLES],
        "newest_plans": Plan.objects.published().with_listing_relations().order_by("-published_at", "-id")[:8],
        "years": plan_years(),
        "search_form": PlanFilter().form,
    }
    return cache_if_canonical(request, render(request, "portal/home.html", context))
