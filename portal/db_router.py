"""Send the public's reads to a PostgreSQL replica when ``DATABASE_REPLICA_URL`` is set.

Only anonymous GET/HEAD requests read from the replica: staff who just saved
something, and every write, use the primary, so nobody sees their own change
missing because of replication lag.
"""

from contextvars import ContextVar

_reads_from_replica = ContextVar("reads_from_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return "replica" if _reads_from_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Marks anonymous GET/HEAD requests as replica readers for the router above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public_read = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        token = _reads_from_replica.set(public_read)
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
