"""What plans and articles share: the editorial workflow's states and its log, and the version of the
public content that cached pages are keyed by."""

import time

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    SUBMITTED = "submitted", "Chờ duyệt"
    PUBLISHED = "published", "Đã công bố"
    WITHDRAWN = "withdrawn", "Đã thu hồi"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The single publication rule: published, and its time has come (scheduling needs no cron job)."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def public(self, *, withdrawn=True):
        """What a public URL answers for: published items, and withdrawn ones (shown with the reason).

        ``withdrawn=False`` is what a listing shows by default: ``published()``.
        """
        if not withdrawn:
            return self.published()
        return self.filter(status__in=[Status.PUBLISHED, Status.WITHDRAWN], published_at__lte=timezone.now())

    def scheduled(self):
        """Published for a moment still to come: public by itself when it comes."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())


class Publishable(models.Model):
    """Fields of an item that goes through draft → submitted → published (→ withdrawn)."""

    Status = Status

    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    published_at = models.DateTimeField(
        "thời điểm công bố", null=True, blank=True, editable=False,
        help_text="Một thời điểm trong tương lai là hẹn giờ: tự hiện khi đến giờ.",
    )
    withdrawn_at = models.DateTimeField("thời điểm thu hồi", null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField("lý do thu hồi", blank=True, editable=False)
    # Who made and last changed the item, and when. related_name="+": no reverse accessor on users.
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người cập nhật", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    transitions = GenericRelation("publishing.Transition")

    class Meta:
        abstract = True

    def is_published(self):
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    is_published.boolean = True
    is_published.short_description = "đang công khai"

    @property
    def is_withdrawn(self):
        return self.status == Status.WITHDRAWN

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()

    @property
    def was_published(self):
        """Published or withdrawn: such an item is part of the public record and is never deleted."""
        return self.status in (Status.PUBLISHED, Status.WITHDRAWN)


class Transition(models.Model):
    """One step of the workflow: who moved what from which state to which, when and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField("từ", max_length=20, choices=Status.choices)
    to_status = models.CharField("sang", max_length=20, choices=Status.choices)
    action = models.CharField("thao tác", max_length=20)
    comment = models.TextField("ghi chú", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField("thời điểm", default=timezone.now)

    class Meta:
        verbose_name = "bước duyệt"
        verbose_name_plural = "lịch sử duyệt"
        ordering = ["-at", "-id"]
        # Created by the project app before the kernel had its own; the table stays where it is.
        db_table = "portal_transition"
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="transition_item_idx")]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


def starting_version():
    """A new row's version: the clock in milliseconds, so a database recreated next to a cache that
    still holds pages (a restore, a flush) never reuses the keys of an older one."""
    return time.time_ns() // 1_000_000


class ContentVersion(models.Model):
    """The version of one scope of the public content (``publishing.cache``): every cached public
    page and remembered value records the versions of the scopes it was made from, and each write
    that public pages show raises those of the scopes it touches by one."""

    scope = models.CharField("phạm vi", max_length=60, primary_key=True)
    value = models.PositiveBigIntegerField("phiên bản", default=starting_version)

    class Meta:
        verbose_name = "phiên bản nội dung công khai"
        verbose_name_plural = "phiên bản nội dung công khai"

    def __str__(self):
        return f"{self.scope}: {self.value}"


class NoticePreference(models.Model):
    """Whether a user wants the workflow's e-mail notices (``publishing.notices``). No row: they do."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="notice_preference",
    )
    email_notices = models.BooleanField(
        "nhận thông báo qua thư điện tử", default=True,
        help_text="Thư báo khi có mục chờ duyệt, bị trả lại hoặc đã công bố, và thư nhắc hằng tháng.",
    )

    class Meta:
        verbose_name = "cài đặt thông báo"
        verbose_name_plural = "cài đặt thông báo"

    def __str__(self):
        return f"{self.user}: {'nhận' if self.email_notices else 'không nhận'} thư"
