"""One rich-text configuration for the whole portal.

The editor's toolbar and the server-side nh3 allow-list come from the same
extension list (django-prose-editor derives one from the other), so an editor
can never produce markup that the sanitizer strips, and nothing else survives.
"""

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


def RichTextField(**kwargs):  # noqa: N802 - used like a field class
    return ProseEditorField(extensions=RICH_TEXT_EXTENSIONS, sanitize=True, **kwargs)
