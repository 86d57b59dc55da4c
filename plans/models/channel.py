"""The controlled vocabulary of dissemination channels."""

import re

from django.db import models
from django.utils.functional import cached_property

from publishing.text import fold


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
