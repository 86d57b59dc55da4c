"""The plan as issued and signed: its facts, period, topic, channels and bases."""

import re

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse

from plans.models.agency import Agency
from plans.models.channel import Channel
from plans.models.locality import Locality
from plans.search import search
from publishing.cache import shown, written
from publishing.models import Publishable, PublishableQuerySet
from publishing.richtext import RichTextField
from publishing.text import slugify_vi, unique_slug

# The archive starts with the 2017 plans; allow a little room either side.
MIN_PLAN_YEAR = 2000
MAX_PLAN_YEAR = 2100
# Django's own messages here read "Đảm bảo giá trị này lớn hơn hoặc bằng với 2000 ."; ours say what to do.
PLAN_YEAR_VALIDATORS = [
    MinValueValidator(MIN_PLAN_YEAR, f"Năm kế hoạch phải từ {MIN_PLAN_YEAR} đến {MAX_PLAN_YEAR}, ví dụ 2024."),
    MaxValueValidator(MAX_PLAN_YEAR, f"Năm kế hoạch phải từ {MIN_PLAN_YEAR} đến {MAX_PLAN_YEAR}, ví dụ 2024."),
]
# Bounds the SQL a single search can produce.
MAX_SEARCH_WORDS = 12
# What the public pages say of a plan whose text states no year (never an invented one), and the
# archive's ``year`` value and address for those plans (/ke-hoach/chua-ro-nam/).
UNKNOWN_YEAR_LABEL = "Chưa rõ năm"
UNKNOWN_YEAR = "chua-ro-nam"


class PlanQuerySet(PublishableQuerySet):
    def in_locality(self, locality):
        """Plans of ``locality``, of every unit inside it, and of units merged into it."""
        return self.filter(locality.covering())

    def for_year(self, year):
        """Plans whose period covers ``year`` (a 2019–2020 plan counts for both)."""
        return self.filter(period_start__lte=year, period_end__gte=year)

    def without_year(self):
        """Plans whose text states no year ("Chưa rõ năm")."""
        return self.filter(period_start__isnull=True)

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
        """The plan years present, newest first (a 2019–2020 plan gives both); plans without a year add none."""
        return self.year_summary()[0]

    def year_summary(self):
        """(the plan years present, newest first; whether some plan has no year), in one query."""
        years, unknown = set(), False
        for start, end in self.order_by().values_list("period_start", "period_end").distinct():
            if start is None:
                unknown = True
            else:
                years.update(range(start, end + 1))
        return sorted(years, reverse=True), unknown

    def with_units(self):
        """Each plan with its issuer, its unit and the unit's parent, which a listing names."""
        return self.select_related("agency", "locality", "locality__parent")

    def with_listing_relations(self):
        return self.with_units().prefetch_related("channels")

    def with_channel_ids(self):
        """Each plan with ``channel_ids``, its channels' ids as one text ("3,7,12"; None without any),
        read by a subquery in the same statement: a list or a download names them from the reference list."""
        chosen = Plan.channels.through.objects.filter(plan_id=OuterRef("pk")).order_by().values("plan_id")
        return self.annotate(channel_ids=Subquery(chosen.annotate(ids=JoinedIds("channel_id")).values("ids")))

    def for_cards(self):
        """What a plan's card shows (templates/jinja2/includes/plan_cards.html) and nothing more: the
        long texts of a page of plans stay in the database (a quarter of the archive's uncached time
        went to them). ``plans.cards`` reads these fields as values; the channels come after."""
        return self.with_units().only(*CARD_FIELDS)


class JoinedIds(models.Aggregate):
    """A group's ids as one text, "3,7,12" (``group_concat`` on SQLite, ``string_agg`` on PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = models.CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="STRING_AGG",
                           template="%(function)s(%(expressions)s::text, ',')", **extra)


# The fields ``PlanQuerySet.for_cards`` reads, in the order ``plans.cards.cards`` unpacks them.
CARD_FIELDS = (
    "slug", "title", "number", "issue_date", "period_start", "period_end",
    "agency__name", "locality__name", "locality__parent__name",
)


def period_label(start, end):
    """The years a plan covers as readers see them: 2024, 2024–2025 or "Chưa rõ năm"."""
    if start is None:
        return UNKNOWN_YEAR_LABEL
    return str(start) if start == end else f"{start}–{end}"


def normalise_number(number: str) -> str:
    """Key for comparing document numbers: trimmed, upper-case, no inner spaces.

    ``11/kh-ubnd`` and ``11 / KH-UBND`` are the same document number.
    """
    return re.sub(r"\s+", "", number or "").upper()


@reversion.register(follow=["content_groups", "assignments", "targets", "results", "attachments"])
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
        "năm kế hoạch (từ)", validators=PLAN_YEAR_VALIDATORS,
        null=True, blank=True,
        help_text=(
            "Năm ghi trên văn bản, ví dụ 2024. Để trống nếu văn bản không ghi năm: kế hoạch được xếp vào "
            "mục “Chưa rõ năm”, không lấy năm ban hành thay vào."
        ),
    )
    period_end = models.PositiveSmallIntegerField(
        "năm kế hoạch (đến)", validators=PLAN_YEAR_VALIDATORS,
        null=True, blank=True, help_text="Để trống nếu kế hoạch chỉ cho một năm hoặc không ghi năm.",
    )
    title = models.CharField("trích yếu", max_length=1000)
    topic = models.CharField("chủ đề", max_length=20, choices=Topic.choices, default=Topic.REFORM)
    purposes = RichTextField(verbose_name="mục đích", blank=True)
    requirements = RichTextField(verbose_name="yêu cầu", blank=True)
    audiences = models.TextField("đối tượng tuyên truyền", blank=True, help_text="Mỗi dòng một nhóm đối tượng.")
    legal_basis_plans = models.ManyToManyField(
        "self", verbose_name="căn cứ (kế hoạch trên cổng)", symmetrical=False, blank=True,
        related_name="implementing_plans",
        help_text="Kế hoạch cấp trên mà kế hoạch này thực hiện (“thực hiện Kế hoạch số … của …”): "
        "kế hoạch cấp trên sẽ liệt kê đơn vị mình trong mục “Kế hoạch triển khai”.",
    )
    legal_basis_notes = models.TextField(
        "căn cứ khác", blank=True, help_text="Các văn bản căn cứ không có trên cổng, mỗi dòng một văn bản.",
    )
    implementation_deadline = models.DateField(
        "hạn ban hành kế hoạch triển khai", null=True, blank=True,
        help_text="Nếu kế hoạch yêu cầu các đơn vị trực thuộc ban hành kế hoạch triển khai trước một ngày, "
        "ghi ngày đó (ngày/tháng/năm).",
    )
    reporting_schedule = models.TextField("chế độ báo cáo", blank=True, help_text="Ví dụ: báo cáo quý, 6 tháng, 9 tháng và năm.")
    # The new text columns carry a database default too: raw loaders (bench/seed) that name only
    # the columns they know still write valid rows.
    advising_unit = models.CharField(
        "cơ quan tham mưu", max_length=255, blank=True, default="", db_default="",
        help_text="Đơn vị soạn thảo, tham mưu kế hoạch, ghi như trên văn bản, ví dụ: Phòng Văn hóa và Thông tin.",
    )
    recipients = models.TextField(
        "nơi nhận", blank=True, default="", db_default="", help_text="Như phần “Nơi nhận” của văn bản, mỗi dòng một nơi nhận.",
    )
    signer_name = models.CharField("người ký", max_length=200, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=200, blank=True)
    channels = models.ManyToManyField(Channel, verbose_name="hình thức tuyên truyền", blank=True, related_name="plans")
    other_channels = models.TextField(
        "hình thức khác", blank=True, default="", db_default="",
        help_text="Hình thức tuyên truyền chưa có trong danh sách trên, ghi như trên văn bản, mỗi dòng một hình thức.",
    )
    # Which fields and parts the importer read from the plan's document (plans/importer): marked
    # "đọc từ văn bản, hãy kiểm tra" in the admin until a person saves the plan.
    imported_fields = models.JSONField(
        "trường đọc từ văn bản", default=list, db_default=[], blank=True, editable=False,
    )
    slug = models.SlugField("slug", max_length=255, unique=True, editable=False)
    search_text = models.TextField(
        "nội dung tìm kiếm", blank=True, editable=False,
        help_text="Chữ thường, bỏ dấu: số ký hiệu, trích yếu, cơ quan, địa bàn, nội dung, hình thức.",
    )

    objects = PlanQuerySet.as_manager()
    WORKFLOW_UNIT = "agency"  # what the admin's queues show as the plan's unit (publishing.queues)

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-issue_date", "-id"]
        permissions = [("publish_plan", "Được duyệt, công bố, hẹn giờ, thu hồi kế hoạch")]
        constraints = [
            # Both years known and in order, or both unknown ("Chưa rõ năm").
            models.CheckConstraint(
                condition=Q(period_start__isnull=True, period_end__isnull=True)
                | Q(period_start__isnull=False, period_end__isnull=False, period_end__gte=models.F("period_start")),
                name="plan_period_ordered",
            ),
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

    def locality_path(self):
        return self.locality.path if self.locality_id else ""

    def written_scopes(self):
        """What a change of this public plan touches in the page cache (``publishing.cache``): the
        archive's lists, the pages of its province, and those of the plans it names or that name
        it (each page lists the other)."""
        linked = Plan.objects.filter(Q(implementing_plans=self) | Q(legal_basis_plans=self)) if self.pk else Plan.objects.none()
        return written("plans", {self.locality_path(), *linked.values_list("locality__path", flat=True)})

    def shown_scopes(self):
        """What this plan's public page shows: the plans of its province (``written_scopes``)."""
        return shown("plans", [self.locality_path()])

    @property
    def year_known(self):
        return self.period_start is not None

    @property
    def period_label(self):
        return period_label(self.period_start, self.period_end)

    @property
    def other_channel_list(self):
        """The channels the officer wrote out, one per line, blank lines left out."""
        return [line.strip() for line in self.other_channels.splitlines() if line.strip()]

    def _derive_fields(self):
        self.number = (self.number or "").strip()
        self.number_key = normalise_number(self.number)
        self.issue_year = self.issue_date.year if self.issue_date else None
        if self.period_start and not self.period_end:
            self.period_end = self.period_start

    def clean(self):
        self._derive_fields()
        errors = {}
        if self.period_start is None and self.period_end is not None:
            errors["period_start"] = (
                "Nhập năm bắt đầu, hoặc để trống cả hai ô nếu văn bản không ghi năm kế hoạch."
            )
        elif self.period_start and self.period_end and self.period_end < self.period_start:
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
            # "11/KH-UBND" reads as "11-kh-ubnd", not "11kh-ubnd". Without a year the slug starts
            # "ke-hoach-", so it can never be a word of the archive's own addresses ("chua-ro-nam").
            number = self.number.replace("/", " ")
            year = self.period_start if self.period_start is not None else "ke-hoach"
            base = slugify_vi(f"{year} {number} {self.agency.slug}")[:230]
            self.slug = unique_slug(Plan, base or "ke-hoach")
        super().save(*args, **kwargs)
