"""``manage.py import_localities``: load today's and the pre-2025 administrative units."""

from django.core.management.base import BaseCommand

from plans.localities import import_localities


class Command(BaseCommand):
    """Create or update every unit (``plans.localities.import_localities``); an import that
    changes anything invalidates the cached pages and locality lookups."""

    help = (
        "Nhập danh mục đơn vị hành chính: 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu "
        "từ 01/7/2025; 63 tỉnh, 696 huyện, 10.051 xã trước đó; và một số đơn vị cũ hơn "
        "(Quận 9). Chạy lại nhiều lần không tạo bản ghi trùng."
    )

    def handle(self, *args, **options):
        result = import_localities()
        self.stdout.write(self.style.SUCCESS(str(result)))
