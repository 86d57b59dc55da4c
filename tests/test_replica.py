"""Reads of the public go to the replica when one is configured; everything else to the primary."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from plans.models import Plan
from portal.db_router import ReplicaReadsMiddleware, ReplicaRouter
from tests.test_settings import load_settings


def database_chosen(method, user):
    chosen = {}

    def view(request):
        chosen["read"] = ReplicaRouter().db_for_read(Plan)
        chosen["write"] = ReplicaRouter().db_for_write(Plan)

    request = getattr(RequestFactory(), method)("/ke-hoach/")
    request.user = user
    ReplicaReadsMiddleware(view)(request)
    return chosen


def test_anonymous_reads_go_to_the_replica(db):
    assert database_chosen("get", AnonymousUser()) == {"read": "replica", "write": "default"}


def test_staff_and_writes_stay_on_the_primary(officer_a):
    assert database_chosen("get", officer_a)["read"] == "default"
    assert database_chosen("post", AnonymousUser())["read"] == "default"
    assert ReplicaRouter().db_for_read(Plan) == "default"  # outside any request
    assert ReplicaRouter().allow_migrate("replica", "plans") is False


def test_replica_url_adds_the_database_and_the_router(tmp_path):
    result = load_settings(
        tmp_path, show="s.DATABASES['replica']['NAME'], s.DATABASE_ROUTERS",
        DATABASE_REPLICA_URL="postgres://reader@replica.example:5432/cchc",
    )
    assert result.stdout.strip() == "cchc ['portal.db_router.ReplicaRouter']"
