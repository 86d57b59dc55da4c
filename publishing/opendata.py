"""What every machine-readable answer shares: refusing bad parameters, streaming CSV and JSON in
constant memory, sitemap XML written without the template engine.

App-agnostic: the apps say which rows and columns; this module only writes them.
"""

import csv
import io
import json
from datetime import UTC
from itertools import islice
from xml.sax.saxutils import escape

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse

# Rows read from the database and written out at a time: bounds a download's memory, and the
# queries for a batch's related rows (channels, files) to one per batch.
BATCH_ROWS = 2000
# What the sitemaps protocol allows in one file (sitemaps.org); a file of 50,000 of our
# addresses weighs about 7 MB, well under its 50 MB.
SITEMAP_MAX_URLS = 50_000
CSV_BOM = "\ufeff"  # Excel reads a CSV without it in the machine's legacy code page, garbling Vietnamese
# One encoder for every item: json.dumps with options builds a new one per call.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def parameter_errors(filterset):
    """["Label: message", ...] for each refused parameter, in the FilterSet's words."""
    form = filterset.form
    return [
        f"{form.fields[name].label if name in form.fields else name}: {message}"
        for name, messages in filterset.errors.items() for message in messages
    ]


def refuse(messages, *, as_json=False):
    """A 400 naming what was wrong, as plain text (feeds, CSV) or as JSON (JSON downloads)."""
    if as_json:
        return JsonResponse({"errors": messages}, status=400, json_dumps_params={"ensure_ascii": False})
    body = "Tham số không hợp lệ:\n" + "".join(f"- {message}\n" for message in messages)
    return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")


def batched(rows, size=BATCH_ROWS):
    """Lists of up to ``size`` items of ``rows`` (itertools.batched is Python 3.12)."""
    rows = iter(rows)
    while batch := list(islice(rows, size)):
        yield batch


def csv_download(filename, header, batches):
    """A streamed CSV download: UTF-8 with a BOM, the ``header`` row, then each batch of rows
    (lists of cells) as one chunk."""

    def chunks():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        yield (CSV_BOM + buffer.getvalue()).encode("utf-8")
        for batch in batches:
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(batch)
            yield buffer.getvalue().encode("utf-8")

    response = StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_download(head, key, batches):
    """A streamed JSON object: ``head``'s members, then ``key`` holding every item of ``batches``."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]

    def chunks():
        yield f'{opening}, "{key}": ['.encode("utf-8")
        first = True
        for batch in batches:
            text = ",\n".join(map(_encode, batch))
            if text:
                yield (("\n" if first else ",\n") + text).encode("utf-8")
                first = False
        yield b"\n]}\n"

    return StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")


def w3c_datetime(moment):
    """A sitemap's ``lastmod`` (W3C datetime, in UTC to the second); text is taken as already so."""
    if not moment or isinstance(moment, str):
        return moment or ""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sitemap_xml(entries, *, index=False):
    """A ``<urlset>`` (or, with ``index``, a ``<sitemapindex>``) of (absolute URL, last change)
    pairs, written with plain string joins: 50,000 entries take milliseconds, not the seconds
    Django's sitemap template takes."""
    outer, inner = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<{outer} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for location, lastmod in entries:
        stamp = f"<lastmod>{w3c_datetime(lastmod)}</lastmod>" if lastmod else ""
        parts.append(f"<{inner}><loc>{escape(location)}</loc>{stamp}</{inner}>\n")
    parts.append(f"</{outer}>\n")
    return HttpResponse("".join(parts), content_type="application/xml; charset=utf-8")
