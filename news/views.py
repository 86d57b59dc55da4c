"""Public news pages: the list, the month archive, an article, and the editors' preview of one."""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import MonthArchiveView

from news.filters import ArticleFilter
from news.models import Article
from news.selectors import articles_for_page, earlier_articles, months_with_articles
from publishing.access import scoped
from publishing.cache import cache_if_canonical, shown
from publishing.jsonld import iso_local, script_json
from publishing.links import absolute_url
from publishing.pagination import ArchivePaginator
from publishing.remember import remember

PAGE_SIZE = 12
FEATURED_COUNT = 3
ARCHIVE_YEARS = range(2000, 2101)


@require_safe
def article_list(request):
    """Published news, newest first, filtered by category and locality; featured ones head the first page."""
    filterset = ArticleFilter(request.GET, queryset=Article.objects.published())
    articles = filterset.qs.select_related("category").defer("body").newest_first()
    # The numbered pages list what the featured block does not, so no article shows twice.
    featured = list(articles.filter(featured=True)[:FEATURED_COUNT])
    rest = articles.exclude(pk__in=[article.pk for article in featured])

    def count_rest():  # the month tallies' total, when they can tell, holds the featured block
        total = filterset.tallied_count()
        # Never below zero, even over tallies not yet rebuilt after a bulk load (recount_article_months).
        return rest.order_by().count() if total is None else max(0, total - len(featured))

    count = remember(f"news:count:{urlencode(sorted(filterset.params().items()))}", count_rest, scopes=shown("news"))
    page = ArchivePaginator(rest, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "chosen": filterset.cleaned,
        "featured": featured if page.number == 1 else [],
        "articles": list(page.object_list),
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "total": page.paginator.count + len(featured),
        "months": months_with_articles(),
        # The same filter as an Atom feed (news/feeds.py).
        "feed_url": reverse("news:feed") + (f"?{urlencode(filterset.params())}" if filterset.params() else ""),
    }
    response = render(request, "news/article_list.html", context, status=400 if filterset.errors else 200)
    if filterset.errors:
        return response
    return cache_if_canonical(request, response, filterset.params(), page=page, scopes=shown("news"))


class ArticleMonthArchiveView(MonthArchiveView):
    """"Xem theo tháng": the articles published in one month of Vietnam's time (Django's current time zone)."""

    date_field = "published_at"
    month_format = "%m"
    allow_empty = True
    allow_future = False
    paginate_by = PAGE_SIZE
    paginator_class = ArchivePaginator
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().select_related("category").defer("body").newest_first()

    def get_year(self):
        year = super().get_year()
        if int(year) not in ARCHIVE_YEARS:
            raise Http404("Không có tin của năm này.")
        return year

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return None  # the page links months (below), not the days of this one: saves a query

    def paginate_queryset(self, queryset, page_size):
        """Every page parameter gets a page (the first or the last), never a 404."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        months = context["months"] = months_with_articles()
        # Neighbours with articles, rather than Django's calendar neighbours, which may be empty.
        context["previous_month"] = next((item for item in months if item.month < context["month"]), None)
        context["next_month"] = next((item for item in reversed(months) if item.month > context["month"]), None)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        month = context["month"]
        path = reverse("news:month", kwargs={"year": month.year, "month": month.month})
        return cache_if_canonical(self.request, response, path=path, page=context["page_obj"], scopes=shown("news"))


month_archive = ArticleMonthArchiveView.as_view()


@require_safe
def article_detail(request, slug):
    """An article's public page, cached like the others: its views are counted from the answer, cached
    or not, by ``news.middleware.ArticleViewMiddleware``, which reads the mark left here."""
    # A withdrawn article's address still answers, with the notice and the reason.
    article = get_object_or_404(articles_for_page(Article.objects.public()), slug=slug)
    response = render_article(request, article)
    response.article_viewed = (article.pk, article.created_by_id)
    return cache_if_canonical(request, response, scopes=article.shown_scopes())


@never_cache
@staff_member_required
def preview(request, pk):
    """Editors see an article of their scope, draft or scheduled, as readers will see it; their visit counts no view.

    Scoped as in the admin: another unit's article is a 404, whatever its id.
    """
    if not request.user.has_perm("news.change_article"):
        raise PermissionDenied
    article = get_object_or_404(articles_for_page(scoped(Article.objects.all(), request.user)), pk=pk)
    return render_article(request, article, preview=True)


def render_article(request, article, *, preview=False):
    article_url = absolute_url(article.get_absolute_url())
    linked_plans = list(article.plans.all())
    context = {
        "article": article,
        "article_url": article_url,
        "cover_url": absolute_url(article.cover_image.url) if article.cover_image else "",
        "published_iso": iso_local(article.published_at) if article.published_at else "",
        "linked_plans": linked_plans,
        "earlier_articles": earlier_articles(article),
        "share_links": share_links(article_url),
        "jsonld": script_json(news_article_of(article, linked_plans)),
        "preview": preview,
    }
    return render(request, "news/article_detail.html", context)


def share_links(url):
    """Plain links to the networks Vietnamese readers use; no script of theirs is loaded."""
    return {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}",
        "zalo": f"https://zalo.me/share?{urlencode({'url': url})}",
    }


def news_article_of(article, plans):
    """schema.org ``NewsArticle`` for search engines."""
    url = absolute_url(article.get_absolute_url())
    publisher = {"@type": "GovernmentOrganization", "name": settings.SITE_OWNER}
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "inLanguage": "vi",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "articleSection": article.category.name,
        "author": {"@type": "Person", "name": article.author} if article.author else publisher,
        "publisher": publisher,
    }
    if article.published_at:
        data["datePublished"] = iso_local(article.published_at)
        # An article written first and scheduled later was last changed when it came out.
        data["dateModified"] = iso_local(max(article.published_at, article.updated_at))
    if article.cover_image:
        data["image"] = [absolute_url(article.cover_image.url)]
    if plans:
        data["about"] = [
            {"@type": "Legislation", "name": plan.title, "url": absolute_url(plan.get_absolute_url())} for plan in plans
        ]
    return data
