"""Signed-in sessions end after SESSION_IDLE_TIMEOUT without a request and SESSION_ABSOLUTE_TIMEOUT
after signing in; passwords are at least 12 characters, not common and not like the account's name,
whichever way they are set: the admin's forms, changepassword, createsuperuser --noinput."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

import portal.middleware
from tests.clock import MovedClock

ADMIN_INDEX = reverse("admin:index")
EXPIRED = "Phiên làm việc đã hết hạn"
TOO_SHORT = "Mật khẩu này quá ngắn: cần ít nhất 12 ký tự."
ELEVEN_CHARACTERS = "Vq7#mPz2!kL"
GOOD_PASSWORD = "dong-lua-chin-vang-2025"


@pytest.fixture
def clock(monkeypatch):
    """Moves the time the session timeout reads."""
    return MovedClock(monkeypatch, portal.middleware)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_a_staff_session_ends_after_the_idle_timeout(client, editor, settings, clock):
    client.force_login(editor)
    assert client.get(ADMIN_INDEX).status_code == 200
    clock.advance(settings.SESSION_IDLE_TIMEOUT + timedelta(minutes=2))

    response = client.get(ADMIN_INDEX, follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("admin:login"))
    assert EXPIRED in response.content.decode()
    assert not signed_in(client)


def test_working_keeps_the_session_alive(client, editor, settings, clock):
    client.force_login(editor)
    for _ in range(4):
        clock.advance(settings.SESSION_IDLE_TIMEOUT - timedelta(minutes=5))
        assert client.get(ADMIN_INDEX).status_code == 200

    assert signed_in(client)


def test_a_staff_session_ends_at_the_absolute_limit_however_busy(client, approver, settings, clock):
    client.force_login(approver)
    client.get(ADMIN_INDEX)
    step = settings.SESSION_IDLE_TIMEOUT - timedelta(minutes=5)
    worked = timedelta()
    while worked + step < settings.SESSION_ABSOLUTE_TIMEOUT:
        clock.advance(step)
        worked += step
        assert client.get(ADMIN_INDEX).status_code == 200, f"signed out after {worked}"
    clock.advance(step)

    response = client.get(ADMIN_INDEX)

    assert response.status_code == 302
    assert not signed_in(client)


def test_the_session_cookie_does_not_outlive_the_absolute_limit(settings):
    assert settings.SESSION_COOKIE_AGE <= settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
    assert settings.SESSION_IDLE_TIMEOUT == timedelta(minutes=30)
    assert settings.SESSION_ABSOLUTE_TIMEOUT == timedelta(hours=12)


def test_the_admin_refuses_a_short_password_for_a_new_account(client, superuser):
    client.force_login(superuser)

    response = client.post(reverse("admin:auth_user_add"), {
        "username": "canbo.moi", "usable_password": "true",
        "password1": ELEVEN_CHARACTERS, "password2": ELEVEN_CHARACTERS,
    })

    assert response.status_code == 200
    assert TOO_SHORT in response.content.decode()
    assert not get_user_model().objects.filter(username="canbo.moi").exists()


def test_the_admin_refuses_a_short_password_when_setting_one(client, superuser, officer_a):
    client.force_login(superuser)

    response = client.post(reverse("admin:auth_user_password_change", args=[officer_a.pk]), {
        "password1": ELEVEN_CHARACTERS, "password2": ELEVEN_CHARACTERS,
    })

    assert response.status_code == 200
    assert TOO_SHORT in response.content.decode()
    officer_a.refresh_from_db()
    assert not officer_a.check_password(ELEVEN_CHARACTERS)


def test_a_user_cannot_change_their_own_password_to_a_short_one(client, officer_a):
    client.force_login(officer_a)

    response = client.post(reverse("admin:password_change"), {
        "old_password": "mat-khau-thu-nghiem-2024",
        "new_password1": ELEVEN_CHARACTERS, "new_password2": ELEVEN_CHARACTERS,
    })

    assert response.status_code == 200
    assert TOO_SHORT in response.content.decode()


@pytest.mark.parametrize("password, message", [
    ("12345678", TOO_SHORT),
    (ELEVEN_CHARACTERS, TOO_SHORT),
    ("qwerty123456", "Mật khẩu này quá phổ biến."),
    ("quantri.cchc.2025", "Mật khẩu quá giống với Tên đăng nhập."),
])
def test_createsuperuser_noinput_refuses_a_weak_password(db, monkeypatch, password, message):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)

    with pytest.raises(CommandError, match=message):
        call_command("createsuperuser", "--noinput", "--username", "quantri.cchc.2025", "--email", "qt@example.gov.vn")

    assert not get_user_model().objects.filter(username="quantri.cchc.2025").exists()


def test_createsuperuser_noinput_accepts_a_strong_password(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", GOOD_PASSWORD)

    call_command("createsuperuser", "--noinput", "--username", "quantri", "--email", "qt@example.gov.vn",
                 verbosity=0)

    user = get_user_model().objects.get(username="quantri")
    assert user.is_superuser and user.check_password(GOOD_PASSWORD)


def test_changepassword_refuses_a_short_password(officer_a, monkeypatch):
    # changepassword asks three times, then gives up.
    monkeypatch.setattr("getpass.getpass", lambda prompt="": ELEVEN_CHARACTERS)

    with pytest.raises(CommandError, match="Aborting password change"):
        call_command("changepassword", officer_a.username, stdout=None)

    officer_a.refresh_from_db()
    assert not officer_a.check_password(ELEVEN_CHARACTERS)
