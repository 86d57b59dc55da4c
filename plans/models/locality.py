"""Administrative units (tỉnh, huyện, xã) over time, with their materialized paths."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from publishing.remember import remember
from publishing.text import slugify_vi


def under_paths(paths, field="path"):
    """A condition on ``field`` (a unit's path, or a path kept beside a row) matching the units
    under any of ``paths``: one indexed prefix test per path; None: anywhere, no path: nowhere."""
    if paths is None:
        return Q()
    conditions = [Q(**{f"{field}__startswith": path}) for path in paths]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


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
        look a unit up on every request, and the query reads the whole table (about 6 ms).

        Only a slug or a code is kept: a name has endless spellings (``Trà Vinh``,
        ``TRA  vinh``...) that would each make an entry.
        """
        value = (value or "").strip()
        if not value:
            return None
        if value != slugify_vi(value):
            return self.lookup(value)
        return remember(f"locality:{value}", lambda: self.lookup(value), scopes=())

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
            # LIKE 'prefix%' on ``path`` uses the pattern index PostgreSQL's backend makes for a unique
            # CharField (``…_like``); a second one of ours was never scanned (issue #20).
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
        return under_paths(self.lineage_paths, f"{field}__path")

    @cached_property
    def lineage_paths(self):
        """Path prefixes covering this unit and the units merged into it.

        Today's Quảng Ngãi covers former Kon Tum; Thủ Đức city covers Quận 9.
        """
        return [self.path, *self.predecessors.values_list("path", flat=True)]
