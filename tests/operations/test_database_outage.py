"""A database that cannot be reached: the public gets a Vietnamese 503 page that asks to come back,
/healthz names the database, and ``manage.py`` says in one line which database it could not open."""

import json
import urllib.error
import urllib.request

import pytest
from django.db import IntegrityError, InterfaceError
from django.test import RequestFactory
from django.urls import reverse

from portal.views import server_error
from tests.operations.processes import environment, get, gunicorn, manage

UNREACHABLE = {
    # Nothing listens on port 1: the connection is refused.
    "postgresql": ("postgres://cchc:mat-khau-bi-mat@127.0.0.1:1/cchc", "the PostgreSQL database 'cchc' on 127.0.0.1:1 as cchc"),
    # SQLite cannot create a file in a folder that does not exist.
    "sqlite": ("sqlite:////khong-co-thu-muc-nay/db.sqlite3", "the SQLite database '/khong-co-thu-muc-nay/db.sqlite3'"),
}


@pytest.fixture(scope="module")
def without_database(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("var")
    env = environment(var_dir, DATABASE_URL=UNREACHABLE["postgresql"][0])
    with gunicorn(env, var_dir / "gunicorn.log") as base_url:
        yield base_url


@pytest.mark.parametrize("page", ["home", "plans:list"])
def test_public_pages_answer_a_vietnamese_503(without_database, page):
    status, body = get(without_database + reverse(page))

    assert status == 503
    assert "Cổng tạm thời gián đoạn" in body and "thử lại sau ít phút" in body


def test_the_503_says_when_to_come_back(without_database):
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(without_database + reverse("home"), timeout=10)

    assert answer.value.code == 503
    assert int(answer.value.headers["Retry-After"]) > 0


def test_healthz_names_the_database(without_database):
    status, body = get(without_database + reverse("healthz"))

    assert status == 503
    checks = json.loads(body)["checks"]
    assert checks["database"] == "failed (OperationalError)"
    assert checks["cache"] == "ok" and checks["media"] == "ok"


def test_healthz_before_migrate_names_the_migrations(tmp_path):
    env = environment(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with gunicorn(env, tmp_path / "gunicorn.log") as base_url:
        status, body = get(base_url + reverse("healthz"))

    assert status == 503
    assert json.loads(body)["checks"]["database"] == "ok"
    assert json.loads(body)["checks"]["migrations"].endswith("not applied")


@pytest.mark.parametrize("engine", UNREACHABLE)
def test_manage_py_names_the_database_it_cannot_open(tmp_path, engine):
    url, described = UNREACHABLE[engine]
    result = manage(environment(tmp_path, DATABASE_URL=url), "migrate", check=False)

    assert result.returncode == 1
    assert result.stderr.startswith(f"Cannot open {described}: ")
    assert result.stderr.rstrip().endswith("Check DATABASE_URL.")
    assert len(result.stderr.strip().splitlines()) == 1  # no traceback
    assert "mat-khau-bi-mat" not in result.stderr


def test_manage_py_keeps_the_traceback_of_other_database_errors(tmp_path):
    env = environment(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    result = manage(env, "shell", "-c", "from plans.models import Plan; Plan.objects.count()", check=False)

    assert result.returncode == 1
    assert "Traceback" in result.stderr and "no such table" in result.stderr


def answer_to(error):
    try:
        raise error
    except type(error):
        return server_error(RequestFactory().get("/"))


def test_a_lost_connection_is_a_503_too():
    response = answer_to(InterfaceError("connection already closed"))

    assert response.status_code == 503 and "Retry-After" in response


@pytest.mark.parametrize("error", [ValueError("a bug"), IntegrityError("a bug in a query")])
def test_other_errors_keep_the_500_page(error):
    response = answer_to(error)

    assert response.status_code == 500 and "Retry-After" not in response
    assert "Đã có lỗi xảy ra" in response.content.decode()
