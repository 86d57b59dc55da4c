"""Fields every resource shares: absolute links and the public record's dates and status."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from publishing.history import last_public_change
from publishing.links import absolute_url
from publishing.models import Status


@extend_schema_field(OpenApiTypes.URI)
class ApiLinkField(serializers.Field):
    """The item's address in the API (``api:<name>-detail`` by its slug), on the configured site address."""

    def __init__(self, view_name, **kwargs):
        self.view_name = view_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute_url(reverse(self.view_name, kwargs={"slug": value.slug}))


@extend_schema_field(OpenApiTypes.URI)
class PageLinkField(serializers.Field):
    """The item's public page (its ``get_absolute_url``)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute_url(value.get_absolute_url())


class LastChangeField(serializers.DateTimeField):
    """When the public record last changed: its last save, or its publication if that came later."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return super().to_representation(last_public_change(value))


class PublicRecordSerializer(serializers.Serializer):
    """What plans and articles share: publication, withdrawal and last change."""

    status = serializers.ChoiceField(
        choices=[(Status.PUBLISHED.value, Status.PUBLISHED.label), (Status.WITHDRAWN.value, Status.WITHDRAWN.label)],
        read_only=True, help_text="published: đang công khai; withdrawn: đã thu hồi (vẫn giữ trong hồ sơ công khai).",
    )
    published_at = serializers.DateTimeField(read_only=True, help_text="Thời điểm công bố.")
    updated_at = LastChangeField(help_text="Lần thay đổi gần nhất của nội dung công khai.")
    withdrawn_at = serializers.DateTimeField(read_only=True, allow_null=True)
    withdrawn_reason = serializers.CharField(read_only=True, help_text="Lý do thu hồi; rỗng nếu chưa thu hồi.")


def lines(text):
    """A text field written one item a line, as a list without blank lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class LinesField(serializers.Field):
    """A text field the officer writes one item a line (audiences, recipients...), as a list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return lines(value)
