from api.serializers.news import ArticleDetailSerializer, ArticleListSerializer
from api.serializers.plans import PlanDetailSerializer, PlanListSerializer
from api.serializers.reference import AgencySerializer, ChannelSerializer, LocalitySerializer

__all__ = [
    "AgencySerializer", "ArticleDetailSerializer", "ArticleListSerializer", "ChannelSerializer",
    "LocalitySerializer", "PlanDetailSerializer", "PlanListSerializer",
]
