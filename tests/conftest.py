from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from plans.models import Locality
from publishing import roles
from tests.factories import AgencyFactory, LocalityFactory, UserFactory, member


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache (it may be a shared Redis in CI) and reads pages fresh:
    the page cache is tested on its own in tests/test_page_cache.py."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


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
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


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
