"""The ordered parts of a plan: content groups, assignments, targets, results and attached files."""

import hashlib
import uuid
from decimal import Decimal
from pathlib import PurePosixPath

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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
    """A unit the plan gives work to: named as the text writes it, optionally linked to a registered agency."""

    plan = plan_part_of("assignments")
    unit_name = models.CharField(
        "đơn vị được giao", max_length=255, blank=True, default="", db_default="",
        help_text="Ghi như trên văn bản, ví dụ: Đài Phát thanh và Truyền hình tỉnh; UBND các xã, phường, thị trấn.",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan trên cổng", on_delete=models.PROTECT, related_name="assignments",
        null=True, blank=True, help_text="Không bắt buộc: chọn nếu đơn vị đã có trên cổng.",
    )
    is_lead = models.BooleanField("chủ trì", default=False, help_text="Đơn vị chủ trì, theo dõi và tổng hợp báo cáo.")
    responsibilities = models.TextField("nhiệm vụ được giao")

    class Meta(PlanPart.Meta):
        verbose_name = "phân công thực hiện"
        verbose_name_plural = "tổ chức thực hiện"
        constraints = [
            models.CheckConstraint(
                condition=~Q(unit_name="") | Q(agency__isnull=False), name="assignment_names_a_unit",
                violation_error_message="Ghi tên đơn vị được giao hoặc chọn một cơ quan trên cổng.",
            ),
        ]

    def __str__(self):
        return self.unit_label

    @property
    def unit_label(self):
        """The unit as the text names it, or else the linked agency's name."""
        return self.unit_name or (self.agency.name if self.agency_id else "")

    def clean(self):
        self.unit_name = " ".join(self.unit_name.split())
        if not self.unit_name and self.agency_id is None:
            raise ValidationError({
                "unit_name": "Ghi tên đơn vị được giao như trên văn bản, hoặc chọn một cơ quan trên cổng.",
            })


def plain_number(value):
    """A decimal without trailing zeros, as people write it: ``11``, not ``11.00``; ``12.5``."""
    return f"{Decimal(value).normalize():f}"


@reversion.register()
class Target(PlanPart):
    """What the plan sets out to reach: a level (``trên 30%``, ``đạt 11 bài viết``) or, without a value, a
    qualitative aim ("nâng cao Chỉ số PAR Index, SIPAS")."""

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
    description = models.CharField(
        "chỉ tiêu", max_length=500,
        help_text="Ví dụ: Tỷ lệ hồ sơ nộp trực tuyến. Chỉ tiêu không có số (nâng cao Chỉ số PAR Index…): để trống giá trị.",
    )
    comparator = models.CharField(
        "mức", max_length=3, choices=Comparator.choices, default=Comparator.AT_LEAST, blank=True,
    )
    value = models.DecimalField("giá trị", max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField("đơn vị", max_length=10, choices=Unit.choices, default=Unit.PERCENT, blank=True)
    unit_label = models.CharField(
        "đơn vị tính", max_length=100, blank=True,
        help_text="Khi đơn vị là số lượng hoặc khác, ví dụ: bài viết, lượt xe loa, cụm pa nô.",
    )
    deadline = models.DateField("thời hạn", null=True, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self):
        return self.description

    def clean(self):
        self.unit_label = " ".join(self.unit_label.split())
        if self.value is None:
            # A qualitative target has nothing to compare: no level, no unit.
            self.comparator = self.unit = self.unit_label = ""
            return
        errors = {}
        if not self.comparator:
            errors["comparator"] = "Chọn mức cần đạt cho giá trị này (từ … trở lên, trên, đạt, không quá)."
        if not self.unit:
            errors["unit"] = "Chọn đơn vị của giá trị này: %, số lượng hoặc khác."
        if errors:
            raise ValidationError(errors)

    @property
    def value_label(self):
        """The level as the public page reads it: ``trên 30%``, ``đạt 11 bài viết``; "" without a value."""
        if self.value is None:
            return ""
        number = plain_number(self.value).replace(".", ",")
        if self.unit == self.Unit.PERCENT:
            amount = f"{number}%"
        else:
            amount = f"{number} {self.unit_label}".strip()
        if self.comparator == self.Comparator.AT_LEAST:
            return f"từ {amount} trở lên"
        if not self.comparator:
            return amount
        return f"{self.get_comparator_display()} {amount}"


@reversion.register()
class Result(PlanPart):
    """What was done under the plan, as a report or news text states it: not a target, an answer to one."""

    plan = plan_part_of("results")
    reported_on = models.DateField(
        "ngày", null=True, blank=True, help_text="Ngày thực hiện hoặc ngày báo cáo; để trống nếu văn bản không ghi.",
    )
    description = models.TextField("việc đã làm", help_text="Ví dụ: Lắp đặt pa nô tuyên truyền tại các tuyến đường chính.")
    quantity = models.PositiveIntegerField("số lượng", null=True, blank=True, help_text="Để trống nếu văn bản không ghi số.")
    unit_label = models.CharField("đơn vị tính", max_length=100, blank=True, help_text="Ví dụ: bài viết, lượt xe loa, cụm pa nô.")
    target = models.ForeignKey(
        Target, verbose_name="đáp ứng chỉ tiêu", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="results", help_text="Không bắt buộc: chỉ tiêu (đã lưu) của kế hoạch mà kết quả này đáp ứng.",
    )

    class Meta(PlanPart.Meta):
        verbose_name = "kết quả thực hiện"
        verbose_name_plural = "kết quả thực hiện"

    def __str__(self):
        return self.description[:80]

    def clean(self):
        self.unit_label = " ".join(self.unit_label.split())
        if self.target_id is not None and self.plan_id is not None and self.target.plan_id != self.plan_id:
            raise ValidationError({"target": "Chỉ tiêu này thuộc một kế hoạch khác."})
        if self.unit_label and self.quantity is None:
            raise ValidationError({"quantity": f"Nhập số lượng cho đơn vị tính “{self.unit_label}”, hoặc để trống cả hai."})

    @property
    def amount_label(self):
        """``30 bài viết``; "" when the text gives no number."""
        if self.quantity is None:
            return ""
        # Vietnamese groups thousands with a dot: 1.200 lượt.
        return f"{self.quantity:,} {self.unit_label}".replace(",", ".").strip()


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
