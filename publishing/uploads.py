"""What every uploaded file goes through, whatever it is attached to.

An empty file gets a plain Vietnamese error, and a picture is stored as a fresh
encoding of its pixels: nothing else the uploaded bytes carried (EXIF with GPS
position, comments, ICC or XMP blocks, a PDF or a script appended after the
image data) reaches the storage.
"""

import io
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

EMPTY_FILE_MESSAGE = "Tệp rỗng (0 byte). Hãy chọn lại đúng tệp cần tải lên."
NOT_AN_IMAGE_MESSAGE = "Tệp này không phải là ảnh hoặc ảnh bị hỏng."

# Pillow's format name -> how a picture is written again, and the suffix its copy is stored under.
REENCODING = {
    "JPEG": ({"quality": 85}, ".jpg"),
    "PNG": ({}, ".png"),
    "WEBP": ({"quality": 85}, ".webp"),
}
_DECODE_ERRORS = (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError)
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class _RefusesEmptyFiles:
    """Django's own form says "Tập tin được gửi là rỗng."; ours says it the portal's way.

    Deconstructs as the plain Django field, so migrations do not see a new field class.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"error_messages": {"empty": EMPTY_FILE_MESSAGE}} | kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, f"django.db.models.{self._django_class.__name__}", args, kwargs


class UploadFileField(_RefusesEmptyFiles, models.FileField):
    _django_class = models.FileField


class UploadImageField(_RefusesEmptyFiles, models.ImageField):
    _django_class = models.ImageField


def refuse_empty(file):
    """For code paths that skip the form (its empty-file check runs before any validator)."""
    if not file.size:
        raise ValidationError(EMPTY_FILE_MESSAGE, code="empty")


def refuse_oversize(file, limit, *, what, code):
    """Refuse a file over ``limit`` bytes, naming it (``Tệp``, ``Ảnh``) in the message."""
    if file.size is not None and file.size > limit:
        raise ValidationError(
            "%(what)s quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.",
            code=code,
            params={"what": what, "size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )


def decoded_image_format(file):
    """Pillow's name for the format of a picture that decodes completely.

    Raises ValidationError for bytes that are not a picture, are truncated, or would
    take more memory to decode than Pillow's decompression-bomb limit allows.
    """
    try:
        file.seek(0)
        with Image.open(file) as image:
            # Pillow itself only warns up to twice its limit; no cover or scan needs that many pixels.
            if image.width * image.height > Image.MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError
            # verify() only walks the chunks; load() decodes, so a truncated picture is caught
            # here and not when it is written again on save.
            image.load()
            return image.format
    except Image.DecompressionBombError:
        raise ValidationError(
            "Ảnh có kích thước quá lớn: tối đa %(limit)s triệu điểm ảnh.", code="image_too_many_pixels",
            params={"limit": Image.MAX_IMAGE_PIXELS // 1_000_000},
        ) from None
    except _DECODE_ERRORS:
        raise ValidationError(NOT_AN_IMAGE_MESSAGE, code="not_an_image") from None
    finally:
        file.seek(0)


def reencoded_image(file, name=None):
    """A new file holding only the picture's pixels, in the format it came in.

    The orientation the camera recorded is applied first, so the picture stands as
    it was taken once EXIF is gone; colours are converted to sRGB before the ICC
    profile is dropped. Animated pictures keep their first frame. The file is named
    ``name`` (by default the upload's stem with the suffix of its format). Raises
    ValidationError if the bytes are not a JPEG, PNG or WebP picture, for callers
    that saved without validating.
    """
    try:
        file.seek(0)
        with Image.open(file) as image:
            if image.format not in REENCODING:
                raise ValidationError("Chỉ nhận ảnh JPEG, PNG hoặc WebP.", code="image_format_refused")
            options, suffix = REENCODING[image.format]
            upright = _in_srgb(ImageOps.exif_transpose(image))
            # Keep only what the pixels need; plugins read some metadata (icc_profile) from info.
            kept = {"transparency": image.info["transparency"]} if "transparency" in image.info else {}
            upright.info = {}
            buffer = io.BytesIO()
            upright.save(buffer, format=image.format, **options, **kept)
    except _DECODE_ERRORS:
        raise ValidationError(NOT_AN_IMAGE_MESSAGE, code="not_an_image") from None
    finally:
        file.seek(0)
    return ContentFile(buffer.getvalue(), name=name or PurePosixPath(file.name).stem + suffix)


def _in_srgb(image):
    icc_profile = image.info.get("icc_profile")
    # A transparent colour key (tRNS) would no longer match once colours are converted.
    if not icc_profile or "transparency" in image.info or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a profile LittleCMS cannot read is dropped without converting
