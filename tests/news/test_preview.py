import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from news.view_counts import fold_views
from publishing import roles
from tests.factories import AgencyFactory, LocalityFactory, member
from tests.news.factories import ArticleFactory, DraftArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36"


def preview_url(article):
    return reverse("news:preview", kwargs={"pk": article.pk})


@pytest.mark.parametrize("make", [
    lambda locality: DraftArticleFactory(title="Bài đang viết", locality=locality),
    lambda locality: ArticleFactory(
        title="Bài hẹn giờ", locality=locality, published_at=timezone.now() + datetime.timedelta(days=1),
    ),
])
def test_editor_previews_an_unpublished_article_with_a_banner(client, editor, district, make):
    article = make(district)
    client.force_login(editor)

    response = client.get(preview_url(article), headers={"User-Agent": BROWSER})
    page = response.content.decode()

    assert response.status_code == 200
    assert article.title in page
    assert "Bản xem trước — chưa hiển thị với người đọc" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "no-cache" in response["Cache-Control"]


def test_previewing_never_counts_a_view(client, editor, district):
    article = ArticleFactory(locality=district)
    client.force_login(editor)

    client.get(preview_url(article), headers={"User-Agent": BROWSER})
    fold_views()

    article.refresh_from_db()
    assert article.view_count == 0


def test_a_superuser_may_preview(client, superuser):
    client.force_login(superuser)

    assert client.get(preview_url(DraftArticleFactory())).status_code == 200


def test_an_anonymous_visitor_is_sent_to_the_admin_login(visitor, district):
    article = DraftArticleFactory(title="Bài đang viết", locality=district)

    response = visitor.get(preview_url(article))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_article_permission_is_refused(client, officer_a, commune):
    client.force_login(officer_a)

    response = client.get(preview_url(DraftArticleFactory(title="Bài đang viết", locality=commune)))

    assert response.status_code == 403
    assert "Bài đang viết" not in response.content.decode()


def test_an_unknown_article_is_not_found(client, editor):
    client.force_login(editor)

    assert client.get(reverse("news:preview", kwargs={"pk": 987654})).status_code == 404


@pytest.mark.parametrize("role", [roles.EDITOR, roles.APPROVER])
def test_editor_of_other_unit_cannot_preview_draft(client, district, role):
    """Preview is scoped like the admin: counting ids gives another unit's drafts nothing."""
    elsewhere = AgencyFactory(locality=LocalityFactory(short_name="Kon Tum"), name="UBND tỉnh Kon Tum")
    client.force_login(member("ngoai.donvi", role, elsewhere))
    draft = DraftArticleFactory(title="Bản nháp của huyện khác", locality=district)

    response = client.get(preview_url(draft), headers={"User-Agent": BROWSER})

    assert response.status_code == 404
    assert "Bản nháp của huyện khác" not in response.content.decode()
