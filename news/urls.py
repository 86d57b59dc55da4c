from django.urls import path

from news import views
from news.feeds import ArticleFeed
from publishing.cache import cache_public_page

app_name = "news"

urlpatterns = [
    path("tin-tuc/", cache_public_page(views.article_list), name="list"),
    path("tin-tuc/<int:year>/<int:month>/", cache_public_page(views.month_archive), name="month"),
    # Before the article's own address, which "feed" would otherwise match as a slug.
    path("tin-tuc/feed/", cache_public_page(ArticleFeed()), name="feed"),
    path("tin-tuc/xem-truoc/<int:pk>/", views.preview, name="preview"),
    path("tin-tuc/<slug:slug>/", cache_public_page(views.article_detail), name="detail"),
]
