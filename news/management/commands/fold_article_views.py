"""``manage.py fold_article_views``: add the views counted since the last fold (in Redis, or in the
database when there is no Redis) to the articles' ``view_count``, each view once, even beside a
fold run by a worker at the same moment (news/view_counts.py). Meant for cron, every minute."""

from django.core.management.base import BaseCommand

from news.view_counts import fold_views


class Command(BaseCommand):
    help = "Cộng các lượt xem tin bài đang chờ (Redis hoặc bảng tạm) vào số lượt xem của từng tin."

    def handle(self, *args, **options):
        added = fold_views()
        if options["verbosity"] > 1:  # silent by default: cron mails whatever a job prints
            self.stdout.write(f"Đã cộng {added} lượt xem.")
