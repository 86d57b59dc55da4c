"""What the importer reads from a text, field by field, as an officer would check it."""

import pytest

from plans.importer.service import ImportRefused, extract_text

pytestmark = pytest.mark.django_db

HEADER = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN GIỒNG TRÔM Độc lập - Tự do - Hạnh phúc
Số: {number} Giồng Trôm, {date}

KẾ HOẠCH
{title}
"""


def plan_text(number="31/KH-UBND", date="ngày 12 tháng 3 năm 2024", title="Tuyên truyền cải cách hành chính năm 2024",
              body=""):
    return HEADER.format(number=number, date=date, title=title) + body


@pytest.mark.parametrize("number", ["31/KH-UBND", "132-KH/UBND", "07/KH-SNgV", "45/2024/KH-UBND"])
def test_number_is_kept_as_printed(number):
    assert extract_text(plan_text(number=number))["number"] == number


def test_bare_number_of_a_news_item():
    facts = extract_text("UBND tỉnh Hà Tĩnh ban hành Kế hoạch số 627 về tuyên truyền cải cách hành chính năm 2017.")
    assert facts["number"] == "627"


@pytest.mark.parametrize(("written", "iso"), [
    ("ngày 29 tháng 02 năm 2016", "2016-02-29"),
    ("ngày 5 tháng 1 năm 2024", "2024-01-05"),
    ("ngày 18/1/2019", "2019-01-18"),
    ("ngày 11/03/2021", "2021-03-11"),
])
def test_issue_date_in_each_way_it_is_written(written, iso):
    assert extract_text(plan_text(date=written))["issue_date"] == iso


def test_impossible_date_is_left_empty():
    assert extract_text(plan_text(date="ngày 30 tháng 02 năm 2024"))["issue_date"] is None


def test_issuer_from_the_header_is_named_as_agencies_are():
    facts = extract_text(plan_text())
    assert facts["issuer"] == "UBND huyện Giồng Trôm"
    assert "GIỒNG TRÔM" in facts["evidence"]["issuer"]


def test_department_under_the_province_in_the_header():
    text = "UBND TỈNH TRÀ VINH\nSỞ NỘI VỤ\nSố: 15/KH-SNV\nTrà Vinh, ngày 02 tháng 01 năm 2025\n\nKẾ HOẠCH\nTuyên truyền CCHC năm 2025\n"
    assert extract_text(text)["issuer"] == "Sở Nội vụ tỉnh Trà Vinh"


def test_chairman_signing_names_the_committee():
    facts = extract_text("Chủ tịch UBND tỉnh Hà Giang vừa ký ban hành Kế hoạch số 88/KH-UBND ngày 03/02/2023 "
                         "về tuyên truyền CCHC năm 2023.")
    assert facts["issuer"] == "UBND tỉnh Hà Giang"


def test_the_communication_plan_is_the_answer_not_the_decision_it_implements():
    facts = extract_text(
        "Thực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2023 của UBND tỉnh Sóc Trăng về Kế hoạch CCHC năm 2023 và "
        "Kế hoạch số 20/KH-UBND ngày 10/01/2023 của UBND tỉnh về tuyên truyền CCHC, ngày 02/02/2023 UBND huyện "
        "Kế Sách ban hành Kế hoạch số 14/KH-UBND về thông tin, tuyên truyền cải cách hành chính năm 2023."
    )
    assert (facts["number"], facts["issue_date"], facts["issuer"]) == ("14/KH-UBND", "2023-02-02", "UBND huyện Kế Sách")
    assert [basis["number"] for basis in facts["legal_bases"]] == ["12/QĐ-UBND", "20/KH-UBND"]


def test_plan_for_two_years():
    facts = extract_text(plan_text(title="Thông tin, tuyên truyền cải cách hành chính năm 2019 - 2020"))
    assert (facts["period_start"], facts["period_end"]) == (2019, 2020)


def test_plan_issued_in_december_for_the_next_year():
    facts = extract_text(plan_text(date="ngày 28 tháng 12 năm 2020", title="Tuyên truyền cải cách hành chính năm 2021"))
    assert (facts["issue_date"], facts["period_start"]) == ("2020-12-28", 2021)


def test_no_year_stated_means_no_year():
    facts = extract_text("UBND phường An Lạc xây dựng kế hoạch tuyên truyền cải cách hành chính với các nội dung sau.")
    assert (facts["period_start"], facts["period_end"], facts["number"], facts["issue_date"]) == (None, None, None, None)
    assert facts["issuer"] == "UBND phường An Lạc"


def test_day_and_month_of_a_news_item_take_the_year_of_its_dateline():
    facts = extract_text("Thứ ba, 27/02/2024\nNgày 21/02, UBND huyện Cầu Ngang ban hành Kế hoạch số 35/KH-UBND "
                         "về tuyên truyền CCHC năm 2024.")
    assert facts["issue_date"] == "2024-02-21"


def test_day_and_month_without_any_year_stay_unknown():
    facts = extract_text("Ngày 21/02, UBND huyện Cầu Ngang ban hành Kế hoạch số 35/KH-UBND về tuyên truyền CCHC.")
    assert facts["issue_date"] is None


@pytest.mark.parametrize(("title", "topic"), [
    ("Thông tin, tuyên truyền cải cách hành chính năm 2024", "cchc"),
    ("Tuyên truyền CCHC năm 2024", "cchc"),
    ("Truyền thông về hoạt động kiểm soát thủ tục hành chính năm 2024", "kiem-soat-tthc"),
    ("Tuyên truyền chuyển đổi số năm 2024", "khac"),
])
def test_topic_follows_the_title(title, topic):
    assert extract_text(plan_text(title=title))["topic"] == topic


def test_channels_in_their_abbreviations_in_order_of_first_mention():
    body = ("\nIII. HÌNH THỨC TUYÊN TRUYỀN\n- Đăng tin trên Cổng TTĐT huyện.\n- Phát trên Đài PT-TH tỉnh.\n"
            "- Treo pano, băng rôn.\n- Nhóm Zalo của ấp.\n- Qua hộp thư góp ý.\nIV. TỔ CHỨC THỰC HIỆN\n")
    facts = extract_text(plan_text(body=body))
    assert facts["channels"] == ["cong-thong-tin-dien-tu", "phat-thanh-truyen-hinh", "pa-no-ap-phich", "mang-xa-hoi"]
    assert facts["other_channels"] == ["Qua hộp thư góp ý"]


def test_lost_diacritics_of_a_database_copy():
    text = ("UY BAN NHAN DAN\nTINH BEN TRE\nSo: 132-KH/UBND Ben Tre, ngay 18 thang 01 nam 2019\n\nKE HOACH\n"
            "Thong tin, tuyen truyen cai cach hanh chinh nam 2019\n\nIII. HINH THUC\n- Cong thong tin dien tu tinh.\n")
    facts = extract_text(text)
    assert (facts["number"], facts["issue_date"], facts["issuer"], facts["period_start"], facts["topic"]) == (
        "132-KH/UBND", "2019-01-18", "UBND tỉnh Ben Tre", 2019, "cchc")
    assert facts["channels"] == ["cong-thong-tin-dien-tu"]


def test_parts_of_a_full_plan():
    body = """
I. MỤC ĐÍCH, YÊU CẦU
- Cán bộ, công chức hiểu rõ nhiệm vụ cải cách hành chính.
II. NỘI DUNG
1. Chủ trương của Đảng về cải cách hành chính: các nghị quyết.
2. Dịch vụ công trực tuyến.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Nội vụ: chủ trì, theo dõi, tổng hợp báo cáo định kỳ 6 tháng, năm.
2. Trung tâm Văn hóa, Thông tin và Thể thao: đưa tin trên sóng truyền thanh.

Nơi nhận:
- Như trên;
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Thị Lan
"""
    facts = extract_text(plan_text(body=body))
    assert facts["objectives"] == ["Cán bộ, công chức hiểu rõ nhiệm vụ cải cách hành chính."]
    assert facts["content_groups"] == ["Chủ trương của Đảng về cải cách hành chính", "Dịch vụ công trực tuyến"]
    assert [(a["unit"], a["lead"]) for a in facts["assignments"]] == [
        ("Phòng Nội vụ", True), ("Trung tâm Văn hóa, Thông tin và Thể thao", False)]
    assert "6 tháng" in facts["reporting_schedule"]
    assert facts["signer"] == {"name": "Nguyễn Thị Lan", "position": "Phó Chủ tịch"}


def test_results_of_a_year_end_article_are_not_targets():
    facts = extract_text("Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2023 của UBND huyện Mỹ Tú về tuyên truyền CCHC "
                         "năm 2023, Đài truyền thanh huyện đã phát 148 tin, bài. Phấn đấu trên 30% hồ sơ nộp trực tuyến.")
    assert facts["results"] == ["Đài truyền thanh huyện đã phát 148 tin, bài"]
    assert facts["targets"] == ["Phấn đấu trên 30% hồ sơ nộp trực tuyến"]


def test_every_filled_fact_shows_where_it_was_read():
    facts = extract_text(plan_text())
    filled = {field for field in ("number", "issue_date", "issuer", "period_start", "title") if facts[field]}
    assert filled <= set(facts["evidence"])
    assert "31/KH-UBND" in facts["evidence"]["number"]


def test_a_text_about_something_else_is_refused():
    with pytest.raises(ImportRefused, match="Không tìm thấy kế hoạch trong văn bản"):
        extract_text("Giải bóng đá thiếu niên huyện khép lại sau hai tuần thi đấu sôi nổi.")


def test_locality_of_the_issuer_when_one_unit_bears_its_name(district):
    facts = extract_text(plan_text().replace("GIỒNG TRÔM", "CÀNG LONG").replace("Giồng Trôm", "Càng Long"))
    assert facts["issuer"] == "UBND huyện Càng Long"
    assert facts["locality"] == district.slug


def test_locality_stays_empty_when_two_units_bear_the_name(province):
    from tests.factories import LocalityFactory

    LocalityFactory(short_name="Châu Thành", kind="huyen", parent=province)
    LocalityFactory(short_name="Châu Thành", kind="huyen", parent=LocalityFactory(short_name="Tiền Giang"))
    facts = extract_text(plan_text().replace("GIỒNG TRÔM", "CHÂU THÀNH").replace("Giồng Trôm", "Châu Thành"))
    assert (facts["issuer"], facts["locality"]) == ("UBND huyện Châu Thành", None)


def test_plan_issued_by_a_decision_takes_the_decision_s_number():
    facts = extract_text("Ngày 10/3/2022, UBND tỉnh Quảng Trị ban hành Quyết định số 612/QĐ-UBND ban hành Kế hoạch "
                         "thông tin, tuyên truyền cải cách hành chính năm 2022.")
    assert (facts["number"], facts["issue_date"], facts["issuer"], facts["period_start"]) == (
        "612/QĐ-UBND", "2022-03-10", "UBND tỉnh Quảng Trị", 2022)


def test_a_decision_the_plan_implements_is_not_its_number():
    facts = extract_text("Thực hiện Quyết định số 3520/QĐ-UBND ngày 28/12/2021 của UBND tỉnh về việc ban hành Kế hoạch "
                         "tuyên truyền CCHC năm 2022, ngày 15/01/2022 UBND huyện Đăk Hà ban hành Kế hoạch số 09/KH-UBND "
                         "về tuyên truyền CCHC năm 2022.")
    assert (facts["number"], facts["issue_date"], facts["issuer"]) == ("09/KH-UBND", "2022-01-15", "UBND huyện Đăk Hà")


def test_news_without_dateline_dates_a_day_and_month_by_the_plan_year_only_when_certain():
    january = extract_text("Ngày 19/02, UBND huyện Càng Long ban hành Kế hoạch số 11/KH-UBND về tuyên truyền CCHC năm 2024.")
    december = extract_text("Ngày 28/12, UBND huyện Càng Long ban hành Kế hoạch số 95/KH-UBND về tuyên truyền CCHC năm 2024.")
    assert january["issue_date"] == "2024-02-19"
    assert "năm kế hoạch 2024" in january["evidence"]["issue_date"]
    # Late in a year, a plan "for 2024" may be dated 2023 or 2024: unknown stays unknown.
    assert december["issue_date"] is None


def test_an_unnumbered_draft_does_not_take_the_number_of_the_plan_it_cites():
    body = "\nCăn cứ Kế hoạch số 05/KH-UBND ngày 10/01/2024 của UBND tỉnh Trà Vinh về tuyên truyền CCHC năm 2024;\n"
    facts = extract_text(plan_text(number="/KH-UBND", date="ngày tháng năm 2024", body=body))
    assert (facts["number"], facts["issue_date"], facts["issuer"]) == (None, None, "UBND huyện Giồng Trôm")
    assert facts["legal_bases"][0]["number"] == "05/KH-UBND"


def test_a_plan_about_something_else_than_communication_is_refused():
    with pytest.raises(ImportRefused, match="Không tìm thấy kế hoạch trong văn bản"):
        extract_text("UBND huyện Châu Thành ban hành Kế hoạch số 12/KH-UBND về sản xuất lúa vụ Đông Xuân năm 2024.")
