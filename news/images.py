"""Checks on uploaded images: a real JPEG, PNG or WebP under the size cap."""

from django.conf import settings
from django.core.exceptions import ValidationError

from publishing.uploads import decoded_image_format, refuse_empty, refuse_oversize

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def validate_image(file):
    refuse_empty(file)
    refuse_oversize(file, settings.IMAGE_MAX_BYTES, what="Ảnh", code="image_too_large")
    if decoded_image_format(file) not in ACCEPTED_FORMATS:
        raise ValidationError(
            "Chỉ nhận ảnh %(accepted)s.", code="image_format_refused",
            params={"accepted": ", ".join(ACCEPTED_FORMATS.values())},
        )
