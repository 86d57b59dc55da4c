import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections
from django.test import RequestFactory

from news.models import Article, Category
from news.services import record_view

BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36"


def reader_request(agent=BROWSER, user=None):
    request = RequestFactory().get("/tin-tuc/bai-viet/", HTTP_USER_AGENT=agent)
    request.user = user or AnonymousUser()
    return request


def make_article(author=None):
    return Article.objects.create(
        title="Tin thử", summary="Tóm tắt", body="<p>Nội dung</p>", created_by=author,
        category=Category.objects.get(slug="cai-cach-hanh-chinh"), status=Article.Status.PUBLISHED,
    )


@pytest.mark.django_db
def test_readers_count_and_bots_and_the_author_do_not(editor):
    article = make_article(editor)

    record_view(article, reader_request())
    record_view(article, reader_request(agent="Mozilla/5.0 (compatible; Googlebot/2.1)"))
    record_view(article, reader_request(agent="facebookexternalhit/1.1"))
    record_view(article, reader_request(agent=""))
    record_view(article, reader_request(user=editor))

    article.refresh_from_db()
    assert article.view_count == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL; CI runs it")
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_readers_give_fifty_views():
    article = make_article()
    start = threading.Barrier(50)
    failures = []

    def read():
        try:
            start.wait()
            record_view(Article.objects.get(pk=article.pk), reader_request())
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    article.refresh_from_db()
    assert article.view_count == 50
