"""Every payload of the corpus, saved through the real admin forms, is harmless on the public pages."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from news.models import Article
from plans.models import Plan
from publishing.richtext import LINK_REL, rich_text_allowlist, sanitize_rich_text
from publishing.workflow import publish, submit
from tests.news.test_admin import article_form
from tests.plans.test_admin_drafting import plan_form

CORPUS = Path(__file__).with_name("xss_payloads.txt")
_ESCAPES = {r"\t": "\t", r"\n": "\n", r"\r": "\r"}


def load_payloads():
    """The corpus lines, with \\t, \\n and \\r turned into the characters they name."""
    payloads = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            payloads.append(re.sub(r"\\[tnr]", lambda match: _ESCAPES[match.group()], line))
    return payloads


PAYLOADS = load_payloads()
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "svg", "math", "base", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset", "ping"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
# Browsers drop tabs and line feeds anywhere in a URL, and control characters and spaces around
# it; dropping them everywhere is stricter.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(value):
    """The scheme a browser reads in a URL, lower-cased; None for a relative URL (WHATWG URL parsing)."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return found and found.group(1).lower()


def dangerous_url(value):
    normalized = _IGNORED_IN_URLS.sub("", value or "").lower()
    return any(scheme in normalized for scheme in DANGEROUS_SCHEMES)


class MarkupAudit(HTMLParser):
    """Walks a page's start tags as a browser's tokenizer would and lists whatever could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.json_blocks = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self._in_json = False
        if tag == "script":
            if attributes == {"type": "application/ld+json"}:
                self._in_json = True
                self.json_blocks.append("")
            elif not (attributes.get("src") or "").startswith("/static/") or set(attributes) - {"src", "defer"}:
                self.problems.append(f"<script {attrs}>")
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"<meta http-equiv={attributes['http-equiv']!r}>")
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and dangerous_url(value):
                self.problems.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._in_json:
            self.json_blocks[-1] += data

    def handle_endtag(self, tag):
        self._in_json = False


def audit(html):
    """What in ``html`` could run script; the page's JSON-LD blocks must still be JSON."""
    parser = MarkupAudit()
    parser.feed(html)
    parser.close()
    problems = list(parser.problems)
    for block in parser.json_blocks:
        try:
            json.loads(block)
        except ValueError:
            problems.append(f"JSON-LD broken: {block[:80]!r}")
    # A second net under the parser: Django escapes "<" in text and attribute values alike,
    # so these never appear raw in a page of ours.
    problems += re.findall(r"<(?:iframe|object|embed|svg|math|base)\b", html, re.IGNORECASE)
    return problems


def test_the_corpus_is_large_and_one_payload_per_line(capsys):
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS), "duplicate payloads"
    with capsys.disabled():
        print(f"\nXSS corpus: {len(PAYLOADS)} payloads from {CORPUS.name}")


class StartTags(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitizer_keeps_only_the_toolbars_markup(payload):
    allowed = rich_text_allowlist()

    cleaned = sanitize_rich_text(payload)

    for tag, attrs in StartTags(cleaned).found:
        assert tag in allowed["tags"], cleaned
        for name, value in attrs:
            assert name in allowed["attributes"].get(tag, set()) | ({"rel"} if tag == "a" else set()), cleaned
            if name == "href":
                assert url_scheme(value) in (None, "http", "https", "mailto", "tel"), cleaned
        if tag == "a":
            assert dict(attrs)["rel"] == LINK_REL, cleaned
    assert "style=" not in cleaned and not audit(cleaned), cleaned
    # Cleaning again changes nothing: what a browser re-parses is what was checked (no mutation).
    assert sanitize_rich_text(cleaned) == cleaned


def test_links_get_noopener_noreferrer_whatever_the_author_wrote():
    cleaned = sanitize_rich_text(
        '<p><a href="https://chinhphu.vn" target="_blank" rel="opener">Cổng Chính phủ</a> và '
        '<a href="/ke-hoach/">kho kế hoạch</a></p>'
    )

    assert cleaned == (
        '<p><a href="https://chinhphu.vn" rel="noopener noreferrer">Cổng Chính phủ</a> và '
        '<a href="/ke-hoach/" rel="noopener noreferrer">kho kế hoạch</a></p>'
    )


def test_the_toolbars_markup_survives_unchanged():
    html = (
        "<h2>Mục đích</h2><h3>Yêu cầu</h3><h4>Nội dung</h4><p><strong>Đậm</strong>, <em>nghiêng</em>, "
        "<u>gạch chân</u><br>xuống dòng</p><ul><li>Một</li></ul><ol start=\"3\"><li>Ba</li></ol>"
        "<blockquote><p>Trích dẫn</p></blockquote><table><thead><tr><th colspan=\"2\">Chỉ tiêu</th></tr></thead>"
        "<tbody><tr><td>Hồ sơ trực tuyến</td><td>30%</td></tr></tbody></table>"
        '<p><a href="mailto:vanphong@travinh.gov.vn" rel="noopener noreferrer">thư</a></p>'
    )

    assert sanitize_rich_text(html) == html


def test_images_are_not_part_of_rich_text_even_from_our_own_media():
    assert sanitize_rich_text('<p>Ảnh<img src="/media/news/2024/anh.jpg" alt="Hội nghị"></p>') == "<p>Ảnh</p>"


def test_an_empty_editor_stores_an_empty_string():
    assert sanitize_rich_text("<p></p>") == ""


def assert_saved(response):
    assert response.status_code == 302, response.context and [
        response.context["adminform"].form.errors,
        *[formset.formset.errors for formset in response.context.get("inline_admin_formsets", [])],
    ]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_a_plan_is_harmless_on_the_public_page(client, visitor, officer_b, approver, unit_b, payload):
    data = plan_form(unit_b, content_groups=[{"title": payload, "body": payload}])
    data |= {"title": payload, "purposes": payload}

    client.force_login(officer_b)
    assert_saved(client.post(reverse("admin:plans_plan_add"), data))
    plan = Plan.objects.get()
    submit(item=plan, by=officer_b)
    publish(item=plan, by=approver)
    # Its page, and the list whose cards Jinja2 draws (publishing/partials.py; the home page uses the same).
    for url in (plan.get_absolute_url(), reverse("plans:list")):
        response = visitor.get(url)
        assert response.status_code == 200
        assert audit(response.content.decode()) == [], url


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_an_article_is_harmless_on_the_public_page(client, visitor, editor, approver, district, payload,
                                                               settings):
    data = article_form(title=payload, summary=payload, body=payload, locality=district.pk)

    client.force_login(editor)
    assert_saved(client.post(reverse("admin:news_article_add"), data))
    article = Article.objects.get()
    submit(item=article, by=editor)
    publish(item=article, by=approver)
    for url in (article.get_absolute_url(), reverse("news:list")):
        response = visitor.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert audit(page) == [], url
        assert settings.SECRET_KEY not in page
