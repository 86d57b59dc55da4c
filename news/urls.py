from django.urls import path

from news import views
from publishing.cache import cache_public_page

app_name = "news"

urlpatterns = [
    path("tin-tuc/", cache_public_page(views.article_list), name="list"),
    path("tin-tuc/<int:year>/<int:month>/", cache_public_page(views.month_archive), name="month"),
    path("tin-tuc/xem-truoc/<int:pk>/", views.preview, name="preview"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="detail"),
]
