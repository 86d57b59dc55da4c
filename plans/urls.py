from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="list"),
    path("ke-hoach/nam-<int:year>/", views.plan_list, name="list-year"),
    path("ke-hoach/dia-ban/<slug:locality>/", views.plan_list, name="list-locality"),
    path("ke-hoach/<slug:slug>/", views.PlanDetailView.as_view(), name="detail"),
    path("ke-hoach/<slug:slug>/tai-ve/<int:pk>/", views.download_attachment, name="attachment-download"),
]
