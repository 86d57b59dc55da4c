import datetime

import factory
from django.utils import timezone

from news.models import Article, Category


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article that came out yesterday; pass ``plans=[...]`` to link plans."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Huyện {n} triển khai kế hoạch tuyên truyền cải cách hành chính")
    summary = "Kế hoạch đưa thông tin cải cách hành chính đến từng ấp, khóm."
    body = "<p>Nội dung bài viết.</p>"
    author = "Minh Hiếu"
    source = "Phòng Nội vụ huyện Càng Long"
    category = factory.LazyFunction(lambda: Category.objects.get(slug="cai-cach-hanh-chinh"))
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @factory.post_generation
    def plans(article, create, extracted, **kwargs):
        if create and extracted:
            article.plans.set(extracted)


class DraftArticleFactory(ArticleFactory):
    status = Article.Status.DRAFT
    published_at = None
