"""``manage.py seed_benchmark``: synthetic plans and news in bulk, for ``make bench`` (see ``bench.seed``).

Unrelated to ``load_demo``, which loads the five hand-written demo plans and accounts.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.seed import SeedError, delete_seeded, seed_database, seeded_counts
from plans.models import Locality


class Command(BaseCommand):
    """Seed ``--plans`` plans and ``--articles`` articles, marked with the slug prefix ``seed-``.

    Refuses when seeded rows exist, unless ``--reset`` (delete them first) or ``--reuse``
    (keep them if they have the requested sizes, reseed otherwise). Runs
    ``import_localities`` first on a database without localities.
    """

    help = (
        "Sinh dữ liệu giả lập số lượng lớn (kế hoạch, tin bài) để đo hiệu năng; slug bắt đầu bằng “seed-”. "
        "Ví dụ: seed_benchmark --plans 100000 --articles 1000000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plans", type=int, default=100_000, help="số kế hoạch (mặc định 100000)")
        parser.add_argument("--articles", type=int, default=1_000_000, help="số tin bài (mặc định 1000000)")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên: cùng hạt, cùng dữ liệu")
        parser.add_argument("--batch-size", type=int, default=5000, help="số dòng mỗi lô ghi")
        existing = parser.add_mutually_exclusive_group()
        existing.add_argument("--reset", action="store_true", help="xóa dữ liệu giả lập cũ rồi sinh lại")
        existing.add_argument(
            "--reuse", action="store_true",
            help="giữ dữ liệu giả lập cũ nếu đúng số lượng yêu cầu; nếu khác thì xóa và sinh lại",
        )

    def handle(self, *args, plans, articles, seed, batch_size, reset, reuse, **options):
        if plans < 0 or articles < 0 or batch_size < 1:
            raise CommandError("--plans, --articles phải ≥ 0 và --batch-size ≥ 1.")
        existing = seeded_counts()
        if any(existing.values()):
            summary = ", ".join(f"{count} {name}" for name, count in existing.items())
            if reuse and existing["plans"] == plans and existing["articles"] == articles:
                self.stdout.write(f"Giữ nguyên dữ liệu giả lập đã có ({summary}).")
                return
            if not (reset or reuse):
                raise CommandError(
                    f"Đã có dữ liệu giả lập ({summary}). Dùng --reset để xóa và sinh lại, "
                    "hoặc --reuse để giữ nếu đúng số lượng."
                )
            deleted = delete_seeded()
            self.stdout.write("Đã xóa dữ liệu giả lập cũ: " + ", ".join(f"{n} {name}" for name, n in deleted.items()))
        if not plans and not articles:
            return
        if not Locality.objects.exists():
            self.stdout.write("Chưa có địa bàn: chạy import_localities trước…")
            call_command("import_localities", stdout=self.stdout)
        try:
            report = seed_database(plans=plans, articles=articles, seed=seed, batch_size=batch_size, progress=self._progress)
        except (SeedError, ValueError) as error:
            raise CommandError(str(error)) from error
        rows = ", ".join(f"{count} {name}" for name, count in report.rows.items())
        self.stdout.write(self.style.SUCCESS(
            f"Xong: {report.total_rows} dòng ({rows}) trong {report.seconds:.1f} giây, "
            f"{report.rate:,.0f} dòng/giây."
        ))
        if report.vacuum_seconds:
            self.stdout.write(f"VACUUM ANALYZE: {report.vacuum_seconds:.1f} giây.")

    def _progress(self, text):
        self.stdout.write(f"  {text}")
