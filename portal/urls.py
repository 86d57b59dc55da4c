from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from portal import open_data, sitemaps, two_factor, views
from portal.statistics import views as statistics
from publishing.cache import cache_public_page

# Only names cover_upload_to gives (news/2026/<hex>.png): no ".." segment reaches a plan's
# file through serve()'s normalisation, and no name is too long for the file system (a 500).
NEWS_IMAGE = r"^media/(?P<path>news/(?:[A-Za-z0-9_-]{1,100}/){0,4}[A-Za-z0-9_-]{1,100}\.[A-Za-z0-9]{1,10})$"

admin.site.site_header = "Quản trị cổng kế hoạch tuyên truyền CCHC"
admin.site.site_title = "Quản trị cổng kế hoạch CCHC"
admin.site.index_title = "Quản trị nội dung"
admin.site.login_form = two_factor.LoginForm

urlpatterns = [
    path("", cache_public_page(views.home), name="home"),
    # For load balancers: never cached, and no session (portal/views.py).
    path("healthz", views.healthz, name="healthz"),
    # For crawlers and machines (portal/open_data.py, portal/sitemaps.py).
    path("robots.txt", open_data.robots_txt, name="robots"),
    path("favicon.ico", open_data.favicon, name="favicon"),
    path("sitemap.xml", cache_public_page(sitemaps.index), name="sitemap"),
    path("sitemap-<slug:section>-<int:page>.xml", cache_public_page(sitemaps.section), name="sitemap-section"),
    path("du-lieu-mo/", cache_public_page(open_data.open_data), name="open-data"),
    path("du-lieu-mo/<slug:name>.schema.json", open_data.schema, name="open-data-schema"),
    path("thong-ke/", cache_public_page(statistics.statistics), name="statistics"),
    path("thong-ke/bao-phu/", cache_public_page(statistics.coverage), name="coverage"),
    path("", include("plans.urls")),
    path("", include("news.urls")),
    # The read-only API and its OpenAPI description (api/, docs/api.md).
    path("api/", include("api.urls")),
    # News images are public; plan attachments go through plans:attachment-download instead.
    re_path(NEWS_IMAGE, serve, {"document_root": settings.MEDIA_ROOT}),
    path("quan-tri/xac-thuc-hai-buoc/", two_factor.setup, name="two-factor-setup"),
    path("quan-tri/xac-thuc-hai-buoc/ma-du-phong/", two_factor.recovery_codes, name="two-factor-recovery-codes"),
    path("quan-tri/", admin.site.urls),
]

# A database that cannot be reached answers a Vietnamese 503 with Retry-After; other errors the 500 page.
handler500 = views.server_error
