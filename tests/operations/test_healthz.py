"""/healthz tells a load balancer whether this instance can serve: database, cache, media storage,
migrations. A failing cache alone keeps the instance in service (the site works uncached)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

HEALTHY = {"status": "ok", "checks": {"database": "ok", "cache": "ok", "media": "ok", "migrations": "ok"}}


def test_a_healthy_instance_answers_ok(visitor, db):
    response = visitor.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == HEALTHY


def test_it_is_never_cached_and_touches_no_session(visitor, db, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    visitor.get(reverse("healthz"))
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(reverse("healthz"))

    assert len(queries) > 0  # checked again, not answered from a cache
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")


def test_it_leaves_no_file_behind(visitor, db, media_root):
    visitor.get(reverse("healthz"))

    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_media_storage_that_cannot_be_written_takes_the_instance_out(visitor, db, settings, tmp_path):
    (tmp_path / "not-a-folder").write_text("")
    settings.MEDIA_ROOT = tmp_path / "not-a-folder" / "media"

    response = visitor.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert response.json()["checks"]["media"].startswith("failed (")
    assert response.json()["checks"]["database"] == "ok"


def test_a_failing_cache_keeps_the_instance_in_service(broken_redis, visitor, db):
    response = visitor.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {**HEALTHY["checks"], "cache": "not answering"}}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_rejects_writes(visitor, db, method):
    assert getattr(visitor, method)(reverse("healthz")).status_code == 405
