"""A plan whose text states no year: listed under "Chưa rõ năm", never under an invented year."""

import pytest
from django.urls import reverse

from plans.models import Plan
from tests.factories import DraftPlanFactory, PlanFactory
from tests.plans.test_admin_drafting import ADD_URL, plan_form
from tests.plans.test_plan_page import jsonld_of

pytestmark = pytest.mark.django_db

ARCHIVE = reverse("plans:list")
UNKNOWN_YEAR_PAGE = reverse("plans:list-unknown-year")


def yearless(agency, **fields):
    return PlanFactory(
        agency=agency, period_start=None, period_end=None, number="137/KH-UBND",
        title="Kế hoạch tăng cường thông tin, tuyên truyền cải cách hành chính", **fields,
    )


def year_facet(response):
    return [(item.label, item.count, item.url) for item in response.context["facets"]["years"]]


def listed(response):
    """The plans the page's cards show, by id."""
    return {card.pk for card in response.context["plans"]}


def test_the_unknown_year_page_has_its_own_address():
    assert UNKNOWN_YEAR_PAGE == "/ke-hoach/chua-ro-nam/"


def test_a_plan_without_a_year_has_its_own_facet_entry_after_the_years(visitor, unit_b):
    dated = PlanFactory(agency=unit_b, period_start=2024)
    undated = yearless(unit_b)

    response = visitor.get(ARCHIVE)

    assert listed(response) == {dated.pk, undated.pk}
    assert year_facet(response) == [
        ("2024", 1, f"{ARCHIVE}?year=2024"),
        ("Chưa rõ năm", 1, f"{ARCHIVE}?year=chua-ro-nam"),
    ]


def test_a_plan_without_a_year_is_in_no_year(visitor, unit_b):
    PlanFactory(agency=unit_b, period_start=2024)
    undated = yearless(unit_b)

    for year in (2024, undated.created_at.year, undated.issue_date.year):
        response = visitor.get(reverse("plans:list-year", args=[year]))
        assert undated.pk not in listed(response)


def test_the_unknown_year_page_lists_only_plans_without_a_year(visitor, unit_b):
    PlanFactory(agency=unit_b, period_start=2024)
    undated = yearless(unit_b)

    response = visitor.get(UNKNOWN_YEAR_PAGE)
    page = response.content.decode()

    assert response.status_code == 200
    assert listed(response) == {undated.pk}
    assert "Năm kế hoạch: <strong>Chưa rõ năm</strong>" in page
    assert '<dd>Chưa rõ năm</dd>' in page  # on the plan's card
    assert 'aria-current="true">Chưa rõ năm</a>' in page


def test_the_year_parameter_takes_the_unknown_year_with_other_filters(visitor, unit_a, unit_b):
    undated_a, undated_b = yearless(unit_a), yearless(unit_b)

    response = visitor.get(ARCHIVE, {"year": "chua-ro-nam", "agency": unit_a.slug})

    assert response.status_code == 200
    assert listed(response) == {undated_a.pk}
    assert undated_b.pk not in listed(response)
    choices = dict(response.context["form"].fields["year"].widget.choices)
    assert choices["chua-ro-nam"] == "Chưa rõ năm"


def test_a_draft_without_a_year_stays_hidden(visitor, unit_b):
    DraftPlanFactory(agency=unit_b, period_start=None, period_end=None)

    response = visitor.get(UNKNOWN_YEAR_PAGE)

    assert response.status_code == 200
    assert listed(response) == set()
    assert year_facet(visitor.get(ARCHIVE)) == []
    # Asked for, the choice shows what was asked; otherwise only public plans without a year offer it.
    assert "chua-ro-nam" not in dict(visitor.get(ARCHIVE).context["form"].fields["year"].widget.choices)


def test_a_bad_year_still_answers_400_with_a_vietnamese_message(visitor, unit_b):
    yearless(unit_b)

    response = visitor.get(ARCHIVE, {"year": "chua-ro"})

    assert response.status_code == 400
    assert "Năm phải là một số" in response.content.decode()


def test_the_plan_page_says_the_year_is_unknown_and_invents_none(visitor, unit_b):
    plan = yearless(unit_b)

    page = visitor.get(plan.get_absolute_url()).content.decode()

    assert "<dt>Năm kế hoạch</dt><dd>Chưa rõ năm</dd>" in page
    assert "None" not in page
    assert "temporalCoverage" not in jsonld_of(page)
    assert "năm Chưa rõ" not in page
    assert "Kế hoạch thông tin, tuyên truyền cải cách hành chính số 137/KH-UBND" in page  # the summary


def test_the_slug_of_a_plan_without_a_year_names_no_year(unit_b):
    plan = yearless(unit_b)

    assert "none" not in plan.slug
    assert plan.slug.startswith("ke-hoach-137-kh-ubnd-")


def test_an_officer_leaves_the_year_empty_when_the_text_states_none(client, officer_b, unit_b):
    client.force_login(officer_b)

    form_page = client.get(ADD_URL).content.decode()
    response = client.post(ADD_URL, plan_form(unit_b, year=""))

    assert "Để trống nếu văn bản không ghi năm" in form_page
    assert response.status_code == 302, response.context["adminform"].form.errors
    plan = Plan.objects.get()
    assert (plan.period_start, plan.period_end, plan.period_label) == (None, None, "Chưa rõ năm")


def test_an_end_year_without_a_start_year_is_a_form_error(client, officer_b, unit_b):
    client.force_login(officer_b)
    data = plan_form(unit_b, year="")
    data["period_end"] = "2025"

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "để trống cả hai ô" in errors["period_start"][0]
    assert not Plan.objects.exists()


def test_the_admin_list_filters_plans_without_a_year(client, officer_b, unit_b):
    dated = PlanFactory(agency=unit_b, period_start=2024, status=Plan.Status.DRAFT, published_at=None)
    undated = yearless(unit_b, status=Plan.Status.DRAFT, published_at=None)
    client.force_login(officer_b)

    response = client.get(reverse("admin:plans_plan_changelist"), {"year": "chua-ro-nam"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [undated]
    assert dated not in response.context["cl"].result_list
    assert "Chưa rõ năm" in response.content.decode()


def test_a_year_out_of_range_says_what_to_enter_in_its_own_row(client, officer_b, unit_b):
    client.force_login(officer_b)

    response = client.post(ADD_URL, plan_form(unit_b, year="1999"))

    page = response.content.decode()
    row = page[page.index('<div class="form-row errors field-period_start">'):page.index('field-period_end">')]
    assert "Năm kế hoạch phải từ 2000 đến 2100, ví dụ 2024." in row
    assert "Năm kế hoạch (đến)" not in row  # the message does not run into the next field's label


def test_the_home_page_links_the_unknown_year_only_when_a_plan_has_none(visitor, unit_b):
    PlanFactory(agency=unit_b, period_start=2024)
    link = f'<a href="{UNKNOWN_YEAR_PAGE}">Chưa rõ năm</a>'
    assert link not in visitor.get(reverse("home")).content.decode()

    yearless(unit_b)

    assert link in visitor.get(reverse("home")).content.decode()
