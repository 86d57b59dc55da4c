from django.urls import path

from plans import views
from publishing.cache import cache_public_page

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", cache_public_page(views.plan_list), name="list"),
    path("ke-hoach/nam-<int:year>/", cache_public_page(views.plan_list), name="list-year"),
    path("ke-hoach/dia-ban/<slug:locality>/", cache_public_page(views.plan_list), name="list-locality"),
    path("ke-hoach/<slug:slug>/", cache_public_page(views.PlanDetailView.as_view()), name="detail"),
    path("ke-hoach/<slug:slug>/tai-ve/<int:pk>/", views.download_attachment, name="attachment-download"),
]
