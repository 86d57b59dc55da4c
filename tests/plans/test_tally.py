"""The plan tallies (plans/tally.py) always give the archive the figures that counting the plans
would give: through drafts, publications, schedules, edits of a public plan's period, topic, unit
and channels, withdrawals, re-publications and deletions, for every combination of filters."""

import datetime
import importlib
import random
from collections import Counter
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plans import selectors
from plans.models import UNKNOWN_YEAR, Channel, Plan, PlanTally
from plans.selectors import ArchiveQuery, archive_count, channel_facet, locality_facet, matching_plans, year_facet
from plans.tally import rebuild
from publishing import workflow
from publishing.workflow import publish, return_for_changes, submit, withdraw
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory

pytestmark = pytest.mark.django_db

Status = Plan.Status
TOPICS = [topic for topic, _ in Plan.Topic.choices]
YEARS = range(2016, 2031)


@pytest.fixture(autouse=True)
def no_notices(monkeypatch):
    """The workflow's e-mail notices are not what is counted here (and finding the approvers is
    most of a step's time on PostgreSQL)."""
    monkeypatch.setattr(workflow, "notify", lambda transition: None)


@pytest.fixture
def clock(monkeypatch):
    """Django's clock, which ``public()``, the workflow and the tallies read, moved forward on demand."""

    class Clock:
        offset = datetime.timedelta()

        def move(self, **delta):
            self.offset += datetime.timedelta(**delta)

    clock = Clock()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + clock.offset)
    return clock


@pytest.fixture
def units(db):
    """Provinces with districts and communes, a former province merged into today's, and a former
    district merged into a district of the same city."""
    tra_vinh = LocalityFactory(short_name="Trà Vinh")
    cang_long = LocalityFactory(short_name="Càng Long", kind="huyen", parent=tra_vinh)
    quang_ngai = LocalityFactory(short_name="Quảng Ngãi")
    kon_tum = LocalityFactory(short_name="Kon Tum", successor=quang_ngai, valid_until=datetime.date(2025, 6, 30))
    dak_to = LocalityFactory(short_name="Đắk Tô", kind="huyen", parent=kon_tum)
    ho_chi_minh = LocalityFactory(short_name="Hồ Chí Minh", kind="thanh-pho-tw")
    thu_duc = LocalityFactory(short_name="Thủ Đức", kind="thanh-pho-thuoc-tinh", parent=ho_chi_minh)
    quan_9 = LocalityFactory(
        short_name="9", kind="quan", parent=ho_chi_minh, successor=thu_duc, valid_until=datetime.date(2020, 12, 31),
    )
    return {
        "tra_vinh": tra_vinh,
        "cang_long": cang_long,
        "an_truong": LocalityFactory(short_name="An Trường", kind="xa", parent=cang_long),
        "quang_ngai": quang_ngai,
        "kon_tum": kon_tum,
        "dak_to": dak_to,
        "dak_rve": LocalityFactory(short_name="Đắk Rve", kind="thi-tran", parent=dak_to),
        "ho_chi_minh": ho_chi_minh,
        "thu_duc": thu_duc,
        "quan_9": quan_9,
        "phu_huu": LocalityFactory(short_name="Phú Hữu", kind="phuong", parent=quan_9),
    }


@pytest.fixture
def agencies(units):
    return {key: AgencyFactory(locality=unit) for key, unit in units.items()}


@pytest.fixture
def uncached(monkeypatch):
    """Counts and facets computed at each call, not kept for the content version."""
    monkeypatch.setattr(selectors, "remember_summary", lambda query, part, compute: compute())


def figures(query):
    """The archive's count and facets for ``query``, as plain values."""
    return (
        archive_count(query, matching_plans(query)),
        year_facet(query),
        channel_facet(query),
        locality_facet(query),
    )


def figures_counted_from_plans(query, monkeypatch):
    """The same figures by the plain SQL over the plans, as before the tallies."""
    with monkeypatch.context() as patch:
        patch.setattr(selectors, "tallied", lambda query: False)
        return figures(query)


def visible_rows():
    """The tally rows as they count now: a scheduled plan's time, once passed, is no longer told apart."""
    now, rows = timezone.now(), Counter()
    for row in PlanTally.objects.values("locality_id", "path", "year", "channel_id", "topic", "status", "visible_from", "n"):
        visible_from = row["visible_from"] if row["visible_from"] and row["visible_from"] > now else None
        rows[row["locality_id"], row["path"], row["year"], row["channel_id"], row["topic"], row["status"], visible_from] += row["n"]
    return rows


class Archive:
    """Random writes to the plans, as officers and approvers make them, and random archive queries."""

    def __init__(self, rng, units, agencies, superuser, clock):
        self.rng, self.units, self.agencies, self.by, self.clock = rng, units, agencies, superuser, clock
        self.channels = list(Channel.objects.all()[:6])

    def period(self):
        if self.rng.random() < 0.15:
            return {"period_start": None, "period_end": None}
        start = self.rng.choice(range(2017, 2027))
        return {"period_start": start, "period_end": start + self.rng.choice([0, 0, 1, 2, 4])}

    def some_channels(self):
        return self.rng.sample(self.channels, self.rng.randint(0, 4))

    def plan(self, *statuses):
        plans = list(Plan.objects.filter(status__in=statuses).order_by("pk"))
        return self.rng.choice(plans) if plans else None

    def step(self):
        getattr(self, self.rng.choice([
            "draft", "draft", "publish", "publish", "publish", "schedule", "edit", "edit", "edit", "change_channels",
            "change_channels", "stale_edit", "withdraw", "republish", "return_draft", "delete", "time_passes",
        ]))()

    def draft(self):
        key = self.rng.choice(list(self.units))
        DraftPlanFactory(
            agency=self.agencies[key], locality=self.units[key], topic=self.rng.choice(TOPICS),
            channels=self.some_channels(), **self.period(),
        )

    def publish(self, at=None):
        plan = self.plan(Status.DRAFT, Status.SUBMITTED)
        if plan is None:
            return
        if plan.status == Status.DRAFT:
            submit(item=plan, by=self.by)
        publish(item=plan, by=self.by, at=at)

    def schedule(self):
        self.publish(at=timezone.now() + datetime.timedelta(minutes=self.rng.randint(1, 120)))

    def edit(self):
        plan = self.plan(Status.PUBLISHED, Status.WITHDRAWN)
        if plan is None:
            return
        change = self.rng.choice(["period", "topic", "locality", "everything"])
        if change in ("period", "everything"):
            for name, value in self.period().items():
                setattr(plan, name, value)
        if change in ("topic", "everything"):
            plan.topic = self.rng.choice(TOPICS)
        if change in ("locality", "everything"):
            key = self.rng.choice(list(self.units))
            plan.agency, plan.locality = self.agencies[key], self.units[key]
        plan.save()

    def stale_edit(self):
        """Two officers on one plan: the second saves only the topic, from a copy loaded before the first moved it."""
        plan = self.plan(Status.PUBLISHED, Status.WITHDRAWN, Status.DRAFT)
        if plan is None:
            return
        stale = Plan.objects.get(pk=plan.pk)
        plan.locality = self.units[self.rng.choice(list(self.units))]
        plan.save()
        stale.topic = self.rng.choice(TOPICS)
        stale.save(update_fields=["topic", "updated_at"])

    def change_channels(self):
        plan = self.plan(Status.PUBLISHED, Status.WITHDRAWN, Status.DRAFT)
        if plan is None:
            return
        channel = self.rng.choice(self.channels)
        change = self.rng.choice(["set", "set", "add", "remove", "clear", "channel_add", "channel_remove", "channel_clear"])
        if change == "set":
            plan.channels.set(self.some_channels())
        elif change == "add":
            plan.channels.add(channel)
        elif change == "remove":
            plan.channels.remove(channel)
        elif change == "clear":
            plan.channels.clear()
        elif change == "channel_add":
            channel.plans.add(plan)
        elif change == "channel_remove":
            channel.plans.remove(plan)
        else:  # the channel taken off every plan
            channel.plans.clear()

    def withdraw(self):
        plan = self.plan(Status.PUBLISHED)
        if plan is not None:
            withdraw(item=plan, by=self.by, comment="Ban hành nhầm")

    def republish(self):
        plan = self.plan(Status.WITHDRAWN)
        if plan is not None:
            plan.status, plan.withdrawn_at, plan.withdrawn_reason = Status.PUBLISHED, None, ""
            plan.save()

    def return_draft(self):
        plan = self.plan(Status.DRAFT, Status.SUBMITTED)
        if plan is None:
            return
        if plan.status == Status.DRAFT:
            submit(item=plan, by=self.by)
        return_for_changes(item=plan, by=self.by, comment="Bổ sung số liệu")

    def delete(self):
        plan = self.plan(Status.DRAFT, Status.PUBLISHED, Status.WITHDRAWN)
        if plan is not None:
            plan.delete()

    def time_passes(self):
        self.clock.move(minutes=self.rng.randint(0, 90))

    def query(self):
        rng = self.rng
        return ArchiveQuery(
            year=rng.choice([None, None, UNKNOWN_YEAR, *rng.sample(YEARS, 2)]),
            locality=rng.choice([None, None, *self.units.values()]),
            channel=rng.choice([None, None, *self.channels]),
            topic=rng.choice(["", "", *TOPICS]),
            withdrawn=rng.random() < 0.4,
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_tallies_give_the_figures_counting_the_plans_gives(seed, units, agencies, superuser, clock, uncached, monkeypatch):
    archive = Archive(random.Random(seed), units, agencies, superuser, clock)
    for step in range(1, 241):
        archive.step()
        if step % 20 == 0:
            for _ in range(12):
                query = archive.query()
                assert figures(query) == figures_counted_from_plans(query, monkeypatch), (step, query)
    assert Plan.objects.public().exists() and PlanTally.objects.exists()
    counted = visible_rows()
    rebuild()
    assert visible_rows() == counted


def test_a_scheduled_plan_is_counted_from_its_time_on_with_no_write(units, agencies, superuser, clock):
    PlanFactory(agency=agencies["cang_long"], period_start=2025)
    plan = DraftPlanFactory(agency=agencies["an_truong"], period_start=2025)
    submit(item=plan, by=superuser)
    publish(item=plan, by=superuser, at=timezone.now() + datetime.timedelta(hours=1))
    everywhere, in_commune = ArchiveQuery(), ArchiveQuery(locality=units["an_truong"], year=2025)
    assert archive_count(everywhere, None) == (1, True)
    assert archive_count(in_commune, None) == (0, True)

    clock.move(hours=1, seconds=1)
    with CaptureQueriesContext(connection) as queries:
        assert archive_count(everywhere, None) == (2, True)
        assert archive_count(in_commune, None) == (1, True)
        assert [item.count for item in year_facet(everywhere)] == [2]
    assert not [query for query in queries if query["sql"].split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")]


def test_the_migration_and_the_rebuild_give_the_rows_the_writes_kept(units, agencies, superuser, clock):
    rng = random.Random(7)
    archive = Archive(rng, units, agencies, superuser, clock)
    for _ in range(80):
        archive.step()
    kept = visible_rows()
    assert kept

    PlanTally.objects.all().delete()
    migration = importlib.import_module("plans.migrations.0012_plantally")
    migration.fill(apps, SimpleNamespace(connection=connection))
    assert visible_rows() == kept

    PlanTally.objects.all().delete()
    call_command("recount_plan_tally")
    assert visible_rows() == kept


def test_the_recount_command_repairs_a_write_that_sent_no_signal(units, agencies):
    plan = PlanFactory(agency=agencies["dak_to"], period_start=2024)
    Plan.objects.filter(pk=plan.pk).update(locality=units["thu_duc"], period_start=2021, period_end=2022)
    call_command("recount_plan_tally")
    query = ArchiveQuery(locality=units["thu_duc"], year=2022)
    assert archive_count(query, None) == (1, True)
    assert archive_count(ArchiveQuery(locality=units["kon_tum"]), None) == (0, True)


def test_a_draft_costs_no_recount(units, agencies):
    plan = DraftPlanFactory(agency=agencies["an_truong"])
    with CaptureQueriesContext(connection) as queries:
        plan.title = "Kế hoạch đã sửa"
        plan.save()
        plan.channels.set(Channel.objects.all()[:2])
    assert not [query for query in queries if PlanTally._meta.db_table in query["sql"]]


def test_an_edit_that_keeps_what_is_counted_recounts_nothing(units, agencies):
    plan = PlanFactory(agency=agencies["an_truong"])
    with CaptureQueriesContext(connection) as queries:
        plan.title = "Kế hoạch đã sửa"
        plan.save()
    assert not [query for query in queries if PlanTally._meta.db_table in query["sql"]]


def test_a_province_and_everywhere_are_read_from_the_provinces_totals(units, agencies):
    PlanFactory.create_batch(3, agency=agencies["an_truong"])
    PlanFactory(agency=agencies["dak_rve"])
    totals = PlanTally.objects.filter(locality__isnull=True)
    assert set(totals.values_list("path", flat=True)) == {units["tra_vinh"].path, units["kon_tum"].path}
    assert totals.filter(path=units["tra_vinh"].path).for_year().with_channel().total() == 3
    assert archive_count(ArchiveQuery(locality=units["quang_ngai"]), None) == (1, True)
    assert archive_count(ArchiveQuery(), None) == (4, True)
