"""The news sitemap section: each published article."""

from news.models import Article
from publishing.sitemaps import PagedSection

articles = PagedSection(lambda: Article.objects.published(), "news:detail")
