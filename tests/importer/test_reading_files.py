"""The same plan as a DOCX, a PDF and a scan reads the same; bad files get a reason in Vietnamese."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plans.importer.reading import MAX_PAGES
from plans.importer.service import ImportRefused, extract_document
from plans.importer.specimens import docx_from_text, pdf_from_text, scanned_pdf
from plans.models import Plan
from tests import documents
from tests.importer.conftest import needs_font, needs_tesseract, text_of

pytestmark = pytest.mark.django_db

PLAN = "01_plan_district_full.txt"


def without_reading(facts):
    """The facts, without how the file was read (its kind, pages, time)."""
    return {key: value for key, value in facts.items() if key != "reading"}


def test_docx_gives_the_same_facts_as_its_text():
    text = text_of(PLAN)
    from_text = extract_document(text.encode(), "ke-hoach.txt")

    from_docx = extract_document(docx_from_text(text), "ke-hoach.docx")

    assert without_reading(from_docx) == without_reading(from_text)
    assert from_docx["number"] == "24/KH-UBND"


def test_pdf_gives_the_same_facts_as_its_text():
    needs_font()
    text = text_of(PLAN)
    from_text = extract_document(text.encode(), "ke-hoach.txt")

    from_pdf = extract_document(pdf_from_text(text), "ke-hoach.pdf")

    assert without_reading(from_pdf) == without_reading(from_text)
    assert from_pdf["reading"]["read_by_ocr"] is False


def test_docx_header_in_a_table_reads_like_the_printed_header():
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (left, right) in enumerate([
        ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("XÃ LONG HỮU", "Độc lập - Tự do - Hạnh phúc"),
        ("Số: 19/KH-UBND", "Long Hữu, ngày 08 tháng 02 năm 2024"),
    ]):
        table.cell(row, 0).text, table.cell(row, 1).text = left, right
    for line in ("KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2024"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)

    facts = extract_document(buffer.getvalue(), "ke-hoach.docx")

    assert (facts["number"], facts["issue_date"], facts["issuer"], facts["period_start"]) == (
        "19/KH-UBND", "2024-02-08", "UBND xã Long Hữu", 2024)


def test_scanned_pdf_is_read_by_ocr_and_says_so():
    needs_font()
    needs_tesseract()
    header = text_of(PLAN).split("Căn cứ", 1)[0]
    scan = scanned_pdf(pdf_from_text(header, font_size=14), dpi=200)

    facts = extract_document(scan, "ke-hoach-scan.pdf")

    assert (facts["number"], facts["issue_date"], facts["issuer"]) == ("24/KH-UBND", "2023-02-05", "UBND huyện Châu Thành")
    assert facts["reading"]["read_by_ocr"] is True
    assert "OCR" in " ".join(facts["reading"]["notes"])


def test_long_pdf_is_read_up_to_the_page_limit_and_says_so():
    needs_font()
    text = text_of(PLAN) + "\n" * 2 + "\n".join(f"Trang phụ lục {page}" + "\n" * 60 for page in range(200))
    long_pdf = pdf_from_text(text)

    facts = extract_document(long_pdf, "ke-hoach-dai.pdf")

    assert facts["reading"]["pages_total"] >= 200
    assert facts["reading"]["pages_read"] == MAX_PAGES
    assert f"chỉ đọc {MAX_PAGES} trang đầu" in " ".join(facts["reading"]["notes"])
    assert facts["number"] == "24/KH-UBND"


def test_password_protected_pdf_is_refused_with_the_reason():
    needs_font()
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_from_text(text_of(PLAN)))))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)

    with pytest.raises(ImportRefused, match="được đặt mật khẩu"):
        extract_document(locked.getvalue(), "ke-hoach.pdf")


def test_empty_file_is_refused():
    with pytest.raises(ImportRefused, match="Tệp rỗng"):
        extract_document(b"", "ke-hoach.docx")


def test_docx_with_macros_is_refused_by_the_upload_checks():
    with pytest.raises(ImportRefused, match="macro"):
        extract_document(documents.ooxml(with_macros=True), "ke-hoach.docx")


def test_text_that_is_not_a_plan_is_refused():
    with pytest.raises(ImportRefused, match="Không tìm thấy kế hoạch trong văn bản"):
        extract_document(text_of("18_not_a_plan.txt").encode(), "tin.txt")


def test_html_page_is_read_without_its_scripts_and_menus():
    facts = extract_document((text_of("14_news_page.html")).encode(), "tin.html")
    assert facts["number"] == "1254/KH-UBND"
    assert "1024" not in json.dumps(facts["evidence"])


def test_command_prints_one_json_object_and_saves_nothing(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(docx_from_text(text_of(PLAN)))
    out = io.StringIO()

    call_command("extract_plan", str(path), stdout=out)

    facts = json.loads(out.getvalue())
    assert facts["issuer"] == "UBND huyện Châu Thành"
    assert facts["channels"][0] == "cong-thong-tin-dien-tu"
    assert not Plan.objects.exists()


def test_command_reads_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text_of("02_news_district_issued.txt").encode())))
    out = io.StringIO()

    call_command("extract_plan", "-", stdout=out)

    assert json.loads(out.getvalue())["number"] == "35/KH-UBND"


def test_command_gives_the_reason_for_a_refused_file(tmp_path):
    path = tmp_path / "rong.pdf"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="Tệp rỗng"):
        call_command("extract_plan", str(path), stdout=io.StringIO())


def test_scan_without_tesseract_says_what_is_missing(monkeypatch):
    needs_font()
    monkeypatch.setattr("plans.importer.reading.ocr_available", lambda: False)
    scan = scanned_pdf(pdf_from_text(text_of(PLAN).split("Căn cứ", 1)[0]), dpi=100)

    with pytest.raises(ImportRefused, match="chưa cài tesseract"):
        extract_document(scan, "ke-hoach-scan.pdf")
