import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.uploads import validate_document
from tests import documents

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize("name, content", [
    ("ke-hoach.pdf", documents.PDF_BYTES),
    ("ke-hoach.docx", documents.ooxml("word/document.xml")),
    ("chi-tieu.xlsx", documents.ooxml("xl/workbook.xml")),
    ("anh.png", documents.png_bytes()),
])
def test_real_documents_are_accepted(name, content):
    validate_document(SimpleUploadedFile(name, content))


@pytest.mark.parametrize("name, content, message", [
    ("ke-hoach.pdf", documents.EXE_BYTES, "không phải là một trong các định dạng"),
    ("ke-hoach.docx", documents.ooxml(with_macros=True), "macro"),
    ("ke-hoach.docx", documents.PDF_BYTES, "không khớp"),
    ("anh.png", b"\x89PNG\r\n\x1a\n" + b"broken", "không phải là một trong các định dạng"),
    ("ke-hoach.pdf", b"", "Tệp rỗng"),
])
def test_files_are_judged_by_content_not_name(name, content, message):
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile(name, content))
    assert message in str(error.value.messages)


def test_oversized_file_gets_a_clear_vietnamese_error(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("lon.pdf", documents.PDF_BYTES + b"0" * 2048))
    assert "Tệp quá lớn" in error.value.messages[0]
