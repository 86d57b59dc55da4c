"""/tin-tuc/feed/: the newest published articles as Atom, for any filter of the news list."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from news.filters import ArticleFilter
from news.models import Article
from publishing.feeds import FEED_ITEMS, FilteredFeed, with_params
from publishing.links import absolute_url
from publishing.opendata import parameter_errors


class ArticleFeed(FilteredFeed):
    """Articles the news list's parameters match, newest first: summary, cover and author with each."""

    def filter_request(self, request):
        filterset = ArticleFilter(request.GET, queryset=Article.objects.published())
        messages = parameter_errors(filterset)
        if messages:
            return None, {}, messages
        params = filterset.params()
        return (filterset.qs, filterset.cleaned, params), params, []

    def title(self, state):
        chosen = state[1]
        parts = [
            value for value in (
                chosen.get("category") and chosen["category"].name,
                chosen.get("locality") and chosen["locality"].name,
                chosen.get("plan") and chosen["plan"].title,
            ) if value
        ]
        return " – ".join(["Tin tức cải cách hành chính", *parts])

    def subtitle(self, state):
        return f"{FEED_ITEMS} tin mới nhất trên {settings.SITE_NAME}."

    def link(self, state):
        return with_params(reverse("news:list"), state[2])

    def feed_url(self, state):
        return with_params(reverse("news:feed"), state[2])

    def items(self, state):
        return state[0].select_related("category").defer("body").newest_first()[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        cover = ""
        if article.cover_image:
            cover = f'<p><img src="{escape(self.item_image_url(article))}" alt="{escape(article.cover_alt)}"></p>'
        return f"{cover}<p>{escape(article.summary)}</p>"

    def item_author_name(self, article):
        return article.author or article.source or settings.SITE_OWNER or settings.SITE_NAME

    def item_categories(self, article):
        return [article.category.name]

    def item_image_url(self, article):
        return absolute_url(article.cover_image.url) if article.cover_image else None
