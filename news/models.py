"""News articles that report on plans."""

import uuid
from pathlib import PurePosixPath

import reversion
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from news.images import validate_image
from plans.models import Locality, Plan
from publishing.cache import shown, written
from publishing.models import Publishable, PublishableQuerySet
from publishing.richtext import RichTextField
from publishing.text import slugify_vi, unique_slug
from publishing.uploads import UploadImageField, reencoded_image


class Category(models.Model):
    name = models.CharField("tên chuyên mục", max_length=150, unique=True)
    slug = models.SlugField("slug", max_length=150, unique=True)
    description = models.TextField("mô tả", blank=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(PublishableQuerySet):
    def newest_first(self):
        return self.order_by("-published_at", "-id")


def cover_upload_to(instance, filename):
    """A random name in a per-year folder; the original name says nothing we need.

    The suffix is the one save() gave the re-encoded picture, so it always matches the content.
    """
    suffix = PurePosixPath(filename).suffix.lower()
    return f"news/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


@reversion.register()
class Article(Publishable):
    title = models.CharField("tiêu đề", max_length=300)
    # Unique by the constraint in Meta, not unique=True: on PostgreSQL that would add a second,
    # LIKE-only index (…_like) beside the unique one, and nothing searches slugs by prefix.
    slug = models.SlugField(
        "đường dẫn", max_length=200, blank=True, db_index=False,
        help_text="Để trống: tạo từ tiêu đề, bỏ dấu (ví dụ: cang-long-ban-hanh-ke-hoach).",
    )
    summary = models.TextField("tóm tắt (sapo)", max_length=1000, help_text="Một đến ba câu, hiện ở danh sách tin.")
    body = RichTextField(verbose_name="nội dung")
    cover_image = UploadImageField(
        "ảnh đại diện", upload_to=cover_upload_to, blank=True, max_length=255, validators=[validate_image],
        help_text="JPEG, PNG hoặc WebP; tối đa 5 MB.",
    )
    # Measured once on upload (see save()) so pages reserve the image's box without opening
    # the file; Django's width_field would re-read the file whenever these are empty.
    # A new cover is stored re-encoded (see save()): no EXIF, GPS position or appended payload.
    cover_width = models.PositiveIntegerField("chiều rộng ảnh", null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField("chiều cao ảnh", null=True, blank=True, editable=False)
    cover_caption = models.CharField("chú thích ảnh", max_length=300, blank=True)
    cover_alt = models.CharField(
        "mô tả ảnh cho người khiếm thị", max_length=300, blank=True,
        help_text="Bắt buộc khi có ảnh: nói ảnh cho thấy gì.",
    )
    author = models.CharField("tác giả", max_length=150, blank=True)
    source = models.CharField("nguồn", max_length=200, blank=True, help_text="Ví dụ: Phòng Nội vụ huyện Càng Long.")
    category = models.ForeignKey(Category, verbose_name="chuyên mục", on_delete=models.PROTECT, related_name="articles")
    locality = models.ForeignKey(
        Locality, verbose_name="địa bàn", null=True, blank=True, on_delete=models.PROTECT, related_name="articles",
    )
    plans = models.ManyToManyField(Plan, verbose_name="kế hoạch liên quan", blank=True, related_name="articles")
    featured = models.BooleanField("tin nổi bật", default=False)
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)

    objects = ArticleQuerySet.as_manager()
    WORKFLOW_UNIT = "locality"  # what the admin's queues show as the article's unit (publishing.queues)

    class Meta:
        verbose_name = "tin bài"
        verbose_name_plural = "tin bài"
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", "Được đăng, hẹn giờ, thu hồi tin bài")]
        # The name PostgreSQL gave the column's UNIQUE when the table was created (news/0001).
        constraints = [models.UniqueConstraint(fields=["slug"], name="news_article_slug_key")]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_published_idx"),
            models.Index(fields=["category", "status", "published_at"], name="article_category_published_idx"),
            # The featured block of the home page and the news list: a few in a million.
            models.Index(
                fields=["-published_at", "-id"], name="article_featured_idx",
                condition=models.Q(featured=True, status="published"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def written_scopes(self):
        """What a change of this public article touches in the page cache (``publishing.cache``): the
        news lists, its province's, and the pages of the plans it is about (they list their news)."""
        plans = self.plans.values_list("locality__path", flat=True) if self.pk else []
        about = shown("plans", [path for path in plans if path]) if any(plans) else set()
        return written("news", [self.locality.path] if self.locality_id else []) | about

    def shown_scopes(self):
        """What this article's page shows: itself (``written_scopes``) and its plans' titles."""
        scopes = shown("news", [self.locality.path] if self.locality_id else [])
        paths = [plan.locality.path for plan in self.plans.all() if plan.locality_id]
        return scopes | (shown("plans", paths) if paths else set())

    def clean(self):
        errors = {}
        if self.cover_image and not self.cover_alt.strip():
            errors["cover_alt"] = "Hãy mô tả ảnh cho người đọc không nhìn thấy ảnh."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Article, slugify_vi(self.title)[:190] or "tin-bai")
        if not self.cover_image:
            self.cover_width = self.cover_height = None
        elif not self.cover_image._committed:
            self.cover_image = reencoded_image(self.cover_image.file)
            self.cover_width, self.cover_height = get_image_dimensions(self.cover_image.file)
        elif self.cover_width is None:
            try:
                self.cover_width, self.cover_height = get_image_dimensions(self.cover_image)
            except OSError:  # the stored file is gone: the page shows the image without a reserved box
                self.cover_width = self.cover_height = None
        super().save(*args, **kwargs)


class ArticleMonthTallyQuerySet(models.QuerySet):
    def visible(self):
        """Rows of articles public now: a scheduled article's row counts from its time on, with no write."""
        return self.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=timezone.now()))


class ArticleMonthTally(models.Model):
    """How many published articles came out in a month (of the portal's time zone) about the units
    of one province (none: articles without a unit). What "Xem theo tháng" and the news list's total
    read instead of counting a million articles; kept by news/month_tally.py.

    A scheduled article is tallied in a row of its own whose ``visible_from`` is its publication
    time; the others' rows have none. Sums take ``visible()`` rows.
    """

    month = models.DateField("tháng")  # its first day
    province = models.ForeignKey(
        Locality, verbose_name="tỉnh, thành phố", null=True, on_delete=models.CASCADE, related_name="+",
    )
    visible_from = models.DateTimeField("tính từ", null=True)
    count = models.PositiveIntegerField("số tin")

    objects = ArticleMonthTallyQuerySet.as_manager()

    class Meta:
        verbose_name = "số tin theo tháng"
        verbose_name_plural = "số tin theo tháng"
        indexes = [models.Index(fields=["month"], name="article_tally_month_idx")]

    def __str__(self):
        return f"{self.month:%m/%Y}: {self.count}"


class PendingArticleView(models.Model):
    """One reader's view of an article, not yet added to ``Article.view_count`` (news/view_counts.py).

    Used when there is no Redis, or while it fails: one short INSERT per view instead of an UPDATE
    of the article's row, folded into the article every minute.
    """

    # No index: the table is only ever read whole, in id order, by the fold.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, db_index=False, related_name="+")


class FoldedViewBatch(models.Model):
    """A batch of views counted in Redis that has been added to the articles: a batch is added once,
    whoever folds it (news/view_counts.py). Kept a week, far longer than a batch can wait."""

    batch = models.CharField(max_length=64, unique=True)
    folded_at = models.DateTimeField(auto_now_add=True)
