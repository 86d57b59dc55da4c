"""``manage.py seed_benchmark``: synthetic plans and news in bulk, on whatever localities exist."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from news.models import Article
from plans.models import Agency, Plan
from plans.services import refresh_search_text
from publishing.remember import remember
from tests.factories import LocalityFactory

PLANS, ARTICLES = 200, 1000


def seed_benchmark(**options):
    out = StringIO()
    call_command("seed_benchmark", stdout=out, **{"plans": PLANS, "articles": ARTICLES, "seed": 1, **options})
    return out.getvalue()


def seeded_plans():
    return Plan.objects.filter(slug__startswith="seed-")


def seeded_articles():
    return Article.objects.filter(slug__startswith="seed-")


@pytest.fixture
def seeded(localities):
    return seed_benchmark()


def test_it_writes_the_requested_numbers_and_reports_the_rate(seeded):
    assert seeded_plans().count() == PLANS
    assert seeded_articles().count() == ARTICLES
    assert "dòng/giây" in seeded


def test_about_five_percent_are_drafts(seeded):
    plan_drafts = seeded_plans().filter(status=Plan.Status.DRAFT, published_at__isnull=True).count()
    article_drafts = seeded_articles().filter(status=Article.Status.DRAFT, published_at__isnull=True).count()
    assert 0.02 <= plan_drafts / PLANS <= 0.09
    assert 0.03 <= article_drafts / ARTICLES <= 0.07
    assert seeded_plans().published().count() == PLANS - plan_drafts
    assert seeded_articles().published().count() == ARTICLES - article_drafts


def test_every_plan_has_its_parts(seeded):
    plans = seeded_plans().annotate(
        groups=Count("content_groups", distinct=True),
        channel_count=Count("channels", distinct=True),
        assigned=Count("assignments", distinct=True),
    )
    for plan in plans:
        assert 3 <= plan.groups <= 8
        assert 2 <= plan.channel_count <= 6
        assert 3 <= plan.assigned <= 10
        assert plan.assignments.filter(is_lead=True).count() == 1


def test_plans_are_issued_by_a_peoples_committee_in_their_locality(seeded):
    for plan in seeded_plans().select_related("agency"):
        assert plan.agency.name.startswith("UBND ")
        assert plan.agency.locality_id == plan.locality_id
        assert 2017 <= plan.period_start <= 2026
        assert plan.issue_date.year in (plan.period_start - 1, plan.period_start)
        assert plan.published_at is None or plan.published_at.date() >= plan.issue_date


def test_articles_report_on_one_to_three_plans_of_their_locality(seeded):
    for article in seeded_articles().prefetch_related("plans"):
        plans = list(article.plans.all())
        assert 1 <= len(plans) <= 3
        assert article.locality_id in {plan.locality_id for plan in plans}


def test_slugs_are_unique_and_marked(seeded):
    for queryset in (seeded_plans(), seeded_articles(), Agency.objects.filter(slug__startswith="seed-")):
        slugs = list(queryset.values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs)) > 0


def test_search_text_is_what_the_service_would_store(seeded):
    for plan in seeded_plans()[:20]:
        stored = plan.search_text
        assert refresh_search_text(plan) == stored


def test_search_finds_seeded_plans_by_folded_words(seeded):
    found = seeded_plans().search("cai cach")
    assert found.count() > PLANS / 2
    assert set(seeded_plans().search("CẢI CÁCH hành chính")) == set(found.search("hanh chinh"))


def test_plans_after_the_reform_belong_to_todays_units(db):
    old = LocalityFactory(short_name="Trà Vinh", valid_until=datetime.date(2025, 6, 30))
    new = LocalityFactory(short_name="Vĩnh Long", valid_from=datetime.date(2025, 7, 1))
    seed_benchmark(plans=300, articles=0)
    assert seeded_plans().filter(issue_date__lt=datetime.date(2025, 7, 1), locality=new).count() == 0
    assert seeded_plans().filter(issue_date__gte=datetime.date(2025, 7, 1), locality=old).count() == 0
    assert seeded_plans().filter(period_start=2026, locality=new).exists()


def test_it_refuses_to_seed_twice(seeded):
    with pytest.raises(CommandError, match="--reset"):
        seed_benchmark()


def test_reuse_keeps_data_of_the_requested_size(seeded):
    ids = set(seeded_plans().values_list("pk", flat=True))
    assert "Giữ nguyên" in seed_benchmark(reuse=True)
    assert set(seeded_plans().values_list("pk", flat=True)) == ids
    seed_benchmark(reuse=True, plans=50, articles=100)
    assert seeded_plans().count() == 50
    assert seeded_articles().count() == 100


def test_reset_removes_seeded_rows_only(demo):
    demo_plans = dict(Plan.objects.annotate(parts=Count("content_groups")).values_list("pk", "parts"))
    demo_articles = set(Article.objects.values_list("pk", flat=True))
    demo_agencies = Agency.objects.count()
    seed_benchmark()
    seed_benchmark(reset=True, plans=0, articles=0)
    assert dict(Plan.objects.annotate(parts=Count("content_groups")).values_list("pk", "parts")) == demo_plans
    assert set(Article.objects.values_list("pk", flat=True)) == demo_articles
    assert Agency.objects.count() == demo_agencies


def test_seeding_and_deleting_refresh_what_the_public_pages_remember(localities):
    # COPY and raw DELETE send no signal: the seeder must invalidate the cache itself.
    def public_plans():
        return remember("test:public-plan-count", lambda: Plan.objects.published().count())

    before = public_plans()
    seed_benchmark(plans=30, articles=60)
    assert public_plans() == before + seeded_plans().published().count() > before
    seed_benchmark(reset=True, plans=0, articles=0)
    assert public_plans() == before


def test_same_seed_same_data(localities):
    seed_benchmark(plans=30, articles=60)
    first = list(seeded_plans().order_by("pk").values_list("title", "number", "issue_date"))
    seed_benchmark(reset=True, plans=30, articles=60)
    assert list(seeded_plans().order_by("pk").values_list("title", "number", "issue_date")) == first
