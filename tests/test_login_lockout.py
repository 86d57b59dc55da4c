"""Logging in to the admin: five wrong passwords lock a (username, address) pair out for the
cool-off, even with the right password; other pairs are not affected; wrong passwords spread
over many addresses lock the user name; behind the proxy each client is keyed by the address
the proxy heard; weak passwords are refused."""

import pickle
from datetime import timedelta

import axes.handlers.proxy
import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from portal.lockout import client_address
from publishing import roles
from tests.clock import MovedClock
from tests.factories import member
from tests.test_settings import load_settings

LOGIN = reverse("admin:login")
PASSWORD = "mat-khau-thu-nghiem-2024"  # UserFactory's, which member() and the shared fixtures use
LOCKED_OUT = "Tài khoản tạm thời bị khóa đăng nhập"
WRONG_CREDENTIALS = "Hãy nhập đúng tên đăng nhập, mật khẩu"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Every attempt hashes a password; the lockout does not depend on the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(monkeypatch):
    """Moves the time django-axes dates each attempt with, and so ends lockouts by."""
    return MovedClock(monkeypatch, axes.handlers.proxy)


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


# --- In production mode, behind the TLS proxy -------------------------------------------------

PROXY = "10.0.0.1"  # nginx in front of gunicorn, as TRUSTED_PROXIES names it
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


@pytest.fixture(scope="module")
def production_login_settings(tmp_path_factory):
    """The login settings of a production server behind one proxy at PROXY, as portal/settings.py
    gives them in a fresh interpreter."""
    result = load_settings(
        tmp_path_factory.mktemp("var"),
        show="__import__('pickle').dumps({name: getattr(s, name) for name in dir(s) "
             "if name.startswith('AXES_') or name == 'TRUSTED_PROXIES'}).hex()",
        DJANGO_ENV="production", SECRET_KEY="k" * 60, ALLOWED_HOSTS="cchc.example.gov.vn",
        SITE_URL="https://cchc.example.gov.vn", SITE_OWNER="Sở Nội vụ tỉnh Trà Vinh", TRUSTED_PROXIES=PROXY,
    )
    assert result.returncode == 0, result.stderr
    return pickle.loads(bytes.fromhex(result.stdout.strip()))


@pytest.fixture
def production(settings, production_login_settings):
    for name, value in production_login_settings.items():
        setattr(settings, name, value)
    return settings


def through_proxy(client_ip, written=None):
    """A request as nginx passes it on ($proxy_add_x_forwarded_for): whatever X-Forwarded-For
    the client wrote, then the address nginx heard from."""
    forwarded = f"{written}, {client_ip}" if written else client_ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def test_forged_forwarded_for_does_not_reset_lockout(client, officer_a, production):
    for attempt in range(1, 6):
        log_in(client, officer_a.username, f"sai-{attempt}", **through_proxy(ATTACKER, f"6.6.6.{attempt}"))

    response = log_in(client, officer_a.username, PASSWORD, **through_proxy(ATTACKER, "6.6.6.99"))

    assert response.status_code == 429
    assert not logged_in(client)


def test_every_client_is_keyed_by_its_own_address_behind_the_proxy(client, officer_a, production):
    assert lock_out(client, officer_a, **through_proxy(ATTACKER)).status_code == 429

    colleague = Client()
    response = log_in(colleague, officer_a.username, PASSWORD, **through_proxy(COLLEAGUE))

    assert response.status_code == 302
    assert logged_in(colleague)


def test_a_client_that_is_not_the_proxy_cannot_choose_its_address(client, officer_a, production):
    # Straight to gunicorn, past nginx: the header is the client's own writing.
    for attempt in range(1, 6):
        log_in(client, officer_a.username, f"sai-{attempt}", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"6.6.6.{attempt}")

    response = log_in(client, officer_a.username, PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="6.6.6.99")
    colleague = log_in(Client(), officer_a.username, PASSWORD, REMOTE_ADDR=COLLEAGUE, HTTP_X_FORWARDED_FOR="6.6.6.1")

    assert response.status_code == 429
    assert colleague.status_code == 302


def test_without_a_forwarded_header_each_client_is_keyed_by_its_peer_address(client, officer_a, production):
    assert lock_out(client, officer_a, REMOTE_ADDR=ATTACKER).status_code == 429

    colleague = Client()
    response = log_in(colleague, officer_a.username, PASSWORD, REMOTE_ADDR=COLLEAGUE)

    assert response.status_code == 302


def guess_from_many_addresses(user, count):
    """``count`` wrong passwords, four from each address: none reaches its own limit of five."""
    return [log_in(Client(), user.username, f"sai-{n}", **through_proxy(f"192.0.2.{n // 4}")) for n in range(count)]


def test_username_ceiling_locks_after_many_addresses(client, officer_a, production):
    production.AXES_USERNAME_FAILURE_LIMIT = 12
    pages = guess_from_many_addresses(officer_a, 12)
    assert all(is_login_form_with_error(page) for page in pages[:-1])

    response = log_in(client, officer_a.username, PASSWORD, **through_proxy(COLLEAGUE))

    assert response.status_code == 429
    assert not logged_in(client)


def test_one_locked_out_address_alone_cannot_lock_the_user_name_for_everyone(client, officer_a, production):
    production.AXES_USERNAME_FAILURE_LIMIT = 12
    for attempt in range(20):
        log_in(client, officer_a.username, f"sai-{attempt}", **through_proxy(ATTACKER))

    colleague = Client()
    response = log_in(colleague, officer_a.username, PASSWORD, **through_proxy(COLLEAGUE))

    assert response.status_code == 302


def test_the_username_ceiling_ends_with_the_cool_off(client, officer_a, production, clock):
    production.AXES_USERNAME_FAILURE_LIMIT = 12
    guess_from_many_addresses(officer_a, 12)
    clock.advance(production.AXES_COOLOFF_TIME + timedelta(minutes=1))

    response = log_in(client, officer_a.username, PASSWORD, **through_proxy(COLLEAGUE))

    assert response.status_code == 302


@pytest.mark.parametrize("remote_addr, forwarded_for, trusted, expected", [
    # No trusted proxy (development): the header is ignored.
    ("203.0.113.7", "6.6.6.6", [], "203.0.113.7"),
    # A peer that is not a trusted proxy: its own address, whatever it writes.
    ("203.0.113.7", "6.6.6.6", ["10.0.0.1"], "203.0.113.7"),
    # Behind the proxy: the right-most address that is not a trusted proxy.
    ("10.0.0.1", "203.0.113.7", ["10.0.0.1"], "203.0.113.7"),
    ("10.0.0.1", "6.6.6.6, 203.0.113.7", ["10.0.0.1"], "203.0.113.7"),
    # Two proxies (a load balancer, then nginx), named by network.
    ("10.0.0.1", "6.6.6.6, 203.0.113.7, 10.0.5.9", ["10.0.0.0/16"], "203.0.113.7"),
    ("10.0.0.1", "2001:db8::7, 10.0.5.9", ["10.0.0.0/16"], "2001:db8::7"),
    # A request from the proxy itself (no header, or only proxies): the proxy.
    ("10.0.0.1", None, ["10.0.0.1"], "10.0.0.1"),
    ("10.0.0.1", "10.0.0.2", ["10.0.0.0/24"], "10.0.0.2"),
    # A malformed hop ends the walk at the last proxy, never at "no address".
    ("10.0.0.1", "not-an-address", ["10.0.0.1"], "10.0.0.1"),
    ("10.0.0.1", "6.6.6.6, , 203.0.113.7", ["10.0.0.1"], "203.0.113.7"),
    # gunicorn on a unix socket (empty REMOTE_ADDR) and a dual-stack socket's IPv4 address.
    ("", "203.0.113.7", ["127.0.0.1"], "203.0.113.7"),
    ("::ffff:10.0.0.1", "203.0.113.7", ["10.0.0.1"], "203.0.113.7"),
])
def test_the_client_address_is_the_right_most_one_no_trusted_proxy_wrote(settings, remote_addr, forwarded_for,
                                                                        trusted, expected):
    settings.TRUSTED_PROXIES = trusted
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for

    assert client_address(RequestFactory().get("/", **headers)) == expected
