"""Checks on uploaded images: a real JPEG, PNG or WebP under the size cap."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from portal.uploads import decoded_image_format, refuse_empty

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def validate_image(file):
    refuse_empty(file)
    limit = settings.IMAGE_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            "Ảnh quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    if decoded_image_format(file) not in ACCEPTED_FORMATS:
        raise ValidationError(
            "Chỉ nhận ảnh %(accepted)s.", code="image_format_refused",
            params={"accepted": ", ".join(ACCEPTED_FORMATS.values())},
        )
