"""The importer's one entry point: a document in, the extract_plan JSON out. Writes nothing."""

import re
import time

from plans.importer.channels import vocabulary_from
from plans.importer.extraction import NotAPlan, extract
from plans.importer.reading import ImportRefused, read_document
from plans.models import Channel
from plans.unit_lookup import find_locality

__all__ = ["ImportRefused", "extract_document", "extract_text"]


def extract_text(text, *, vocabulary=None):
    """The facts ``text`` states about its plan; raises ImportRefused when it states no plan."""
    if vocabulary is None:
        vocabulary = vocabulary_from(Channel.objects.all())
    try:
        facts = extract(text, vocabulary)
    except NotAPlan as refusal:
        raise ImportRefused(refusal.message) from None
    facts["locality"] = locality_of(facts["issuer"])
    return facts


def extract_document(content, name, *, vocabulary=None):
    """The extract_plan JSON for a file's bytes, with how it was read (pages, OCR, notes)."""
    started = time.monotonic()
    reading = read_document(content, name)
    facts = extract_text(reading.text, vocabulary=vocabulary)
    facts["reading"] = {
        "kind": reading.kind,
        "pages_total": reading.pages_total or None,
        "pages_read": reading.pages_read or None,
        "read_by_ocr": reading.by_ocr,
        "ocr_pages": reading.ocr_pages,
        "notes": reading.notes,
        "seconds": round(time.monotonic() - started, 3),
    }
    return facts


def locality_of(issuer):
    """The slug of the unit the issuer governs, when exactly one unit bears that name; else None."""
    place = re.search(r"\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+(\S.*)$", issuer or "")
    if not place or not place.group(2).strip():
        return None
    unit = find_locality(f"{place.group(1)} {place.group(2)}")
    return getattr(unit, "slug", None)
