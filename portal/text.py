"""Text helpers for Vietnamese: accent folding for slugs and search keys."""

from django.utils.text import slugify
from unidecode import unidecode


def fold(text: str) -> str:
    """Lower-case ASCII form of Vietnamese text: ``Đà Nẵng`` → ``da nang``.

    Django's slugify drops ``đ`` (it has no NFKD decomposition), so we
    transliterate with unidecode first.
    """
    return unidecode(text or "").lower()


def slugify_vi(text: str) -> str:
    return slugify(unidecode(text or ""))
