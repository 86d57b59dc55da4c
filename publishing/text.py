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


def unique_slug(model, base):
    """``base``, or ``base-2``, ``base-3``... whichever is free in ``model``."""
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
