"""Two-factor sign-in to the admin (django-otp): a code from an authenticator app (TOTP), or one of
ten single-use recovery codes.

- Required for superusers, system administrators and approvers (they publish and manage accounts);
  for officers and editors only when ``TWO_FACTOR_FOR_ALL_STAFF`` is on. Anyone may turn it on.
- The login page asks for the code beside the password. A wrong or missing code is answered like a
  wrong password (nothing tells a guesser the password was right) and counts as a failed login for
  django-axes, so the lockout covers the second factor too.
- A signed-in user who must use a second factor and has none set up reaches only the set-up page;
  a session that signed in without the code (one from before it was set up) is ended.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import logout, user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from publishing import roles

RECOVERY_CODES = 10
REQUIRED_ROLES = (roles.APPROVER, roles.ADMINISTRATOR)
APP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"
INVALID_LOGIN = (
    "Hãy nhập đúng tên đăng nhập, mật khẩu và mã xác thực (nếu tài khoản dùng xác thực hai bước). "
    "Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường."
)
SET_UP_FIRST = "Tài khoản của bạn cần xác thực hai bước. Hãy cài đặt trước khi làm việc."
SIGN_IN_AGAIN = "Tài khoản của bạn đã bật xác thực hai bước. Hãy đăng nhập lại kèm mã xác thực."


def requires_second_factor(user):
    """Whether ``user`` may only work in the admin after a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or settings.TWO_FACTOR_FOR_ALL_STAFF:
        return True
    return user.groups.filter(name__in=REQUIRED_ROLES).exists()


def uses_second_factor(user):
    return requires_second_factor(user) or user_has_device(user)


class LoginForm(AdminAuthenticationForm):
    """The admin's login form with the second factor's code beside the password."""

    otp_token = forms.CharField(
        label="Mã xác thực",
        required=False,
        max_length=16,
        help_text="6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng. Bỏ trống nếu tài khoản chưa bật.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
    error_messages = {**AdminAuthenticationForm.error_messages, "invalid_login": INVALID_LOGIN}

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            device = match_token(user, self.cleaned_data.get("otp_token", "").replace(" ", "").strip())
            if device is None:
                # Counted by django-axes like a wrong password: the lockout covers the code as well.
                user_login_failed.send(
                    sender=__name__, credentials={"username": user.get_username()}, request=self.request
                )
                self.user_cache = None
                raise self.get_invalid_login_error()
            # django_otp marks the session verified when the user logs in (user_logged_in signal).
            user.otp_device = device
        return cleaned


class TwoFactorMiddleware:
    """After OTPMiddleware and SessionTimeoutMiddleware: keeps a staff user who must use a second
    factor, and has not used one in this session, out of every admin page but the set-up and logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("admin:index")
        if request.path.startswith(admin_root) and request.user.is_authenticated and not request.user.is_verified():
            answer = self.gate(request)
            if answer is not None:
                return answer
        return self.get_response(request)

    @staticmethod
    def gate(request):
        user = request.user
        open_paths = (reverse("two-factor-setup"), reverse("admin:logout"))
        if user_has_device(user):
            logout(request)
            messages.warning(request, SIGN_IN_AGAIN)
            return redirect(reverse("admin:login") + f"?next={reverse('admin:index')}")
        if requires_second_factor(user) and request.path not in open_paths:
            messages.warning(request, SET_UP_FIRST)
            return redirect("two-factor-setup")
        return None


class CodeForm(forms.Form):
    token = forms.CharField(
        label="Mã 6 chữ số trong ứng dụng",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not self.device.verify_token(token):
            raise forms.ValidationError("Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng.")
        return token


def new_recovery_codes(user):
    """Replace ``user``'s recovery codes with ``RECOVERY_CODES`` new ones; returns them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_second_factor(user):
    """Delete every device of ``user`` (a lost phone): they set it up again at their next sign-in."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def _grouped(secret):
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@staff_member_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up the authenticator app (scan, type a code), then show the recovery codes once."""
    user = request.user
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if app is not None:
        remaining = StaticToken.objects.filter(device__user=user).count()
        context = _context(request, "Xác thực hai bước", remaining=remaining, required=requires_second_factor(user))
        return render(request, "admin/two_factor/status.html", context)
    with transaction.atomic():
        app = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if app is None:
            app = TOTPDevice.objects.create(user=user, confirmed=False, name=APP_DEVICE_NAME)
        form = CodeForm(request.POST or None, device=app)
        if request.method == "POST" and form.is_valid():
            app.confirmed = True
            app.save(update_fields=["confirmed"])
            codes = new_recovery_codes(user)
            otp_login(request, app)
            context = _context(request, "Mã dự phòng", codes=codes, just_enabled=True)
            return render(request, "admin/two_factor/codes.html", context)
    secret = b32encode(app.bin_key).decode()
    context = _context(
        request, "Bật xác thực hai bước",
        form=form,
        qr=segno.make(app.config_url, error="m").svg_inline(scale=4, title="Mã QR để quét bằng ứng dụng xác thực"),
        secret=_grouped(secret),
        required=requires_second_factor(user),
    )
    return render(request, "admin/two_factor/setup.html", context)


@staff_member_required
@require_http_methods(["POST"])
def recovery_codes(request):
    """New recovery codes (the old ones stop working), for a user who has the app set up."""
    if not request.user.is_verified():
        return redirect("two-factor-setup")
    codes = new_recovery_codes(request.user)
    return render(request, "admin/two_factor/codes.html", _context(request, "Mã dự phòng", codes=codes))


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, **extra}
