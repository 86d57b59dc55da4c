from io import StringIO

from django.core.management import call_command

from news.models import Article
from plans.models import Plan


def test_demo_news_reports_on_each_demo_plan(demo):
    articles = Article.objects.published()

    assert articles.count() == 5
    # Quận 9's plan is known only from Phú Hữu's, which cites it: no article reports on it.
    for plan in Plan.objects.published().exclude(agency__name="UBND Quận 9"):
        assert list(plan.articles.all()) == [articles.get(plans=plan)]
    kon_tum = articles.get(plans__number="100/KH-UBND")
    assert kon_tum.featured and kon_tum.cover_image and kon_tum.cover_alt
    assert kon_tum.published_at.isoformat() == "2020-01-09T12:06:00+00:00"  # 19:06 in Hà Nội


def test_loading_the_demo_twice_changes_no_article(demo, media_root):
    before = {article.slug: (article.updated_at, article.cover_image.name) for article in Article.objects.all()}
    files = sorted(path for path in media_root.rglob("*.png"))

    out = StringIO()
    call_command("load_demo", stdout=out)

    after = {article.slug: (article.updated_at, article.cover_image.name) for article in Article.objects.all()}
    assert after == before
    assert sorted(path for path in media_root.rglob("*.png")) == files
    assert "Tin bài: 5 giữ nguyên." in out.getvalue()
