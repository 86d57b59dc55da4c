from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from portal import views
from publishing.cache import cache_public_page

# Only names cover_upload_to gives (news/2026/<hex>.png): no ".." segment reaches a plan's
# file through serve()'s normalisation, and no name is too long for the file system (a 500).
NEWS_IMAGE = r"^media/(?P<path>news/(?:[A-Za-z0-9_-]{1,100}/){0,4}[A-Za-z0-9_-]{1,100}\.[A-Za-z0-9]{1,10})$"

admin.site.site_header = "Quản trị cổng kế hoạch tuyên truyền CCHC"
admin.site.site_title = "Quản trị cổng kế hoạch CCHC"
admin.site.index_title = "Quản trị nội dung"

urlpatterns = [
    path("", cache_public_page(views.home), name="home"),
    path("", include("plans.urls")),
    path("", include("news.urls")),
    # News images are public; plan attachments go through plans:attachment-download instead.
    re_path(NEWS_IMAGE, serve, {"document_root": settings.MEDIA_ROOT}),
    path("quan-tri/", admin.site.urls),
]
