"""What every uploaded file goes through, whatever it is attached to.

An empty file gets a plain Vietnamese error, and a picture is stored as a fresh
encoding of its pixels: nothing else the uploaded bytes carried (EXIF with GPS
position, comments, ICC or XMP blocks, a PDF or a script appended after the
image data) reaches the storage. Only the Pillow plugins of the formats we take
ever read an upload (never EPS, which hands PostScript to Ghostscript), and the
pixel count is checked from the header before anything is decoded.
"""

import io
from contextlib import contextmanager
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

EMPTY_FILE_MESSAGE = "Tệp rỗng (0 byte). Hãy chọn lại đúng tệp cần tải lên."
NOT_AN_IMAGE_MESSAGE = "Tệp này không phải là ảnh hoặc ảnh bị hỏng."
# The limit on pixels (settings.IMAGE_MAX_PIXELS) defaults to 40 million, well below Pillow's own
# 89 million: a 9,459 × 9,459 PNG of 348 KB took a worker from 64 to 748 MB.

# Pillow's format name -> how a picture is written again, and the suffix its copy is stored under.
REENCODING = {
    "JPEG": ({"quality": 85}, ".jpg"),
    "PNG": ({}, ".png"),
    "WEBP": ({"quality": 85}, ".webp"),
}
_FORMAT_LABELS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
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


class ReencodableImageFormField(forms.ImageField):
    """Django's ImageField reads the upload's header with every Pillow plugin; this one only with
    those of the formats we re-encode, and refuses too many pixels (the model's validators decode)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)  # the file checks, without ImageField's own opening
        if upload is None:
            return None
        with _opened_image(upload, REENCODING) as image:
            upload.content_type = Image.MIME.get(image.format)
        return upload


class UploadImageField(_RefusesEmptyFiles, models.ImageField):
    _django_class = models.ImageField

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ReencodableImageFormField} | kwargs)


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


@contextmanager
def _opened_image(file, formats):
    """``file`` opened by the Pillow plugins of ``formats`` only, once its header shows at most
    settings.IMAGE_MAX_PIXELS; whatever Pillow raises, there or in the caller's block, becomes a ValidationError."""
    try:
        file.seek(0)
        with Image.open(file, formats=list(formats)) as image:
            if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                raise Image.DecompressionBombError
            yield image
    except ValidationError:
        raise
    except UnidentifiedImageError:
        *others, last = [_FORMAT_LABELS.get(name, name) for name in formats]
        raise ValidationError(
            "Chỉ nhận ảnh %(accepted)s: tệp này là định dạng khác hoặc không đọc được.", code="image_format_refused",
            params={"accepted": f"{', '.join(others)} hoặc {last}" if others else last},
        ) from None
    except Image.DecompressionBombError:  # ours, or Pillow's own beyond twice its limit
        raise ValidationError(
            "Ảnh có kích thước quá lớn: tối đa %(limit)s triệu điểm ảnh.", code="image_too_many_pixels",
            params={"limit": f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g}".replace(".", ",")},
        ) from None
    except Exception:  # hostile bytes make Pillow raise more than OSError and ValueError: a form error, never a 500
        raise ValidationError(NOT_AN_IMAGE_MESSAGE, code="not_an_image") from None
    finally:
        file.seek(0)


def decoded_image_format(file, formats=tuple(REENCODING)):
    """Pillow's name for the format of a picture that decodes completely, among ``formats``.

    Raises ValidationError for bytes of another format (which no other Pillow plugin reads),
    a truncated or broken picture, or one of more than settings.IMAGE_MAX_PIXELS. The picture goes
    through everything re-encoding does, so an upload that passes is stored without an error.
    """
    with _opened_image(file, formats) as image:
        _pixels_to_keep(image)
        return image.format


def reencoded_image(file, name=None):
    """A new file holding only the picture's pixels, in the format it came in.

    The orientation the camera recorded is applied first, so the picture stands as
    it was taken once EXIF is gone; colours are converted to sRGB before the ICC
    profile is dropped. Animated pictures keep their first frame. The file is named
    ``name`` (by default the upload's stem with the suffix of its format). Raises
    ValidationError if the bytes are not a JPEG, PNG or WebP picture, for callers
    that saved without validating.
    """
    with _opened_image(file, REENCODING) as image:
        options, suffix = REENCODING[image.format]
        upright, kept = _pixels_to_keep(image)
        buffer = io.BytesIO()
        upright.save(buffer, format=image.format, **options, **kept)
    return ContentFile(buffer.getvalue(), name=name or PurePosixPath(file.name).stem + suffix)


def _pixels_to_keep(image):
    """The decoded picture stood upright in sRGB without metadata, and the save options its pixels need."""
    upright = _in_srgb(ImageOps.exif_transpose(image))
    # Keep only what the pixels need; plugins read some metadata (icc_profile) from info.
    kept = {"transparency": image.info["transparency"]} if "transparency" in image.info else {}
    upright.info = {}
    return upright, kept


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
