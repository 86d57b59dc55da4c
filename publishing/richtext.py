"""One rich-text configuration for the whole portal.

The editor's toolbar and the server-side nh3 allow-list come from the same
extension list (django-prose-editor derives one from the other), so an editor
can never produce markup that the sanitizer strips, and nothing else survives.

There are no images in rich text: the editor cannot upload (its image dialog only
takes a URL), so an article's picture is its cover, which is checked and re-encoded.
"""

import html as html_entities
import re

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField

RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    # django-prose-editor turns the browser's spell-check off by default; officers want it on.
    "NoSpellCheck": False,
}

LINK_REL = "noopener noreferrer"


def rich_text_allowlist():
    """The nh3 options: what the toolbar can produce, with our own ``rel`` on every link."""
    options = allowlist_from_extensions(expand_extensions(RICH_TEXT_EXTENSIONS))
    # nh3 refuses to set link_rel while "rel" is an allowed attribute: ours replaces the author's.
    options["attributes"]["a"].discard("rel")
    # Without a "*" entry ammonia keeps its default generic attributes, lang and title on every tag.
    options["attributes"]["*"] = set()
    options["link_rel"] = LINK_REL
    return options


_cleaner = nh3.Cleaner(**rich_text_allowlist())
# The editor submits "<p></p>" for an empty field; store "" so the field is falsy.
_EMPTY_ELEMENT = re.compile(r"^<(?P<tag>\w+)></(?P=tag)>$")


# What Word and LibreOffice put on the clipboard, made into what the toolbar produces (before nh3,
# which would otherwise drop <b> and <h1> with their meaning, and keep Word's list bullets as text).
_WORD_TAGS = [
    (re.compile(r"<(/?)b(\s[^>]*)?>", re.IGNORECASE), r"<\1strong>"),
    (re.compile(r"<(/?)i(\s[^>]*)?>", re.IGNORECASE), r"<\1em>"),
    (re.compile(r"<(/?)h1(\s[^>]*)?>", re.IGNORECASE), r"<\1h2>"),
    (re.compile(r"<(/?)h[56](\s[^>]*)?>", re.IGNORECASE), r"<\1h4>"),
]
# Word's clipboard data in comments and tags whose text is no content.
_WORD_NOISE = re.compile(r"<!--.*?-->|<(xml|style|o:p)\b[^>]*>.*?</\1>|<o:p\s*/>", re.IGNORECASE | re.DOTALL)
_PARAGRAPH = re.compile(r"<p\b(?P<attributes>[^>]*)>(?P<content>.*?)</p>", re.IGNORECASE | re.DOTALL)
_MSO_LIST = re.compile(r"mso-list:\s*l\d+\s+level(?P<level>\d+)", re.IGNORECASE)
_MSO_LIST_CLASS = re.compile(r"class=[\"']?MsoListParagraph", re.IGNORECASE)
# Word writes the bullet or number of an item in a block older browsers show and in a span marked "Ignore".
_SUPPORT_LISTS = re.compile(r"<!\[if !supportLists\]>(?P<marker>.*?)<!\[endif\]>", re.IGNORECASE | re.DOTALL)
_IGNORED_SPAN = re.compile(
    r"<span[^>]*mso-list:\s*Ignore[^>]*>(?P<marker>[^<]*(?:<span[^>]*>[^<]*</span>)?[^<]*)</span>", re.IGNORECASE,
)
# A paragraph that begins with a bullet glyph (Word's "·" of the Symbol font, "•", "▪", "o" once the
# editor has dropped Word's marks) and spaces: an item of a bulleted list.
_BULLET = "·•▪◦○§\uf0b7\uf0a7\uf0d8"
_BULLET_START = re.compile(rf"^(?P<lead>(?:\s|&nbsp;|<[^>]+>)*)[{_BULLET}](?:\s|&nbsp;|\xa0)+")
_NUMBER_MARKER = re.compile(r"^\(?[0-9]{1,3}[.)]$|^\(?[a-zA-Z][.)]$|^\(?[ivxIVX]{1,5}[.)]$")


def _text(markup):
    return html_entities.unescape(re.sub(r"<[^>]+>", "", markup)).replace("\xa0", " ").strip()


def _list_item(attributes, content):
    """(level, "ul" or "ol", the item's content) for a paragraph that is a list item, else None."""
    mso = _MSO_LIST.search(attributes)
    if mso or _MSO_LIST_CLASS.search(attributes):
        for pattern in (_SUPPORT_LISTS, _IGNORED_SPAN):
            found = pattern.search(content)
            if found:
                kind = "ol" if _NUMBER_MARKER.match(_text(found["marker"])) else "ul"
                content = content[:found.start()] + content[found.end():]
                return (int(mso["level"]) if mso else 1), kind, content
    bullet = _BULLET_START.match(content)
    if bullet:
        return 1, "ul", bullet["lead"] + content[bullet.end():]
    return None


def _nested_lists(items):
    """Word's items (level, kind, content) as nested <ul>/<ol>: a deeper item goes in the last <li>."""
    html, open_lists = [], []  # open_lists: the kind of each open list, outermost first
    for level, kind, content in items:
        while len(open_lists) > level or (len(open_lists) == level and open_lists[-1] != kind):
            html.append(f"</li></{open_lists.pop()}>")
        if len(open_lists) == level:
            html.append("</li>")
        while len(open_lists) < level:
            open_lists.append(kind)
            html.append(f"<{kind}>")
        html.append(f"<li><p>{content.strip()}</p>")
    while open_lists:
        html.append(f"</li></{open_lists.pop()}>")
    return "".join(html)


def pasted_lists_to_html(html):
    """Word's list paragraphs (``MsoListParagraph``, ``mso-list``) and paragraphs that begin with a
    bullet glyph become real lists; <b>, <i>, <h1> become what the toolbar makes."""
    html = _WORD_NOISE.sub("", html)
    for pattern, replacement in _WORD_TAGS:
        html = pattern.sub(replacement, html)
    result, items, position = [], [], 0
    for paragraph in _PARAGRAPH.finditer(html):
        between = html[position:paragraph.start()]
        item = _list_item(paragraph["attributes"], paragraph["content"])
        if items and (item is None or between.strip()):
            result.append(_nested_lists(items))
            items = []
        result.append(between)
        if item is None:
            result.append(paragraph.group())
        else:
            items.append(item)
        position = paragraph.end()
    if items:
        result.append(_nested_lists(items))
    result.append(html[position:])
    return "".join(result)


def sanitize_rich_text(html):
    """The HTML an author submitted, reduced to what the toolbar can produce."""
    cleaned = _cleaner.clean(pasted_lists_to_html(html))
    return "" if _EMPTY_ELEMENT.match(cleaned) else cleaned


def RichTextField(**kwargs):  # noqa: N802 - used like a field class
    # The model field's clean() applies sanitize_rich_text, so every ModelForm (the
    # admin's included, through full_clean) stores only cleaned HTML.
    return ProseEditorField(extensions=RICH_TEXT_EXTENSIONS, sanitize=sanitize_rich_text, **kwargs)
