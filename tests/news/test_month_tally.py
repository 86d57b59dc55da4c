"""The month tallies (news/month_tally.py) always say what counting the published articles would say:
through publications, schedules, moves across months and units, withdrawals and deletions."""

import datetime
import random
import threading
from collections import Counter
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.filters import ArticleFilter
from news.models import Article, ArticleMonthTally
from news.month_tally import month_of, rebuild, recount
from news.selectors import MonthItem, months_with_articles, published_count
from tests.factories import LocalityFactory
from tests.news.factories import ArticleFactory, DraftArticleFactory

pytestmark = pytest.mark.django_db

VIETNAM = datetime.timezone(datetime.timedelta(hours=7))
Status = Article.Status


@pytest.fixture
def units(db):
    """Two provinces, one with a district and a commune, one that took in a former province."""
    tra_vinh = LocalityFactory(short_name="Trà Vinh")
    cang_long = LocalityFactory(short_name="Càng Long", kind="huyen", parent=tra_vinh)
    quang_ngai = LocalityFactory(short_name="Quảng Ngãi")
    kon_tum = LocalityFactory(short_name="Kon Tum", successor=quang_ngai, valid_until=datetime.date(2025, 6, 30))
    return {
        "tra_vinh": tra_vinh,
        "cang_long": cang_long,
        "an_truong": LocalityFactory(short_name="An Trường", kind="xa", parent=cang_long),
        "quang_ngai": quang_ngai,
        "kon_tum": kon_tum,
        "dak_to": LocalityFactory(short_name="Đắk Tô", kind="huyen", parent=kon_tum),
    }


def counted_afresh():
    """{(month, province path): articles public now}, by a grouped count over the articles themselves."""
    rows = (
        Article.objects.published().order_by()
        .values("locality__path", month=TruncMonth("published_at")).annotate(count=Count("pk"))
    )
    found = Counter()
    for row in rows:
        province = row["locality__path"].split("/")[0] + "/" if row["locality__path"] else None
        found[timezone.localtime(row["month"]).date(), province] += row["count"]
    return found


def tallied():
    rows = ArticleMonthTally.objects.visible().values("month", "province__path").annotate(count=Sum("count"))
    return Counter({(row["month"], row["province__path"]): row["count"] for row in rows if row["count"]})


def assert_tallies_match(units):
    expected = counted_afresh()
    assert tallied() == expected
    months = Counter()
    for (month, _), count in expected.items():
        months[month] += count
    cache.clear()  # the months as computed now, not as remembered
    assert months_with_articles() == [MonthItem(month, months[month]) for month in sorted(months, reverse=True)]
    for unit in units.values():
        listed = ArticleFilter({"locality": unit.slug}, queryset=Article.objects.published())
        assert listed.tallied_count() in (None, listed.qs.count()), unit


class Editors:
    """What editors and approvers do to articles, picked at random: each step saves or deletes the way
    the admin and the workflow do (``update_fields`` included), or lets time pass."""

    def __init__(self, rng, units, clock):
        self.rng, self.clock = rng, clock
        self.units = [None, *units.values()]
        self.ids = []

    def moment(self):
        """A time near a month's edges in Vietnam (where time zones matter), or any, past or to come."""
        rng = self.rng
        if rng.random() < 0.25:  # scheduled: from minutes to weeks ahead, across a month's end sometimes
            return timezone.now() + datetime.timedelta(minutes=rng.randrange(1, 40 * 24 * 60))
        month = datetime.date(2024, rng.randrange(1, 13), 1)
        edge = rng.choice(["first", "last", "any"])
        if edge == "first":
            local = datetime.datetime(month.year, month.month, 1, 0, rng.randrange(60), tzinfo=VIETNAM)
        elif edge == "last":
            following = (month + datetime.timedelta(days=32)).replace(day=1)
            local = datetime.datetime(following.year, following.month, 1, tzinfo=VIETNAM) - datetime.timedelta(
                minutes=rng.randrange(1, 60))
        else:
            local = datetime.datetime(month.year, month.month, rng.randrange(1, 29), rng.randrange(24), tzinfo=VIETNAM)
        return local.astimezone(datetime.UTC)

    def some(self, *statuses):
        """One of the articles in one of ``statuses``, chosen by the seed, or None."""
        ids = list(Article.objects.filter(pk__in=self.ids, status__in=statuses).order_by("pk").values_list("pk", flat=True))
        return Article.objects.get(pk=self.rng.choice(ids)) if ids else None

    def step(self):
        action = self.rng.choices(
            ["write", "publish", "schedule", "move_time", "move_unit", "withdraw", "republish", "delete",
             "delete_several", "edit_text", "save_stale", "time_passes"],
            weights=[12, 14, 6, 10, 8, 6, 5, 4, 2, 5, 4, 4],
        )[0]
        getattr(self, action)()

    def write(self):
        factory = self.rng.choice([DraftArticleFactory, ArticleFactory])
        values = {"locality": self.rng.choice(self.units)}
        if factory is ArticleFactory:
            values["published_at"] = self.moment()
        self.ids.append(factory(**values).pk)

    def publish(self, at=None):
        article = self.some(Status.DRAFT, Status.SUBMITTED)
        if article:  # as the workflow's publish() writes it
            article.status, article.published_at = Status.PUBLISHED, at or self.rng.choice([timezone.now(), self.moment()])
            article.save(update_fields=["status", "published_at", "updated_at"])

    def schedule(self):
        self.publish(at=timezone.now() + datetime.timedelta(hours=self.rng.randrange(1, 100)))

    def move_time(self):
        article = self.some(Status.PUBLISHED, Status.WITHDRAWN)
        if article:
            article.published_at = self.moment()
            article.save()

    def move_unit(self):
        article = self.some(Status.PUBLISHED, Status.DRAFT)
        if article:
            article.locality = self.rng.choice(self.units)
            article.save(update_fields=["locality"] if self.rng.random() < 0.5 else None)

    def withdraw(self):
        article = self.some(Status.PUBLISHED)
        if article:
            article.status, article.withdrawn_at, article.withdrawn_reason = Status.WITHDRAWN, timezone.now(), "Sai số liệu"
            article.save(update_fields=["status", "withdrawn_at", "withdrawn_reason", "updated_at"])

    def republish(self):
        article = self.some(Status.WITHDRAWN)
        if article:
            article.status = Status.PUBLISHED
            article.save()

    def delete(self):
        article = self.some(*Status.values)
        if article:
            article.delete()

    def delete_several(self):
        Article.objects.filter(pk__in=self.rng.sample(self.ids, min(3, len(self.ids)))).delete()

    def edit_text(self):
        article = self.some(*Status.values)
        if article:
            article.title = f"{article.title}."
            article.save()

    def save_stale(self):
        """An editor saves a copy loaded before another's change of the same article."""
        article = self.some(Status.PUBLISHED)
        if article:
            stale = Article.objects.get(pk=article.pk)
            article.published_at, article.locality = self.moment(), self.rng.choice(self.units)
            article.save()
            stale.title = f"{stale.title}!"
            stale.save()

    def time_passes(self):
        self.clock.move(hours=self.rng.randrange(1, 72))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_tallies_always_equal_a_fresh_count(seed, units, clock):
    rng = random.Random(seed)
    editors = Editors(rng, units, clock)
    for number in range(1, 151):
        editors.step()
        if number % 20 == 0:
            assert_tallies_match(units)
    assert_tallies_match(units)


def test_a_scheduled_article_counts_in_its_month_once_its_time_comes_with_no_write(client, clock):
    ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=1))
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    month = month_of(scheduled.published_at)
    before = {item.month: item.count for item in months_with_articles()}

    clock.move(hours=1, minutes=1)
    with CaptureQueriesContext(connection) as queries:
        after = {item.month: item.count for item in months_with_articles()}
        total = client.get(reverse("news:list")).context["total"]

    assert after[month] == before.get(month, 0) + 1
    assert total == 2
    writes = [query["sql"] for query in queries if query["sql"].lstrip("( ").upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_moving_an_article_to_another_month_moves_its_count():
    article = ArticleFactory(published_at=datetime.datetime(2024, 1, 31, 16, 30, tzinfo=datetime.UTC))  # 23:30 in Vietnam
    ArticleFactory(published_at=datetime.datetime(2024, 1, 10, tzinfo=datetime.UTC))

    article.published_at = datetime.datetime(2024, 1, 31, 17, 30, tzinfo=datetime.UTC)  # 00:30 on 1 February
    article.save()

    assert [(item.month, item.count) for item in months_with_articles()] == [
        (datetime.date(2024, 2, 1), 1), (datetime.date(2024, 1, 1), 1),
    ]


def test_a_save_that_changes_nothing_counted_recounts_nothing():
    article = ArticleFactory()

    with CaptureQueriesContext(connection) as queries:
        article.view_count = 12
        article.save(update_fields=["view_count"])
        article.title = "Tiêu đề mới"
        article.save()

    assert not [query for query in queries if "news_articlemonthtally" in query["sql"]]


def test_the_news_list_total_comes_from_the_tallies_for_a_province_and_what_merged_into_it(client, units):
    ArticleFactory(locality=units["quang_ngai"])
    ArticleFactory(locality=units["dak_to"])  # a district of former Kon Tum, now in Quảng Ngãi
    ArticleFactory(locality=units["an_truong"])
    DraftArticleFactory(locality=units["quang_ngai"])

    assert published_count(units["quang_ngai"]) == 2
    assert published_count(units["cang_long"]) is None  # below a province: the list counts the articles
    for unit, total in [("quang_ngai", 2), ("kon_tum", 1), ("tra_vinh", 1), ("cang_long", 1)]:
        response = client.get(reverse("news:list"), {"locality": units[unit].slug})
        assert response.context["total"] == total, unit


def test_recount_article_months_catches_up_with_writes_that_sent_no_signal():
    article = ArticleFactory(published_at=datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC))
    Article.objects.filter(pk=article.pk).update(published_at=datetime.datetime(2024, 5, 5, tzinfo=datetime.UTC))

    call_command("recount_article_months", stdout=StringIO())

    assert [(item.month, item.count) for item in months_with_articles()] == [(datetime.date(2024, 5, 1), 1)]


def test_a_rebuild_gives_the_figures_the_recounts_gave(units, clock):
    editors = Editors(random.Random(7), units, clock)
    for _ in range(60):
        editors.step()
    kept = tallied()

    rebuild()

    assert tallied() == kept
    assert_tallies_match(units)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_recounts_of_one_month_follow_each_other():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer at a time anyway")
    month, other_done = datetime.date(2024, 3, 1), threading.Event()

    def other_writer():
        try:
            recount([month])
            other_done.set()
        finally:
            connection.close()

    with transaction.atomic():
        recount([month])
        other = threading.Thread(target=other_writer)
        other.start()
        assert not other_done.wait(0.5)  # it waits for this transaction to end
    assert other_done.wait(10)
    other.join()
