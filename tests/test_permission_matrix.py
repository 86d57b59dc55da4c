"""Who may do what to whose plans and articles, cell by cell, through the admin's real URLs.

Every role (all members of the district People's Committee "UBND D", except the
administrator, who belongs to no unit) tries every action on a plan and an article
of four units: their own (D), one inside it (commune C1), a sibling (district D2)
and the parent (province P); and on a fifth, "routed": the parent's plan, and an
article written by the parent's editor, both naming D as their "địa bàn" (what the
submitter types never makes D's approver theirs). Acting on another unit's object
means guessing its id in the URL: the answer must be 403 or 404, never the form.
"preview" is the article's or the plan's preview (the admin's "Xem trên trang web" for a draft);
tests/security/test_scope_doors.py tries Django's own "view on site" door.

The expected matrix below is written out by hand from the roles the portal
promises; nothing in it is derived from the code under test.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from plans.models import Locality
from publishing import roles
from publishing.models import Status
from tests.factories import AgencyFactory, LocalityFactory, PlanFactory, member
from tests.news.factories import ArticleFactory

GROUPS = {
    "officer": roles.OFFICER,
    "editor": roles.EDITOR,
    "approver": roles.APPROVER,
    "administrator": roles.ADMINISTRATOR,
}
ACTIONS = ("list", "view", "change", "submit", "publish", "withdraw", "delete", "delete_published", "preview")

# The state each action starts from: a draft unless the action needs another one.
STARTING_STATE = {
    "publish": Status.SUBMITTED,
    "withdraw": Status.PUBLISHED,
    "delete_published": Status.PUBLISHED,
}
PUBLISHED_AT = datetime.datetime(2024, 3, 1, 8, tzinfo=datetime.UTC)
WORKFLOW_TARGET = {"submit": Status.SUBMITTED, "publish": Status.PUBLISHED, "withdraw": Status.WITHDRAWN}

NONE = "- - - - - - - - -"
# Y = allowed, - = denied; columns in the order of ACTIONS:
#                                   list view change submit publish withdraw delete delete_published preview
EXPECTED = {
    # Communications officer: drafts and submits their own agency's plans; never publishes; no news.
    ("officer", "plan", "own"):         "Y Y Y Y - - Y - Y",
    ("officer", "plan", "inside"):      NONE,
    ("officer", "plan", "sibling"):     NONE,
    ("officer", "plan", "parent"):      NONE,
    ("officer", "plan", "routed"):      NONE,
    ("officer", "article", "own"):      NONE,
    ("officer", "article", "inside"):   NONE,
    ("officer", "article", "sibling"):  NONE,
    ("officer", "article", "parent"):   NONE,
    ("officer", "article", "routed"):   NONE,
    # Editor: writes and submits the articles of their locality and the units inside it; no plan work.
    ("editor", "plan", "own"):          NONE,
    ("editor", "plan", "inside"):       NONE,
    ("editor", "plan", "sibling"):      NONE,
    ("editor", "plan", "parent"):       NONE,
    ("editor", "plan", "routed"):       NONE,
    ("editor", "article", "own"):       "Y Y Y Y - - Y - Y",
    ("editor", "article", "inside"):    "Y Y Y Y - - Y - Y",
    ("editor", "article", "sibling"):   NONE,
    ("editor", "article", "parent"):    NONE,
    ("editor", "article", "routed"):    NONE,
    # Approver: everything on plans and articles of their locality and inside it, but the public record stays.
    ("approver", "plan", "own"):        "Y Y Y Y Y Y Y - Y",
    ("approver", "plan", "inside"):     "Y Y Y Y Y Y Y - Y",
    ("approver", "plan", "sibling"):    NONE,
    ("approver", "plan", "parent"):     NONE,
    ("approver", "plan", "routed"):     NONE,
    ("approver", "article", "own"):     "Y Y Y Y Y Y Y - Y",
    ("approver", "article", "inside"):  "Y Y Y Y Y Y Y - Y",
    ("approver", "article", "sibling"): NONE,
    ("approver", "article", "parent"):  NONE,
    ("approver", "article", "routed"):  NONE,
    # Administrator: manages users, localities, agencies and channels; no editorial work at all.
    ("administrator", "plan", "own"):         NONE,
    ("administrator", "plan", "inside"):      NONE,
    ("administrator", "plan", "sibling"):     NONE,
    ("administrator", "plan", "parent"):      NONE,
    ("administrator", "plan", "routed"):      NONE,
    ("administrator", "article", "own"):      NONE,
    ("administrator", "article", "inside"):   NONE,
    ("administrator", "article", "sibling"):  NONE,
    ("administrator", "article", "parent"):   NONE,
    ("administrator", "article", "routed"):   NONE,
}

# Cells where the portal does not yet behave as promised: (role, model, unit, action) -> reason.
KNOWN_BUGS = {}

ALLOW, DENY = "allow", "deny"
# (role, model, unit, action, expected, outcome) of every cell run, for the closing count.
RESULTS = []


def cells():
    for (role, model, unit), row in EXPECTED.items():
        for action, mark in zip(ACTIONS, row.split(), strict=True):
            expected = ALLOW if mark == "Y" else DENY
            bug = KNOWN_BUGS.get((role, model, unit, action))
            marks = [pytest.mark.xfail(strict=True, reason=f"bug: {bug}")] if bug else []
            yield pytest.param(role, model, unit, action, expected, marks=marks, id=f"{role}-{model}-{unit}-{action}")


@pytest.fixture
def agencies(db):
    """The People's Committees of P, its districts D and D2, and commune C1 inside D."""
    province = LocalityFactory(short_name="P", kind=Locality.Kind.PROVINCE)
    district = LocalityFactory(short_name="D", kind=Locality.Kind.RURAL_DISTRICT, parent=province)
    commune = LocalityFactory(short_name="C1", kind=Locality.Kind.COMMUNE, parent=district)
    sibling = LocalityFactory(short_name="D2", kind=Locality.Kind.RURAL_DISTRICT, parent=province)
    return {
        "own": AgencyFactory(locality=district, name="UBND D"),
        "inside": AgencyFactory(locality=commune, name="UBND C1"),
        "sibling": AgencyFactory(locality=sibling, name="UBND D2"),
        "parent": AgencyFactory(locality=province, name="UBND P"),
    }


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def staff_member(role, agencies):
    """A user in the real group of ``role``; everyone but the administrator belongs to UBND D.

    Not the shared fixtures of tests/conftest.py: the matrix needs its own four units
    (a sibling and a parent besides the commune inside) and the administrator."""
    if role == "administrator":
        return member(role, GROUPS[role])
    return member(role, GROUPS[role], agencies["own"])


def make_item(model, unit, agencies, status):
    """The item of ``unit``; a "routed" one is the parent's, naming the own district as its "địa bàn"."""
    published_at = PUBLISHED_AT if status == Status.PUBLISHED else None
    agency = agencies["parent" if unit == "routed" else unit]
    locality = agencies["own"].locality if unit == "routed" else agency.locality
    title = f"Matrix {model} of {unit} {agency.name}, {status}"
    if model == "plan":
        return PlanFactory(agency=agency, locality=locality, title=title, status=status, published_at=published_at)
    author = member(f"bientap.{unit}", roles.EDITOR, agency) if unit == "routed" else None
    return ArticleFactory(locality=locality, title=title, status=status, published_at=published_at, created_by=author)


def admin_url(item, view, *args):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_{view}", args=args)


def reload(item):
    return type(item).objects.filter(pk=item.pk).first()


def verdict(outcome):
    """ALLOW or DENY, without the detail (status code, form errors) that follows it."""
    return outcome.split(" ")[0]


def unclear(response):
    return f"unclear: {response.status_code} {response.get('Location', '')}".strip()


def try_list(client, item, superuser):
    response = client.get(admin_url(item, "changelist"))
    if response.status_code == 403:
        return f"{DENY} 403"
    if response.status_code != 200:
        return unclear(response)
    return ALLOW if item.title in response.content.decode() else f"{DENY} 200, not listed"


def try_view(client, item, superuser):
    response = client.get(admin_url(item, "change", item.pk))
    if response.status_code in (403, 404):
        return f"{DENY} {response.status_code}"
    if response.status_code == 200 and item.title in response.content.decode():
        return ALLOW
    return unclear(response)


def form_data(response):
    """What the change page posts back when Save is pressed untouched; None for a read-only page."""
    if response.status_code != 200 or "adminform" not in response.context:
        return None
    form = response.context["adminform"].form
    if "title" not in form.fields:
        return None
    forms = [form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for each in forms:
        for bound in each:
            value = bound.value()
            if value is None or value is False or (hasattr(value, "name") and not value):
                continue
            if value is True:
                value = "on"
            data[bound.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


def try_change(client, item, superuser):
    url = admin_url(item, "change", item.pk)
    # Someone without the form can still forge the whole POST: build it as a superuser sees it.
    data = form_data(client.get(url)) or form_data(superuser.get(url))
    assert data is not None, "the superuser could not open the change form"
    data["title"] = f"{item.title} (sửa)"
    response = client.post(url, data)
    changed = reload(item).title == data["title"]
    if changed and response.status_code == 302:
        return ALLOW
    if changed:
        return unclear(response)
    if response.status_code in (403, 404):
        return f"{DENY} {response.status_code}"
    if response.status_code == 200 and "adminform" in response.context:
        return f"{DENY} 200, re-rendered: {response.context['adminform'].form.errors.as_text()}"
    return unclear(response)


def workflow_step(action):
    def try_step(client, item, superuser):
        response = client.post(admin_url(item, "workflow", item.pk, action), {"comment": "Lý do"})
        status = reload(item).status
        if status == WORKFLOW_TARGET[action] and response.status_code == 302:
            return ALLOW
        if status == item.status and response.status_code in (403, 404):
            return f"{DENY} {response.status_code}"
        return unclear(response)
    return try_step


def try_delete(client, item, superuser):
    response = client.post(admin_url(item, "delete", item.pk), {"post": "yes"})
    gone = reload(item) is None
    if gone and response.status_code == 302:
        return ALLOW
    if not gone and response.status_code in (403, 404):
        return f"{DENY} {response.status_code}"
    return unclear(response)


def try_preview(client, item, superuser):
    """An article's or a plan's preview, where the admin's "Xem trên trang web" leads for a draft."""
    url = reverse(f"{item._meta.app_label}:preview", args=[item.pk])
    response = client.get(url, headers={"User-Agent": "Mozilla/5.0 Firefox/130.0"})
    if response.status_code in (403, 404):
        return f"{DENY} {response.status_code}"
    if response.status_code == 200 and item.title in response.content.decode():
        return ALLOW
    if response.status_code == 302 and response["Location"].endswith(item.get_absolute_url()):
        return ALLOW
    return unclear(response)


ATTEMPTS = {
    "list": try_list,
    "view": try_view,
    "change": try_change,
    "submit": workflow_step("submit"),
    "publish": workflow_step("publish"),
    "withdraw": workflow_step("withdraw"),
    "delete": try_delete,
    "delete_published": try_delete,
    "preview": try_preview,
}


@pytest.fixture
def superuser_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("role, model, unit, action, expected", list(cells()))
def test_each_role_may_do_exactly_what_its_cell_says(client, superuser_client, agencies, role, model, unit, action,
                                                     expected):
    item = make_item(model, unit, agencies, STARTING_STATE.get(action, Status.DRAFT))
    client.force_login(staff_member(role, agencies))

    outcome = ATTEMPTS[action](client, item, superuser_client)

    RESULTS.append((role, model, unit, action, expected, outcome))
    assert verdict(outcome) == expected, f"{role} {action} on the {model} of {agencies[unit]}: {outcome}"


@pytest.mark.parametrize("model_admin", [
    "auth_user", "plans_locality", "plans_agency", "plans_channel", "plans_membership", "news_category",
])
def test_the_administrator_opens_the_lists_they_manage(client, agencies, model_admin):
    client.force_login(staff_member("administrator", agencies))

    assert client.get(reverse(f"admin:{model_admin}_changelist")).status_code == 200


@pytest.mark.parametrize("role", ["officer", "editor", "approver"])
def test_only_the_administrator_manages_accounts(client, agencies, role):
    client.force_login(staff_member(role, agencies))

    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:plans_membership_changelist")).status_code == 403


def test_the_matrix_has_no_unexpected_allow(capsys):
    if not RESULTS:
        pytest.skip("no cell of the matrix ran")
    allowed = sum(verdict(outcome) == ALLOW for *_, outcome in RESULTS)
    # Anything but a clean refusal on a "deny" cell counts as a leak.
    leaks = [cell for cell in RESULTS if cell[4] == DENY and verdict(cell[5]) != DENY]
    refused = [cell for cell in RESULTS if cell[4] == ALLOW and verdict(cell[5]) != ALLOW]
    known = [cell for cell in leaks + refused if cell[:4] in KNOWN_BUGS]
    with capsys.disabled():
        print(f"\npermission matrix: {len(RESULTS)} cells, {allowed} allowed, {len(RESULTS) - allowed} denied; "
              f"unexpected: {len(leaks)} allows, {len(refused)} denials ({len(known)} of them known bugs)")
        for role, model, unit, action, expected, outcome in leaks + refused:
            print(f"  {role} {action} on the {unit} unit's {model}: expected {expected}, got {outcome}")

    assert [cell for cell in leaks if cell[:4] not in KNOWN_BUGS] == []
