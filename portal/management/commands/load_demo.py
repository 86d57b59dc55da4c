"""``manage.py load_demo``: load the demo plans, accounts and news (see ``plans.demo``, ``news.demo``)."""

from django.core.management.base import BaseCommand, CommandError

from news.demo import load_news_demo
from plans.demo import DemoReport, MissingLocalities, MissingReferenceData, load_demo

# Row kinds in the order and wording the summary shows them.
LABELS = {
    "agencies": "Cơ quan, đơn vị",
    "groups": "Nhóm quyền",
    "accounts": "Tài khoản",
    "plans": "Kế hoạch",
    "content_groups": "Nhóm nội dung",
    "targets": "Chỉ tiêu",
    "assignments": "Phân công",
    "results": "Kết quả thực hiện",
    "attachments": "Tệp đính kèm",
    "articles": "Tin bài",
}
OUTCOMES = {"created": "tạo mới", "updated": "cập nhật", "replaced": "thay mới", "unchanged": "giữ nguyên"}


class Command(BaseCommand):
    """``manage.py load_demo``: the six demo plans, their agencies, the demo accounts and news.

    The data and the loading rules live in ``plans.demo`` and ``news.demo``; this
    command only turns their errors into ``CommandError`` and prints the new
    passwords and a summary.
    """

    help = (
        "Nạp dữ liệu minh họa: 6 kế hoạch tuyên truyền CCHC đã công bố (Hội An, Sở Ngoại vụ Tây Ninh, Kon Tum, "
        "Quận 9 (chưa rõ năm), phường Phú Hữu, Càng Long), các cơ quan liên quan, tin bài và tài khoản demo. Chạy lại "
        "nhiều lần không tạo bản trùng. Cần chạy import_localities trước."
    )

    def handle(self, *args, **options):
        """Load the demo data (see ``plans.demo.load_demo``) and print new passwords and a summary."""
        try:
            report = load_demo()
            load_news_demo(report)
        except (MissingLocalities, MissingReferenceData) as error:
            raise CommandError(str(error)) from error
        self._print_accounts(report)
        self._print_summary(report)

    def _print_accounts(self, report: DemoReport):
        if report.new_accounts:
            # The passwords exist nowhere else: this is the only time they can be read.
            self.stdout.write(self.style.WARNING("Tài khoản mới tạo — mật khẩu chỉ hiện một lần, hãy lưu lại ngay:"))
            rows = [("Tên đăng nhập", "Vai trò", "Mật khẩu"), *report.new_accounts]
            widths = [max(len(row[i]) for row in rows) for i in range(3)]
            for row in rows:
                self.stdout.write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        for username in report.existing_accounts:
            self.stdout.write(f"Tài khoản {username} đã có: giữ nguyên mật khẩu.")

    def _print_summary(self, report: DemoReport):
        for key, label in LABELS.items():
            counts = report.counts.get(key)
            if counts:
                parts = ", ".join(f"{counts[outcome]} {word}" for outcome, word in OUTCOMES.items() if counts[outcome])
                self.stdout.write(f"{label}: {parts}.")
        self.stdout.write(self.style.SUCCESS("Đã nạp xong dữ liệu minh họa."))
