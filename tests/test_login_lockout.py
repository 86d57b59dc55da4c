"""Logging in to the admin: five wrong passwords lock a (username, address) pair out for the
cool-off, even with the right password; other pairs are not affected; weak passwords are refused."""

from datetime import timedelta

import axes.handlers.proxy
import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.urls import reverse
from django.utils import timezone

from publishing import roles
from tests.factories import member

LOGIN = reverse("admin:login")
PASSWORD = "mat-khau-thu-nghiem-2024"  # UserFactory's, which member() and the shared fixtures use
LOCKED_OUT = "Tài khoản tạm thời bị khóa đăng nhập"
WRONG_CREDENTIALS = "Bạn hãy nhập đúng Tên đăng nhập và mật khẩu"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Every attempt hashes a password; the lockout does not depend on the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(monkeypatch):
    """Moves the time django-axes dates each attempt with, and so ends lockouts by."""

    class Clock:
        offset = timedelta()

        def advance(self, delta):
            self.offset += delta

    moved = Clock()
    monkeypatch.setattr(axes.handlers.proxy, "now", lambda: timezone.now() + moved.offset)
    return moved


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": reverse("admin:index")}, **extra)


def logged_in(client):
    return "_auth_user_id" in client.session


def is_login_form_with_error(response):
    page = response.content.decode()
    return response.status_code == 200 and WRONG_CREDENTIALS in page and LOCKED_OUT not in page


def lock_out(client, user, **extra):
    """Five wrong passwords; the fifth answer is the lockout page."""
    for attempt in range(1, 5):
        assert is_login_form_with_error(log_in(client, user.username, f"sai-{attempt}", **extra))
    return log_in(client, user.username, "sai-5", **extra)


def test_the_fifth_wrong_password_shows_the_lockout_page(client, officer_a, settings):
    response = lock_out(client, officer_a)

    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED_OUT in page
    assert f"Đã có {settings.AXES_FAILURE_LIMIT} lần đăng nhập sai liên tiếp" in page
    assert not logged_in(client)


def test_the_right_password_is_refused_while_locked_out(client, officer_a):
    lock_out(client, officer_a)

    response = log_in(client, officer_a.username, PASSWORD)

    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert not logged_in(client)


def test_another_user_at_the_same_address_can_still_log_in(client, officer_a, unit_a):
    colleague = member("canbo.khac", roles.OFFICER, unit_a)
    lock_out(client, officer_a)

    response = log_in(client, colleague.username, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_the_same_user_from_another_address_can_still_log_in(client, officer_a):
    lock_out(client, officer_a)

    response = log_in(client, officer_a.username, PASSWORD, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer_a.pk)


def test_the_lockout_lasts_the_whole_cool_off(client, officer_a, settings, clock):
    lock_out(client, officer_a)
    clock.advance(settings.AXES_COOLOFF_TIME - timedelta(minutes=1))

    response = log_in(client, officer_a.username, PASSWORD)

    assert response.status_code == 429
    assert not logged_in(client)


def test_the_right_password_works_again_after_the_cool_off(client, officer_a, settings, clock):
    lock_out(client, officer_a)
    assert log_in(client, officer_a.username, PASSWORD).status_code == 429
    # Counted from the last refused attempt: trying during a lockout starts the cool-off again.
    clock.advance(settings.AXES_COOLOFF_TIME + timedelta(minutes=1))

    response = log_in(client, officer_a.username, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer_a.pk)


def test_a_successful_login_clears_the_count_of_wrong_passwords(client, officer_a):
    for attempt in range(4):
        log_in(client, officer_a.username, f"sai-{attempt}")
    assert log_in(client, officer_a.username, PASSWORD).status_code == 302
    client.logout()

    assert is_login_form_with_error(log_in(client, officer_a.username, "sai-lan-nua"))


def test_force_login_in_tests_is_not_counted_or_blocked(client, officer_a):
    lock_out(client, officer_a)

    client.force_login(officer_a)

    assert client.session[BACKEND_SESSION_KEY] == "django.contrib.auth.backends.ModelBackend"
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("weak_password, messages", [
    ("12345678", ["Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số."]),
    ("canbo.xa.an.truong", ["Mật khẩu quá giống với Tên đăng nhập."]),
])
def test_the_admin_refuses_a_weak_password_for_a_new_account(client, superuser, weak_password, messages):
    client.force_login(superuser)

    response = client.post(reverse("admin:auth_user_add"), {
        "username": "canbo.xa.an.truong", "usable_password": "true",
        "password1": weak_password, "password2": weak_password,
    })

    assert response.status_code == 200
    page = response.content.decode()
    assert all(message in page for message in messages)
    assert not get_user_model().objects.filter(username="canbo.xa.an.truong").exists()
