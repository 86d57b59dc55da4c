from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.management import call_command

from plans.models import Locality, Membership
from tests.factories import AgencyFactory, LocalityFactory, UserFactory


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


def make_officer(agency, username):
    officer = UserFactory(username=username, is_staff=True)
    codenames = [
        f"{action}_{model}"
        for model in ("plan", "contentgroup", "assignment", "target", "attachment")
        for action in ("add", "change", "view")
    ] + [f"delete_{model}" for model in ("contentgroup", "assignment", "target", "attachment")]
    codenames += ["view_agency", "view_locality", "view_channel"]
    officer.user_permissions.set(Permission.objects.filter(content_type__app_label="plans", codename__in=codenames))
    Membership.objects.create(user=officer, agency=agency)
    return officer


@pytest.fixture
def officer_a(unit_a):
    return make_officer(unit_a, "canbo.a")


@pytest.fixture
def officer_b(unit_b):
    return make_officer(unit_b, "canbo.b")


@pytest.fixture
def superuser(db):
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
