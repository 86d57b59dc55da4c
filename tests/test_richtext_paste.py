"""Pasting from Word and LibreOffice: headings, lists, bold and links survive; nothing else does."""

import pytest

from publishing.richtext import RICH_TEXT_EXTENSIONS, sanitize_rich_text

# What Word (Microsoft 365, Windows) puts on the clipboard for a heading, a bulleted list with a
# second level, a numbered list and a link, trimmed of its <head>.
WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=VI style='tab-interval:36.0pt'>
<!--StartFragment-->
<h1 style='mso-outline-level:1'><span lang=VI>Mục đích, yêu cầu</span></h1>
<p class=MsoNormal>Nâng cao <b style='mso-bidi-font-weight:normal'>nhận thức</b> của cán bộ<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Tuyên truyền trên báo chí<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Báo Trà Vinh<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Tuyên truyền qua <a href="https://cchc.travinh.gov.vn/">Cổng thông tin</a><o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Quý I: xây dựng kế hoạch<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Quý IV: báo cáo kết quả<o:p></o:p></p>
<!--EndFragment-->
</body></html>"""

# What LibreOffice Writer 24 puts on the clipboard: real lists, <b>, <font>, classes and styles.
LIBREOFFICE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN"><html><head>
<meta http-equiv="content-type" content="text/html; charset=utf-8"/><style type="text/css">p { line-height: 115%; }</style>
</head><body lang="vi-VN" dir="ltr">
<h1 class="western">Mục đích, yêu cầu</h1>
<p style="line-height: 100%; margin-bottom: 0cm"><font face="Times New Roman"><b>Nâng cao</b> nhận thức</font></p>
<ul><li><p style="margin-bottom: 0cm">Tuyên truyền trên báo chí</p>
<ul><li><p style="margin-bottom: 0cm">Báo Trà Vinh</p></li></ul></li>
<li><p style="margin-bottom: 0cm"><a href="https://cchc.travinh.gov.vn/">Cổng thông tin</a></p></li></ul>
<ol><li><p style="margin-bottom: 0cm"><span style="background: #ffff00">Quý I</span>: xây dựng kế hoạch</p></li></ol>
<p><img src="file:///tmp/lu1234.png" name="Hình 1"/></p>
</body></html>"""

EXPECTED_LISTS = (
    "<ul><li><p>Tuyên truyền trên báo chí</p><ul><li><p>Báo Trà Vinh</p></li></ul></li>"
    '<li><p>Tuyên truyền qua <a href="https://cchc.travinh.gov.vn/" rel="noopener noreferrer">Cổng thông tin</a></p></li></ul>'
)


def test_word_lists_become_real_nested_lists():
    cleaned = sanitize_rich_text(WORD)

    assert EXPECTED_LISTS in cleaned
    assert "<ol><li><p>Quý I: xây dựng kế hoạch</p></li><li><p>Quý IV: báo cáo kết quả</p></li></ol>" in cleaned
    assert "·" not in cleaned and "1." not in cleaned


def test_word_keeps_headings_and_bold_and_nothing_else():
    cleaned = sanitize_rich_text(WORD)

    assert "<h2>Mục đích, yêu cầu</h2>" in cleaned
    assert "<p>Nâng cao <strong>nhận thức</strong> của cán bộ</p>" in cleaned
    for leftover in ("Mso", "mso-", "style", "class", "<span", "o:p", "StartFragment", "lang="):
        assert leftover not in cleaned


def test_libreoffice_keeps_headings_lists_bold_and_links():
    cleaned = sanitize_rich_text(LIBREOFFICE)

    assert "<h2>Mục đích, yêu cầu</h2>" in cleaned
    assert "<p><strong>Nâng cao</strong> nhận thức</p>" in cleaned
    assert "<ul><li><p>Tuyên truyền trên báo chí</p>\n<ul><li><p>Báo Trà Vinh</p></li></ul></li>" in cleaned
    assert '<a href="https://cchc.travinh.gov.vn/" rel="noopener noreferrer">Cổng thông tin</a>' in cleaned
    assert "<ol><li><p>Quý I: xây dựng kế hoạch</p></li></ol>" in cleaned
    for leftover in ("<font", "style", "class", "<img", "file:", "line-height", "<span"):
        assert leftover not in cleaned


def test_bullet_paragraphs_left_by_the_editor_become_a_list():
    """Word's marks dropped (pasted into the editor without its paste handler): "·" paragraphs remain."""
    cleaned = sanitize_rich_text("<p>Mở đầu</p><p>·&nbsp;&nbsp;&nbsp; Báo chí</p><p>•\u00a0Truyền hình</p><p>Kết</p>")

    assert cleaned == "<p>Mở đầu</p><ul><li><p>Báo chí</p></li><li><p>Truyền hình</p></li></ul><p>Kết</p>"


@pytest.mark.parametrize("text", [
    "<p>1. Mục đích</p>",
    "<p>- Cán bộ, công chức</p>",
    "<p>Ông o bế</p>",
    "<ul><li><p>Đã là danh sách</p></li></ul>",
])
def test_ordinary_text_is_left_alone(text):
    assert sanitize_rich_text(text) == text


def test_the_editor_lets_the_browser_check_spelling():
    assert RICH_TEXT_EXTENSIONS["NoSpellCheck"] is False
