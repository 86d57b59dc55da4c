"""The plan as issued and signed: its facts, period, topic, channels and bases."""

import re

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from plans.models.agency import Agency
from plans.models.channel import Channel
from plans.models.locality import Locality
from plans.search import search
from publishing.models import Publishable, PublishableQuerySet
from publishing.richtext import RichTextField
from publishing.text import slugify_vi, unique_slug

# The archive starts with the 2017 plans; allow a little room either side.
MIN_PLAN_YEAR = 2000
MAX_PLAN_YEAR = 2100
# Bounds the SQL a single search can produce.
MAX_SEARCH_WORDS = 12


class PlanQuerySet(PublishableQuerySet):
    def in_locality(self, locality):
        """Plans of ``locality``, of every unit inside it, and of units merged into it."""
        return self.filter(locality.covering())

    def for_year(self, year):
        """Plans whose period covers ``year`` (a 2019–2020 plan counts for both)."""
        return self.filter(period_start__lte=year, period_end__gte=year)

    def with_channel(self, channel):
        return self.filter(channels=channel.pk)

    def issued_by(self, agency):
        return self.filter(agency=agency)

    def on_topic(self, topic):
        return self.filter(topic=topic)

    def search(self, query):
        """Plans containing every word of ``query``, ignoring accents and case (see ``plans.search``).

        ``cai cach``, ``CẢI CÁCH`` and ``cải cách`` are the same search: both the
        query and ``search_text`` are folded the same way.
        """
        return search(self, query, MAX_SEARCH_WORDS)

    def years(self):
        """The plan years present, newest first (a 2019–2020 plan gives both)."""
        years = set()
        for start, end in self.order_by().values_list("period_start", "period_end").distinct():
            years.update(range(start, end + 1))
        return sorted(years, reverse=True)

    def with_listing_relations(self):
        return self.select_related("agency", "locality", "locality__parent").prefetch_related("channels")


def normalise_number(number: str) -> str:
    """Key for comparing document numbers: trimmed, upper-case, no inner spaces.

    ``11/kh-ubnd`` and ``11 / KH-UBND`` are the same document number.
    """
    return re.sub(r"\s+", "", number or "").upper()


@reversion.register(follow=["content_groups", "assignments", "targets", "attachments"])
class Plan(Publishable):
    """A communication plan for administrative reform, as issued and signed."""

    class Topic(models.TextChoices):
        REFORM = "cchc", "Thông tin, tuyên truyền cải cách hành chính"
        PROCEDURE_CONTROL = "kiem-soat-tthc", "Truyền thông về kiểm soát thủ tục hành chính"
        OTHER = "khac", "Khác"

    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="plans",
    )
    locality = models.ForeignKey(
        Locality, verbose_name="địa bàn", on_delete=models.PROTECT, related_name="plans", blank=True,
        help_text="Địa bàn áp dụng, theo tên gọi tại thời điểm ban hành. Để trống: địa bàn của cơ quan ban hành.",
    )
    number = models.CharField(
        "số ký hiệu", max_length=50, blank=True,
        help_text="Như in trên văn bản, ví dụ: 11/KH-UBND. Để trống nếu văn bản chưa được cấp số.",
    )
    number_key = models.CharField("số ký hiệu chuẩn hóa", max_length=50, blank=True, editable=False, db_index=True)
    issue_date = models.DateField("ngày ban hành", null=True, blank=True, help_text="Định dạng ngày/tháng/năm, ví dụ 19/02/2024.")
    issue_year = models.PositiveSmallIntegerField("năm ban hành", null=True, blank=True, editable=False)
    period_start = models.PositiveSmallIntegerField(
        "năm kế hoạch (từ)", validators=[MinValueValidator(MIN_PLAN_YEAR), MaxValueValidator(MAX_PLAN_YEAR)],
    )
    period_end = models.PositiveSmallIntegerField(
        "năm kế hoạch (đến)", validators=[MinValueValidator(MIN_PLAN_YEAR), MaxValueValidator(MAX_PLAN_YEAR)],
        blank=True, help_text="Để trống nếu kế hoạch chỉ cho một năm.",
    )
    title = models.CharField("trích yếu", max_length=1000)
    topic = models.CharField("chủ đề", max_length=20, choices=Topic.choices, default=Topic.REFORM)
    purposes = RichTextField(verbose_name="mục đích", blank=True)
    requirements = RichTextField(verbose_name="yêu cầu", blank=True)
    audiences = models.TextField("đối tượng tuyên truyền", blank=True, help_text="Mỗi dòng một nhóm đối tượng.")
    legal_basis_plans = models.ManyToManyField(
        "self", verbose_name="căn cứ (kế hoạch trên cổng)", symmetrical=False, blank=True,
        related_name="implementing_plans",
    )
    legal_basis_notes = models.TextField(
        "căn cứ khác", blank=True, help_text="Các văn bản căn cứ không có trên cổng, mỗi dòng một văn bản.",
    )
    reporting_schedule = models.TextField("chế độ báo cáo", blank=True, help_text="Ví dụ: báo cáo quý, 6 tháng, 9 tháng và năm.")
    signer_name = models.CharField("người ký", max_length=200, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=200, blank=True)
    channels = models.ManyToManyField(Channel, verbose_name="hình thức tuyên truyền", blank=True, related_name="plans")
    slug = models.SlugField("slug", max_length=255, unique=True, editable=False)
    search_text = models.TextField(
        "nội dung tìm kiếm", blank=True, editable=False,
        help_text="Chữ thường, bỏ dấu: số ký hiệu, trích yếu, cơ quan, địa bàn, nội dung, hình thức.",
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-issue_date", "-id"]
        permissions = [("publish_plan", "Được duyệt, công bố, hẹn giờ, thu hồi kế hoạch")]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="plan_period_ordered"),
            # Numbering restarts every year for each issuing body.
            models.UniqueConstraint(
                fields=["agency", "number_key", "issue_year"], condition=~Q(number_key=""),
                name="plan_unique_number_per_agency_year",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="plan_status_published_idx"),
            models.Index(fields=["period_start", "period_end"], name="plan_period_idx"),
            models.Index(fields=["issue_date"], name="plan_issue_date_idx"),
        ]

    def __str__(self):
        return f"{self.number} – {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse("plans:detail", kwargs={"slug": self.slug})

    @property
    def period_label(self):
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"

    def _derive_fields(self):
        self.number = (self.number or "").strip()
        self.number_key = normalise_number(self.number)
        self.issue_year = self.issue_date.year if self.issue_date else None
        if self.period_start and not self.period_end:
            self.period_end = self.period_start

    def clean(self):
        self._derive_fields()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "Năm kết thúc không được trước năm bắt đầu."
        if self.agency_id and self.locality_id is None:
            self.locality = self.agency.locality
        if self.agency_id and self.locality_id and not self.locality.path.startswith(self.agency.locality.path):
            errors["locality"] = f"Địa bàn phải là {self.agency.locality.name} hoặc một đơn vị trực thuộc."
        duplicate = self.find_duplicate()
        if duplicate is not None:
            errors["number"] = (
                f"Số ký hiệu {self.number} của {self.agency} năm {self.issue_year} đã được dùng cho "
                f"kế hoạch “{duplicate.title}” (mã {duplicate.pk}). Kiểm tra lại số ký hiệu hoặc ngày ban hành."
            )
        if errors:
            raise ValidationError(errors)

    def find_duplicate(self):
        """The other plan with the same issuer, number and issue year, if any."""
        if not (self.agency_id and self.number_key and self.issue_year):
            return None
        return (
            Plan.objects.filter(agency_id=self.agency_id, number_key=self.number_key, issue_year=self.issue_year)
            .exclude(pk=self.pk)
            .first()
        )

    def save(self, *args, **kwargs):
        self._derive_fields()
        if self.locality_id is None and self.agency_id:
            self.locality_id = self.agency.locality_id
        if not self.slug:
            # "11/KH-UBND" reads as "11-kh-ubnd", not "11kh-ubnd".
            number = self.number.replace("/", " ")
            base = slugify_vi(f"{self.period_start} {number} {self.agency.slug}")[:230]
            self.slug = unique_slug(Plan, base or "ke-hoach")
        super().save(*args, **kwargs)
