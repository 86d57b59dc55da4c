"""Two gunicorn instances (standing in for two machines, or two workers), each with its own local
memory cache and the page cache at its default, sharing one database: a change made elsewhere is
seen by both within a second, though each keeps the pages it served (publishing/cache.py)."""

import json
import time
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.deploy.server import fresh_database
from tests.operations.processes import environment, get, gunicorn, manage, python, start_python

SHOWN_WITHIN_SECONDS = 1.0
EDITED_TITLE = "Kế hoạch tuyên truyền cải cách hành chính năm 2024 (đã sửa)"

# Each step runs in a process of its own (a worker elsewhere); a write prints when it committed.
CREATE_PLANS = """
import json
from tests.factories import PlanFactory, UserFactory
UserFactory(username="quantri", is_staff=True, is_superuser=True)
plans = {name: PlanFactory(title=f"Kế hoạch tuyên truyền cải cách hành chính của {name}")
         for name in ("xã Sửa Đổi", "xã Thu Hồi")}
print(json.dumps({name: [plan.pk, plan.title, plan.get_absolute_url()] for name, plan in plans.items()}))
"""
RENAME_WITHOUT_SIGNALS = """
from plans.models import Plan
Plan.objects.filter(pk={pk}).update(title={title!r})
"""
EDIT = """
import time
from plans.models import Plan
plan = Plan.objects.get(pk={pk})
plan.title = {title!r}
plan.save()
print(time.time())
"""
WITHDRAW = """
import time
from django.contrib.auth import get_user_model
from plans.models import Plan
from publishing.workflow import withdraw
withdraw(item=Plan.objects.get(pk={pk}), by=get_user_model().objects.get(username="quantri"), comment="Ban hành nhầm")
print(time.time())
"""


@dataclass
class Site:
    env: dict
    plans: dict
    instances: list

    def pages(self, path):
        return [get(base_url + path)[1] for base_url in self.instances]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("var")
    with fresh_database(var_dir, "db") as database_url:
        env = environment(var_dir, DATABASE_URL=database_url)
        manage(env, "migrate", "--noinput")
        plans = json.loads(python(env, CREATE_PLANS))
        with gunicorn(env, var_dir / "first.log") as first, gunicorn(env, var_dir / "second.log") as second:
            yield Site(env, plans, [first, second])


def seconds_to_see(site, writer, expected):
    """How long after ``writer`` committed every instance answered every path of ``expected`` with a
    page its test accepts (asked over and over while the writer runs)."""
    deadline = time.monotonic() + 30
    while not all(seen(page) for path, seen in expected.items() for page in site.pages(path)):
        assert time.monotonic() < deadline, f"not seen on both instances within 30 s: {list(expected)}"
        time.sleep(0.01)
    seen_at = time.time()
    output, errors = writer.communicate(timeout=60)
    assert writer.returncode == 0, errors
    return seen_at - float(output)


def test_both_instances_keep_the_pages_they_served(site):
    pk, title, url = site.plans["xã Sửa Đổi"]
    archive = reverse("plans:list")
    for _ in range(2):
        assert all(title in page for page in site.pages(url) + site.pages(archive))

    # Changed behind the portal's back (no invalidation): both still answer from their cache.
    python(site.env, RENAME_WITHOUT_SIGNALS.format(pk=pk, title="Tên đổi ngầm"))
    assert all(title in page and "Tên đổi ngầm" not in page for page in site.pages(url) + site.pages(archive))


def test_an_edit_is_seen_by_both_instances_within_a_second(site):
    pk, title, url = site.plans["xã Sửa Đổi"]
    archive = reverse("plans:list")
    assert all(title in page for page in site.pages(url) + site.pages(archive))  # cached on both

    writer = start_python(site.env, EDIT.format(pk=pk, title=EDITED_TITLE))
    edited = lambda page: EDITED_TITLE in page and title not in page  # noqa: E731
    elapsed = seconds_to_see(site, writer, {url: edited, archive: edited})

    print(f"edit seen on both instances {elapsed:.3f} s after its commit")  # pytest -rP shows it
    assert elapsed < SHOWN_WITHIN_SECONDS


def test_a_withdrawal_is_seen_by_both_instances_within_a_second(site):
    pk, title, url = site.plans["xã Thu Hồi"]
    archive = reverse("plans:list")
    assert all(title in page for page in site.pages(archive))  # cached on both
    assert all("Ban hành nhầm" not in page for page in site.pages(url))

    writer = start_python(site.env, WITHDRAW.format(pk=pk))
    elapsed = seconds_to_see(site, writer, {
        archive: lambda page: title not in page,
        url: lambda page: "Ban hành nhầm" in page,  # the reason, shown on the plan's own page
    })

    print(f"withdrawal seen on both instances {elapsed:.3f} s after its commit")
    assert elapsed < SHOWN_WITHIN_SECONDS
