"""The ordered parts of a plan: content groups, assignments, targets and attached files."""

import hashlib
import uuid
from pathlib import PurePosixPath

import reversion
from django.db import models
from django.utils import timezone

from plans.models.agency import Agency
from plans.models.plan import Plan
from plans.uploads import ALLOWED_DOCUMENT_TYPES, sniff_document, validate_document
from publishing.richtext import RichTextField
from publishing.uploads import UploadFileField, reencoded_image


def plan_part_of(related_name):
    return models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name=related_name)


class PlanPart(models.Model):
    """The parts of a plan are ordered by ``position`` within it."""

    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


@reversion.register()
class ContentGroup(PlanPart):
    plan = plan_part_of("content_groups")
    title = models.CharField("nhóm nội dung", max_length=500)
    body = RichTextField(verbose_name="nội dung chi tiết", blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = "nhóm nội dung tuyên truyền"
        verbose_name_plural = "nội dung tuyên truyền"

    def __str__(self):
        return self.title


@reversion.register()
class Assignment(PlanPart):
    plan = plan_part_of("assignments")
    agency = models.ForeignKey(Agency, verbose_name="cơ quan, đơn vị", on_delete=models.PROTECT, related_name="assignments")
    is_lead = models.BooleanField("chủ trì", default=False, help_text="Đơn vị chủ trì, theo dõi và tổng hợp báo cáo.")
    responsibilities = models.TextField("nhiệm vụ được giao")

    class Meta(PlanPart.Meta):
        verbose_name = "phân công thực hiện"
        verbose_name_plural = "tổ chức thực hiện"

    def __str__(self):
        return str(self.agency)


@reversion.register()
class Target(PlanPart):
    class Comparator(models.TextChoices):
        AT_LEAST = "gte", "từ … trở lên"
        ABOVE = "gt", "trên"
        EXACTLY = "eq", "đạt"
        AT_MOST = "lte", "không quá"

    class Unit(models.TextChoices):
        PERCENT = "percent", "%"
        COUNT = "count", "số lượng"
        OTHER = "other", "khác"

    plan = plan_part_of("targets")
    description = models.CharField("chỉ tiêu", max_length=500, help_text="Ví dụ: Tỷ lệ hồ sơ nộp trực tuyến.")
    comparator = models.CharField("mức", max_length=3, choices=Comparator.choices, default=Comparator.AT_LEAST)
    value = models.DecimalField("giá trị", max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField("đơn vị", max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    deadline = models.DateField("thời hạn", null=True, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self):
        return self.description

    @property
    def value_label(self):
        if self.value is None:
            return ""
        number = f"{self.value.normalize():f}".replace(".", ",")
        suffix = "%" if self.unit == self.Unit.PERCENT else ""
        if self.comparator == self.Comparator.AT_LEAST:
            return f"từ {number}{suffix} trở lên"
        return f"{self.get_comparator_display()} {number}{suffix}"


def attachment_upload_to(instance, filename):
    """A random name in a per-year folder: the original name is kept in the row, not on disk."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"plans/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


@reversion.register()
class Attachment(PlanPart):
    class Kind(models.TextChoices):
        SIGNED_ORIGINAL = "signed", "Văn bản gốc đã ký"
        APPENDIX = "appendix", "Phụ lục"
        OTHER = "other", "Tài liệu khác"

    plan = plan_part_of("attachments")
    title = models.CharField("tên tài liệu", max_length=300)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices, default=Kind.SIGNED_ORIGINAL)
    file = UploadFileField(
        "tệp", upload_to=attachment_upload_to, max_length=255, validators=[validate_document],
        help_text="PDF, DOCX, XLSX, PNG hoặc JPEG; tối đa 20 MB.",
    )
    original_name = models.CharField("tên tệp gốc", max_length=255, editable=False)
    content_type = models.CharField("kiểu nội dung", max_length=100, editable=False)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)

    class Meta(PlanPart.Meta):
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self._store_upload()
        super().save(*args, **kwargs)

    def _store_upload(self):
        """Record what the upload is; a picture is stored re-encoded, and size and hash describe what is stored."""
        document_type = sniff_document(self.file.file)
        self.original_name = PurePosixPath(self.file.name).name[:255]
        self.content_type = ALLOWED_DOCUMENT_TYPES[document_type].content_type if document_type else ""
        if document_type in ("png", "jpeg"):
            self.file = reencoded_image(self.file.file, name=self.original_name)
        upload = self.file.file
        # Object storage (S3) keeps the upload's content type with the object: ours, not the browser's claim.
        upload.content_type = self.content_type or None
        digest = hashlib.sha256()
        upload.seek(0)
        for chunk in iter(lambda: upload.read(1024 * 1024), b""):
            digest.update(chunk)
        upload.seek(0)
        self.size = self.file.size
        self.sha256 = digest.hexdigest()

    @property
    def is_signed_original(self):
        return self.kind == self.Kind.SIGNED_ORIGINAL

    @property
    def type_label(self):
        """PDF, DOCX... as detected from the content when the file was uploaded."""
        return next(
            (kind.label for kind in ALLOWED_DOCUMENT_TYPES.values() if kind.content_type == self.content_type), "tệp"
        )

    @property
    def download_name(self):
        return self.original_name or PurePosixPath(self.file.name).name
