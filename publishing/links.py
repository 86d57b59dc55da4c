"""Absolute links to the public site: canonical links, JSON-LD, Open Graph tags, share and print links.

They are built from the configured ``SITE_URL``, never from the request's ``Host``
header: a cached page carries its links to every reader, and Django checks the host's
name against ``ALLOWED_HOSTS`` but not its port.
"""

from urllib.parse import urljoin

from django.conf import settings


def absolute_url(path):
    """``path`` (``/ke-hoach/…``, a media URL) on the public site; a URL that is already
    absolute (a file on object storage) is returned as it is."""
    return urljoin(settings.SITE_URL + "/", path)
