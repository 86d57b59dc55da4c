"""Documents made from a text, as an office makes them: a DOCX, a PDF with a text layer, a scan.

Used by ``manage.py evaluate_importer`` for its timings and by the tests, so both measure the
same kinds of file. Needs a font with Vietnamese glyphs (Debian's fonts-dejavu-core).
"""

import io
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def docx_from_text(text):
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_from_text(text, *, font=FONT, font_size=12):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("body", fname=str(font))
    pdf.set_font("body", size=font_size)
    pdf.add_page()
    for line in text.split("\n"):
        pdf.multi_cell(0, font_size * 0.55, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scanned_pdf(pdf_bytes, *, dpi=200):
    """Each page of ``pdf_bytes`` as a picture only, as a scanner makes it: no text layer left."""
    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        pages = [document[index].render(scale=dpi / 72).to_pil().convert("L") for index in range(len(document))]
    finally:
        document.close()
    buffer = io.BytesIO()
    first, *rest = [page.convert("RGB") if isinstance(page, Image.Image) else page for page in pages]
    first.save(buffer, format="PDF", save_all=True, append_images=rest, resolution=dpi)
    return buffer.getvalue()
