"""``manage.py recount_article_months``: count the published articles of every month afresh
(news/month_tally.py), after writes that send no signal: ``update()``, COPY, a restore of part of
the data. The public pages read the new figures at their next request."""

from django.core.management.base import BaseCommand
from django.db import transaction

from news.models import ArticleMonthTally
from news.month_tally import rebuild
from publishing.cache import invalidate


class Command(BaseCommand):
    help = "Đếm lại số tin đã đăng của từng tháng (bảng số tin theo tháng) từ các tin bài."

    def handle(self, *args, **options):
        with transaction.atomic():
            rebuild()
            invalidate()
        if options["verbosity"] > 1:
            months = ArticleMonthTally.objects.values("month").distinct().count()
            self.stdout.write(f"Đã đếm lại số tin của {months} tháng.")
