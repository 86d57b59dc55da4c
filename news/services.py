"""Writes about articles beyond a plain save."""

import re

from django.db.models import F

from news.models import Article

# Crawlers, link-preview fetchers and scripts announce themselves in the User-Agent.
NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|headless|lighthouse|curl|wget|"
    r"python|java/|go-http|httpclient|okhttp|monitor|uptime",
    re.IGNORECASE,
)


def is_counted_reader(request, article):
    """A person reading, not a bot and not the article's own author."""
    agent = request.headers.get("User-Agent", "")
    if not agent or NOT_A_READER.search(agent):
        return False
    return not (request.user.is_authenticated and request.user.pk == article.created_by_id)


def record_view(article, request):
    """Add one view in a single UPDATE (no lost counts under concurrent readers) and return the count to show."""
    if is_counted_reader(request, article):
        Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
        article.view_count += 1
    return article.view_count
