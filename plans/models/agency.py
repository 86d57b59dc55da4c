"""The bodies that issue plans or are assigned work in them, and the staff who belong to them."""

from django.conf import settings
from django.db import models

from plans.models.locality import Locality
from publishing.text import slugify_vi, unique_slug


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
    # The People's Committees are always expected (plans.coverage); other bodies, such as a
    # province's departments, only when an administrator says so.
    expected_plan = models.BooleanField(
        "phải ban hành kế hoạch hằng năm", default=False, db_default=False,
        help_text="Đánh dấu các sở, ban, ngành phải ban hành kế hoạch tuyên truyền CCHC mỗi năm "
        "(Ủy ban nhân dân các cấp luôn được tính, không cần đánh dấu).",
    )

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "name"], name="agency_unique_name_in_locality"),
        ]
        indexes = [
            # The few bodies marked expected, found without reading every agency (plans.coverage: a
            # scan of 153,000 agencies took 11–21 ms of each province's coverage).
            models.Index(fields=["locality"], condition=models.Q(expected_plan=True), name="agency_expected_plan"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Agency, slugify_vi(self.name)[:240] or "co-quan")
        super().save(*args, **kwargs)


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
