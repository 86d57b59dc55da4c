"""The system administrator ("Quản trị hệ thống") manages staff accounts without becoming a superuser:
it never sees or touches a superuser, never ticks "superuser", never grants single permissions or
groups other than the roles, and cannot change its own roles; a superuser still can do all of it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.forms import MultiWidget
from django.urls import reverse

from publishing import roles
from tests.factories import UserFactory, member


@pytest.fixture
def administrator(db):
    return member("quantri.hethong", roles.ADMINISTRATOR)


@pytest.fixture
def staff_group(db):
    """A group a superuser set up by hand, with more than any role may do."""
    group = Group.objects.create(name="Nhóm đặc biệt")
    group.permissions.set(Permission.objects.all())
    return group


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def form_data(response):
    """What the change page posts back when Save is pressed untouched."""
    assert response.status_code == 200, response.status_code
    data = {}
    for bound in response.context["adminform"].form:
        value, widget = bound.value(), bound.field.widget
        if value is None or value is False:
            continue
        if isinstance(widget, MultiWidget):  # the dates: one input for the day, one for the time
            for index, (part, part_widget) in enumerate(zip(widget.decompress(value), widget.widgets, strict=True)):
                data[f"{bound.html_name}_{index}"] = part_widget.format_value(part)
        elif value is True:
            data[bound.html_name] = "on"
        else:
            data[bound.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


def save_changes(client, user, **changes):
    data = form_data(client.get(change_url(user)))
    data.update(changes)
    response = client.post(change_url(user), data)
    user.refresh_from_db()
    return response


def test_administrator_cannot_make_itself_superuser(client, administrator):
    client.force_login(administrator)

    save_changes(client, administrator, is_superuser="on")

    assert not administrator.is_superuser


def test_administrator_cannot_make_another_account_superuser(client, administrator, officer_a):
    client.force_login(administrator)

    save_changes(client, officer_a, is_superuser="on", first_name="An")

    assert officer_a.first_name == "An"  # the form was saved, without the box it may not tick
    assert not officer_a.is_superuser


def test_administrator_cannot_grant_single_permissions(client, administrator, officer_a):
    client.force_login(administrator)
    publish = Permission.objects.get(codename="publish_plan")

    save_changes(client, officer_a, user_permissions=[str(publish.pk)])

    assert not officer_a.user_permissions.exists()
    assert not officer_a.has_perm("plans.publish_plan")


def test_administrator_cannot_put_an_account_in_a_group_other_than_the_roles(client, administrator, officer_a,
                                                                           staff_group):
    client.force_login(administrator)
    officer = Group.objects.get(name=roles.OFFICER)

    response = save_changes(client, officer_a, groups=[str(officer.pk), str(staff_group.pk)])

    assert response.status_code == 200  # the form again, with the error beside the field
    assert set(officer_a.groups.all()) == {officer}


def test_administrator_assigns_the_roles(client, administrator, officer_a):
    client.force_login(administrator)
    approver = Group.objects.get(name=roles.APPROVER)

    response = save_changes(client, officer_a, groups=[str(approver.pk)])

    assert response.status_code == 302
    assert set(officer_a.groups.all()) == {approver}


def test_administrator_is_offered_only_the_roles(client, administrator, officer_a, staff_group):
    client.force_login(administrator)

    form = client.get(change_url(officer_a)).context["adminform"].form

    assert {group.name for group in form.fields["groups"].queryset} == {
        roles.OFFICER, roles.EDITOR, roles.APPROVER, roles.ADMINISTRATOR,
    }
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields


def test_administrator_cannot_change_its_own_roles(client, administrator):
    client.force_login(administrator)
    approver = Group.objects.get(name=roles.APPROVER)

    save_changes(client, administrator, groups=[str(approver.pk)], first_name="Quản trị")

    assert administrator.first_name == "Quản trị"
    assert set(administrator.groups.values_list("name", flat=True)) == {roles.ADMINISTRATOR}


@pytest.mark.parametrize("view, args", [
    ("admin:auth_user_change", []),
    ("admin:auth_user_password_change", []),
    ("admin:auth_user_history", []),
    ("admin:auth_user_delete", []),
])
def test_administrator_cannot_open_a_superusers_pages(client, administrator, superuser, view, args):
    client.force_login(administrator)

    response = client.get(reverse(view, args=[superuser.pk, *args]))

    assert response.status_code == 404


def test_administrator_cannot_open_superuser_password_form(client, administrator, superuser):
    client.force_login(administrator)
    url = reverse("admin:auth_user_password_change", args=[superuser.pk])

    response = client.post(url, {"password1": "mat-khau-moi-cua-toi-2025", "password2": "mat-khau-moi-cua-toi-2025"})

    assert response.status_code == 404
    superuser.refresh_from_db()
    assert superuser.check_password("mat-khau-thu-nghiem-2024")


def test_administrator_cannot_deactivate_or_delete_a_superuser(client, administrator, superuser):
    client.force_login(administrator)

    client.post(reverse("admin:auth_user_changelist"), {
        "action": "delete_selected", "_selected_action": [str(superuser.pk)], "post": "yes",
    })

    superuser.refresh_from_db()
    assert superuser.is_active


def test_the_user_list_hides_superusers_and_accounts_with_more_rights(client, administrator, superuser, officer_a,
                                                                       staff_group):
    special = UserFactory(username="dac.biet", is_staff=True)
    special.groups.add(staff_group)
    granted = UserFactory(username="quyen.rieng", is_staff=True)
    granted.user_permissions.add(Permission.objects.get(codename="publish_plan"))
    client.force_login(administrator)

    listed = client.get(reverse("admin:auth_user_changelist")).context["cl"].result_list

    assert {user.username for user in listed} == {administrator.username, officer_a.username}
    assert client.get(change_url(special)).status_code == 404
    assert client.get(change_url(granted)).status_code == 404


def test_a_superuser_still_manages_everything(client, superuser, officer_a, staff_group):
    client.force_login(superuser)
    publish = Permission.objects.get(codename="publish_plan")

    response = save_changes(client, officer_a, is_superuser="on", groups=[str(staff_group.pk)],
                            user_permissions=[str(publish.pk)])

    assert response.status_code == 302
    assert officer_a.is_superuser
    assert set(officer_a.groups.all()) == {staff_group}
    assert officer_a.user_permissions.filter(pk=publish.pk).exists()
