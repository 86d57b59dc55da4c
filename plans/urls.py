from django.urls import path

from plans import views
from plans.feeds import PlanFeed
from plans.models import UNKNOWN_YEAR
from plans.views import opendata
from publishing.cache import cache_public_page

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", cache_public_page(views.plan_list), name="list"),
    path("ke-hoach/nam-<int:year>/", cache_public_page(views.plan_list), name="list-year"),
    # Plans whose text states no year; before the plan's own address, which it would otherwise match.
    path("ke-hoach/chua-ro-nam/", cache_public_page(views.plan_list), {"year": UNKNOWN_YEAR}, name="list-unknown-year"),
    path("ke-hoach/dia-ban/<slug:locality>/", cache_public_page(views.plan_list), name="list-locality"),
    # Before the plan's own address, so that it wins over a slug; never through the page cache.
    path("ke-hoach/xem-truoc/<int:pk>/", views.PlanPreviewView.as_view(), name="preview"),
    # Open data (plans/feeds.py, plans/views/opendata.py): before the plan's own addresses, which
    # "feed" and "du-lieu" would otherwise match as slugs.
    path("ke-hoach/feed/", cache_public_page(PlanFeed()), name="feed"),
    path("ke-hoach/du-lieu.csv", opendata.plans_csv, name="data-csv"),
    path("ke-hoach/du-lieu.json", opendata.plans_json, name="data-json"),
    path("ke-hoach/<slug:slug>.json", cache_public_page(opendata.plan_record), name="record"),
    path("ke-hoach/<slug:slug>/", cache_public_page(views.PlanDetailView.as_view()), name="detail"),
    path("ke-hoach/<slug:slug>/tai-ve/<int:pk>/", views.download_attachment, name="attachment-download"),
]
