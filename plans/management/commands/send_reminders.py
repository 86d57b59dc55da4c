"""``manage.py send_reminders --year Y``: each approver gets the units of their area that have not
published a plan for year Y (``plans.coverage``). Meant for a monthly cron job (deploy/cchc.cron)."""

from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from plans.access import members_with_permission
from plans.coverage import coverage
from plans.models import MAX_PLAN_YEAR, MIN_PLAN_YEAR, Locality
from publishing.links import absolute_url
from publishing.notices import reachable, send


class Command(BaseCommand):
    help = "Gửi thư nhắc mỗi người duyệt các đơn vị trong địa bàn của họ chưa công bố kế hoạch tuyên truyền CCHC năm Y."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="Năm kế hoạch (mặc định: năm nay).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra, không gửi thư.")

    def handle(self, *args, year=None, dry_run=False, **options):
        year = year or timezone.localdate().year
        if not MIN_PLAN_YEAR <= year <= MAX_PLAN_YEAR:
            raise CommandError(f"Năm phải từ {MIN_PLAN_YEAR} đến {MAX_PLAN_YEAR}.")
        approvers = reachable(members_with_permission(Locality.objects.all(), "plans.publish_plan"))
        messages, quiet = [], 0
        for approver in approvers.order_by("pk"):
            missing = units_without_plan(approver, year)
            if not missing:
                quiet += 1
                continue
            messages.append(reminder(approver, year, missing))
            self.stdout.write(f"{approver.get_username()} <{approver.email}>: {len(missing)} đơn vị chưa có kế hoạch năm {year}")
        if dry_run:
            self.stdout.write(f"Không gửi (--dry-run): {len(messages)} thư.")
            return
        sent = send(messages) if messages else 0
        self.stdout.write(f"Đã gửi {sent}/{len(messages)} thư nhắc; {quiet} người duyệt không có đơn vị nào thiếu kế hoạch.")
        if sent < len(messages):
            raise CommandError("Không gửi được một số thư: xem nhật ký (log) để biết lý do.")


def units_without_plan(user, year):
    """The expected units of ``user``'s areas with no published plan for ``year``, each once."""
    missing = {}
    for locality in Locality.objects.filter(agencies__memberships__user=user).distinct():
        for unit in coverage(year, locality).missing():
            missing.setdefault((unit.path, unit.slug), unit)
    return sorted(missing.values(), key=lambda unit: (unit.path, unit.name))


def reminder(user, year, missing):
    lines = [f"- {unit.name} ({unit.level_label}{', ' + unit.parent_name if unit.parent_name else ''})" for unit in missing]
    link = absolute_url(reverse("coverage") + "?" + urlencode({"year": year, "missing": "on"}))
    body = (
        f"Đến ngày {timezone.localdate():%d/%m/%Y}, {len(missing)} đơn vị trong địa bàn bạn phụ trách chưa công bố "
        f"kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year} trên cổng:\n\n" + "\n".join(lines)
        + f"\n\nTheo dõi mức độ bao phủ: {link}\n"
        + f"\n--\nTắt thư nhắc: {absolute_url(reverse('admin:notice-settings'))}\n"
    )
    return EmailMessage(f"Nhắc: {len(missing)} đơn vị chưa có kế hoạch năm {year}", body, to=[user.email])
