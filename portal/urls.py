from django.contrib import admin
from django.urls import include, path

from portal import views

admin.site.site_header = "Quản trị cổng kế hoạch tuyên truyền CCHC"
admin.site.site_title = "Quản trị cổng kế hoạch CCHC"
admin.site.index_title = "Quản trị nội dung"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("plans.urls")),
    path("quan-tri/", admin.site.urls),
]
