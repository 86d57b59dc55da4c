"""Every page an officer, an approver and the system administrator use in the admin is in Vietnamese.

Each page is read as a person reads it (its text, and the titles, labels and placeholders a screen
reader announces), and none of the English strings below may be there. The list is the English
that officers met (issue 16) and its neighbours from the same Django and app templates.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import reverse

from plans.models import Plan
from publishing import roles
from publishing.models import Status
from tests.factories import DraftPlanFactory, PlanFactory, member
from tests.news.factories import DraftArticleFactory
from tests.plans.test_admin_drafting import ADD_URL, plan_form

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Please correct the error", "Please correct the errors", "Period label", "PERIOD LABEL", "Show counts",
    "Hide counts", "Bản ghi nhớ", "BẢN GHI NHỚ", "Toggle theme", "Skip to main content", "Toggle navigation",
    "Filter navigation items", "Breadcrumbs", "Sidebar", "Personal info", "Important dates", "Username",
    "Password", "Permissions", "Set password", "Reset password", "Change password", "History", "View on site",
    "Log out", "Save and add another", "Save and continue editing", "Add another", "Delete", "Remove",
    "Select all", "Clear all filters", "Filter", "Search", "Action:", "Go", "Run", "Home", "Close",
    "Bad Request", "Forbidden", "Not Found", "Server Error", "CSRF verification failed", "Request aborted",
    "bold", "italic", "heading", "Insert table", "Edit Link", "Model name", "Change history", "Date/time",
    "Comment", "Revert", "Recover", "Compare", "Added:", "Changed:", "Deleted:", "Error:", "entry", "entries",
]
ENGLISH_PATTERN = re.compile(r"\b(" + "|".join(re.escape(text) for text in ENGLISH) + r")\b")


class ShownText(HTMLParser):
    """The text of a page and the attributes read aloud, without scripts, styles and comments."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skipping += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)
            if name == "value" and tag == "input" and dict(attrs).get("type") in ("submit", "button"):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def english_on(response):
    parser = ShownText()
    parser.feed(response.content.decode())
    return sorted({match for match in ENGLISH_PATTERN.findall("\n".join(parser.parts))})


def english_on_pages(client, urls):
    """{url: the English strings on it} for each page that has some; every page must open."""
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if english := english_on(response):
            found[url] = english
    return found


def admin_url(item, view, *args):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_{view}", args=[item.pk, *args])


@pytest.fixture
def plans(unit_b):
    return {
        "draft": DraftPlanFactory(agency=unit_b, purposes="<ul><li><p>Nâng cao</p></li></ul>"),
        "submitted": PlanFactory(agency=unit_b, status=Status.SUBMITTED, published_at=None),
        "published": PlanFactory(agency=unit_b),
    }


def officer_pages(plans):
    draft = plans["draft"]
    return [
        reverse("admin:index"),
        reverse("admin:plans_plan_changelist"),
        reverse("admin:plans_plan_changelist") + "?year=2024&status__exact=draft",
        ADD_URL,
        admin_url(draft, "change"),
        admin_url(plans["submitted"], "change"),
        admin_url(draft, "history"),
        admin_url(draft, "workflow", "submit"),
        reverse("plans:preview", args=[draft.pk]),
        reverse("admin:password_change"),
        reverse("two-factor-setup"),
    ]


def test_the_officers_pages_are_in_vietnamese(client, officer_b, plans):
    client.force_login(officer_b)

    assert english_on_pages(client, officer_pages(plans)) == {}


def test_a_form_sent_back_with_errors_is_in_vietnamese(client, officer_b, unit_b):
    client.force_login(officer_b)
    data = plan_form(unit_b, assignments=[{"responsibilities": "Theo dõi"}])
    data["title"] = ""

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Vui lòng sửa" in response.content.decode()
    assert english_on(response) == []


def test_the_approvers_pages_are_in_vietnamese(client, approver, district, plans):
    article = DraftArticleFactory(locality=district)
    client.force_login(approver)
    urls = [
        *officer_pages(plans),
        admin_url(plans["submitted"], "workflow", "publish"),
        admin_url(plans["published"], "workflow", "withdraw"),
        reverse("admin:news_article_changelist"),
        reverse("admin:news_article_changelist") + "?status__exact=draft",
        reverse("admin:news_article_add"),
        admin_url(article, "change"),
        admin_url(article, "history"),
        reverse("news:preview", args=[article.pk]),
    ]

    assert english_on_pages(client, urls) == {}


def test_the_user_pages_of_the_system_administrator_are_in_vietnamese(client):
    administrator = member("quantri.he.thong", roles.ADMINISTRATOR)
    officer = member("canbo.moi", roles.OFFICER)
    client.force_login(administrator)

    assert english_on_pages(client, [
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_user_change", args=[officer.pk]),
        reverse("admin:auth_user_password_change", args=[officer.pk]),
        reverse("admin:auth_user_history", args=[officer.pk]),
    ]) == {}


def test_the_history_page_is_called_history_not_memo(client, officer_b, plans):
    client.force_login(officer_b)

    page = client.get(admin_url(plans["draft"], "history")).content.decode()

    assert "Lịch sử" in page
    assert "ghi nhớ" not in page.lower()


def test_error_pages_are_in_vietnamese(client, officer_b, plans, visitor):
    client.force_login(officer_b)
    not_found = visitor.get("/khong-co-trang-nay/")
    other_units = client.get(admin_url(DraftPlanFactory(), "change"))
    forbidden = client.get(admin_url(plans["submitted"], "workflow", "publish"))
    bad_request = visitor.get(reverse("plans:list") + "?year=abc")

    assert not_found.status_code == 404 and "Không tìm thấy" in not_found.content.decode()
    assert other_units.status_code == 404
    assert forbidden.status_code == 403
    assert bad_request.status_code == 400
    for response in (not_found, other_units, forbidden, bad_request):
        assert english_on(response) == [], response.request["PATH_INFO"]


@override_settings(DEBUG=False)
@pytest.mark.parametrize("template, heading", [
    ("400.html", "Yêu cầu không hợp lệ"),
    ("403.html", "Không có quyền truy cập"),
    ("403_csrf.html", "Phiên làm việc đã hết hạn"),
    ("404.html", "Không tìm thấy trang"),
    ("500.html", "Đã có lỗi xảy ra"),
])
def test_each_error_template_speaks_vietnamese(template, heading):
    html = render_to_string(template, {"reason": "CSRF cookie not set."})

    assert heading in html
    parser = ShownText()
    parser.feed(html)
    assert not ENGLISH_PATTERN.findall("\n".join(parser.parts))


def test_a_form_without_its_csrf_token_gets_the_vietnamese_page(officer_b, plans):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer_b)

    response = client.post(admin_url(plans["draft"], "change"), {"title": "x"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Phiên làm việc" in page
    assert english_on(response) == []


def test_the_editor_toolbar_and_dialogs_are_translated(client, officer_b, plans):
    client.force_login(officer_b)

    catalog = client.get(reverse("admin:jsi18n")).content.decode()

    for vietnamese in ("Sửa liên kết", "Hủy", "Cập nhật", "Chèn bảng"):
        assert json.dumps(vietnamese)[1:-1] in catalog  # the catalogue escapes non-ASCII letters


def test_view_on_site_link_is_vietnamese(client, officer_b, plans):
    client.force_login(officer_b)
    content_type = ContentType.objects.get_for_model(Plan)

    page = client.get(admin_url(plans["published"], "change")).content.decode()

    assert reverse("admin:view_on_site", args=[content_type.pk, plans["published"].pk]) in page
    assert "Xem trên trang web" in page
