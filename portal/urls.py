from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from portal import views
from portal.cache import cache_public_page

admin.site.site_header = "Quản trị cổng kế hoạch tuyên truyền CCHC"
admin.site.site_title = "Quản trị cổng kế hoạch CCHC"
admin.site.index_title = "Quản trị nội dung"

urlpatterns = [
    path("", cache_public_page(views.home), name="home"),
    path("", include("plans.urls")),
    path("", include("news.urls")),
    # News images are public; plan attachments go through plans:attachment-download instead.
    re_path(r"^media/(?P<path>news/.+)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("quan-tri/", admin.site.urls),
]
