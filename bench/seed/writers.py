"""Writing many rows fast: COPY on PostgreSQL, ``bulk_create`` on any other database.

Rows are tuples of column values in the order of the ``columns`` given (attribute
names: ``plan_id``, not ``plan``). Ids are handed out before writing
(``reserve_ids``), so the parts of a plan can point at it without reading
anything back. Neither path calls ``save()`` or sends signals.
"""

from contextlib import contextmanager, nullcontext
from itertools import islice

from django.db import connection


def writer_for(batch_size):
    """The fastest writer the default database supports."""
    if connection.vendor == "postgresql":
        return CopyWriter(batch_size)
    return BulkCreateWriter(batch_size)


def batched(rows, size):
    rows = iter(rows)
    while batch := list(islice(rows, size)):
        yield batch


class BulkCreateWriter:
    """Portable: ``bulk_create`` in batches; ids are the next free ones (no concurrent writers assumed)."""

    def __init__(self, batch_size):
        self.batch_size = batch_size

    def loading(self, models):
        """Whatever makes writing many rows into ``models``' tables faster (nothing, here)."""
        return nullcontext()

    def reserve_ids(self, model, count):
        """The first of ``count`` consecutive ids nobody uses yet."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({_quote(model._meta.pk.column)}) FROM {_quote(model._meta.db_table)}")
            return (cursor.fetchone()[0] or 0) + 1

    def write(self, model, columns, rows):
        written = 0
        for batch in batched(rows, self.batch_size):
            model.objects.bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for row in batch], batch_size=self.batch_size,
            )
            written += len(batch)
        return written


class CopyWriter(BulkCreateWriter):
    """PostgreSQL: ``COPY … FROM STDIN`` through psycopg, several times faster than INSERT."""

    def reserve_ids(self, model, count):
        """Take ``count`` ids from the table's sequence in one step, so the web app never reuses them."""
        table, pk = model._meta.db_table, model._meta.pk.column
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [_quote(table), pk])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = cursor.fetchone()[0]
            if count > 1:
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
        return first

    @contextmanager
    def loading(self, models):
        """Drop the foreign keys and secondary indexes of ``models``' tables while loading, then put them back.

        Building an index once is much faster than updating it row by row, and checking a
        foreign key with one join than with a trigger per row. Call it inside the seeding
        transaction: DDL is transactional in PostgreSQL, so a failure leaves the schema as it
        was. The tables are locked until the transaction ends.
        """
        tables = [model._meta.db_table for model in models]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])", [tables],
            )
            foreign_keys = cursor.fetchall()
            # Unique and primary-key indexes stay: they guard the data and foreign keys need them.
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index index "
                "WHERE indrelid = ANY(%s::regclass[]) AND NOT indisunique AND NOT indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = index.indexrelid)", [tables],
            )
            indexes = cursor.fetchall()
            # Rows written earlier in the transaction have their foreign-key checks queued until
            # commit; PostgreSQL refuses to alter a table with queued checks, so run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name, _definition in foreign_keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            for table, name, definition in foreign_keys:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys are INITIALLY DEFERRED

    def write(self, model, columns, rows):
        db_columns = ", ".join(_quote(model._meta.get_field(_field_name(model, name)).column) for name in columns)
        written = 0
        with connection.cursor() as cursor:
            # Django's cursor wraps psycopg's, which has copy().
            with cursor.cursor.copy(f"COPY {_quote(model._meta.db_table)} ({db_columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
        return written


def _field_name(model, attname):
    """``plan_id`` → ``plan``: ``get_field`` knows fields by name."""
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field.name
    raise ValueError(f"{model.__name__} has no column {attname!r}")


def _quote(name):
    return connection.ops.quote_name(name)
