"""Running counts of public plans (``plans.models.PlanTally``), read by the archive's count and facets
instead of counting 100,000 plans after each publication.

A unit's rows are never adjusted by ±1: they are counted afresh from its plans, with grouped
INSERT … SELECT statements inside the writer's transaction, after each write that changes what
they count (a plan published, scheduled, withdrawn, deleted, moved to another unit, given other
years, topic or channels); then its province's totals, from the rows of the province's units.
Two recounts in one province follow each other: each locks the rows of its units and of their
province (``select_for_update``, in id order) before it reads anything, until its transaction
ends; SQLite lets one writer at a time anyway.

A save outside a transaction commits before ``post_save``: its recount then runs in a transaction
of its own, just after. Writers that send no signal (``update()``, COPY, the bench seeding) call
``rebuild()``, as ``manage.py recount_plan_tally`` does.
"""

from functools import reduce
from operator import or_

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import BigIntegerField, Case, DateTimeField, F, Max, Min, Q, Sum, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from plans.models import ALL_YEARS, NO_YEAR, Locality, Plan, PlanTally
from plans.models.tally import province_path, province_path_of
from publishing.models import Status

# Public once their time has come (``Plan.objects.public()``); scheduled ones are counted too.
TALLIED_STATUSES = (Status.PUBLISHED, Status.WITHDRAWN)
# What a plan's rows depend on, besides its channels; a save that writes none of them recounts nothing.
TALLIED_FIELDS = ("status", "published_at", "locality_id", "period_start", "period_end", "topic")
_LOCALITY = TALLIED_FIELDS.index("locality_id")
_STORED = "_plan_tally_stored"  # the row as it was before a save or delete, kept on the instance
_CLEARED = "_plan_tally_cleared"  # the plans a channel's list held before it was cleared
_UNTOUCHED = object()


def count_into(tally_model, plans, *, using=DEFAULT_DB_ALIAS):
    """Add the rows of the plans among ``plans`` that are or will be public (published, scheduled
    or withdrawn) to ``tally_model``'s table, per unit: one grouped INSERT … SELECT over the plans
    (as of no channel) and their channels.

    A plan meets its years by a join with the list of the two markers and of every year the
    plans' periods reach. Takes the models, so that the migration creating the table fills it
    with it too.
    """
    plans = plans.filter(status__in=TALLIED_STATUSES, published_at__isnull=False).order_by()
    span = plans.aggregate(first=Min("period_start"), last=Max("period_end"))
    years = [ALL_YEARS, NO_YEAR, *(range(span["first"], span["last"] + 1) if span["first"] is not None else ())]
    fields = {
        "tally_locality": F("locality"),
        "tally_path": F("locality__path"),
        "tally_topic": F("topic"),
        "tally_status": F("status"),
        "tally_visible_from": Case(
            When(published_at__gt=timezone.now(), then=F("published_at")), output_field=DateTimeField(),
        ),
        "tally_start": F("period_start"),
        "tally_end": F("period_end"),
    }
    plain = plans.values(**fields, tally_channel=Value(None, output_field=BigIntegerField()))
    by_channel = plans.values(**fields, tally_channel=F("channels")).filter(tally_channel__isnull=False)
    select, params = plain.union(by_channel, all=True).query.get_compiler(using).as_sql()
    quote = connections[using].ops.quote_name
    tally = tally_model._meta
    names = ["locality", "path", "year", "channel", "topic", "status", "visible_from"]
    grouped = ", ".join("years.column1" if name == "year" else f"counted.tally_{name}" for name in names)
    sql = (
        f"INSERT INTO {quote(tally.db_table)} ({', '.join(quote(tally.get_field(name).column) for name in [*names, 'n'])}) "
        f"SELECT {grouped}, COUNT(*) FROM ({select}) counted "
        f"JOIN (VALUES {', '.join(f'({int(year)})' for year in years)}) years "
        f"ON years.column1 = {ALL_YEARS} OR (years.column1 = {NO_YEAR} AND counted.tally_start IS NULL) "
        f"OR years.column1 BETWEEN counted.tally_start AND counted.tally_end "
        f"GROUP BY {grouped}"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)


def total_into(tally_model, rows, *, using=DEFAULT_DB_ALIAS):
    """Add to ``tally_model``'s table the totals of the provinces of the unit rows among ``rows``
    (pass every row of those provinces): their sums by province path, one INSERT … SELECT."""
    totals = (
        rows.filter(locality__isnull=False).order_by()
        .values(
            tally_path=province_path_of("path"),
            tally_year=F("year"),
            tally_channel=F("channel"),
            tally_topic=F("topic"),
            tally_status=F("status"),
            tally_visible=F("visible_from"),
        )
        .annotate(tally_n=Sum("n"))
    )
    select, params = totals.query.get_compiler(using).as_sql()
    quote = connections[using].ops.quote_name
    tally = tally_model._meta
    names = ["path", "year", "channel", "topic", "status", "visible_from", "n"]
    sql = (
        f"INSERT INTO {quote(tally.db_table)} ({', '.join(quote(tally.get_field(name).column) for name in names)}) "
        "SELECT totals.tally_path, totals.tally_year, totals.tally_channel, totals.tally_topic, totals.tally_status, "
        f"totals.tally_visible, totals.tally_n FROM ({select}) totals"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)


def recount(locality_ids, *, using=DEFAULT_DB_ALIAS):
    """Count the public plans of these units afresh, then their provinces' totals (in the caller's
    transaction, if any)."""
    ids = sorted({pk for pk in locality_ids if pk is not None})
    if not ids:
        return
    units = Locality._base_manager.using(using)
    with transaction.atomic(using=using):
        provinces = {province_path(path) for path in units.filter(pk__in=ids).values_list("path", flat=True)}
        # A recount of the same units or province waits here for the one before it to end, and then
        # reads what it wrote. In id order: two recounts never wait for each other.
        locked = units.filter(Q(pk__in=ids) | Q(path__in=provinces)).order_by("pk").select_for_update(no_key=True)
        list(locked.values_list("pk", flat=True))
        tallies = PlanTally.objects.using(using)
        tallies.filter(Q(locality__in=ids) | Q(locality__isnull=True, path__in=provinces)).delete()
        count_into(PlanTally, Plan._base_manager.using(using).filter(locality__in=ids), using=using)
        if provinces:
            in_provinces = reduce(or_, (Q(path__startswith=path) for path in provinces))
            total_into(PlanTally, tallies.filter(in_provinces), using=using)


def rebuild(*, using=DEFAULT_DB_ALIAS):
    """Count every plan afresh, for writes that send no signal (``update()``, COPY).

    Recounts of single units wait meanwhile (on PostgreSQL, a lock on the table that readers ignore).
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {connection.ops.quote_name(PlanTally._meta.db_table)} IN EXCLUSIVE MODE")
        tallies = PlanTally.objects.using(using)
        tallies.all().delete()
        count_into(PlanTally, Plan._base_manager.using(using).all(), using=using)
        total_into(PlanTally, tallies.all(), using=using)


def _counted(status, published_at, locality_id, *others):
    """What a plan's rows hold (its tallied fields), or None if it has none (a draft)."""
    return (status, published_at, locality_id, *others) if status in TALLIED_STATUSES and published_at is not None else None


def _locked_rows(plans, using):
    """The tallied fields of ``plans`` as stored, locked till the transaction ends if there is one:
    a concurrent write of one of them waits here, and then reads what this one wrote."""
    if connections[using].in_atomic_block:
        plans = plans.select_for_update(no_key=True)
    return list(plans.values_list(*TALLIED_FIELDS))


def _written(sender, update_fields):
    """The tallied fields a save writes."""
    if update_fields is None:
        return set(TALLIED_FIELDS)
    return {sender._meta.get_field(name).attname for name in update_fields} & set(TALLIED_FIELDS)


def _recount_change(before, after, using):
    if before != after:
        recount({counted[_LOCALITY] for counted in (before, after) if counted}, using=using)


def before_save(sender, instance, using, update_fields, **signal_kwargs):
    if _written(sender, update_fields):
        stored = _locked_rows(sender._base_manager.using(using).filter(pk=instance.pk), using) if instance.pk else []
        instance.__dict__[_STORED] = stored[0] if stored else None


def after_save(sender, instance, using, update_fields, **signal_kwargs):
    stored = instance.__dict__.pop(_STORED, _UNTOUCHED)
    if stored is _UNTOUCHED:
        return
    # A field the save did not write is as stored, whatever the instance holds.
    saved = dict(zip(TALLIED_FIELDS, stored, strict=True)) if stored else {}
    saved.update((name, getattr(instance, name)) for name in _written(sender, update_fields))
    _recount_change(stored and _counted(*stored), _counted(*(saved.get(name) for name in TALLIED_FIELDS)), using)


def before_delete(sender, instance, using, **signal_kwargs):
    stored = _locked_rows(sender._base_manager.using(using).filter(pk=instance.pk), using)
    instance.__dict__[_STORED] = stored[0] if stored else None


def after_delete(sender, instance, using, **signal_kwargs):
    stored = instance.__dict__.pop(_STORED, None)
    _recount_change(stored and _counted(*stored), None, using)


def after_channels_change(sender, instance, action, reverse, pk_set, using, **signal_kwargs):
    """Recount the units of the public plans whose channels changed (from either side of the list)."""
    if action == "pre_clear" and reverse:  # a channel's list: which plans held it is not known afterwards
        instance.__dict__[_CLEARED] = list(
            sender._base_manager.using(using).filter(channel=instance.pk).values_list("plan_id", flat=True)
        )
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        plan_ids = instance.__dict__.pop(_CLEARED, []) if reverse else [instance.pk]
    else:
        plan_ids = pk_set if reverse else [instance.pk] if pk_set else []
    if plan_ids:
        rows = _locked_rows(Plan._base_manager.using(using).filter(pk__in=plan_ids), using)
        recount({row[_LOCALITY] for row in rows if _counted(*row)}, using=using)


def keep_tallies():
    """Recount the units each write of a plan or of its channels changes. Connected before the
    cache's receivers (``PlansConfig.ready``): a plan's save then locks the plan's row, its units'
    rows, and then the content version's, the order of a locality's save too (its row, then the
    content version's)."""
    pre_save.connect(before_save, sender=Plan, dispatch_uid="plan-tally-pre-save")
    post_save.connect(after_save, sender=Plan, dispatch_uid="plan-tally-save")
    pre_delete.connect(before_delete, sender=Plan, dispatch_uid="plan-tally-pre-delete")
    post_delete.connect(after_delete, sender=Plan, dispatch_uid="plan-tally-delete")
    m2m_changed.connect(after_channels_change, sender=Plan.channels.through, dispatch_uid="plan-tally-channels")
