from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("tin-tuc/", views.article_list, name="list"),
    path("tin-tuc/<int:year>/<int:month>/", views.month_archive, name="month"),
    path("tin-tuc/xem-truoc/<int:pk>/", views.preview, name="preview"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="detail"),
]
