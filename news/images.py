"""Checks on uploaded images: a real JPEG, PNG or WebP under the size cap."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def validate_image(file):
    limit = settings.IMAGE_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            "Ảnh quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError("Tệp này không phải là ảnh hoặc ảnh bị hỏng.", code="not_an_image") from None
    finally:
        file.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "Chỉ nhận ảnh %(accepted)s.", code="image_format_refused",
            params={"accepted": ", ".join(ACCEPTED_FORMATS.values())},
        )
