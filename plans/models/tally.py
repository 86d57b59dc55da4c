"""Running counts of public plans, which the archive adds up instead of counting plans (issue #20)."""

from django.db import models
from django.db.models import Q, Sum, Value
from django.db.models.functions import StrIndex, Substr
from django.utils import timezone

from plans.models.channel import Channel
from plans.models.locality import Locality, under_paths
from plans.models.plan import UNKNOWN_YEAR
from publishing.models import Status

# Markers in ``PlanTally.year``. Negative, so never a plan's year (its period fields are positive).
ALL_YEARS = -1  # each plan once, whatever its years
NO_YEAR = -2  # plans whose text states no year ("Chưa rõ năm")


def province_path(path):
    """The path of the province at the root of ``path``: ``O62/O611/`` → ``O62/``."""
    return path.split("/", 1)[0] + "/"


def province_path_of(field):
    """``province_path`` in SQL: the root of the unit path in ``field`` (a column or a lookup)."""
    return Substr(field, 1, StrIndex(field, Value("/")))


class PlanTallyQuerySet(models.QuerySet):
    def public(self, *, withdrawn=True):
        """Rows of plans public now, as ``Plan.objects.public()`` finds them: a scheduled plan's row
        counts from its time on, with no write; ``withdrawn=False`` leaves withdrawn plans out."""
        rows = self.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=timezone.now()))
        return rows if withdrawn else rows.filter(status=Status.PUBLISHED)

    def in_locality(self, locality, *, per_unit=False):
        """Rows counting the plans of ``locality`` (None: everywhere), of the units inside it and of
        those merged into it, as ``Plan.objects.in_locality()`` finds them.

        The provinces' totals answer for everywhere and for whole provinces, unless ``per_unit``:
        the rows of each unit then, to tell the units apart."""
        paths = locality.lineage_paths if locality is not None else []
        if not per_unit and all(province_path(path) == path for path in paths):
            totals = self.filter(locality__isnull=True)
            return totals.filter(path__in=paths) if paths else totals
        units = self.filter(locality__isnull=False)
        return units.filter(under_paths(paths)) if paths else units

    def for_year(self, year=None):
        """Rows counting the plans whose period covers ``year``, those stating none for
        ``UNKNOWN_YEAR``, and every plan once for None."""
        return self.filter(year=ALL_YEARS if year is None else NO_YEAR if year == UNKNOWN_YEAR else year)

    def each_year(self):
        """Rows counting plans by year (a 2019–2020 plan in both), ``NO_YEAR`` among them."""
        return self.exclude(year=ALL_YEARS)

    def with_channel(self, channel=None):
        """Rows counting the plans that use ``channel``, or every plan once for None."""
        return self.filter(channel__isnull=True) if channel is None else self.filter(channel=channel.pk)

    def each_channel(self):
        """Rows counting plans by channel (a plan in each of its channels)."""
        return self.filter(channel__isnull=False)

    def on_topic(self, topic):
        return self.filter(topic=topic)

    def total(self):
        return self.aggregate(plans=Sum("n"))["plans"] or 0

    def sum_by(self, field):
        """{value of ``field``: plans} over these rows."""
        return dict(self.order_by().values_list(field).annotate(plans=Sum("n")))


class PlanTally(models.Model):
    """How many public plans of one unit share a year, a channel, a topic and a state: what the
    archive's count and facets add up instead of counting 100,000 plans after each publication.
    Kept by ``plans.tally``, which counts a unit's rows afresh whenever one of its plans changes.

    A plan is in a row for each (year, channel): ``ALL_YEARS`` and each year of its period (or
    ``NO_YEAR``), times no channel (``channel`` None) and each of its channels. So any of those
    filters is one equality, and a sum over rows with ``ALL_YEARS`` and no channel counts each plan
    once. Rows without ``locality`` are a province's totals: the sums of the rows of every unit
    whose ``path`` starts with theirs, which the archive reads when no unit is chosen or the unit
    is a whole province. A plan scheduled for a later time is in rows of its own whose
    ``visible_from`` is that time (``public()``).
    """

    # No constraint in the database: checking one per row would double a rebuild's time, for rows
    # that are only ever written from plans, which hold valid keys. A deleted channel's rows go with it.
    locality = models.ForeignKey(
        Locality, verbose_name="địa bàn", null=True, on_delete=models.CASCADE, related_name="+",
        db_index=False, db_constraint=False,
    )
    path = models.CharField("đường dẫn địa bàn", max_length=100)  # the unit's (or province's): prefix tests need no join
    year = models.SmallIntegerField("năm")
    channel = models.ForeignKey(
        Channel, verbose_name="hình thức tuyên truyền", null=True, on_delete=models.CASCADE, related_name="+",
        db_constraint=False,
    )
    topic = models.CharField("chủ đề", max_length=20)
    status = models.CharField("trạng thái", max_length=20)
    visible_from = models.DateTimeField("tính từ", null=True)
    n = models.PositiveIntegerField("số kế hoạch")

    objects = PlanTallyQuerySet.as_manager()

    class Meta:
        verbose_name = "số kế hoạch công khai"
        verbose_name_plural = "số kế hoạch công khai"
        indexes = [
            # A unit's rows (its recount deletes them), and the provinces' totals (locality IS NULL).
            models.Index(fields=["locality", "year", "channel"], name="plan_tally_unit_year_idx"),
            # LIKE 'prefix%' on PostgreSQL needs the pattern operator class.
            models.Index(fields=["path"], name="plan_tally_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self):
        return f"{self.path} {self.year} {self.channel_id or '-'}: {self.n}"
