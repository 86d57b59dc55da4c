"""Articles: a list entry (what the news list shows) and the full article."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.fields import ApiLinkField, PageLinkField, PublicRecordSerializer
from api.serializers.reference import LocalityRefSerializer
from news.models import Article, Category
from publishing.links import absolute_url


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name"]


class CoverSerializer(serializers.Serializer):
    url = serializers.URLField(read_only=True)
    width = serializers.IntegerField(read_only=True, allow_null=True)
    height = serializers.IntegerField(read_only=True, allow_null=True)
    alt = serializers.CharField(read_only=True, help_text="Mô tả ảnh cho người khiếm thị.")
    caption = serializers.CharField(read_only=True)


class ArticleListSerializer(PublicRecordSerializer, serializers.ModelSerializer):
    url = ApiLinkField("api:article-detail")
    page_url = PageLinkField(help_text="Trang của tin bài trên cổng.")
    category = CategorySerializer(read_only=True)
    locality = LocalityRefSerializer(read_only=True, allow_null=True)
    cover = serializers.SerializerMethodField()
    plans = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="Kế hoạch đã công bố mà tin bài nói tới (slug).",
    )

    class Meta:
        model = Article
        fields = [
            "slug", "url", "page_url", "title", "summary", "author", "source", "category", "locality", "featured",
            "cover", "plans", "status", "published_at", "updated_at", "withdrawn_at", "withdrawn_reason",
        ]

    @extend_schema_field(CoverSerializer(allow_null=True))
    def get_cover(self, article):
        if not article.cover_image:
            return None
        return {
            "url": absolute_url(article.cover_image.url), "width": article.cover_width, "height": article.cover_height,
            "alt": article.cover_alt, "caption": article.cover_caption,
        }


class ArticleDetailSerializer(ArticleListSerializer):
    body = serializers.CharField(read_only=True, help_text="Nội dung (HTML đã làm sạch).")

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "body"]
