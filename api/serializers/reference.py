"""The reference lists: administrative units, agencies and dissemination channels."""

from rest_framework import serializers

from api.serializers.fields import ApiLinkField, LinesField
from plans.models import Agency, Channel, Locality


class LocalityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Locality
        fields = ["slug", "code", "name"]


class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["slug", "name"]


class ChannelRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Channel
        fields = ["slug", "name"]


class LocalitySerializer(serializers.ModelSerializer):
    url = ApiLinkField("api:locality-detail")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text="Đơn vị trực thuộc (slug).")
    successor = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Đơn vị tiếp nhận địa bàn sau sáp nhập, giải thể (slug).",
    )

    class Meta:
        model = Locality
        fields = [
            "slug", "url", "code", "name", "short_name", "kind", "kind_label", "level", "path", "parent",
            "valid_from", "valid_until", "successor",
        ]


class AgencySerializer(serializers.ModelSerializer):
    url = ApiLinkField("api:agency-detail")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    locality = LocalityRefSerializer(read_only=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text="Cơ quan cấp trên (slug).")

    class Meta:
        model = Agency
        fields = ["slug", "url", "name", "kind", "kind_label", "locality", "parent"]


class ChannelSerializer(serializers.ModelSerializer):
    url = ApiLinkField("api:channel-detail")
    synonyms = LinesField(help_text="Các cách gọi khác mà kế hoạch dùng.")

    class Meta:
        model = Channel
        fields = ["slug", "url", "name", "description", "synonyms", "position"]
