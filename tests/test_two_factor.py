"""Two-factor sign-in to the admin: approvers, system administrators and superusers sign in with a
code from an authenticator app (or a single-use recovery code); officers and editors may, and must
when TWO_FACTOR_FOR_ALL_STAFF is on. Wrong codes count towards the login lockout."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from publishing import roles
from tests.factories import authenticator, member, totp_code

LOGIN = reverse("admin:login")
ADMIN = reverse("admin:index")
SETUP = reverse("two-factor-setup")
PASSWORD = "mat-khau-thu-nghiem-2024"
INVALID_LOGIN = "Hãy nhập đúng tên đăng nhập, mật khẩu và mã xác thực"
LOCKED_OUT = "Tài khoản tạm thời bị khóa đăng nhập"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(client, user, code=""):
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD, "otp_token": code, "next": ADMIN})


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def approver_app(approver):
    return TOTPDevice.objects.get(user=approver)


def test_approver_signs_in_with_password_and_app_code(client, approver, approver_app):
    response = sign_in(client, approver, totp_code(approver_app))

    assert response.status_code == 302 and response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_right_password_without_the_code_is_refused_like_a_wrong_password(client, approver):
    response = sign_in(client, approver)

    assert response.status_code == 200
    assert INVALID_LOGIN in response.content.decode()
    assert not signed_in(client)


def test_a_code_from_another_time_window_is_refused(client, approver, approver_app):
    response = sign_in(client, approver, totp_code(approver_app, step_offset=5))

    assert INVALID_LOGIN in response.content.decode()
    assert not signed_in(client)


def test_a_used_code_cannot_be_replayed(client, approver, approver_app):
    code = totp_code(approver_app)
    assert sign_in(client, approver, code).status_code == 302
    client.logout()

    response = sign_in(client, approver, code)

    assert INVALID_LOGIN in response.content.decode()
    assert not signed_in(client)


def test_wrong_codes_lock_the_account_out_even_with_the_right_password(client, approver, approver_app, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert INVALID_LOGIN in sign_in(client, approver, f"00000{attempt}").content.decode()

    locked = sign_in(client, approver, "000009")
    assert locked.status_code == 429 and LOCKED_OUT in locked.content.decode()

    response = sign_in(client, approver, totp_code(approver_app))
    assert response.status_code == 429
    assert not signed_in(client)


def test_officer_without_an_app_signs_in_with_the_password_only(client, officer_a):
    assert sign_in(client, officer_a).status_code == 302
    assert client.get(reverse("admin:plans_plan_changelist")).status_code == 200


def test_officer_who_turned_it_on_needs_the_code(client, officer_a):
    authenticator(officer_a)

    assert INVALID_LOGIN in sign_in(client, officer_a).content.decode()
    assert not signed_in(client)


def test_all_staff_must_set_it_up_when_the_setting_says_so(client, officer_a, settings):
    settings.TWO_FACTOR_FOR_ALL_STAFF = True
    sign_in(client, officer_a)

    response = client.get(reverse("admin:plans_plan_changelist"))

    assert response.status_code == 302 and response["Location"] == SETUP


@pytest.mark.parametrize("role", [roles.APPROVER, roles.ADMINISTRATOR])
def test_a_role_that_needs_it_reaches_only_the_setup_page_until_it_is_set_up(client, unit_b, role):
    user = member("moi.vao", role, unit_b, two_factor=False)
    assert sign_in(client, user).status_code == 302

    for page in (ADMIN, reverse("admin:plans_plan_changelist"), reverse("admin:auth_user_changelist")):
        response = client.get(page)
        assert response.status_code == 302 and response["Location"] == SETUP, page
    assert client.get(SETUP).status_code == 200


def test_setting_up_the_app_confirms_it_and_shows_ten_recovery_codes_once(client, unit_b):
    user = member("moi.vao", roles.APPROVER, unit_b, two_factor=False)
    sign_in(client, user)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page  # the QR code to scan
    app = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'class="two-factor-secret">([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "") in app.config_url

    wrong = client.post(SETUP, {"token": "123456" if totp_code(app) != "123456" else "654321"})
    assert "Mã không đúng" in wrong.content.decode()
    app.throttle_reset()  # django-otp's own back-off after a wrong code: a person types the next one later

    done = client.post(SETUP, {"token": totp_code(app)})

    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)
    app.refresh_from_db()
    assert app.confirmed
    assert client.get(ADMIN).status_code == 200  # this session counts as signed in with the code
    assert "<li><code>" not in client.get(SETUP).content.decode()  # never shown again


def test_a_recovery_code_signs_in_once(client, unit_b):
    user = member("moi.vao", roles.APPROVER, unit_b)
    client.force_login(user)
    codes = re.findall(r"<li><code>(\w+)</code></li>", client.post(reverse("two-factor-recovery-codes")).content.decode())
    client.logout()

    assert sign_in(client, user, codes[0]).status_code == 302
    client.logout()
    assert INVALID_LOGIN in sign_in(client, user, codes[0]).content.decode()
    for device in (StaticDevice.objects.get(user=user), TOTPDevice.objects.get(user=user)):
        device.throttle_reset()  # django-otp's back-off after a wrong code: a person tries again later
    assert sign_in(client, user, codes[1]).status_code == 302


def test_a_session_from_before_the_app_was_set_up_is_ended(client, officer_a):
    assert sign_in(client, officer_a).status_code == 302
    authenticator(officer_a)  # turned on from another browser

    response = client.get(reverse("admin:plans_plan_changelist"))

    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not signed_in(client)


def test_system_administrator_resets_a_lost_phone_but_not_a_superusers(client, unit_b, superuser):
    administrator = member("quantri.he.thong", roles.ADMINISTRATOR)
    approver = member("mat.dien.thoai", roles.APPROVER, unit_b)
    client.force_login(administrator)
    changelist = reverse("admin:auth_user_changelist")

    client.post(changelist, {"action": "reset_second_factor", "_selected_action": [approver.pk, superuser.pk]})

    assert not TOTPDevice.objects.filter(user=approver).exists()
    assert TOTPDevice.objects.filter(user=superuser).exists()


def test_device_secrets_have_no_admin_pages(client, superuser):
    client.force_login(superuser)

    assert client.get("/quan-tri/otp_totp/totpdevice/").status_code == 404


def test_the_operator_resets_a_superusers_lost_phone_from_the_command_line(client, superuser):
    out = StringIO()
    call_command("reset_two_factor", superuser.username, stdout=out)

    assert not TOTPDevice.objects.filter(user=superuser).exists()
    assert "phải cài lại" in out.getvalue()
    sign_in(client, superuser)
    assert client.get(ADMIN)["Location"] == SETUP
