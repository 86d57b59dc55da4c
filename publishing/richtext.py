"""One rich-text configuration for the whole portal.

The editor's toolbar and the server-side nh3 allow-list come from the same
extension list (django-prose-editor derives one from the other), so an editor
can never produce markup that the sanitizer strips, and nothing else survives.

There are no images in rich text: the editor cannot upload (its image dialog only
takes a URL), so an article's picture is its cover, which is checked and re-encoded.
"""

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


def sanitize_rich_text(html):
    """The HTML an author submitted, reduced to what the toolbar can produce."""
    cleaned = _cleaner.clean(html)
    return "" if _EMPTY_ELEMENT.match(cleaned) else cleaned


def RichTextField(**kwargs):  # noqa: N802 - used like a field class
    # The model field's clean() applies sanitize_rich_text, so every ModelForm (the
    # admin's included, through full_clean) stores only cleaned HTML.
    return ProseEditorField(extensions=RICH_TEXT_EXTENSIONS, sanitize=sanitize_rich_text, **kwargs)
