"""Localities, agencies, channels, and the plans with their ordered parts."""

import hashlib
import re
import uuid
from pathlib import PurePosixPath

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from plans.uploads import ALLOWED_DOCUMENT_TYPES, sniff_document, validate_document
from portal.models import Publishable, PublishableQuerySet
from portal.richtext import RichTextField
from portal.text import fold, slugify_vi
from portal.uploads import UploadFileField, reencoded_image

# The archive starts with the 2017 plans; allow a little room either side.
MIN_PLAN_YEAR = 2000
MAX_PLAN_YEAR = 2100
# Bounds the SQL a single search can produce.
MAX_SEARCH_WORDS = 12


class LocalityQuerySet(models.QuerySet):
    def lookup(self, value):
        """The unit a citizen means by a slug, a GSO code or a name (``Càng Long``), or None.

        A code may belong to a unit before and after the 2025 reform; today's wins. The
        same query brings the units merged into it, so ``lineage_paths`` costs nothing more.
        """
        value = (value or "").strip()
        if not value:
            return None
        names = {value, slugify_vi(value)}
        rows = list(self.filter(
            Q(slug__in=names) | Q(code=value) | Q(successor__slug__in=names) | Q(successor__code=value)
        ))
        candidates = [unit for unit in rows if unit.slug in names or unit.code == value]
        if not candidates:
            return None

        def rank(unit):
            exactness = 0 if unit.slug == value else 1 if unit.slug in names else 2 if unit.valid_until is None else 3
            return exactness, unit.path

        chosen = min(candidates, key=rank)
        chosen.lineage_paths = [chosen.path, *sorted(unit.path for unit in rows if unit.successor_id == chosen.pk)]
        return chosen

    def remembered_lookup(self, value):
        """``lookup`` kept in the cache for the content version: the archive and the news list
        look a unit up on every request, and the query reads the whole table (about 6 ms)."""
        from portal.cache import remember

        value = (value or "").strip()
        if not value:
            return None
        return remember(f"locality:{value}", lambda: self.lookup(value))

    def current(self, on=None):
        """Units in force on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        )


class Locality(models.Model):
    """An administrative unit (tỉnh, huyện, xã...) as it was in a period of time.

    ``path`` is a materialized path (``O62/O611/O23515/``): every unit inside
    another one shares its prefix, so "this province and everything in it" is a
    single indexed ``LIKE 'prefix%'`` query whatever the depth.
    Units abolished or merged keep their rows with ``valid_until`` and a
    ``successor``, so plans stay attached to the unit that issued them.
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, "Cấp tỉnh"
        DISTRICT = 2, "Cấp huyện"
        COMMUNE = 3, "Cấp xã"

    class Kind(models.TextChoices):
        PROVINCE = "tinh", "Tỉnh"
        CENTRAL_CITY = "thanh-pho-tw", "Thành phố trực thuộc Trung ương"
        RURAL_DISTRICT = "huyen", "Huyện"
        URBAN_DISTRICT = "quan", "Quận"
        DISTRICT_TOWN = "thi-xa", "Thị xã"
        PROVINCIAL_CITY = "thanh-pho-thuoc-tinh", "Thành phố thuộc tỉnh"
        COMMUNE = "xa", "Xã"
        WARD = "phuong", "Phường"
        TOWNSHIP = "thi-tran", "Thị trấn"
        SPECIAL_ZONE = "dac-khu", "Đặc khu"

    name = models.CharField("tên chính thức", max_length=200, help_text="Ví dụ: Tỉnh Kon Tum, Phường Phú Hữu.")
    short_name = models.CharField("tên ngắn", max_length=200, help_text="Tên không kèm loại đơn vị: Kon Tum, Phú Hữu, 9.")
    kind = models.CharField("loại đơn vị", max_length=30, choices=Kind.choices)
    level = models.PositiveSmallIntegerField("cấp", choices=Level.choices)
    code = models.CharField(
        "mã đơn vị hành chính", max_length=10, blank=True,
        help_text="Mã của Tổng cục Thống kê (nếu có).",
    )
    parent = models.ForeignKey(
        "self", verbose_name="trực thuộc", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField("đường dẫn cây", max_length=100, unique=True, editable=False)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_until = models.DateField("hiệu lực đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name="đơn vị kế thừa", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="predecessors",
        help_text="Đơn vị tiếp nhận địa bàn sau khi sáp nhập, giải thể.",
    )
    slug = models.SlugField("slug", max_length=200, unique=True)

    objects = LocalityQuerySet.as_manager()

    class Meta:
        verbose_name = "địa bàn"
        verbose_name_plural = "địa bàn"
        ordering = ["path"]
        indexes = [
            # LIKE 'prefix%' on PostgreSQL needs the pattern operator class.
            models.Index(fields=["path"], name="locality_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["level", "code"], name="locality_level_code_idx"),
        ]

    def __str__(self):
        # Thousands of communes share a name: the parent tells them apart in choosers.
        label = f"{self.name}, {self.parent.name}" if self.parent_id else self.name
        if self.valid_until:
            return f"{label} (đến {self.valid_until:%d/%m/%Y})"
        return label

    @property
    def display_name(self):
        """The name with its province, as a reader needs it to tell units apart."""
        return ", ".join(unit.name for unit in [self, *self.ancestors_nearest_first()])

    def ancestors_nearest_first(self):
        ancestors, unit = [], self.parent
        while unit is not None:
            ancestors.append(unit)
            unit = unit.parent
        return ancestors

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or self.valid_until >= on
        )

    def descendants(self, include_self=True):
        units = Locality.objects.filter(path__startswith=self.path)
        return units if include_self else units.exclude(pk=self.pk)

    def covering(self, field="locality"):
        """A condition on ``field`` (a foreign key to Locality) matching this unit, the units
        inside it and the units merged into it: one indexed prefix test per path."""
        condition = Q()
        for path in self.lineage_paths:
            condition |= Q(**{f"{field}__path__startswith": path})
        return condition

    @cached_property
    def lineage_paths(self):
        """Path prefixes covering this unit and the units merged into it.

        Today's Quảng Ngãi covers former Kon Tum; Thủ Đức city covers Quận 9.
        """
        return [self.path, *self.predecessors.values_list("path", flat=True)]


class Agency(models.Model):
    """A body that issues plans or is assigned work in them."""

    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "ubnd", "Ủy ban nhân dân"
        DEPARTMENT = "so", "Sở, ban, ngành cấp tỉnh"
        OFFICE = "phong", "Phòng, ban chuyên môn"
        CENTER = "trung-tam", "Trung tâm, đơn vị sự nghiệp"
        FATHERLAND_FRONT = "mat-tran", "Ủy ban Mặt trận Tổ quốc"
        MASS_ORGANISATION = "doan-the", "Tổ chức chính trị - xã hội, đoàn thể"
        SCHOOL = "truong", "Trường học"
        CIVIL_SERVANT = "cong-chuc", "Công chức chuyên môn"
        OTHER = "khac", "Khác"

    name = models.CharField("tên cơ quan", max_length=255, help_text="Ví dụ: UBND huyện Càng Long, Phòng Nội vụ huyện Càng Long.")
    kind = models.CharField("loại cơ quan", max_length=20, choices=Kind.choices)
    locality = models.ForeignKey(
        Locality, verbose_name="địa bàn", on_delete=models.PROTECT, related_name="agencies",
    )
    parent = models.ForeignKey(
        "self", verbose_name="cơ quan cấp trên", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    slug = models.SlugField("slug", max_length=255, unique=True)

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "name"], name="agency_unique_name_in_locality"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Agency, slugify_vi(self.name)[:240] or "co-quan")
        super().save(*args, **kwargs)


class ChannelQuerySet(models.QuerySet):
    def found_in(self, text):
        """The channels that free text (an imported plan, a search) mentions."""
        folded = fold(text)
        return [channel for channel in self if any(pattern.search(folded) for pattern in channel.term_patterns)]


class Channel(models.Model):
    """A dissemination channel from the controlled vocabulary."""

    name = models.CharField("tên hình thức", max_length=200, unique=True)
    slug = models.SlugField("slug", max_length=200, unique=True)
    description = models.TextField("mô tả", blank=True)
    synonyms = models.TextField(
        "cách gọi khác", blank=True,
        help_text="Mỗi dòng một cách viết mà các kế hoạch dùng, ví dụ: Trang TTĐT, pa nô, panô.",
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    objects = ChannelQuerySet.as_manager()

    class Meta:
        verbose_name = "hình thức tuyên truyền"
        verbose_name_plural = "hình thức tuyên truyền"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def synonym_list(self):
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    @cached_property
    def term_patterns(self):
        """Whole-word, accent-folded patterns: ``pa nô`` matches ``PA NO`` but not ``panorama``."""
        return [
            re.compile(rf"(?<![a-z0-9]){re.escape(fold(term))}(?![a-z0-9])")
            for term in [self.name, *self.synonym_list]
        ]


class PlanQuerySet(PublishableQuerySet):
    def in_locality(self, locality):
        """Plans of ``locality``, of every unit inside it, and of units merged into it."""
        return self.filter(locality.covering())

    def for_year(self, year):
        """Plans whose period covers ``year`` (a 2019–2020 plan counts for both)."""
        return self.filter(period_start__lte=year, period_end__gte=year)

    def search(self, query):
        """Plans containing every word of ``query``, ignoring accents and case (see ``plans.search``).

        ``cai cach``, ``CẢI CÁCH`` and ``cải cách`` are the same search: both the
        query and ``search_text`` are folded the same way.
        """
        from plans.search import search

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


def unique_slug(model, base):
    """``base``, or ``base-2``, ``base-3``... whichever is free in ``model``."""
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class Membership(models.Model):
    """Attaches a staff user to an agency whose plans they may draft."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="memberships",
    )
    agency = models.ForeignKey(Agency, verbose_name="cơ quan, đơn vị", on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        verbose_name = "thành viên đơn vị"
        verbose_name_plural = "thành viên đơn vị"
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="membership_unique_user_agency")]

    def __str__(self):
        return f"{self.user} – {self.agency}"
