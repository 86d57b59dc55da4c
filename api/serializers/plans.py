"""Plans: a list entry (what an archive card shows) and the full record with all its parts."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.fields import ApiLinkField, LinesField, PageLinkField, PublicRecordSerializer
from api.serializers.reference import AgencyRefSerializer, ChannelRefSerializer, LocalityRefSerializer
from plans.models import Assignment, Attachment, ContentGroup, Plan, Result, Target
from publishing.links import absolute_url


class PlanListSerializer(PublicRecordSerializer, serializers.ModelSerializer):
    url = ApiLinkField("api:plan-detail")
    page_url = PageLinkField(help_text="Trang của kế hoạch trên cổng.")
    topic_label = serializers.CharField(source="get_topic_display", read_only=True)
    period_label = serializers.CharField(read_only=True, help_text="2024, 2024–2025 hoặc “Chưa rõ năm”.")
    agency = AgencyRefSerializer(read_only=True, help_text="Cơ quan ban hành.")
    locality = LocalityRefSerializer(read_only=True, help_text="Địa bàn, theo tên gọi tại thời điểm ban hành.")
    channels = ChannelRefSerializer(many=True, read_only=True)
    other_channels = LinesField(help_text="Hình thức tuyên truyền ngoài danh mục, ghi như trên văn bản.")

    class Meta:
        model = Plan
        fields = [
            "slug", "url", "page_url", "number", "title", "issue_date", "period_start", "period_end", "period_label",
            "topic", "topic_label", "agency", "locality", "channels", "other_channels",
            "status", "published_at", "updated_at", "withdrawn_at", "withdrawn_reason",
        ]


class ContentGroupSerializer(serializers.ModelSerializer):
    body = serializers.CharField(read_only=True, help_text="HTML đã làm sạch.")

    class Meta:
        model = ContentGroup
        fields = ["position", "title", "body"]


class AssignmentSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit_label", read_only=True, help_text="Đơn vị như văn bản ghi.")
    agency = AgencyRefSerializer(read_only=True, allow_null=True, help_text="Cơ quan trên cổng, nếu đã liên kết.")

    class Meta:
        model = Assignment
        fields = ["position", "unit", "agency", "is_lead", "responsibilities"]


class TargetSerializer(serializers.ModelSerializer):
    value_label = serializers.CharField(read_only=True, help_text="Mức cần đạt như trang công khai đọc: “trên 30%”.")

    class Meta:
        model = Target
        fields = ["position", "description", "comparator", "value", "unit", "unit_label", "value_label", "deadline"]


class ResultSerializer(serializers.ModelSerializer):
    amount_label = serializers.CharField(read_only=True, help_text="“30 bài viết”; rỗng nếu văn bản không ghi số.")
    target = serializers.SerializerMethodField(help_text="Chỉ tiêu của kế hoạch mà kết quả này đáp ứng (mô tả).")

    class Meta:
        model = Result
        fields = ["position", "reported_on", "description", "quantity", "unit_label", "amount_label", "target"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_target(self, result):
        return result.target.description if result.target_id else None


class AttachmentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    type_label = serializers.CharField(read_only=True, help_text="PDF, DOCX... theo nội dung tệp.")
    download_url = serializers.SerializerMethodField(help_text="Tải tệp qua đường tải công khai của cổng.")

    class Meta:
        model = Attachment
        fields = [
            "position", "title", "kind", "kind_label", "type_label", "content_type", "size", "sha256", "download_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, attachment):
        # attachment.plan would read the plan again: the parent serializer's plan is the same one.
        slug = self.context["plan_slug"]
        return absolute_url(reverse("plans:attachment-download", kwargs={"slug": slug, "pk": attachment.pk}))


class LinkedPlanSerializer(serializers.ModelSerializer):
    url = ApiLinkField("api:plan-detail")
    agency = AgencyRefSerializer(read_only=True)

    class Meta:
        model = Plan
        fields = ["slug", "url", "number", "title", "issue_date", "agency"]


class PlanDetailSerializer(PlanListSerializer):
    purposes = serializers.CharField(read_only=True, help_text="Mục đích (HTML đã làm sạch).")
    requirements = serializers.CharField(read_only=True, help_text="Yêu cầu (HTML đã làm sạch).")
    audiences = LinesField(help_text="Đối tượng tuyên truyền.")
    legal_basis_notes = LinesField(help_text="Căn cứ không có trên cổng, mỗi mục một văn bản.")
    recipients = LinesField(help_text="Nơi nhận.")
    legal_basis_plans = LinkedPlanSerializer(
        many=True, read_only=True, help_text="Căn cứ là kế hoạch đã công bố trên cổng.",
    )
    implementing_plans = LinkedPlanSerializer(
        many=True, read_only=True, help_text="Kế hoạch đã công bố thực hiện kế hoạch này.",
    )
    content_groups = ContentGroupSerializer(many=True, read_only=True)
    assignments = AssignmentSerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)
    results = ResultSerializer(many=True, read_only=True)
    attachments = serializers.SerializerMethodField()

    class Meta(PlanListSerializer.Meta):
        fields = [
            *PlanListSerializer.Meta.fields,
            "purposes", "requirements", "audiences", "legal_basis_plans", "implementing_plans", "legal_basis_notes",
            "reporting_schedule",
            "advising_unit", "recipients", "signer_name", "signer_position",
            "content_groups", "assignments", "targets", "results", "attachments",
        ]

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, plan):
        context = {**self.context, "plan_slug": plan.slug}
        return AttachmentSerializer(plan.attachments.all(), many=True, context=context).data
