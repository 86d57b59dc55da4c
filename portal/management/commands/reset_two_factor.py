"""``manage.py reset_two_factor USERNAME``: a lost phone. The account's authenticator app and recovery
codes are removed; if its role needs a second factor, it sets one up again at its next sign-in.
(A system administrator does the same for the accounts it manages from the user list.)"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.two_factor import remove_second_factor, requires_second_factor


class Command(BaseCommand):
    help = "Xóa ứng dụng xác thực và mã dự phòng của một tài khoản (mất điện thoại)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"Không có tài khoản {username!r}.") from None
        remove_second_factor(user)
        then = " Tài khoản sẽ phải cài lại khi đăng nhập." if requires_second_factor(user) else ""
        self.stdout.write(f"Đã đặt lại xác thực hai bước của {username}.{then}")
