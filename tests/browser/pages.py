"""The public page types, and the steps several browser tests share."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.timezone import localtime
from django_otp.plugins.otp_totp.models import TOTPDevice

from plans.models import Agency, Locality, Plan
from tests.factories import member, totp_code

DEMO_PLAN_NUMBER = "11/KH-UBND"  # Càng Long 2024: content groups, targets, assignments, an attachment, an article
PASSWORD = "mat-khau-thu-nghiem-2024"  # UserFactory's, which member() uses


def demo_plan():
    return Plan.objects.get(agency__name="UBND huyện Càng Long", number=DEMO_PLAN_NUMBER)


def public_pages():
    """Every public page type by name, as a visitor reaches it (the demo data must be loaded;
    with ``commune_plans`` too, the archive has a real second page)."""
    plan = demo_plan()
    article = plan.articles.get()
    published = localtime(article.published_at)
    province = Locality.objects.get(path="O84/")
    return {
        "home": reverse("home"),
        "archive with filters": reverse("plans:list") + "?" + urlencode({"year": 2024, "locality": province.slug}),
        "archive with a bad filter": reverse("plans:list") + "?" + urlencode({"year": "hai-nghin"}),
        "archive, page 2": reverse("plans:list") + "?" + urlencode({"page": 2}),
        "plan": plan.get_absolute_url(),
        "news": reverse("news:list"),
        "article": article.get_absolute_url(),
        "month": reverse("news:month", kwargs={"year": published.year, "month": published.month}),
        "not found": reverse("plans:detail", kwargs={"slug": "khong-co-ke-hoach-nay"}),
        "open data": reverse("open-data"),
        "statistics": reverse("statistics") + "?" + urlencode({"year": 2024}),
        "statistics of a province": reverse("statistics") + "?" + urlencode({"year": 2020, "locality": province.slug}),
        "coverage": reverse("coverage") + "?" + urlencode({"year": 2024}),
        "coverage of a province": reverse("coverage") + "?" + urlencode({"year": 2024, "locality": province.slug}),
    }


def results_heading(page):
    """"31 kế hoạch, trang 1/2": what the archive says it found."""
    return page.locator("#ket-qua").inner_text()


def facet(page, title, label):
    """The link ``label`` in the archive's facet box ``title`` ("Tỉnh, thành phố", "Năm kế hoạch"...)."""
    box = page.locator(".facet").filter(has=page.get_by_role("heading", name=title, exact=True))
    return box.get_by_role("link", name=label, exact=True)


def search(page, words):
    """With the search box in the site header, there on every page."""
    header_search = page.get_by_role("search").first
    header_search.get_by_role("searchbox").fill(words)
    header_search.get_by_role("button", name="Tìm").click()


def staff_member(username, role, agency_name):
    """A staff user in one of the real role groups, member of a demo agency (the demo data has its own
    units, not those of the shared fixtures), with a known password."""
    return member(username, role, Agency.objects.get(name=agency_name), password=PASSWORD)


def log_in(page, user, next_url):
    """Through the admin's login page, as a person does."""
    page.goto(reverse("admin:login") + "?" + urlencode({"next": next_url}))
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if app is not None:
        page.get_by_label("Mã xác thực").fill(totp_code(app))
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"**{next_url}")


def choose(page, field_id, search, option):
    """Pick ``option`` in the admin's autocomplete box for ``field_id``, typing ``search`` first."""
    page.locator(f"#{field_id} + .select2 [role=combobox]").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def take_step(page, button):
    """A workflow button on the change page, then its confirmation page."""
    page.get_by_role("link", name=button, exact=True).click()
    page.locator("#content-main input[type=submit]").click()
    assert f"Đã thực hiện “{button}”" in page.locator(".messagelist").inner_text()
