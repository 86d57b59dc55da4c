"""schema.org data in pages: JSON that is safe inside ``<script>``, and dates as search engines read them."""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe

# What json.dumps leaves as is but an HTML parser would read inside <script>.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(data):
    """JSON safe inside a ``<script>`` element: no ``</script>`` or ``<!--`` can end or bend it."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def iso_local(moment):
    """``moment`` in the portal's time zone, to the second, in ISO 8601."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()
