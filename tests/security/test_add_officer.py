""""Tạo tài khoản cán bộ": the system administrator creates an officer who can sign in and work at once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from plans.models import Membership
from publishing import roles
from tests.factories import DraftPlanFactory, member

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:auth_user_add")
PASSWORD = "Ke-hoach-CCHC-2025!"


@pytest.fixture
def administrator(db):
    return member("quantri.hethong", roles.ADMINISTRATOR)


def new_account(role_name, *agencies, **overrides):
    return {
        "username": "canbo.xa.moi",
        "full_name": "Nguyễn Thị Lan",
        "email": "lan@example.gov.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "role": Group.objects.get(name=role_name).pk,
        "agencies": [agency.pk for agency in agencies],
        **overrides,
    }


def test_one_form_makes_a_staff_officer_of_the_unit_in_the_role(client, administrator, unit_a):
    client.force_login(administrator)

    response = client.post(ADD_URL, new_account(roles.OFFICER, unit_a))

    assert response.status_code == 302, response.context["adminform"].form.errors
    officer = get_user_model().objects.get(username="canbo.xa.moi")
    assert officer.is_staff and officer.is_active and not officer.is_superuser
    assert officer.get_full_name() == "Nguyễn Thị Lan"
    assert officer.email == "lan@example.gov.vn"
    assert [group.name for group in officer.groups.all()] == [roles.OFFICER]
    assert [m.agency for m in Membership.objects.filter(user=officer)] == [unit_a]
    assert officer.check_password(PASSWORD)


def test_the_new_officer_signs_in_and_drafts_the_units_plans(client, administrator, unit_a, unit_b):
    client.force_login(administrator)
    client.post(ADD_URL, new_account(roles.OFFICER, unit_a))
    own, other = DraftPlanFactory(agency=unit_a), DraftPlanFactory(agency=unit_b)

    client.force_login(get_user_model().objects.get(username="canbo.xa.moi"))

    assert client.get(reverse("admin:plans_plan_change", args=[own.pk])).status_code == 200
    assert client.get(reverse("admin:plans_plan_change", args=[other.pk])).status_code == 404


def test_a_unit_is_required_for_a_role_that_works_for_one(client, administrator):
    client.force_login(administrator)

    response = client.post(ADD_URL, new_account(roles.OFFICER))

    assert response.status_code == 200
    assert "agencies" in response.context["adminform"].form.errors
    assert not get_user_model().objects.filter(username="canbo.xa.moi").exists()


def test_only_the_four_roles_are_offered(client, administrator):
    Group.objects.create(name="Nhóm đặc biệt")
    client.force_login(administrator)

    form = client.get(ADD_URL).context["adminform"].form

    assert sorted(group.name for group in form.fields["role"].queryset) == sorted(
        [roles.OFFICER, roles.EDITOR, roles.APPROVER, roles.ADMINISTRATOR]
    )
    special = Group.objects.get(name="Nhóm đặc biệt")
    response = client.post(ADD_URL, new_account(roles.OFFICER, role=special.pk))
    assert response.status_code == 200 and "role" in response.context["adminform"].form.errors


def test_an_officer_cannot_create_accounts(client, officer_a, unit_a):
    client.force_login(officer_a)

    assert client.post(ADD_URL, new_account(roles.OFFICER, unit_a)).status_code == 403
    assert not get_user_model().objects.filter(username="canbo.xa.moi").exists()


def test_the_add_form_says_what_it_does_in_vietnamese(client, administrator):
    client.force_login(administrator)

    page = client.get(ADD_URL).content.decode()

    for label in ("Họ và tên", "Vai trò", "Đơn vị", "Tên đăng nhập"):
        assert label in page
