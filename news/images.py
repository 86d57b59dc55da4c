"""Checks on uploaded images: a real JPEG, PNG or WebP under the size and pixel caps."""

from django.conf import settings

from publishing.uploads import decoded_image_format, refuse_empty, refuse_oversize


def validate_image(file):
    refuse_empty(file)
    refuse_oversize(file, settings.IMAGE_MAX_BYTES, what="Ảnh", code="image_too_large")
    decoded_image_format(file)  # only the formats we re-encode: JPEG, PNG, WebP
