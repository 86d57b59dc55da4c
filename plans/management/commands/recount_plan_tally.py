"""``manage.py recount_plan_tally``: count every public plan afresh into the plan tallies
(plans/tally.py), after writes that send no signal: ``update()``, COPY (the bench seeding), a
restore of part of the data. The public pages read the new figures at their next request."""

from django.core.management.base import BaseCommand
from django.db import transaction

from plans.models import PlanTally
from plans.tally import rebuild
from publishing.cache import invalidate


class Command(BaseCommand):
    help = "Đếm lại bảng tổng hợp số kế hoạch công khai (theo địa bàn, năm, hình thức, chủ đề) từ các kế hoạch."

    def handle(self, *args, **options):
        with transaction.atomic():
            rebuild()
            invalidate()
        if options["verbosity"] > 1:
            self.stdout.write(f"Đã đếm lại: {PlanTally.objects.count()} dòng tổng hợp.")
