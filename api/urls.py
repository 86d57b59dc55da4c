from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("localities", views.LocalityViewSet, basename="locality")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("channels", views.ChannelViewSet, basename="channel")

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The page's script is a second request to the same address (?script), not inline: the CSP allows it.
    path("v1/schema/swagger-ui/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="swagger-ui"),
    path("v1/", include(router.urls)),
]
