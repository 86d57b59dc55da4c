"""The public plan page, read on the demo plans as a citizen would."""

import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from plans.demo.content import PLANS
from plans.models import Attachment, Locality, Plan
from tests import documents
from tests.factories import DraftPlanFactory
from tests.plans.test_plan_page import jsonld_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # load_demo creates seven accounts per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def kon_tum(demo):
    return Plan.objects.get(agency__name="UBND tỉnh Kon Tum", number="100/KH-UBND")


@pytest.fixture
def phu_huu(demo):
    return Plan.objects.get(agency__name="UBND phường Phú Hữu")


@pytest.fixture
def quan_9_plan(demo):
    """Quận 9's plan that Phú Hữu's implements, published on the portal too (a demo plan without a year)."""
    return Plan.objects.get(agency__name="UBND Quận 9", number="137/KH-UBND")


def read(client, plan):
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def between(page, start, end):
    """The part of ``page`` from ``start`` to the next ``end``."""
    begin = page.index(start)
    return page[begin:page.index(end, begin)]


def texts(tag, html):
    return [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.DOTALL)]


def test_kon_tum_page_numbers_its_five_content_groups_in_order(client, kon_tum):
    page = read(client, kon_tum)

    expected = [title for title, _ in next(p for p in PLANS if p.get("number") == "100/KH-UBND")["content_groups"]]
    groups = between(page, '<ol class="content-groups">', "</ol>")
    assert texts("h3", groups) == expected
    assert len(expected) == 5


def test_kon_tum_page_header_gives_topic_date_and_province(client, kon_tum):
    page = read(client, kon_tum)

    header = between(page, '<header class="plan-header">', "</header>")
    assert "kiểm soát thủ tục hành chính" in between(header, "<dt>Chủ đề</dt>", "</div>")
    assert '<time datetime="2020-01-09">09/01/2020</time>' in header
    assert "<dd>Tỉnh Kon Tum</dd>" in header
    assert "<dd>UBND tỉnh Kon Tum</dd>" in header
    assert "<dd>100/KH-UBND</dd>" in header
    assert "Đã công bố</span> ngày" in header
    assert page.count("<h1") == 1


def test_phu_huu_page_shows_its_nine_targets_in_a_table(client, phu_huu):
    page = read(client, phu_huu)

    table = between(page, '<table class="targets">', "</table>")
    assert "<caption>" in table
    assert len(re.findall(r'<th scope="row">', table)) == 9
    assert "<td>trên 30%</td>" in table
    assert '<th scope="col">Mức cần đạt</th>' in table


def test_phu_huu_page_names_its_bases_and_sits_under_quan_9(client, phu_huu):
    page = read(client, phu_huu)

    bases = between(page, '<section aria-labelledby="can-cu">', "</section>")
    assert "Kế hoạch số 137/KH-UBND ngày 10/04/2020 của UBND Quận 9" in bases
    assert "45/KH-UBND" in bases
    assert "Phường Phú Hữu, Quận 9, Thành phố Hồ Chí Minh" in page


def test_the_plan_and_the_plan_it_implements_link_to_each_other(client, phu_huu, quan_9_plan):
    phu_huu.legal_basis_plans.add(quan_9_plan)
    draft = DraftPlanFactory(agency=phu_huu.agency, title="Dự thảo kế hoạch bổ sung của phường Phú Hữu")
    draft.legal_basis_plans.add(quan_9_plan)

    ward_page = read(client, phu_huu)
    district_page = read(client, quan_9_plan)

    assert f'<a href="{quan_9_plan.get_absolute_url()}">{quan_9_plan.title}</a>' in between(
        ward_page, '<section aria-labelledby="can-cu">', "</section>"
    )
    implementing = between(district_page, "<h3>Các kế hoạch triển khai kế hoạch này</h3>", "</ul>")
    assert f'<a href="{phu_huu.get_absolute_url()}">{phu_huu.title}</a>' in implementing
    assert "UBND phường Phú Hữu" in implementing
    assert draft.title not in district_page


def test_sections_follow_the_order_of_the_signed_document(client, phu_huu, quan_9_plan):
    phu_huu.signer_name, phu_huu.signer_position = "Nguyễn Văn A", "Chủ tịch"
    phu_huu.save()
    phu_huu.legal_basis_plans.add(quan_9_plan)

    headings = texts("h2", read(client, phu_huu))

    order = [
        "Căn cứ ban hành", "Mục đích, yêu cầu", "Đối tượng tuyên truyền", "Chỉ tiêu", "Nội dung tuyên truyền",
        "Hình thức tuyên truyền", "Tổ chức thực hiện", "Chế độ báo cáo", "Người ký", "Kế hoạch liên quan",
    ]
    positions = [headings.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_sections_without_data_are_left_out(client, kon_tum):
    headings = texts("h2", read(client, kon_tum))

    # Kon Tum's plan states no targets, assigned units, reporting or signer.
    for absent in ("Chỉ tiêu", "Tổ chức thực hiện", "Chế độ báo cáo", "Người ký", "Kế hoạch liên quan"):
        assert absent not in headings
    assert "Nội dung tuyên truyền" in headings


def test_signed_original_is_offered_first_with_its_type_and_size(client, kon_tum):
    appendix = Attachment.objects.create(
        plan=kon_tum, title="Phụ lục phân công", kind=Attachment.Kind.APPENDIX, position=8,
        file=ContentFile(documents.ooxml(), name="phu-luc.docx"),
    )
    signed = Attachment.objects.create(
        plan=kon_tum, title="Kế hoạch 100/KH-UBND (bản ký số)", kind=Attachment.Kind.SIGNED_ORIGINAL,
        position=9, file=ContentFile(documents.PDF_BYTES, name="100-KH-UBND.pdf"),
    )

    page = read(client, kon_tum)

    items = re.findall(r'<li class="download[^"]*">(.*?)</li>', page, re.DOTALL)
    assert len(items) == 3
    first = re.sub(r"[ \n]+", " ", re.sub(r"<[^>]+>", "", items[0]))
    with translation.override("vi"):
        size = filesizeformat(signed.size)
    assert f"Tải văn bản gốc: {signed.title} (PDF, {size})" in first
    assert reverse("plans:attachment-download", args=[kon_tum.slug, signed.pk]) in items[0]
    assert "Bản tóm tắt" in items[1]
    assert appendix.title in items[2] and "Phụ lục, DOCX" in items[2]
    assert "Tải văn bản gốc" not in items[1] + items[2]


def test_json_ld_describes_the_plan_as_legislation(client, kon_tum):
    page = read(client, kon_tum)

    data = jsonld_of(page)
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "100/KH-UBND"
    assert data["legislationDate"] == data["datePublished"] == "2020-01-09"
    assert data["legislationJurisdiction"] == "Tỉnh Kon Tum"
    assert data["legislationType"] == "Kế hoạch"
    assert data["inLanguage"] == "vi"
    assert data["temporalCoverage"] == "2020"
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": "UBND tỉnh Kon Tum"}
    assert data["url"] == f"{settings.SITE_URL}{kon_tum.get_absolute_url()}"


def test_json_ld_lists_the_plans_it_is_based_on(client, phu_huu, quan_9_plan):
    phu_huu.legal_basis_plans.add(quan_9_plan)

    page = read(client, phu_huu)

    data = jsonld_of(page)
    assert data["isBasedOn"] == [f"{settings.SITE_URL}{quan_9_plan.get_absolute_url()}"]
    assert "legislationIdentifier" not in data


def test_breadcrumbs_lead_to_the_archive_of_the_province(client, phu_huu):
    page = read(client, phu_huu)

    trail = between(page, '<nav class="breadcrumbs" aria-label="Đường dẫn">', "</nav>")
    province = Locality.objects.get(path="O79/")
    assert texts("li", trail)[:3] == ["Trang chủ", "Kế hoạch", "Thành phố Hồ Chí Minh"]
    assert f'href="{reverse("plans:list-locality", args=[province.slug])}"' in trail
    assert 'aria-current="page"' in trail


def test_page_links_the_print_stylesheet_and_its_canonical_address(client, kon_tum):
    page = read(client, kon_tum)

    assert re.search(r'<link rel="stylesheet" href="[^"]*/css/print\.css" media="print">', page)
    assert f'<link rel="canonical" href="{settings.SITE_URL}{kon_tum.get_absolute_url()}">' in page
