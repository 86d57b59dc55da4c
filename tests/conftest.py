import pytest
from django.contrib.auth.models import Permission

from plans.models import Membership
from tests.factories import AgencyFactory, LocalityFactory, UserFactory


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
