"""Synthetic plans and news in bulk, to measure the portal at the size of a real archive.

``seed_database(plans=…, articles=…, seed=…)`` writes realistic rows fast: issuers from the
real locality tree (``import_localities``), numbers, titles, parts, channels and
the folded ``search_text`` are built in memory and written with COPY on PostgreSQL
(``bulk_create`` elsewhere); no ``save()`` runs and no signal is sent, so both the seeding
and the deletion invalidate the cached public pages themselves (``publishing.cache.invalidate``).

Every seeded plan, article and agency has a slug starting with ``seed-``: that is
how ``delete_seeded()`` finds them again, leaving the demo and real data alone.
"""

import random
import time
from dataclasses import dataclass, field

from django.contrib.contenttypes.fields import GenericRelation
from django.db import connection, transaction

from bench.seed.articles import ArticleGenerator
from bench.seed.plans import PREFIX, PlanGenerator
from bench.seed.writers import writer_for
from news.models import Article, Category
from news.month_tally import rebuild as rebuild_month_tallies
from plans.models import Agency, Assignment, Channel, ContentGroup, Locality, Plan
from plans.tally import rebuild as rebuild_plan_tallies
from publishing.cache import invalidate

# Seeded rows are deleted in this order: articles point at plans, plans at agencies.
SEEDED_MODELS = {"articles": Article, "plans": Plan, "agencies": Agency}
TABLES_WRITTEN = [Agency, Plan, ContentGroup, Assignment, Plan.channels.through, Article, Article.plans.through]
# The rows written besides plans and articles, as the summary names them.
PART_LABELS = {"plans": "plan parts", "articles": "article links"}


class SeedError(Exception):
    """The database lacks what seeding needs (localities, channels, categories)."""


@dataclass
class SeedReport:
    """Rows written per table and the time taken, for the command to print."""

    rows: dict = field(default_factory=dict)
    seconds: float = 0.0
    vacuum_seconds: float = 0.0

    @property
    def total_rows(self):
        return sum(self.rows.values())

    @property
    def rate(self):
        return self.total_rows / self.seconds if self.seconds else 0.0


def seeded_counts():
    """How many seeded rows each model holds: ``{"plans": …, "articles": …, "agencies": …}``."""
    return {name: _seeded(model).count() for name, model in SEEDED_MODELS.items()}


def seed_database(*, plans, articles, seed=1, batch_size=5000, progress=lambda text: None):
    """Write ``plans`` plans (3–8 content groups, 2–6 channels, 3–10 assignments each, 5 % drafts)
    and ``articles`` articles (1–3 plans each, 5 % drafts), in one transaction.

    Raises ``SeedError`` when localities, channels or categories are missing or seeded rows
    exist already (``delete_seeded()`` first). ``progress`` is called with a line of text
    after each batch.
    """
    if not Locality.objects.exists():
        raise SeedError("Chưa có địa bàn hành chính: hãy chạy “python manage.py import_localities” trước.")
    if not Channel.objects.exists() or (articles and not Category.objects.exists()):
        raise SeedError("Thiếu hình thức tuyên truyền hoặc chuyên mục tin: hãy chạy “python manage.py migrate”.")
    if any(seeded_counts().values()):
        raise SeedError("Đã có dữ liệu giả lập: hãy xóa trước (seed_benchmark --reset).")
    report = SeedReport()
    started = time.monotonic()

    def counted(what, done, total, part_rows):
        report.rows[what] = done
        if what in PART_LABELS:
            report.rows[PART_LABELS[what]] = report.rows.get(PART_LABELS[what], 0) + part_rows
        progress(f"{what}: {done}/{total} ({time.monotonic() - started:.1f} s)")

    rng = random.Random(seed)
    writer = writer_for(batch_size)
    with transaction.atomic():
        with writer.loading(TABLES_WRITTEN):
            published = PlanGenerator(rng, writer, counted).generate(plans)
            ArticleGenerator(rng, writer, counted).generate(articles, published)
            progress(f"indexes, foreign keys, commit… ({time.monotonic() - started:.1f} s)")
        rebuild_month_tallies()  # COPY sends no signal: the running figures are made again
        rebuild_plan_tallies()
        invalidate()
    report.seconds = time.monotonic() - started
    started = time.monotonic()
    if vacuum_analyze():
        report.vacuum_seconds = time.monotonic() - started
    return report


def vacuum_analyze():
    """On PostgreSQL, outside a transaction: reclaim deleted rows, refresh statistics and visibility maps
    of the seeded tables, as autovacuum would a while later. Returns whether it ran."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        for model in TABLES_WRITTEN:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return True


def delete_seeded():
    """Delete every seeded article, plan and agency with their parts; return how many of each.

    Plain ``DELETE … WHERE id IN (…)`` statements: the ORM's cascade would load a million
    objects first. Rows that cascade (parts, link tables, workflow steps) go with them;
    a row that protects a seeded one (a real plan assigning work to a seeded agency)
    makes the whole deletion fail, as the admin would.
    """
    deleted = {}
    with transaction.atomic():
        for name, model in SEEDED_MODELS.items():
            deleted[name] = _delete(model, _seeded(model).values("pk"))
        rebuild_month_tallies()
        rebuild_plan_tallies()
        invalidate()
    vacuum_analyze()  # so that new rows reuse the space and index builds skip the dead rows
    return deleted


def _seeded(model):
    return model._base_manager.filter(slug__startswith=PREFIX)


def _delete(model, pks):
    """Delete ``model`` rows whose id is in the subquery ``pks``, after the rows that cascade from them."""
    for relation in model._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and relation.one_to_many:
            if relation.field.remote_field.on_delete.__name__ == "CASCADE" and relation.related_model is not model:
                _delete(relation.related_model, relation.related_model._base_manager.filter(
                    **{f"{relation.field.name}__in": pks}).values("pk"))
    for relation in model._meta.private_fields:
        if isinstance(relation, GenericRelation):
            related = relation.related_model
            steps = related._base_manager.filter(**{
                relation.content_type_field_name: relation.get_content_type(),
                f"{relation.object_id_field_name}__in": pks,
            })
            _delete(related, steps.values("pk"))
    subquery, params = pks.query.sql_with_params()
    table, pk = (connection.ops.quote_name(name) for name in (model._meta.db_table, model._meta.pk.column))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({subquery})", params)
        return cursor.rowcount

