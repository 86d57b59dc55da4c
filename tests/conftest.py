import ipaddress
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

from plans.models import Locality
from publishing import roles
from publishing.remember import forget_in_process
from tests.factories import AgencyFactory, LocalityFactory, UserFactory, authenticator, member


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache (it may be a shared Redis in CI) and reads pages fresh:
    the page cache is tested on its own in tests/test_page_cache.py. Article views are folded only
    when a test asks (tests/news/test_view_count.py), so a request's queries never include a fold."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.PUBLIC_PAGE_LAG_MS = 0
    settings.ARTICLE_VIEWS_FOLD_SECONDS = 0
    cache.clear()
    forget_in_process()
    yield
    cache.clear()
    forget_in_process()


@pytest.fixture(autouse=True)
def force_login_with_second_factor(monkeypatch):
    """``client.force_login(user)`` stands for a whole sign-in: for a user with an authenticator,
    the code too (tests/test_two_factor.py signs in through the form)."""
    force_login = Client.force_login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        device = next(devices_for_user(user), None)
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture(autouse=True)
def through_the_proxy(monkeypatch, settings):
    """In production mode (``make test`` runs the security suite a second time so), every request a
    test makes arrives as the TLS proxy forwards it: from the trusted proxy, over HTTPS, for the
    site's name, with the client's address appended. A test's own headers still win."""
    if not settings.PRODUCTION:
        return
    proxy = str(ipaddress.ip_network(settings.TRUSTED_PROXIES[0], strict=False).network_address)
    forwarded = {
        "REMOTE_ADDR": proxy,
        "HTTP_X_FORWARDED_FOR": "198.51.100.10",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_HOST": settings.ALLOWED_HOSTS[0],
        "SERVER_PORT": "443",
    }
    base_environ = RequestFactory._base_environ

    def forwarded_environ(self, **request):
        if "REMOTE_ADDR" in request:  # a test that names the peer names what it forwards too
            return base_environ(self, **{**forwarded, "HTTP_X_FORWARDED_FOR": "", **request})
        return base_environ(self, **{**forwarded, **request})

    monkeypatch.setattr(RequestFactory, "_base_environ", forwarded_environ)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a throw-away folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def province(db):
    return LocalityFactory(short_name="Trà Vinh", kind="tinh")


@pytest.fixture
def district(province):
    return LocalityFactory(short_name="Càng Long", kind="huyen", parent=province)


@pytest.fixture
def commune(district):
    return LocalityFactory(short_name="An Trường", kind="xa", parent=district)


@pytest.fixture
def unit_a(commune):
    return AgencyFactory(locality=commune, name="UBND xã An Trường")


@pytest.fixture
def unit_b(district):
    return AgencyFactory(locality=district, name="UBND huyện Càng Long")


@pytest.fixture
def visitor():
    """A citizen on the public site: an anonymous client, never logged in (unlike ``client``, which a
    test may log in; a test that needs both a staff user and an outsider uses the two)."""
    return Client()


@pytest.fixture
def officer_a(unit_a):
    """A communications officer of UBND xã An Trường (unit A, the commune): drafts its plans only."""
    return member("canbo.a", roles.OFFICER, unit_a)


@pytest.fixture
def officer_b(unit_b):
    """A communications officer of UBND huyện Càng Long (unit B, the district): drafts its plans only,
    not those of the communes inside it."""
    return member("canbo.b", roles.OFFICER, unit_b)


@pytest.fixture
def editor(unit_b):
    """An editor of UBND huyện Càng Long (unit B): writes and submits the articles of the district and
    of every commune inside it (unit A's among them); no plan work, no publishing."""
    return member("bientap.huyen", roles.EDITOR, unit_b)


@pytest.fixture
def approver(unit_b):
    """An approver of UBND huyện Càng Long (unit B): publishes and withdraws the plans and articles of
    the district and of every commune inside it, so unit A's as well as unit B's."""
    return member("lanhdao.huyen", roles.APPROVER, unit_b)


@pytest.fixture
def superuser(db):
    """Sees every unit's items and may do everything in the admin but delete the public record."""
    user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    authenticator(user)
    return user


L = Locality.Kind
# (path, parent path, code, name, short name, kind), as import_localities writes them.
DEMO_LOCALITIES = [
    ("O49/", None, "49", "Tỉnh Quảng Nam", "Quảng Nam", L.PROVINCE),
    ("O49/O503/", "O49/", "503", "Thành phố Hội An", "Hội An", L.PROVINCIAL_CITY),
    ("O72/", None, "72", "Tỉnh Tây Ninh", "Tây Ninh", L.PROVINCE),
    ("O62/", None, "62", "Tỉnh Kon Tum", "Kon Tum", L.PROVINCE),
    ("O79/", None, "79", "Thành phố Hồ Chí Minh", "Hồ Chí Minh", L.CENTRAL_CITY),
    ("O79/H-quan-9/", "O79/", "763", "Quận 9", "9", L.URBAN_DISTRICT),
    ("O79/H-quan-9/H-phu-huu/", "O79/H-quan-9/", "26866", "Phường Phú Hữu", "Phú Hữu", L.WARD),
    ("O84/", None, "84", "Tỉnh Trà Vinh", "Trà Vinh", L.PROVINCE),
    ("O84/O844/", "O84/", "844", "Huyện Càng Long", "Càng Long", L.RURAL_DISTRICT),
]


@pytest.fixture
def localities(db):
    """The units the demo plans hang on, as import_localities writes them (without the 14,000 others)."""
    units = {}
    for path, parent, code, name, short_name, kind in DEMO_LOCALITIES:
        units[path] = LocalityFactory(
            path=path, code=code, name=name, short_name=short_name, kind=kind,
            parent=units[parent] if parent else None,
        )
    return units


@pytest.fixture
def demo(localities, settings):
    """The demo plans, accounts and news, loaded as `make run` does."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # seven accounts per load
    call_command("load_demo", stdout=StringIO())
