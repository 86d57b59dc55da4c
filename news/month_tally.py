"""Running month figures of published articles (``news.models.ArticleMonthTally``), read by "Xem theo
tháng" and the news list's total instead of counting a million articles on each publication.

A month is never adjusted by ±1: its rows are counted afresh from the articles, with one grouped
INSERT … SELECT over that month alone, inside the writer's transaction, after each save or delete
that changes what it counts (an article published, scheduled, withdrawn, deleted, moved to another
month or unit). Past months therefore only change when one of their articles does. Two recounts of
a month follow each other: each holds a lock on that month (PostgreSQL's advisory lock; SQLite
lets one writer at a time anyway) from before it reads the articles until its transaction ends.

A save outside a transaction commits before ``post_save``: its recount then runs in a transaction
of its own, just after. Writers that send no signal (``update()``, COPY, the bench seeding) call
``rebuild()``, as ``manage.py recount_article_months`` does.
"""

import datetime

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Case, Count, DateField, DateTimeField, F, Q, When
from django.db.models.functions import Cast, TruncMonth
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from news.models import Article, ArticleMonthTally
from plans.models.tally import province_path_of
from publishing.models import Status

# What an article's tally depends on; a save that writes none of them recounts nothing.
TALLIED_FIELDS = ("status", "published_at", "locality_id")
# First key of this module's advisory locks on PostgreSQL ("news"); the second is the month, yyyymm.
LOCK_NAMESPACE = 0x6E657773
_STORED = "_month_tally_stored"  # the row as it was before a save or delete, kept on the instance
_UNTOUCHED = object()


def month_of(moment):
    """The month (its first day) of ``moment`` in the portal's time zone."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date().replace(day=1)


def month_bounds(month):
    """[start, end) of ``month`` in the portal's time zone."""
    start = datetime.datetime(month.year, month.month, 1, tzinfo=timezone.get_default_timezone())
    return start, (start + datetime.timedelta(days=32)).replace(day=1)


def count_into(tally_model, articles, *, using=DEFAULT_DB_ALIAS):
    """Add the rows of ``articles`` to ``tally_model``'s table in one INSERT … SELECT: published ones
    (scheduled ones with their ``visible_from``), grouped by month and province.

    The province is the unit at the root of the article's unit's path: the news list's locality
    filter matches by path prefix (``Locality.covering``), so a province's sum is exactly what the
    filter finds. Takes the models, so that the migration creating the table fills it with it too.
    """
    locality_model = articles.model._meta.get_field("locality").related_model
    grouped = (
        articles.filter(status=Status.PUBLISHED, published_at__isnull=False).order_by()
        .values(
            tally_month=Cast(TruncMonth("published_at", tzinfo=timezone.get_default_timezone()), DateField()),
            tally_root=province_path_of("locality__path"),
            tally_visible=Case(
                When(published_at__gt=timezone.now(), then=F("published_at")), output_field=DateTimeField(),
            ),
        )
        .annotate(tally_count=Count("pk"))
    )
    select, params = grouped.query.get_compiler(using).as_sql()
    quote = connections[using].ops.quote_name
    tally, locality = tally_model._meta, locality_model._meta
    columns = ", ".join(quote(tally.get_field(name).column) for name in ("month", "province", "visible_from", "count"))
    sql = (
        f"INSERT INTO {quote(tally.db_table)} ({columns}) "
        f"SELECT grouped.tally_month, province.{quote(locality.pk.column)}, grouped.tally_visible, grouped.tally_count "
        f"FROM ({select}) grouped LEFT JOIN {quote(locality.db_table)} province "
        f"ON province.{quote(locality.get_field('path').column)} = grouped.tally_root"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)


def recount(months, *, using=DEFAULT_DB_ALIAS):
    """Count the published articles of ``months`` afresh (in the caller's transaction, if any)."""
    months = sorted(set(months))
    if not months:
        return
    within = Q()
    for month in months:
        start, end = month_bounds(month)
        within |= Q(published_at__gte=start, published_at__lt=end)
    with transaction.atomic(using=using, savepoint=False):
        _lock(months, using)
        ArticleMonthTally.objects.using(using).filter(month__in=months).delete()
        count_into(ArticleMonthTally, Article._base_manager.filter(within), using=using)


def rebuild(*, using=DEFAULT_DB_ALIAS):
    """Count every month afresh, for writes that send no signal (``update()``, COPY).

    Recounts of single months wait meanwhile (on PostgreSQL, a lock on the table that readers ignore).
    """
    connection = connections[using]
    with transaction.atomic(using=using, savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {connection.ops.quote_name(ArticleMonthTally._meta.db_table)} IN EXCLUSIVE MODE")
        ArticleMonthTally.objects.using(using).all().delete()
        count_into(ArticleMonthTally, Article._base_manager.all(), using=using)


def _lock(months, using):
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for month in months:  # in order: two writers recounting the same two months cannot deadlock
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, month.year * 100 + month.month])


def _counted(status, published_at, locality_id):
    """What a row adds to the tallies: (its publication time, its unit), or None."""
    return (published_at, locality_id) if status == Status.PUBLISHED and published_at is not None else None


def _stored_row(sender, instance, using):
    """The row's tallied fields as stored (locked till the transaction ends, if there is one), or None."""
    if instance.pk is None:
        return None
    rows = sender._base_manager.using(using).filter(pk=instance.pk)
    if connections[using].in_atomic_block:
        # A concurrent save of this article waits here, and then reads what this one wrote.
        rows = rows.select_for_update(no_key=True)
    return rows.values_list(*TALLIED_FIELDS).order_by("pk").first()


def _written(sender, update_fields):
    """The tallied fields a save writes."""
    if update_fields is None:
        return set(TALLIED_FIELDS)
    return {sender._meta.get_field(name).attname for name in update_fields} & set(TALLIED_FIELDS)


def _recount_change(before, after, using):
    if before != after:
        recount({month_of(published_at) for published_at, _ in filter(None, (before, after))}, using=using)


def before_save(sender, instance, using, update_fields, **signal_kwargs):
    if _written(sender, update_fields):
        instance.__dict__[_STORED] = _stored_row(sender, instance, using)


def after_save(sender, instance, using, update_fields, **signal_kwargs):
    stored = instance.__dict__.pop(_STORED, _UNTOUCHED)
    if stored is _UNTOUCHED:
        return
    # A field the save did not write is as stored, whatever the instance holds.
    saved = dict(zip(TALLIED_FIELDS, stored, strict=True)) if stored else {}
    saved.update((name, getattr(instance, name)) for name in _written(sender, update_fields))
    _recount_change(stored and _counted(*stored), _counted(**saved), using)


def before_delete(sender, instance, using, **signal_kwargs):
    instance.__dict__[_STORED] = _stored_row(sender, instance, using)


def after_delete(sender, instance, using, **signal_kwargs):
    stored = instance.__dict__.pop(_STORED, None)
    _recount_change(stored and _counted(*stored), None, using)


def keep_tallies():
    """Recount the months each save or delete of an article changes. Connected after the cache's
    receivers (``NewsConfig.ready``): a public write takes the content version's lock, then the month's."""
    pre_save.connect(before_save, sender=Article, dispatch_uid="month-tally-pre-save")
    post_save.connect(after_save, sender=Article, dispatch_uid="month-tally-save")
    pre_delete.connect(before_delete, sender=Article, dispatch_uid="month-tally-pre-delete")
    post_delete.connect(after_delete, sender=Article, dispatch_uid="month-tally-delete")
